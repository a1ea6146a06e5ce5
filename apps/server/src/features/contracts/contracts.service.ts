import { AppError, coded, END_BEFORE_START_MESSAGE, endsBeforeStart } from "@michi/core";
import type { Db, DbOrTx } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { iso, isUniqueViolation } from "../../lib/sql";
import { getAccount } from "../accounts/accounts.service";
import { refreshContractChurn } from "../accounts/churn.queries";
import {
  type ContractRow,
  deleteContract,
  findContract,
  findContractsOfAccount,
  insertContract,
  updateContract,
} from "./contracts.queries";
import type { ContractInput, ContractPatch } from "./contracts.schemas";

export const toContractDto = ({ workspaceId: _w, ...row }: ContractRow) => ({
  ...row,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const notFound = () => new AppError("not-found", "There is no such contract in this workspace.");

const externalIdTaken = (externalId: string | null | undefined) =>
  new AppError("conflict", `Another contract already has the external id "${externalId}".`, {
    errors: [
      {
        pointer: "/externalId",
        message: "is already used by another contract",
        ...coded("already-used"),
      },
    ],
    problem: coded("contract-external-id-taken", { externalId: externalId ?? "" }),
  });

/**
 * The period the contract will have after the write. The problem points at
 * endDate when the body set it, else at startDate (the field that moved).
 */
const assertPeriod = (
  period: { startDate: string; endDate: string | null },
  endDateInBody: boolean,
) => {
  if (!endsBeforeStart(period)) return;
  const problem = endDateInBody
    ? { pointer: "/endDate", message: END_BEFORE_START_MESSAGE, ...coded("end-before-start") }
    : {
        pointer: "/startDate",
        message: `must not be after the endDate ${period.endDate}`,
        ...coded("after-stored-end-date", { endDate: period.endDate ?? "" }),
      };
  throw new AppError("validation-failed", "The contract would end before it starts.", [problem]);
};

export const listContracts = async (db: Db, actor: Actor, accountId: string) => {
  // Another workspace's account answers 404, the same as one that does not exist.
  await getAccount(db, actor, accountId);
  const rows = await findContractsOfAccount(db, { workspaceId: actor.workspaceId, accountId });
  return { data: rows.map(toContractDto) };
};

export const getContract = async (db: Db, actor: Actor, id: string) => {
  const row = await findContract(db, { workspaceId: actor.workspaceId, id });
  if (!row) throw notFound();
  return row;
};

/** A contract written: whether its account has churned may have changed. */
const refreshChurnOf = (tx: DbOrTx, contract: { workspaceId: string; accountId: string }) =>
  refreshContractChurn(tx, {
    workspaceId: contract.workspaceId,
    accountIds: [contract.accountId],
    today: utcDay(new Date()),
  });

export const createContract = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: ContractInput },
) => {
  const { input } = params;
  assertPeriod({ startDate: input.startDate, endDate: input.endDate ?? null }, true);
  await getAccount(db, actor, params.accountId);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertContract(tx, {
        ...input,
        accountId: params.accountId,
        workspaceId: actor.workspaceId,
      });
      await refreshChurnOf(tx, row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(input.externalId);
    throw error;
  }
};

export const patchContract = async (db: Db, actor: Actor, id: string, patch: ContractPatch) => {
  const workspaceId = actor.workspaceId;
  try {
    // One transaction, with the row locked, so the period check sees the dates it updates.
    return await db.transaction(async (tx) => {
      const current = await findContract(tx, { workspaceId, id, forUpdate: true });
      if (!current) throw notFound();
      assertPeriod(
        {
          startDate: patch.startDate ?? current.startDate,
          endDate: patch.endDate === undefined ? current.endDate : patch.endDate,
        },
        patch.endDate !== undefined,
      );
      const row = await updateContract(tx, { workspaceId, id, values: patch });
      if (!row) throw notFound();
      await refreshChurnOf(tx, row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(patch.externalId);
    throw error;
  }
};

export const removeContract = async (db: Db, actor: Actor, id: string) => {
  await db.transaction(async (tx) => {
    const deleted = await deleteContract(tx, { workspaceId: actor.workspaceId, id });
    if (!deleted) throw notFound();
    await refreshChurnOf(tx, deleted);
  });
};
