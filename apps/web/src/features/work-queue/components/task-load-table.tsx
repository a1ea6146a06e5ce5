import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../../lib/format";
import type { TaskLoad } from "../work-queue.queries";

/** Per member: open tasks, overdue ones (in red), and those due by Sunday. */
export const TaskLoadTable = ({ load }: { load: readonly TaskLoad[] }) => {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatCount(n, i18n.language);
  return (
    <Table striped aria-label={t("workQueue.loadTitle")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("workQueue.owner")}</Table.Th>
          <Table.Th ta="right">{t("workQueue.loadOpen")}</Table.Th>
          <Table.Th ta="right">{t("workQueue.loadOverdue")}</Table.Th>
          <Table.Th ta="right">{t("workQueue.loadDueThisWeek")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {load.map((row) => (
          <Table.Tr key={row.owner?.userId ?? "none"}>
            <Table.Td>{row.owner?.name || t("workQueue.noOwner")}</Table.Td>
            <Table.Td ta="right">{count(row.open)}</Table.Td>
            <Table.Td ta="right" c={row.overdue > 0 ? "red" : undefined}>
              {count(row.overdue)}
            </Table.Td>
            <Table.Td ta="right">{count(row.dueThisWeek)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
