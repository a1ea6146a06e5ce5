import { Accordion, Alert, Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { planCheckCodes } from "@michi/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { DateField } from "../../../components/date-field";
import { checkLabel, severityColor, sortFindings, useFindingMessage } from "../plan-findings";
import type { PlanTab } from "../plan-tabs";
import { placeOfFinding } from "../plan-targets";
import { type PlanChecks, planChecksQueryOptions } from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";

type Finding = PlanChecks["findings"][number];

type Props = {
  editor: PlanEditor;
  onGoTo: (next: { tab: PlanTab; node?: string | null }) => void;
};

/**
 * The plan's checks as the server runs them (the reference), on any date.
 * While an edit is being saved the list still shows the last saved version;
 * the map's badges come from the same checks run in the browser.
 */
export const ChecksPanel = ({ editor, onGoTo }: Props) => {
  const { t, i18n } = useTranslation();
  const message = useFindingMessage();
  const [asOf, setAsOf] = useState(editor.today);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : editor.today;
  const checks = useQuery({
    ...planChecksQueryOptions(editor.plan.id, validDate, editor.plan.version),
    placeholderData: keepPreviousData,
  });
  const findings: Finding[] = sortFindings(checks.data?.findings ?? []);
  const count = (severity: Finding["severity"]) =>
    findings.filter((f) => f.severity === severity).length;
  const language = i18n.resolvedLanguage === "ja" ? "ja" : "en";

  const elementCell = (finding: Finding) => {
    const place = placeOfFinding(editor.document, finding);
    const label = place.name ?? t(`plans.targets.${place.kind}`);
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" truncate maw={240}>
          {place.name ? `${t(`plans.targets.${place.kind}`)}: ${label}` : label}
        </Text>
        {place.tab !== "checks" ? (
          <Button
            size="compact-xs"
            variant="light"
            aria-label={t("plans.checks.showNamed", { name: label })}
            onClick={() =>
              onGoTo({ tab: place.tab, ...(place.nodeId ? { node: place.nodeId } : {}) })
            }
          >
            {place.nodeId ? t("plans.checks.showOnMap") : t("plans.checks.show")}
          </Button>
        ) : null}
      </Group>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs">
          {(["error", "warning", "info"] as const).map((severity) => (
            <Badge key={severity} size="lg" variant="light" color={severityColor[severity]}>
              {t(`plans.severity.${severity}`)} {count(severity)}
            </Badge>
          ))}
          {checks.isFetching ? <Loader size="xs" aria-label={t("common.loading")} /> : null}
        </Group>
        <DateField label={t("plans.checks.asOf")} value={asOf} onChange={setAsOf} w={180} />
      </Group>
      <ApiErrorAlert error={checks.error} />
      {checks.data && findings.length === 0 ? (
        <Alert color="teal" variant="light" title={t("plans.checks.allGood")}>
          {t("plans.checks.allGoodBody")}
        </Alert>
      ) : null}
      {findings.length > 0 ? (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" aria-label={t("plans.checks.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t("plans.checks.severity")}</Table.Th>
                <Table.Th>{t("plans.checks.message")}</Table.Th>
                <Table.Th>{t("plans.checks.element")}</Table.Th>
                <Table.Th w={220}>{t("plans.checks.kind")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {findings.map((finding) => (
                <Table.Tr key={`${finding.code}-${finding.target}-${finding.message.en}`}>
                  <Table.Td>
                    <Badge
                      color={severityColor[finding.severity]}
                      variant={finding.severity === "error" ? "filled" : "light"}
                    >
                      {t(`plans.severity.${finding.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{message(finding)}</Text>
                  </Table.Td>
                  <Table.Td>{elementCell(finding)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {checkLabel(i18n, finding.code)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Accordion variant="contained" radius="md">
        <Accordion.Item value="codes">
          <Accordion.Control>{t("plans.checks.whatIsChecked")}</Accordion.Control>
          <Accordion.Panel>
            <Table fz="sm" verticalSpacing={6}>
              <Table.Tbody>
                {planCheckCodes.map((check) => (
                  <Table.Tr key={check.code}>
                    <Table.Td w={110}>
                      <Badge size="sm" variant="light" color={severityColor[check.severity]}>
                        {t(`plans.severity.${check.severity}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td w={220}>{checkLabel(i18n, check.code)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {check.description[language]}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
};
