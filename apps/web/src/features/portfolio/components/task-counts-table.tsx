import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../../lib/format";
import type { Portfolio } from "../portfolio.queries";

type Props = { rows: Portfolio["tasks"] };

/** Open account tasks per owner on the filtered accounts, overdue ones in red. */
export const TaskCountsTable = ({ rows }: Props) => {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("portfolio.tasksEmpty")}
      </Text>
    );
  }
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("portfolio.owner")}</Table.Th>
          <Table.Th ta="right">{t("portfolio.tasksOpen")}</Table.Th>
          <Table.Th ta="right">{t("portfolio.tasksOverdue")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.owner?.id ?? "none"}>
            <Table.Td>{row.owner?.name ?? t("portfolio.noOwner")}</Table.Td>
            <Table.Td ta="right">{formatCount(row.open, i18n.language)}</Table.Td>
            <Table.Td ta="right" c={row.overdue > 0 ? "red" : undefined}>
              {formatCount(row.overdue, i18n.language)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
