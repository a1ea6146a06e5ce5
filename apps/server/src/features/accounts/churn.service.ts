import { AppError, isoDateSchema, mrrChanges } from "@michi/core";
import type { Db } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { findMainCurrency, loadCsModel } from "../../recompute";
import { getAccount, toAccountDto } from "./accounts.service";
import {
  clearAccountChurnMark,
  findContractRecords,
  markAccountChurn,
  refreshContractChurn,
} from "./churn.queries";

/** An account's churn (null while a customer) and its MRR movements, downgrades among them. */
export const getAccountChurn = async (db: Db, actor: Actor, accountId: string) => {
  const account = await getAccount(db, actor, accountId);
  const { workspaceId } = actor;
  const [contractsOf, currency] = await Promise.all([
    findContractRecords(db, { workspaceId, accountIds: [account.id] }),
    findMainCurrency(db, workspaceId),
  ]);
  return {
    churn: toAccountDto(account).churn,
    currency,
    mrrChanges: mrrChanges(contractsOf.get(account.id) ?? [], currency),
  };
};

/**
 * A person marks the account churned on a day (today or before) with one of
 * the workspace's reasons. The mark stands over what the contracts say until
 * it is taken away.
 */
export const markAccountChurned = async (
  db: Db,
  actor: Actor,
  accountId: string,
  body: { churnedOn: string; reason: string; note?: string | undefined },
) => {
  const account = await getAccount(db, actor, accountId);
  const model = await loadCsModel(db, actor.workspaceId);
  const problems = [];
  if (!isoDateSchema.safeParse(body.churnedOn).success) {
    problems.push({ pointer: "/churnedOn", message: "must be a date as YYYY-MM-DD" });
  } else if (body.churnedOn > utcDay(new Date())) {
    problems.push({ pointer: "/churnedOn", message: "must not be after today" });
  }
  if (!model.churnReasons.some((reason) => reason.key === body.reason)) {
    problems.push({
      pointer: "/reason",
      message: `must be one of the workspace's churn reasons: ${model.churnReasons.map((r) => r.key).join(", ")}`,
    });
  }
  if (problems.length > 0) {
    throw new AppError("validation-failed", "The churn mark is not valid.", problems);
  }
  await markAccountChurn(db, {
    workspaceId: actor.workspaceId,
    accountId: account.id,
    churnedOn: body.churnedOn,
    reason: body.reason,
    note: body.note ?? "",
  });
  return getAccountChurn(db, actor, account.id);
};

/** Takes a person's mark away: the contracts say again whether it churned. */
export const unmarkAccountChurned = async (db: Db, actor: Actor, accountId: string) => {
  const account = await getAccount(db, actor, accountId);
  const { workspaceId } = actor;
  await db.transaction(async (tx) => {
    await clearAccountChurnMark(tx, { workspaceId, accountId: account.id });
    await refreshContractChurn(tx, {
      workspaceId,
      accountIds: [account.id],
      today: utcDay(new Date()),
    });
  });
  return getAccountChurn(db, actor, account.id);
};
