import type { InteractionKind, TimelineKind, WebhookEventType } from "@michi/core";
import { and, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import {
  accountEvents,
  accountInteractions,
  accountTasks,
  planKpiMeasurements,
  planKpis,
  planMeetings,
  planStages,
  playbookRuns,
  playbooks,
  successPlans,
  users,
  workspaceMembers,
} from "../../db/schema";

/*
 * One bounded query per source of the timeline (decision 0030: the timeline
 * is a read over the tables where things are stored). Each returns at most
 * `limit` rows after the cursor, newest first by the key (at, kind, id); the
 * service merges them. The key is compared in SQL with text in the "C"
 * collation (bytes) and in TypeScript byte by byte, so both order alike; `at`
 * travels as text with microseconds, so no two rows are confused by
 * JavaScript's milliseconds.
 */

/** Where a page starts: the last item's key, exclusive. */
export type TimelineKey = { at: string; kind: TimelineKind; id: string };

type SourceParams = {
  workspaceId: string;
  accountId: string;
  cursor: TimelineKey | undefined;
  limit: number;
};

/** ISO 8601 in UTC with microseconds: sorts as text the way the timestamps sort. */
const atKeyOf = (at: SQL | AnyPgColumn) =>
  sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A date as the start of its UTC day. */
const startOfDay = (date: AnyPgColumn) => sql`(${date}::timestamp at time zone 'UTC')`;

type KeyColumns = { at: SQL | AnyPgColumn; kind: SQL | AnyPgColumn; id: SQL };

const afterCursor = (key: KeyColumns, cursor: TimelineKey | undefined) =>
  cursor
    ? sql`(${key.at}, ${key.kind} collate "C", ${key.id} collate "C") < (${cursor.at}::timestamptz, ${cursor.kind}::text collate "C", ${cursor.id}::text collate "C")`
    : undefined;

/** Newest first; `kind` only where it varies within the source (a constant may not be sorted on). */
const newestFirst = (key: KeyColumns, kindVaries: boolean) => [
  sql`${key.at} desc`,
  ...(kindVaries ? [sql`${key.kind} collate "C" desc`] : []),
  sql`${key.id} collate "C" desc`,
];

const constantKind = (kind: TimelineKind) => sql<TimelineKind>`${kind}::text`;

export const findInteractionEntries = (
  db: DbOrTx,
  params: SourceParams & { kinds: readonly InteractionKind[] },
) => {
  const t = accountInteractions;
  const key = { at: t.occurredAt, kind: t.kind, id: sql<string>`${t.id}::text` };
  return db
    .select({
      atKey: atKeyOf(t.occurredAt),
      kind: t.kind,
      id: key.id,
      subject: t.subject,
      body: t.body,
      mentionedUserIds: t.mentionedUserIds,
      authorUserId: t.authorUserId,
      emailTo: t.emailTo,
      emailStatus: t.emailStatus,
      emailDetail: t.emailDetail,
      playbookRunId: t.playbookRunId,
    })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        inArray(t.kind, [...params.kinds]),
        afterCursor(key, params.cursor),
      ),
    )
    .orderBy(...newestFirst(key, true))
    .limit(params.limit);
};

/** A task appears when it was made, and again when it was completed. */
export const findTaskEntries = (
  db: DbOrTx,
  params: SourceParams & { event: "created" | "completed" },
) => {
  const t = accountTasks;
  const at = params.event === "created" ? t.createdAt : t.completedAt;
  const key = {
    at,
    kind: constantKind("task"),
    id: sql<string>`${t.id}::text || ${`:${params.event}`}::text`,
  };
  return db
    .select({
      atKey: atKeyOf(at),
      id: key.id,
      taskId: t.id,
      title: t.title,
      status: t.status,
      ownerUserId: t.ownerUserId,
      dueDate: t.dueDate,
      resultCode: t.resultCode,
      createdByUserId: t.createdByUserId,
      completedByUserId: t.completedByUserId,
      playbookRunId: t.playbookRunId,
    })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        params.event === "completed" ? isNotNull(t.completedAt) : undefined,
        afterCursor(key, params.cursor),
      ),
    )
    .orderBy(...newestFirst(key, false))
    .limit(params.limit);
};

export const findRunEntries = (db: DbOrTx, params: SourceParams) => {
  const t = playbookRuns;
  const key = {
    at: t.createdAt,
    kind: constantKind("playbookRun"),
    id: sql<string>`${t.id}::text`,
  };
  return db
    .select({
      atKey: atKeyOf(t.createdAt),
      id: key.id,
      playbookId: t.playbookId,
      playbookName: sql<unknown>`${playbooks.definition} -> 'name'`,
      status: t.status,
      steps: t.steps,
      startedByUserId: t.startedByUserId,
      finishedAt: t.finishedAt,
    })
    .from(t)
    .innerJoin(
      playbooks,
      and(eq(playbooks.workspaceId, t.workspaceId), eq(playbooks.id, t.playbookId)),
    )
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        afterCursor(key, params.cursor),
      ),
    )
    .orderBy(...newestFirst(key, false))
    .limit(params.limit);
};

/** The account events the timeline shows, by kind (task, run and stage events come from their own rows). */
export const eventTypesOfKind = {
  healthBand: ["account.health_band_changed"],
  phase: ["account.phase_changed"],
  maturity: ["account.maturity_changed"],
  contract: ["account.contract_created", "account.contract_ended"],
} as const satisfies Partial<Record<TimelineKind, readonly WebhookEventType[]>>;
export type EventKind = keyof typeof eventTypesOfKind;

export const findEventEntries = (
  db: DbOrTx,
  params: SourceParams & { kinds: readonly EventKind[] },
) => {
  const t = accountEvents;
  const kind = sql<EventKind>`(case ${t.type}
    when 'account.health_band_changed' then 'healthBand'
    when 'account.phase_changed' then 'phase'
    when 'account.maturity_changed' then 'maturity'
    else 'contract' end)`;
  const key = { at: t.occurredAt, kind, id: sql<string>`${t.id}::text` };
  const types = params.kinds.flatMap((k) => eventTypesOfKind[k]);
  return db
    .select({
      atKey: atKeyOf(t.occurredAt),
      kind,
      id: key.id,
      type: t.type,
      data: t.data,
    })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        inArray(t.type, types),
        afterCursor(key, params.cursor),
      ),
    )
    .orderBy(...newestFirst(key, true))
    .limit(params.limit);
};

const ofAccountPlans = (
  planTable: { workspaceId: AnyPgColumn; planId: AnyPgColumn },
  params: SourceParams,
) =>
  and(
    eq(successPlans.workspaceId, planTable.workspaceId),
    eq(successPlans.id, planTable.planId),
    eq(successPlans.workspaceId, params.workspaceId),
    eq(successPlans.accountId, params.accountId),
  );

/** A plan's meeting records (議事録), at the start of their day. */
export const findPlanMeetingEntries = (db: DbOrTx, params: SourceParams) => {
  const t = planMeetings;
  const at = startOfDay(t.date);
  const key = { at, kind: constantKind("meeting"), id: sql<string>`${t.id}::text` };
  return db
    .select({
      atKey: atKeyOf(at),
      id: key.id,
      planId: t.planId,
      planTitle: successPlans.title,
      date: t.date,
      audience: t.audience,
      title: t.title,
      notes: t.notes,
      decisions: t.decisions,
      createdByUserId: t.createdByUserId,
    })
    .from(t)
    .innerJoin(successPlans, ofAccountPlans(t, params))
    .where(and(eq(t.workspaceId, params.workspaceId), afterCursor(key, params.cursor)))
    .orderBy(...newestFirst(key, false))
    .limit(params.limit);
};

export const findPlanStageEntries = (db: DbOrTx, params: SourceParams) => {
  const t = planStages;
  const key = {
    at: t.closedAt,
    kind: constantKind("planStage"),
    id: sql<string>`${t.planId}::text || ':' || ${t.number}::text`,
  };
  return db
    .select({
      atKey: atKeyOf(t.closedAt),
      id: key.id,
      planId: t.planId,
      planTitle: successPlans.title,
      number: t.number,
      closedByName: t.closedByName,
    })
    .from(t)
    .innerJoin(successPlans, ofAccountPlans(t, params))
    .where(and(eq(t.workspaceId, params.workspaceId), afterCursor(key, params.cursor)))
    .orderBy(...newestFirst(key, false))
    .limit(params.limit);
};

/** KPI measurements, at the start of their day; with the KPI's name. */
export const findKpiMeasurementEntries = (db: DbOrTx, params: SourceParams) => {
  const t = planKpiMeasurements;
  const at = startOfDay(t.date);
  const key = {
    at,
    kind: constantKind("kpiMeasurement"),
    id: sql<string>`${t.planId}::text || ':' || ${t.kpiKey} || ':' || ${t.position}::text`,
  };
  return db
    .select({
      atKey: atKeyOf(at),
      id: key.id,
      planId: t.planId,
      planTitle: successPlans.title,
      kpiKey: t.kpiKey,
      kpiName: planKpis.name,
      unit: planKpis.unit,
      target: planKpis.target,
      date: t.date,
      value: t.value,
      note: t.note,
    })
    .from(t)
    .innerJoin(successPlans, ofAccountPlans(t, params))
    .innerJoin(
      planKpis,
      and(
        eq(planKpis.workspaceId, t.workspaceId),
        eq(planKpis.planId, t.planId),
        eq(planKpis.key, t.kpiKey),
      ),
    )
    .where(and(eq(t.workspaceId, params.workspaceId), afterCursor(key, params.cursor)))
    .orderBy(...newestFirst(key, false))
    .limit(params.limit);
};

export type InteractionEntry = Awaited<ReturnType<typeof findInteractionEntries>>[number];
export type TaskEntry = Awaited<ReturnType<typeof findTaskEntries>>[number];
export type RunEntry = Awaited<ReturnType<typeof findRunEntries>>[number];
export type EventEntry = Awaited<ReturnType<typeof findEventEntries>>[number];
export type PlanMeetingEntry = Awaited<ReturnType<typeof findPlanMeetingEntries>>[number];
export type PlanStageEntry = Awaited<ReturnType<typeof findPlanStageEntries>>[number];
export type KpiMeasurementEntry = Awaited<ReturnType<typeof findKpiMeasurementEntries>>[number];

/** Names of users, by id (any user: an author who left the workspace keeps their name). */
export const findUserNames = async (db: DbOrTx, userIds: readonly string[]) => {
  if (userIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...userIds]));
  return new Map(rows.map((row) => [row.id, row.name]));
};

/** Which of these user ids are members of the workspace. */
export const findMemberIds = async (
  db: DbOrTx,
  params: { workspaceId: string; userIds: readonly string[] },
) => {
  if (params.userIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        inArray(workspaceMembers.userId, [...params.userIds]),
      ),
    );
  return new Set(rows.map((row) => row.userId));
};

export type NewInteraction = typeof accountInteractions.$inferInsert;

export const insertInteraction = async (db: DbOrTx, values: NewInteraction) => {
  const [row] = await db
    .insert(accountInteractions)
    .values(values)
    .returning({ id: accountInteractions.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
};

/** One interaction of an account, as a timeline entry. */
export const findInteractionEntry = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; id: string },
) => {
  const t = accountInteractions;
  const [row] = await db
    .select({
      atKey: atKeyOf(t.occurredAt),
      kind: t.kind,
      id: sql<string>`${t.id}::text`,
      subject: t.subject,
      body: t.body,
      mentionedUserIds: t.mentionedUserIds,
      authorUserId: t.authorUserId,
      emailTo: t.emailTo,
      emailStatus: t.emailStatus,
      emailDetail: t.emailDetail,
      playbookRunId: t.playbookRunId,
    })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        eq(t.id, params.id),
      ),
    )
    .limit(1);
  return row;
};

export const deleteInteraction = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; id: string },
) => {
  const t = accountInteractions;
  const rows = await db
    .delete(t)
    .where(
      and(
        eq(t.workspaceId, params.workspaceId),
        eq(t.accountId, params.accountId),
        eq(t.id, params.id),
      ),
    )
    .returning({ id: t.id });
  return rows.length > 0;
};
