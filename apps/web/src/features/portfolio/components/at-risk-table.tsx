import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatNumber, formatSigned } from "../../../lib/format";
import { ScoreBadge } from "../../health/components/score-badge";
import type { AtRiskAccount } from "../portfolio.queries";

type Props = { accounts: readonly AtRiskAccount[] };

/** Red accounts and those falling fastest, with the measures that pulled them down. */
export const AtRiskTable = ({ accounts }: Props) => {
  const { t, i18n } = useTranslation();
  if (accounts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("portfolio.atRiskEmpty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Caption>{t("portfolio.atRiskCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("portfolio.account")}</Table.Th>
            <Table.Th>{t("portfolio.owner")}</Table.Th>
            <Table.Th ta="right">{t("portfolio.score")}</Table.Th>
            <Table.Th ta="right">{t("portfolio.change")}</Table.Th>
            <Table.Th>{t("portfolio.reasons")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr key={account.accountId}>
              <Table.Td>
                <AnchorLink
                  to="/accounts/$accountId"
                  params={{ accountId: account.accountId }}
                  search={{ tab: "health" }}
                  fw={600}
                >
                  {account.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{account.owner?.name ?? t("portfolio.noOwner")}</Table.Td>
              <Table.Td ta="right">
                <ScoreBadge score={account.score} band={account.band} />
              </Table.Td>
              <Table.Td ta="right">
                {account.change === null ? (
                  <Text span c="dimmed" size="sm">
                    {t("portfolio.noChange")}
                  </Text>
                ) : (
                  <Text span c={account.change < 0 ? "red.7" : undefined} fw={600}>
                    {formatSigned(account.change, i18n.language)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {account.reasons.length === 0 ? (
                  <Text span c="dimmed" size="sm">
                    {t("common.none")}
                  </Text>
                ) : (
                  <Text span size="sm">
                    {account.reasons
                      .map((reason) =>
                        reason.contributionChange !== null
                          ? t("portfolio.reasonChange", {
                              name: reason.name,
                              change: formatSigned(reason.contributionChange, i18n.language),
                            })
                          : reason.points === null
                            ? t("portfolio.reasonNoData", { name: reason.name })
                            : t("portfolio.reasonPoints", {
                                name: reason.name,
                                points: formatNumber(reason.points, i18n.language, 0),
                              }),
                      )
                      .join(t("portfolio.reasonSeparator"))}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
