import { decideMaturityLevel, defaultMaturityLevels, ruleMetricRefs } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { getAccount } from "../accounts/accounts.service";
import { computeAccountsMetricValues } from "../health/metric-values";
import { attachUsageEventsOfAccount } from "../usage/usage.service";

const maturityRefs = defaultMaturityLevels.flatMap((level) => ruleMetricRefs(level.rule));

/**
 * An account's maturity level today under core's default levels, decided on
 * read (no stored state or history yet; workspaces cannot define levels yet).
 */
export const getAccountMaturity = async (db: Db, actor: Actor, accountId: string) => {
  const account = await getAccount(db, actor, accountId);
  const { workspaceId } = actor;
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  const asOf = new Date().toISOString().slice(0, 10);
  const valuesOf = await computeAccountsMetricValues(db, {
    workspaceId,
    accountIds: [account.id],
    asOf,
    refs: maturityRefs,
  });
  const decision = decideMaturityLevel(defaultMaturityLevels, valuesOf.get(account.id) ?? {});
  const partOf = (part: (typeof decision.levels)[number]["parts"][number]) => ({
    metric: part.key,
    op: part.op,
    value: part.value,
    actual: part.actual,
    holds: part.holds,
  });
  return {
    accountId: account.id,
    asOf,
    level: decision.level,
    name: decision.name,
    levels: decision.levels.map((evaluation, index) => ({
      level: evaluation.level,
      name: defaultMaturityLevels[index]?.name ?? null,
      holds: evaluation.holds,
      parts: evaluation.parts.map(partOf),
    })),
    next: decision.next && {
      level: decision.next.level,
      name: decision.next.name,
      unmet: decision.next.unmet.map(partOf),
    },
  };
};
