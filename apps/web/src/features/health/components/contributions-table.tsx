import { Table, Text } from "@mantine/core";
import { localizeText } from "@michi/core";
import { useTranslation } from "react-i18next";
import { type HealthContribution, sortContributions } from "../health.queries";

type Props = { contributions: readonly HealthContribution[] };

const number = (value: number | null, locale: string) =>
  value === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

/** Each measure's share of the health score, largest first: why the score is what it is. */
export const ContributionsTable = ({ contributions }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  if (contributions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("health.noContributions")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped>
        <Table.Caption>{t("health.contributionsCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("health.measure")}</Table.Th>
            <Table.Th ta="right">{t("health.value")}</Table.Th>
            <Table.Th ta="right">{t("health.points")}</Table.Th>
            <Table.Th ta="right">{t("health.weight")}</Table.Th>
            <Table.Th ta="right">{t("health.contribution")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortContributions(contributions).map((row) => (
            <Table.Tr key={row.measure}>
              <Table.Td>{localizeText(row.name, lang)}</Table.Td>
              <Table.Td ta="right">{number(row.value, i18n.language)}</Table.Td>
              <Table.Td ta="right">{number(row.points, i18n.language)}</Table.Td>
              <Table.Td ta="right">{number(row.weight, i18n.language)}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {number(row.contribution, i18n.language)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
