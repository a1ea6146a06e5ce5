import {
  AppError,
  coded,
  type DisplayLanguage,
  decidePhase,
  localizeText,
  type Phase,
  type RulePart,
} from "@michi/core";
import type { Db, DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import {
  attachUsageEventsOfAccount,
  type CsModel,
  evaluateAccounts,
  loadCsModel,
} from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import {
  findOpenProposal,
  findPhaseStays,
  resolveOpenProposal,
  writePhaseMove,
} from "./phase.queries";

const DAY_MS = 24 * 60 * 60 * 1000;

const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

const firstPhaseKey = (phases: readonly Phase[]) => phases[0]!.key;

const phaseName = (phases: readonly Phase[], key: string, lang: DisplayLanguage) => {
  const phase = phases.find((candidate) => candidate.key === key);
  return phase ? localizeText(phase.name, lang) : key;
};

/** A stored key no longer among the workspace's phases reads as the first phase. */
const knownPhaseKey = (phases: readonly Phase[], key: string) =>
  phases.some((phase) => phase.key === key) ? key : firstPhaseKey(phases);

type AccountRef = { id: string; createdAt: Date; churnedOn: string | null };

/** A former customer is in no phase: moves and accepted proposals are refused. */
const assertCustomer = (account: AccountRef) => {
  if (account.churnedOn !== null) {
    throw new AppError(
      "conflict",
      `This account churned on ${account.churnedOn}: a former customer is in no phase. It moves again once it is a customer (a new contract, or the churn mark taken away).`,
    );
  }
};

/** The stays of an account (oldest first) and its current phase key under the workspace's phases. */
export const readAccountStays = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    account: Pick<AccountRef, "id" | "createdAt">;
    phases: readonly Phase[];
  },
) => {
  const stays = await findPhaseStays(db, {
    workspaceId: params.workspaceId,
    accountId: params.account.id,
    createdAt: params.account.createdAt,
    firstPhaseKey: firstPhaseKey(params.phases),
  });
  const current = stays.find((stay) => stay.until === null) ?? stays.at(-1)!;
  return { stays, current, currentKey: knownPhaseKey(params.phases, current.phaseKey) };
};

const partOf = (part: RulePart) => ({
  metric: part.key,
  op: part.op,
  value: part.value,
  actual: part.actual,
  holds: part.holds,
});

/**
 * An account's phase under the workspace's phases and mode, its exit
 * criteria judged now (nothing moves on read), its open proposal and history.
 */
export const getAccountPhase = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const { lang } = params;
  const model = await loadCsModel(db, workspaceId);
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  return describeAccountPhase(db, { workspaceId, account, model, lang });
};

const describeAccountPhase = async (
  db: Db,
  params: { workspaceId: string; account: AccountRef; model: CsModel; lang: DisplayLanguage },
) => {
  const { workspaceId, account, model, lang } = params;
  const { phases, phaseMode: mode } = model;
  const [{ stays, current, currentKey }, proposal] = await Promise.all([
    readAccountStays(db, { workspaceId, account, phases }),
    findOpenProposal(db, { workspaceId, accountId: account.id }),
  ]);
  const now = new Date();
  const named = (key: string) => ({ key, name: phaseName(phases, key, lang) });
  const historyOf = (endedAt: Date | null) =>
    stays.map((stay) => ({
      phaseKey: stay.phaseKey,
      name: phaseName(phases, stay.phaseKey, lang),
      since: stay.since.toISOString(),
      // A churned account's open stay ended when it churned (nothing is written: read so).
      until:
        stay.until?.toISOString() ??
        (endedAt !== null && stay.since < endedAt ? endedAt.toISOString() : null),
      decidedBy: stay.decidedBy,
    }));
  const daysSince = (since: Date, until: Date) =>
    Math.max(0, Math.floor((until.getTime() - since.getTime()) / DAY_MS));
  if (account.churnedOn !== null) {
    // A former customer: its last phase, counted to the churn day, and nothing judged.
    const churnedAt = new Date(`${account.churnedOn}T00:00:00.000Z`);
    return {
      accountId: account.id,
      mode,
      churnedOn: account.churnedOn,
      phase: named(currentKey),
      since: current.since.toISOString(),
      daysInPhase: daysSince(current.since, churnedAt < now ? churnedAt : now),
      criteria: [],
      allHold: false,
      nextPhase: null,
      action: "stay" as const,
      proposal: null,
      phases: phases.map((phase) => named(phase.key)),
      history: historyOf(churnedAt),
    };
  }
  // The same evaluation as the recompute's (maturity levels, contracts, plans included).
  const evaluation = (
    await evaluateAccounts(db, { workspaceId, accountIds: [account.id], at: now, model })
  ).get(account.id);
  const decision =
    evaluation?.currentPhase === currentKey
      ? evaluation.phase
      : decidePhase(phases, currentKey, evaluation?.values ?? {}, { mode });
  return {
    accountId: account.id,
    mode,
    churnedOn: null,
    phase: named(currentKey),
    since: current.since.toISOString(),
    daysInPhase: daysSince(current.since, now),
    criteria: decision.criteria.map((criterion) => ({
      key: criterion.key,
      name: localizeText(criterion.name, lang),
      holds: criterion.holds,
      parts: criterion.parts.map(partOf),
    })),
    allHold: decision.allHold,
    nextPhase: decision.nextPhase === null ? null : named(decision.nextPhase),
    action: decision.action,
    proposal:
      proposal === null
        ? null
        : { to: named(proposal.toPhase), proposedAt: proposal.proposedAt.toISOString() },
    phases: phases.map((phase) => named(phase.key)),
    history: historyOf(null),
  };
};

/**
 * Moves an account to a phase by hand (csm and above) in one transaction;
 * an open proposal is withdrawn. Moving to the phase it is in writes no stay.
 * A churned account is in no phase: 409.
 */
export const setAccountPhase = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; phaseKey: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  assertCustomer(account);
  const { workspaceId } = actor;
  const model = await loadCsModel(db, workspaceId);
  const { phases } = model;
  if (!phases.some((phase) => phase.key === params.phaseKey)) {
    throw new AppError("validation-failed", `"${params.phaseKey}" is not one of the phases.`, [
      {
        pointer: "/phaseKey",
        message: `must be one of ${phases.map((phase) => phase.key).join(", ")}`,
        ...coded("unknown-phase", { phaseKey: params.phaseKey }),
      },
    ]);
  }
  await db.transaction(async (tx) => {
    const at = new Date();
    const { currentKey } = await readAccountStays(tx, { workspaceId, account, phases });
    if (currentKey !== params.phaseKey) {
      await writePhaseMove(tx, {
        workspaceId,
        accountId: account.id,
        createdAt: account.createdAt,
        firstPhaseKey: firstPhaseKey(phases),
        phaseKey: params.phaseKey,
        decidedBy: "user",
        at,
      });
    }
    await resolveOpenProposal(tx, {
      workspaceId,
      accountId: account.id,
      resolution: "withdrawn",
      userId: userIdOf(actor),
      at,
    });
  });
  return describeAccountPhase(db, { workspaceId, account, model, lang: params.lang });
};

/**
 * Accepts (the move, decided by "proposal-accepted") or dismisses an
 * account's open proposal, in one transaction. No open proposal: 404.
 * A churned account's proposal may be dismissed, not accepted (409).
 */
export const decidePhaseProposal = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; decision: "accept" | "dismiss"; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  if (params.decision === "accept") assertCustomer(account);
  const { workspaceId } = actor;
  const model = await loadCsModel(db, workspaceId);
  const { phases } = model;
  await db.transaction(async (tx) => {
    const at = new Date();
    const proposal = await findOpenProposal(tx, {
      workspaceId,
      accountId: account.id,
      forUpdate: true,
    });
    if (proposal === null) {
      throw new AppError("not-found", "This account has no open phase proposal.");
    }
    if (params.decision === "accept") {
      if (!phases.some((phase) => phase.key === proposal.toPhase)) {
        throw new AppError(
          "conflict",
          `The proposed phase "${proposal.toPhase}" is no longer one of the phases; dismiss the proposal.`,
        );
      }
      await writePhaseMove(tx, {
        workspaceId,
        accountId: account.id,
        createdAt: account.createdAt,
        firstPhaseKey: firstPhaseKey(phases),
        phaseKey: proposal.toPhase,
        decidedBy: "proposal-accepted",
        at,
      });
    }
    await resolveOpenProposal(tx, {
      workspaceId,
      accountId: account.id,
      resolution: params.decision === "accept" ? "accepted" : "dismissed",
      userId: userIdOf(actor),
      at,
    });
  });
  return describeAccountPhase(db, { workspaceId, account, model, lang: params.lang });
};
