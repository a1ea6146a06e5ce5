import { Badge, Box, Button, Group, Table, Text, UnstyledButton } from "@mantine/core";
import type { AccountSort } from "@michi/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatDate, formatPercent } from "../../../lib/format";
import { ScoreBadge } from "../../health/components/score-badge";
import { formatMoneyTotals } from "../../portfolio/portfolio-format";
import type { AccountListItem } from "../accounts.queries";
import classes from "./accounts-table.module.css";
import { TouchModelBadge } from "./touch-model-badge";

const ROW_HEIGHT = 45;
const COLUMNS = 10;

/** The columns a click on the header sorts by, and the sort key each asks the API for. */
type SortableColumn = "name" | "healthScore" | "mrr" | "renewalOn";

type Props = {
  accounts: AccountListItem[];
  ownerNames: Map<string, string>;
  /** Segment labels by value (the workspace's picklist); a value not among them shows as it is. */
  segmentNames: Map<string, string>;
  /** Phase names by key, in the UI language; a key not among them shows as it is. */
  phaseNames: Map<string, string>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  onOpen: (accountId: string) => void;
  sort: AccountSort;
  onSortChange: (sort: AccountSort) => void;
};

/**
 * A header that sorts by its column: the first click ascending (health: the
 * lowest first, what a CSM triages by), the next reverses it.
 */
const SortHeader = (props: {
  column: SortableColumn;
  label: string;
  width: string;
  sort: AccountSort;
  onSortChange: (sort: AccountSort) => void;
}) => {
  const { t } = useTranslation();
  const { column, label, width, sort, onSortChange } = props;
  const active = sort.replace(/^-/, "") === column;
  const descending = active && sort.startsWith("-");
  return (
    <Table.Th w={width} aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
      <UnstyledButton
        fw={700}
        fz="sm"
        onClick={() => onSortChange((active && !descending ? `-${column}` : column) as AccountSort)}
        title={t("accounts.sortByColumn", { column: label })}
      >
        {label}
        {active ? (descending ? " ▼" : " ▲") : ""}
      </UnstyledButton>
    </Table.Th>
  );
};

/**
 * The latest score in its band's colour, or insufficient data (never scored,
 * or too little known). A churned account has none: a former customer's
 * health is not current (the server sends none).
 */
const HealthBadge = ({ account }: { account: AccountListItem }) => {
  const { t } = useTranslation();
  if (account.churn) {
    return (
      <Text span c="dimmed" title={t("accounts.noHealthChurned")}>
        {t("common.none")}
      </Text>
    );
  }
  return <ScoreBadge score={account.health?.score ?? null} band={account.health?.band ?? null} />;
};

/**
 * Only the rows in view are in the DOM (react-virtual), so 10,000 accounts
 * scroll as smoothly as 10; the next page loads as the end comes near.
 * Spacer rows above and below keep it a real <table>.
 */
export const AccountsTable = (props: Props) => {
  const { accounts, ownerNames, phaseNames, hasNextPage, isFetchingNextPage, onLoadMore, onOpen } =
    props;
  const { t, i18n } = useTranslation();
  const sortable = { sort: props.sort, onSortChange: props.onSortChange };
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: accounts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= accounts.length - 20) onLoadMore();
  }, [lastIndex, accounts.length, hasNextPage, isFetchingNextPage, onLoadMore]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const dash = t("common.none");
  const phaseName = (key: string) => phaseNames.get(key) ?? key;

  return (
    <Box className={classes.frame}>
      <Box ref={scrollRef} className={classes.scroll}>
        <Table layout="fixed" miw={1080} highlightOnHover stickyHeader verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <SortHeader column="name" label={t("accounts.name")} width="18%" {...sortable} />
              <SortHeader column="healthScore" label={t("health.score")} width="9%" {...sortable} />
              <Table.Th w="10%">{t("lifecycle.phase")}</Table.Th>
              <SortHeader column="mrr" label={t("accounts.mrr")} width="10%" {...sortable} />
              <SortHeader
                column="renewalOn"
                label={t("accounts.renewalOn")}
                width="10%"
                {...sortable}
              />
              <Table.Th w="8%">{t("accounts.planProgress")}</Table.Th>
              <Table.Th w="9%">{t("accounts.externalId")}</Table.Th>
              <Table.Th w="8%">{t("accounts.segment")}</Table.Th>
              <Table.Th w="10%">{t("accounts.owner")}</Table.Th>
              <Table.Th w="8%">{t("touchModel.label")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 ? (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtual list; it holds nothing to focus or read.
              <tr aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={COLUMNS} />
              </tr>
            ) : null}
            {items.map((item) => {
              const account = accounts[item.index];
              if (!account) return null;
              const owner = account.ownerUserId
                ? (ownerNames.get(account.ownerUserId) ?? t("accounts.unknownOwner"))
                : dash;
              return (
                <Table.Tr
                  key={account.id}
                  className={classes.row}
                  style={{ height: ROW_HEIGHT }}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest("a")) return;
                    onOpen(account.id);
                  }}
                >
                  <Table.Td className={classes.cell}>
                    {account.churn ? (
                      <Badge color="red" variant="light" size="xs" mr={6}>
                        {t("churn.badge")}
                      </Badge>
                    ) : null}
                    <AnchorLink
                      to="/accounts/$accountId"
                      params={{ accountId: account.id }}
                      fw={500}
                      size="sm"
                    >
                      {account.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    <HealthBadge account={account} />
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    {account.churn ? (
                      // A former customer is in no phase: its last one, said as such.
                      <Text span size="sm" c="dimmed">
                        {t("accounts.phaseAtChurn", { phase: phaseName(account.phase.key) })}
                      </Text>
                    ) : (
                      phaseName(account.phase.key)
                    )}
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    {formatMoneyTotals(account.mrr, i18n.language, dash)}
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    {account.renewalOn ? formatDate(account.renewalOn, i18n.language) : dash}
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    {account.planProgress === null
                      ? dash
                      : formatPercent(account.planProgress / 100, i18n.language, 0)}
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    <Text size="sm" ff="monospace" c="dimmed" truncate>
                      {account.externalId ?? dash}
                    </Text>
                  </Table.Td>
                  <Table.Td className={classes.cell}>
                    {account.segment
                      ? (props.segmentNames.get(account.segment) ?? account.segment)
                      : dash}
                  </Table.Td>
                  <Table.Td className={classes.cell}>{owner}</Table.Td>
                  <Table.Td className={classes.cell}>
                    {account.touchModel ? (
                      <TouchModelBadge value={account.touchModel} size="sm" />
                    ) : (
                      dash
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 ? (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtual list; it holds nothing to focus or read.
              <tr aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={COLUMNS} />
              </tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Box>
      <Group justify="space-between" px="md" py="xs" className={classes.footer}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t("accounts.loaded", { count: accounts.length })}
          {hasNextPage ? ` · ${t("accounts.moreAvailable")}` : ""}
        </Text>
        {hasNextPage ? (
          <Button size="xs" variant="light" onClick={onLoadMore} loading={isFetchingNextPage}>
            {t("accounts.loadMore")}
          </Button>
        ) : null}
      </Group>
    </Box>
  );
};
