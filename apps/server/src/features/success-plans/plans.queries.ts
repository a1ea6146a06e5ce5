import { and, asc, desc, eq, getTableColumns, inArray, not, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import {
  accounts,
  contacts,
  planFailurePatterns,
  planHistory,
  planKpiLinks,
  planKpiMeasurements,
  planKpis,
  planLayoutPositions,
  planMeasureObjectives,
  planMeasures,
  planMeetingCadences,
  planMilestoneObjectives,
  planMilestones,
  planObjectives,
  planRoadmapItems,
  planTasks,
  planTeamMembers,
  successPlans,
  users,
  workspaceMembers,
} from "../../db/schema";
import { preparedQuery } from "../../lib/prepared";
import type { PlanElementRows, StoredPlanElements } from "./plan-rows";

export type PlanRow = typeof successPlans.$inferSelect;
export type NewPlan = typeof successPlans.$inferInsert;

type PlanIds = { workspaceId: string; planId: string };

const planWhere = (params: { workspaceId: string; id: string }) =>
  and(eq(successPlans.workspaceId, params.workspaceId), eq(successPlans.id, params.id));

export const findPlan = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db.select().from(successPlans).where(planWhere(params)).limit(1);
  return row;
};

/** Locks the plan's row until the transaction ends: writers of one plan go one at a time. */
export const lockPlan = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db.select().from(successPlans).where(planWhere(params)).for("update");
  return row;
};

/**
 * A plan with its account's name and every element and layout row, in one
 * statement (drizzle's relational query: a json_agg per element table). One a
 * table was 16 round trips a plan read, most of what a read cost under load.
 * Prepared (lib/prepared.ts): PostgreSQL plans the 15 joins once a connection,
 * not at every read (~2 ms).
 */
const planGraph = preparedQuery((db) =>
  db.query.successPlans.findFirst({
    where: and(
      eq(successPlans.workspaceId, sql.placeholder("workspaceId")),
      eq(successPlans.id, sql.placeholder("id")),
    ),
    with: {
      account: { columns: { name: true, externalId: true } },
      team: true,
      objectives: true,
      measures: true,
      measureObjectives: true,
      kpis: true,
      kpiLinks: true,
      measurements: true,
      roadmap: true,
      milestones: true,
      milestoneObjectives: true,
      tasks: true,
      meetingCadences: true,
      failurePatterns: true,
      layout: { columns: { nodeKey: true, x: true, y: true } },
    },
  }),
);

export const findPlanGraph = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const row = await planGraph(db).execute(params);
  if (!row) return undefined;
  const {
    account,
    layout,
    team,
    objectives,
    measures,
    measureObjectives,
    kpis,
    kpiLinks,
    measurements,
    roadmap,
    milestones,
    milestoneObjectives,
    tasks,
    meetingCadences,
    failurePatterns,
    ...plan
  } = row;
  const elements: StoredPlanElements = {
    team,
    objectives,
    measures,
    measureObjectives,
    kpis,
    kpiLinks,
    measurements,
    roadmap,
    milestones,
    milestoneObjectives,
    tasks,
    meetingCadences,
    failurePatterns,
  };
  return { plan, account, elements, layout };
};

/** Locks an account's row: plan creation and activation for one account go one at a time. */
export const lockAccount = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .for("update");
  return row;
};

/** Accounts by id, external id or exact name (at most a few), for an import. */
export const findAccountsForImport = (
  db: DbOrTx,
  params: { workspaceId: string } & ({ id: string } | { externalId: string } | { name: string }),
) =>
  db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, params.workspaceId),
        "id" in params
          ? eq(accounts.id, params.id)
          : "externalId" in params
            ? eq(accounts.externalId, params.externalId)
            : eq(accounts.name, params.name),
      ),
    )
    .limit(5);

export const findPlansOfAccount = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) =>
  db
    .select()
    .from(successPlans)
    .where(
      and(
        eq(successPlans.workspaceId, params.workspaceId),
        eq(successPlans.accountId, params.accountId),
      ),
    )
    .orderBy(desc(successPlans.active), desc(successPlans.updatedAt), asc(successPlans.id));

export const insertPlan = async (db: DbOrTx, values: NewPlan) => {
  const [row] = await db.insert(successPlans).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

/**
 * Writes the plan's columns and bumps its version, only if it is still at
 * `expectedVersion`; undefined when it is not (or is gone).
 */
export const updatePlanVersioned = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; expectedVersion: number; values: Partial<NewPlan> },
) => {
  const [row] = await db
    .update(successPlans)
    .set({ ...params.values, version: sql`${successPlans.version} + 1`, updatedAt: new Date() })
    .where(and(planWhere(params), eq(successPlans.version, params.expectedVersion)))
    .returning();
  return row;
};

export const updatePlan = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewPlan> },
) => {
  const [row] = await db
    .update(successPlans)
    .set(params.values)
    .where(planWhere(params))
    .returning();
  return row;
};

/** Makes every other plan of the account inactive, before one becomes active. */
export const deactivatePlansOfAccount = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) =>
  db
    .update(successPlans)
    .set({ active: false })
    .where(
      and(
        eq(successPlans.workspaceId, params.workspaceId),
        eq(successPlans.accountId, params.accountId),
        eq(successPlans.active, true),
      ),
    );

export const hasActivePlan = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) => {
  const [row] = await db
    .select({ id: successPlans.id })
    .from(successPlans)
    .where(
      and(
        eq(successPlans.workspaceId, params.workspaceId),
        eq(successPlans.accountId, params.accountId),
        eq(successPlans.active, true),
      ),
    )
    .limit(1);
  return row !== undefined;
};

export const deletePlan = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(successPlans)
    .where(planWhere(params))
    .returning({ id: successPlans.id });
  return rows.length > 0;
};

// --- elements ---

type ElementTable = PgTable & { workspaceId: PgColumn; planId: PgColumn };

const ofPlan = (table: ElementTable, ids: PlanIds) =>
  and(eq(table.workspaceId, ids.workspaceId), eq(table.planId, ids.planId));

/** Children before the rows they point at, so no foreign key is ever left dangling. */
const elementTablesChildFirst: ElementTable[] = [
  planTasks,
  planMilestoneObjectives,
  planMilestones,
  planKpiMeasurements,
  planKpiLinks,
  planKpis,
  planMeasureObjectives,
  planMeasures,
  planObjectives,
  planRoadmapItems,
  planMeetingCadences,
  planFailurePatterns,
  planTeamMembers,
];

export const deletePlanElements = async (db: DbOrTx, ids: PlanIds) => {
  for (const table of elementTablesChildFirst) await db.delete(table).where(ofPlan(table, ids));
};

/**
 * A table's rows in one statement with one parameter. Drizzle's multi-row
 * VALUES binds a parameter per cell: a plan at its limits (~28,000 rows) took
 * 3.1 s on PGlite, holding its one thread; one jsonb array read by
 * jsonb_populate_recordset takes a fraction of that. Element tables have no
 * column defaults, so every column is written, absent values as NULL.
 */
const insertRows = async (db: DbOrTx, table: PgTable, rows: object[]) => {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await insertChunk(db, table, rows.slice(i, i + INSERT_CHUNK));
    // A PGlite statement resolves without I/O, so awaiting it never lets the
    // event loop answer anything else; between chunks it may.
    await new Promise((resolve) => setImmediate(resolve));
  }
};

/**
 * Rows a statement: PGlite runs each statement on the thread that answers
 * requests, so a plan at its limits is written in steps of tens of
 * milliseconds, not one of most of a second.
 */
const INSERT_CHUNK = 1_000;

const insertChunk = async (db: DbOrTx, table: PgTable, rows: object[]) => {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const records = rows.map((row) =>
    Object.fromEntries(
      columns.map(([property, column]) => [
        column.name,
        (row as Record<string, unknown>)[property] ?? null,
      ]),
    ),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`,
  );
};

export const insertPlanElements = async (db: DbOrTx, rows: PlanElementRows) => {
  const inserts: [PgTable, object[]][] = [
    [planTeamMembers, rows.team],
    [planObjectives, rows.objectives],
    [planMeasures, rows.measures],
    [planMeasureObjectives, rows.measureObjectives],
    [planKpis, rows.kpis],
    [planKpiLinks, rows.kpiLinks],
    [planKpiMeasurements, rows.measurements],
    [planRoadmapItems, rows.roadmap],
    [planMilestones, rows.milestones],
    [planMilestoneObjectives, rows.milestoneObjectives],
    [planTasks, rows.tasks],
    [planMeetingCadences, rows.meetingCadences],
    [planFailurePatterns, rows.failurePatterns],
  ];
  for (const [table, values] of inserts) await insertRows(db, table, values);
};

/** Contacts of the account and members of the workspace, by lower-cased email. */
export const findPeopleByEmail = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; emails: string[] },
) => {
  if (params.emails.length === 0) return { contacts: [], users: [] };
  const emails = sql.param(params.emails);
  const contactRows = await db
    .select({ id: contacts.id, email: sql<string>`lower(${contacts.email})` })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, params.workspaceId),
        eq(contacts.accountId, params.accountId),
        sql`lower(${contacts.email}) = any(${emails}::text[])`,
      ),
    );
  const userRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(workspaceMembers, eq(workspaceMembers.userId, users.id))
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        sql`lower(${users.email}) = any(${emails}::text[])`,
      ),
    );
  return { contacts: contactRows, users: userRows };
};

export const setTeamMemberLinks = async (
  db: DbOrTx,
  params: PlanIds & { links: { key: string; contactId: string | null; userId: string | null }[] },
) => {
  for (const link of params.links) {
    await db
      .update(planTeamMembers)
      .set({ contactId: link.contactId, userId: link.userId })
      .where(and(ofPlan(planTeamMembers, params), eq(planTeamMembers.key, link.key)));
  }
};

// --- layout ---

export const findLayout = (db: DbOrTx, ids: PlanIds) =>
  db
    .select({
      key: planLayoutPositions.nodeKey,
      x: planLayoutPositions.x,
      y: planLayoutPositions.y,
    })
    .from(planLayoutPositions)
    .where(ofPlan(planLayoutPositions, ids));

export const upsertLayout = async (
  db: DbOrTx,
  params: PlanIds & { positions: { key: string; x: number; y: number }[] },
) => {
  if (params.positions.length === 0) return;
  await db
    .insert(planLayoutPositions)
    .values(
      params.positions.map((p) => ({
        workspaceId: params.workspaceId,
        planId: params.planId,
        nodeKey: p.key,
        x: p.x,
        y: p.y,
      })),
    )
    .onConflictDoUpdate({
      target: [
        planLayoutPositions.workspaceId,
        planLayoutPositions.planId,
        planLayoutPositions.nodeKey,
      ],
      set: { x: sql`excluded.x`, y: sql`excluded.y` },
    });
};

export const deleteLayoutKeys = async (db: DbOrTx, params: PlanIds & { keys: string[] }) => {
  if (params.keys.length === 0) return;
  await db
    .delete(planLayoutPositions)
    .where(
      and(ofPlan(planLayoutPositions, params), inArray(planLayoutPositions.nodeKey, params.keys)),
    );
};

/** Drops positions of elements no longer in the plan; "_" nodes (goal, …) always stay. */
export const pruneLayout = async (db: DbOrTx, params: PlanIds & { keepKeys: string[] }) => {
  await db
    .delete(planLayoutPositions)
    .where(
      and(
        ofPlan(planLayoutPositions, params),
        sql`${planLayoutPositions.nodeKey} not like '\\_%'`,
        params.keepKeys.length > 0
          ? not(inArray(planLayoutPositions.nodeKey, params.keepKeys))
          : undefined,
      ),
    );
};

// --- history ---

export type NewPlanHistory = typeof planHistory.$inferInsert;

export const insertHistory = (db: DbOrTx, values: NewPlanHistory) =>
  db.insert(planHistory).values(values);

export const findHistory = (db: DbOrTx, params: PlanIds & { limit: number }) =>
  db
    .select()
    .from(planHistory)
    .where(ofPlan(planHistory, params))
    .orderBy(desc(planHistory.at), desc(planHistory.version))
    .limit(params.limit);
