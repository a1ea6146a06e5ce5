import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { aucVerdict, formatAuc, verdictColors } from "../lab-format";

type Props = {
  auc: number | null;
  low: number | null;
  high: number | null;
  /** Larger type for the headline figure of a result. */
  size?: "md" | "lg";
};

/** "0.71 (95 %: 0.66–0.76) — 0.5 is chance", with the verdict in words beside it. */
export const AucSummary = ({ auc, low, high, size = "md" }: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const verdict = aucVerdict(auc);
  const text =
    auc === null
      ? t("healthLab.auc.unknown")
      : low !== null && high !== null
        ? t("healthLab.auc.withInterval", {
            auc: formatAuc(auc, locale),
            low: formatAuc(low, locale),
            high: formatAuc(high, locale),
          })
        : t("healthLab.auc.alone", { auc: formatAuc(auc, locale) });
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Text fw={700} fz={size === "lg" ? "xl" : "sm"} data-testid="auc-text">
        {text}
      </Text>
      <Badge color={verdictColors[verdict]} variant="light">
        {t(`healthLab.verdict.${verdict}`)}
      </Badge>
    </Group>
  );
};
