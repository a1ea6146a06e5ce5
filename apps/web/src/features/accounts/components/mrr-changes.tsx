import { Badge, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { formatMoney } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate } from "../../../lib/format";
import { accountChurnQueryOptions, type MrrChange } from "../accounts.queries";

const kindColors: Record<MrrChange["kind"], string> = {
  new: "teal",
  expansion: "teal",
  contraction: "orange",
  churn: "red",
  reactivation: "indigo",
};

/** The account's MRR movements from its contracts, newest first: downgrades show here. */
export const MrrChanges = ({ accountId }: { accountId: string }) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const history = useQuery(accountChurnQueryOptions(accountId));
  if (history.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (history.isError) return <ApiErrorAlert error={history.error} />;
  const { currency, mrrChanges } = history.data;
  const money = (minor: number) =>
    currency ? formatMoney(minor, currency, locale) : String(minor);
  const rows = [...mrrChanges].reverse();
  return (
    <Stack gap="xs" component="section" aria-label={t("mrrChanges.title")}>
      <Title order={3} size="h5">
        {t("mrrChanges.title")}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("mrrChanges.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table fz="sm" aria-label={t("mrrChanges.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("mrrChanges.day")}</Table.Th>
                <Table.Th>{t("mrrChanges.kind")}</Table.Th>
                <Table.Th ta="right">{t("mrrChanges.mrr")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.day}-${row.kind}`}>
                  <Table.Td>{formatDate(row.day, locale)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={kindColors[row.kind]}>
                      {t(`mrrChanges.kinds.${row.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {money(row.before)} → {money(row.after)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
};
