import { type ContractRecord, type ContractStatus, churnFromContracts } from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";

type ContractRow = Omit<ContractRecord, "mrrMinor"> & {
  accountId: string;
  status: ContractStatus;
  mrrMinor: string | number;
};

/** Contracts of the workspace (or of some accounts), as core's ContractRecord, by account. */
export const findContractRecords = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds?: readonly string[] },
): Promise<Map<string, ContractRecord[]>> => {
  const rows = await rowsOf<ContractRow>(
    db,
    sql`select account_id as "accountId", to_char(start_date, 'YYYY-MM-DD') as "startDate",
        to_char(end_date, 'YYYY-MM-DD') as "endDate", status, seats, mrr_minor as "mrrMinor", currency
      from contracts where workspace_id = ${params.workspaceId}
        ${
          params.accountIds === undefined
            ? sql``
            : sql`and account_id = any(${sql.param([...params.accountIds])}::uuid[])`
        }
      order by account_id, start_date`,
  );
  const byAccount = new Map<string, ContractRecord[]>();
  for (const { accountId, ...row } of rows) {
    const list = byAccount.get(accountId) ?? [];
    list.push({ ...row, mrrMinor: Number(row.mrrMinor) });
    byAccount.set(accountId, list);
  }
  return byAccount;
};

/**
 * Sets each account's churn from its contracts as of `today` (core's
 * churnFromContracts), leaving accounts a person marked alone: churned on
 * the last end when nothing runs after it, a customer again when a contract
 * runs or is signed. Returns how many accounts changed. Run when contracts
 * change and by the daily job (an end date passing changes it too).
 */
export const refreshContractChurn = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds?: readonly string[]; today: string },
): Promise<number> => {
  const { workspaceId } = params;
  const contractsOf = await findContractRecords(db, params);
  const accounts = await rowsOf<{ id: string; churnedOn: string | null }>(
    db,
    sql`select id, to_char(churned_on, 'YYYY-MM-DD') as "churnedOn" from accounts
      where workspace_id = ${workspaceId} and churn_source is distinct from 'manual'
        ${
          params.accountIds === undefined
            ? sql``
            : sql`and id = any(${sql.param([...params.accountIds])}::uuid[])`
        }`,
  );
  const changed = accounts.flatMap((account) => {
    const churnedOn = churnFromContracts(contractsOf.get(account.id) ?? [], params.today);
    return churnedOn === account.churnedOn ? [] : [{ id: account.id, churnedOn }];
  });
  if (changed.length === 0) return 0;
  await db.execute(sql`update accounts a set churned_on = x.day::date,
      churn_source = case when x.day is null then null else 'contracts' end,
      churn_reason = null, churn_note = ''
    from unnest(${sql.param(changed.map((c) => c.id))}::uuid[],
      ${sql.param(changed.map((c) => c.churnedOn))}::text[]) as x(id, day)
    where a.workspace_id = ${workspaceId} and a.id = x.id
      and a.churn_source is distinct from 'manual'`);
  return changed.length;
};

/** A person's mark: churned on a day, with a reason and a note. */
export const markAccountChurn = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    accountId: string;
    churnedOn: string;
    reason: string;
    note: string;
  },
) => {
  await db.execute(sql`update accounts set churned_on = ${params.churnedOn}::date,
      churn_source = 'manual', churn_reason = ${params.reason}, churn_note = ${params.note},
      updated_at = now()
    where workspace_id = ${params.workspaceId} and id = ${params.accountId}::uuid`);
};

/** Takes a person's mark away; the contracts say again (refreshContractChurn). */
export const clearAccountChurnMark = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) => {
  await db.execute(sql`update accounts set churned_on = null, churn_source = null,
      churn_reason = null, churn_note = '', updated_at = now()
    where workspace_id = ${params.workspaceId} and id = ${params.accountId}::uuid
      and churn_source = 'manual'`);
};

/** Churned accounts of a workspace and their churn day (the Health Lab's outcomes). */
export const findChurnDays = async (db: DbOrTx, workspaceId: string) =>
  new Map(
    (
      await rowsOf<{ id: string; churnedOn: string }>(
        db,
        sql`select id, to_char(churned_on, 'YYYY-MM-DD') as "churnedOn" from accounts
          where workspace_id = ${workspaceId} and churned_on is not null`,
      )
    ).map((row) => [row.id, row.churnedOn]),
  );
