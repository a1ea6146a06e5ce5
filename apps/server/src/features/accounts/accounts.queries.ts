import { normalizeNameReading } from "@michi/core";
import { and, asc, desc, eq, ilike, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accountHealthLatest, accountPhases, accounts, successPlans } from "../../db/schema";
import { type Cursor, encodeCursor } from "../../lib/cursor";
import { preparedQuery } from "../../lib/prepared";
import { likeContains } from "../../lib/sql";
import type { AccountListQuery } from "./accounts.schemas";

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;

/** Scores are 0–100 (int4): an unscored account sorts past every score, either way. */
const NO_SCORE_ASC = 2147483647;
const NO_SCORE_DESC = -2147483648;
/** No active contract with an end date ahead: past every renewal date, either way. */
const NO_RENEWAL_ASC = "9999-12-31";
const NO_RENEWAL_DESC = "0001-01-01";

const p = sql.placeholder;

/** Active contracts of the account aliased "accounts" (correlated subqueries below). */
const activeContracts = sql`from contracts c where c.workspace_id = ${accounts.workspaceId}
  and c.account_id = ${accounts.id} and c.status = 'active'`;

/**
 * The MRR per currency ([{ currency, minor }], largest first) and the next
 * renewal (the earliest end date on or after today of an active contract) of
 * a page's accounts, in one statement after the page's: as subqueries of the
 * list statement they ran per row, which on PGlite cost ~0.08 ms a row.
 */
const moneyOfAccounts = preparedQuery((db) =>
  db
    .select({
      accountId: sql<string>`m.account_id`,
      mrr: sql<{ currency: string; minor: number }[]>`json_agg(
        json_build_object('currency', m.currency, 'minor', m.minor) order by m.minor desc, m.currency)`,
      renewalOn: sql<string | null>`to_char(min(m.renewal), 'YYYY-MM-DD')`,
    })
    .from(
      sql`(select c.account_id, c.currency, sum(c.mrr_minor)::float8 as minor,
          min(c.end_date) filter (where c.end_date >= ${p("today")}::date) as renewal
        from contracts c where c.workspace_id = ${p("workspaceId")} and c.status = 'active'
          and c.account_id = any(${p("accountIds")}::uuid[])
        group by c.account_id, c.currency) m`,
    )
    .groupBy(sql`m.account_id`),
);

/**
 * A page of accounts with each one's latest health score on or before `today`
 * and its open phase stay (phaseKey null: no stay rows, so the workspace's
 * first phase since created_at, as lifecycle's findPhaseStays reads it).
 * The score is a join to account_health_latest; the active plan's stored
 * progress joins too; the page's money is a second statement (moneyOfAccounts).
 * A churned account has no score here: a former customer's health is not
 * current (the recompute still scores it, on no use: 0 and red), so it sorts
 * with the unscored and no band filter finds it.
 */
type FindAccountsParams = Omit<AccountListQuery, "cursor"> & {
  workspaceId: string;
  today: string;
  /** The currency the mrr sort compares (findMainCurrency); only that sort reads it. */
  mainCurrency?: string | null;
  cursor?: Cursor;
};

/** What makes one list statement differ from another: the sort, the filters set, a cursor. */
const listShapeOf = (params: FindAccountsParams) =>
  [
    params.sort,
    params.status,
    params.band === "none" ? "band=none" : params.band ? "band" : "",
    params.q ? "q" : "",
    params.externalId ? "externalId" : "",
    params.ownerUserId ? "owner" : "",
    params.segment ? "segment" : "",
    params.touchModel ? "touchModel" : "",
    params.cursor ? "cursor" : "",
  ].join("|");

/** The list statement of a shape, with placeholders for every value (lib/prepared.ts). */
const accountPage = preparedQuery((db, shape) => {
  const [sort = "name", status, band, q, externalId, owner, segment, touchModel, cursor] =
    shape.split("|");
  const descending = sort.startsWith("-");
  const key = sort.replace("-", "") as "name" | "createdAt" | "healthScore" | "mrr" | "renewalOn";
  // The account's latest score as of today (account_health_latest, decision
  // 0024); none for a former customer.
  const latest = accountHealthLatest;
  const latestJoin = and(
    eq(latest.workspaceId, accounts.workspaceId),
    eq(latest.accountId, accounts.id),
    lte(latest.day, p("today")),
    isNull(accounts.churnedOn),
  );

  // The keyset: (sort key, id). Timestamps compare as text in the cursor at
  // full precision (JS Dates keep only ms); a missing score, MRR or renewal
  // date is a sentinel so the row comparison never meets a null.
  const sortKeys = {
    name: sql<string>`(coalesce(${accounts.nameKana}, ${accounts.name}) collate "C")`,
    createdAt: sql<Date>`${accounts.createdAt}`,
    healthScore: sql<number>`coalesce(${latest.score}, ${sql.raw(String(descending ? NO_SCORE_DESC : NO_SCORE_ASC))})`,
    mrr: sql<number>`coalesce((select sum(c.mrr_minor) ${activeContracts}
      and c.currency = ${p("mainCurrency")}), 0)::float8`,
    renewalOn: sql<string>`coalesce((select min(c.end_date) ${activeContracts}
      and c.end_date >= ${p("today")}::date), ${sql.raw(`'${descending ? NO_RENEWAL_DESC : NO_RENEWAL_ASC}'`)}::date)`,
  } as const;
  const column = sortKeys[key];
  // As text where a driver would hand back a Date (timestamps, dates).
  const sortValue =
    key === "createdAt" || key === "renewalOn"
      ? sql<string>`${column}::text`
      : sql<string>`${column}`;
  const cast = {
    name: sql``,
    createdAt: sql`::timestamptz`,
    healthScore: sql`::int`,
    mrr: sql`::float8`,
    renewalOn: sql`::date`,
  }[key];

  const where: (SQL | undefined)[] = [eq(accounts.workspaceId, p("workspaceId"))];
  // The name, its reading (typed in hiragana or katakana: p("qReading")) or the external id.
  if (q) {
    where.push(
      or(
        ilike(accounts.name, p("q")),
        ilike(accounts.nameKana, p("qReading")),
        ilike(accounts.externalId, p("q")),
      ),
    );
  }
  if (externalId) where.push(eq(accounts.externalId, p("externalId")));
  if (owner) where.push(eq(accounts.ownerUserId, p("ownerUserId")));
  if (segment) where.push(eq(accounts.segment, p("segment")));
  if (touchModel) where.push(eq(accounts.touchModel, p("touchModel")));
  if (status === "customer") where.push(isNull(accounts.churnedOn));
  else if (status === "churned") where.push(isNotNull(accounts.churnedOn));
  // No score: never scored, or the latest score had too little data to give one.
  // A band is a customer's: a former one is neither red nor short of data.
  if (band === "band=none") where.push(isNull(latest.band), isNull(accounts.churnedOn));
  else if (band) where.push(eq(latest.band, p("band")));
  if (cursor) {
    const op = descending ? sql`<` : sql`>`;
    where.push(
      sql`(${column}, ${accounts.id}) ${op} (${p("cursorValue")}${cast}, ${p("cursorId")}::uuid)`,
    );
  }
  const order = descending ? desc : asc;
  return (
    db
      .select({
        account: accounts,
        sortValue,
        healthDay: latest.day,
        score: latest.score,
        band: latest.band,
        phaseKey: accountPhases.phaseKey,
        phaseSince: accountPhases.since,
        planProgress: successPlans.progressPercent,
      })
      .from(accounts)
      .leftJoin(latest, latestJoin)
      // The one active plan (a unique index), for its stored progress.
      .leftJoin(
        successPlans,
        and(
          eq(successPlans.workspaceId, accounts.workspaceId),
          eq(successPlans.accountId, accounts.id),
          eq(successPlans.active, true),
        ),
      )
      // The open stay, joined as health's findAccountStates and lifecycle's countAccountsByPhase do.
      .leftJoin(
        accountPhases,
        and(
          eq(accountPhases.workspaceId, accounts.workspaceId),
          eq(accountPhases.accountId, accounts.id),
          isNull(accountPhases.until),
        ),
      )
      .where(and(...where))
      .orderBy(order(column), order(accounts.id))
      .limit(p("limit"))
  );
});

export const findAccounts = async (db: DbOrTx, params: FindAccountsParams) => {
  const rows = await accountPage(db, listShapeOf(params)).execute({
    workspaceId: params.workspaceId,
    today: params.today,
    q: params.q ? likeContains(params.q) : undefined,
    qReading: params.q ? likeContains(normalizeNameReading(params.q)) : undefined,
    mainCurrency: params.mainCurrency ?? "",
    externalId: params.externalId,
    ownerUserId: params.ownerUserId,
    segment: params.segment,
    touchModel: params.touchModel,
    band: params.band,
    cursorValue: params.cursor?.v,
    cursorId: params.cursor?.id,
    limit: params.limit + 1,
  });

  const page = rows.slice(0, params.limit);
  const money = new Map(
    page.length === 0
      ? []
      : (
          await moneyOfAccounts(db).execute({
            workspaceId: params.workspaceId,
            today: params.today,
            accountIds: page.map((row) => row.account.id),
          })
        ).map((row) => [row.accountId, row]),
  );
  const last = page.at(-1);
  const nextCursor =
    rows.length > params.limit && last
      ? encodeCursor({ v: String(last.sortValue), id: last.account.id })
      : null;
  return {
    data: page.map((row) => ({
      account: row.account,
      health:
        row.healthDay === null ? null : { day: row.healthDay, score: row.score, band: row.band },
      phase:
        row.phaseKey === null || row.phaseSince === null
          ? null
          : { key: row.phaseKey, since: row.phaseSince },
      mrr: money.get(row.account.id)?.mrr ?? [],
      renewalOn: money.get(row.account.id)?.renewalOn ?? null,
      planProgress: row.planProgress,
    })),
    nextCursor,
  };
};

/** Read by most account routes first: prepared (lib/prepared.ts). */
const accountById = preparedQuery((db) =>
  db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, p("workspaceId")), eq(accounts.id, p("id"))))
    .limit(1),
);

export const findAccount = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await accountById(db).execute(params);
  return row;
};

export const findAccountsByExternalIds = (
  db: DbOrTx,
  params: { workspaceId: string; externalIds: string[] },
) =>
  params.externalIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, params.workspaceId),
            // sql.param: one array parameter (a bare array would expand to one per item).
            sql`${accounts.externalId} = any(${sql.param(params.externalIds)}::text[])`,
          ),
        );

/** Accounts whose name is exactly one of `names` (a CSV row may name its account so). */
export const findAccountsByNames = (
  db: DbOrTx,
  params: { workspaceId: string; names: string[] },
) =>
  params.names.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: accounts.id, name: accounts.name })
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, params.workspaceId),
            sql`${accounts.name} = any(${sql.param(params.names)}::text[])`,
          ),
        );

export const insertAccount = async (db: DbOrTx, values: NewAccount) => {
  const [row] = await db.insert(accounts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const updateAccount = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewAccount> },
) => {
  const [row] = await db
    .update(accounts)
    .set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .returning();
  return row;
};

export const deleteAccount = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(accounts)
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .returning({ id: accounts.id });
  return rows.length > 0;
};

/** When someone leaves a workspace, their accounts there have no owner until reassigned. */
export const clearAccountOwner = (db: DbOrTx, params: { workspaceId: string; userId: string }) =>
  db
    .update(accounts)
    .set({ ownerUserId: null, updatedAt: new Date() })
    .where(
      and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.ownerUserId, params.userId)),
    );
