import { Table, Text } from "@mantine/core";
import { localizeText } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "../../../lib/format";
import { type HealthContribution, sortContributions } from "../health.queries";
import { formatMeasureValue, missingValueKey } from "../measure-value";

type Props = {
  contributions: readonly HealthContribution[];
  /** False when the score is insufficient data: no measure gave anything then. */
  scored?: boolean;
};

/**
 * Each measure's share of the health score, largest first: why the score is
 * what it is. Values in their units, points rounded, and each weight's share
 * among the measures with data (core's computeHealth renormalises the
 * weights over them), so contribution = points × share reads off the row.
 * A measure without a value says why (not rated, no data) and gives nothing.
 */
export const ContributionsTable = ({ contributions, scored = true }: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const lang = locale.startsWith("ja") ? "ja" : "en";
  if (contributions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("health.noContributions")}
      </Text>
    );
  }
  const total = contributions.reduce((sum, row) => sum + row.weight, 0);
  const known = contributions
    .filter((row) => row.points !== null)
    .reduce((sum, row) => sum + row.weight, 0);
  const dash = t("common.none");
  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Caption>{t("health.contributionsCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("health.measure")}</Table.Th>
              <Table.Th ta="right">{t("health.value")}</Table.Th>
              <Table.Th ta="right">{t("health.points")}</Table.Th>
              <Table.Th ta="right">{t("health.weight")}</Table.Th>
              <Table.Th ta="right">{t("health.share")}</Table.Th>
              <Table.Th ta="right">{t("health.contribution")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortContributions(contributions).map((row) => {
              const value = formatMeasureValue(row, row.value, lang);
              const counted = scored && row.points !== null && known > 0;
              return (
                <Table.Tr key={row.measure} data-missing={!counted || undefined}>
                  <Table.Td>{localizeText(row.name, lang)}</Table.Td>
                  <Table.Td ta="right">
                    {value ?? (
                      <Text span size="sm" c="dimmed">
                        {t(missingValueKey(row))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {row.points === null ? dash : formatNumber(row.points, locale, 0)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(row.weight, locale)}</Table.Td>
                  <Table.Td ta="right">
                    {counted ? formatPercent(row.weight / known, locale) : dash}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {counted ? formatNumber(row.contribution, locale, 0) : dash}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {scored ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t("health.shareHelp", {
            known: formatNumber(known, locale),
            total: formatNumber(total, locale),
          })}
        </Text>
      ) : null}
    </>
  );
};
