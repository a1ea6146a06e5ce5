import {
  AppError,
  type DisplayLanguage,
  decidePhase,
  defaultPhases,
  localizeText,
  type RulePart,
  ruleMetricRefs,
} from "@michi/core";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountPhases } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { getAccount } from "../accounts/accounts.service";
import { assertCan } from "../auth/actor.middleware";
import { computeAccountsMetricValues } from "../health/metric-values";
import { attachUsageEventsOfAccount } from "../usage/usage.service";

const phaseRefs = defaultPhases.flatMap((phase) =>
  phase.exitCriteria.flatMap((criterion) => ruleMetricRefs(criterion.rule)),
);

const DAY_MS = 24 * 60 * 60 * 1000;

const phaseName = (key: string, lang: DisplayLanguage) => {
  const phase = defaultPhases.find((candidate) => candidate.key === key);
  return phase ? localizeText(phase.name, lang) : key;
};

/**
 * The stays of an account, oldest first. Without rows the account is in the
 * first default phase since it was created (nothing is stored until it moves).
 */
const stayRowsOf = async (
  db: Db,
  params: { workspaceId: string; accountId: string; createdAt: Date },
) => {
  const rows = await db
    .select({
      phaseKey: accountPhases.phaseKey,
      since: accountPhases.since,
      until: accountPhases.until,
    })
    .from(accountPhases)
    .where(
      and(
        eq(accountPhases.workspaceId, params.workspaceId),
        eq(accountPhases.accountId, params.accountId),
      ),
    )
    .orderBy(asc(accountPhases.since));
  if (rows.length > 0) return rows;
  return [{ phaseKey: defaultPhases[0]!.key, since: params.createdAt, until: null }];
};

/**
 * An account's phase now under core's default phases, with its exit criteria
 * judged on read in propose mode (nothing moves on read) and its history.
 */
export const getAccountPhase = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const { lang } = params;
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  const stays = await stayRowsOf(db, {
    workspaceId,
    accountId: account.id,
    createdAt: account.createdAt,
  });
  const current = stays.find((stay) => stay.until === null) ?? stays.at(-1)!;
  // A key no longer among the phases (they are the defaults for now) falls back to the first.
  const currentKey = defaultPhases.some((phase) => phase.key === current.phaseKey)
    ? current.phaseKey
    : defaultPhases[0]!.key;
  const now = new Date();
  const asOf = now.toISOString().slice(0, 10);
  const valuesOf = await computeAccountsMetricValues(db, {
    workspaceId,
    accountIds: [account.id],
    asOf,
    refs: phaseRefs,
  });
  const decision = decidePhase(defaultPhases, currentKey, valuesOf.get(account.id) ?? {}, {
    mode: "propose",
  });
  const partOf = (part: RulePart) => ({
    metric: part.key,
    op: part.op,
    value: part.value,
    actual: part.actual,
    holds: part.holds,
  });
  return {
    accountId: account.id,
    phase: { key: currentKey, name: phaseName(currentKey, lang) },
    since: current.since.toISOString(),
    daysInPhase: Math.max(0, Math.floor((now.getTime() - current.since.getTime()) / DAY_MS)),
    criteria: decision.criteria.map((criterion) => ({
      key: criterion.key,
      name: localizeText(criterion.name, lang),
      holds: criterion.holds,
      parts: criterion.parts.map(partOf),
    })),
    allHold: decision.allHold,
    nextPhase:
      decision.nextPhase === null
        ? null
        : { key: decision.nextPhase, name: phaseName(decision.nextPhase, lang) },
    action: decision.action,
    history: stays.map((stay) => ({
      phaseKey: stay.phaseKey,
      since: stay.since.toISOString(),
      until: stay.until?.toISOString() ?? null,
    })),
  };
};

/**
 * Moves an account to a phase by hand (csm and above): closes the current
 * stay and opens the new one in one transaction. An account without rows gets
 * its implicit first stay (since created_at) written, closed, so history keeps it.
 */
export const setAccountPhase = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; phaseKey: string; lang: DisplayLanguage },
) => {
  assertCan(actor, "write");
  const account = await getAccount(db, actor, params.accountId);
  if (!defaultPhases.some((phase) => phase.key === params.phaseKey)) {
    throw new AppError("validation-failed", `"${params.phaseKey}" is not one of the phases.`, [
      {
        pointer: "/phaseKey",
        message: `must be one of ${defaultPhases.map((phase) => phase.key).join(", ")}`,
      },
    ]);
  }
  const { workspaceId } = actor;
  await db.transaction(async (tx) => {
    const now = new Date();
    const ofAccount = and(
      eq(accountPhases.workspaceId, workspaceId),
      eq(accountPhases.accountId, account.id),
    );
    const existing = await tx
      .select({ since: accountPhases.since })
      .from(accountPhases)
      .where(ofAccount)
      .limit(1)
      .for("update");
    if (existing.length === 0) {
      await tx.insert(accountPhases).values({
        workspaceId,
        accountId: account.id,
        phaseKey: defaultPhases[0]!.key,
        since: account.createdAt < now ? account.createdAt : new Date(now.getTime() - 1),
        until: now,
        decidedBy: "auto",
      });
    } else {
      await tx
        .update(accountPhases)
        .set({ until: now })
        .where(and(ofAccount, isNull(accountPhases.until)));
    }
    await tx.insert(accountPhases).values({
      workspaceId,
      accountId: account.id,
      phaseKey: params.phaseKey,
      since: now,
      until: null,
      decidedBy: "user",
    });
  });
  return getAccountPhase(db, actor, { accountId: account.id, lang: params.lang });
};
