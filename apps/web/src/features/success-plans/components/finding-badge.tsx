import { Badge, List, Tooltip } from "@mantine/core";
import type { PlanFinding } from "@michi/core";
import { useTranslation } from "react-i18next";
import { severityColor, sortFindings, useFindingMessage, worstSeverity } from "../plan-findings";

/** The findings on one element: a badge coloured by the worst severity, the messages on hover. */
export const FindingBadge = ({ findings }: { findings: readonly PlanFinding[] }) => {
  const { t } = useTranslation();
  const message = useFindingMessage();
  const worst = worstSeverity(findings);
  if (!worst) return null;
  const label = t("plans.findings.count", { count: findings.length });
  return (
    <Tooltip
      multiline
      w={300}
      withArrow
      label={
        <List size="xs" spacing={4}>
          {sortFindings(findings).map((finding) => (
            <List.Item key={`${finding.code}-${finding.target}-${message(finding)}`}>
              {t(`plans.severity.${finding.severity}`)}: {message(finding)}
            </List.Item>
          ))}
        </List>
      }
    >
      <Badge
        size="sm"
        color={severityColor[worst]}
        variant={worst === "error" ? "filled" : "light"}
        aria-label={`${label}: ${sortFindings(findings).map(message).join(" / ")}`}
        style={{ cursor: "help", flexShrink: 0, overflow: "visible" }}
      >
        {worst === "info" ? "i" : "!"} {findings.length}
      </Badge>
    </Tooltip>
  );
};
