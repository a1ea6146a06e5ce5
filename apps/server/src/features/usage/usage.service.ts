import {
  AppError,
  accountMetricValues,
  addCalendarDays,
  checkSegmentSize,
  computeAccountMetrics,
  type NormalisedSegmentEvent,
  normaliseSegmentBatch,
  normaliseSegmentEvent,
  oversizeBatchItems,
  rollUpEvents,
  type SegmentEventType,
  segmentBatchSchema,
  segmentCallSchemas,
} from "@michi/core";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { zodProblems } from "../../lib/router";
import { findAccountsByExternalIds } from "../accounts/accounts.queries";
import { getAccount } from "../accounts/accounts.service";
import { assertCan } from "../auth/actor.middleware";
import {
  attachWaitingUsageEvents,
  findDailyRollups,
  findLastRollupDay,
  findUserGroups,
  insertUsageEvents,
  markAccountsDirty,
  mergeDailyRollups,
  type StoredUsageEvent,
  type UsageEventRow,
  upsertUserGroups,
} from "./usage.queries";

/** Rollup days are UTC calendar days until workspaces have a time zone setting. */
export const USAGE_TIME_ZONE = "UTC";

export type IngestResult = { received: number; inserted: number; duplicates: number };

/** Segment answers 400 for a payload it cannot take; so do we, with the reason. */
const badRequest = (message: string, errors?: Parameters<typeof zodProblems>[0]) =>
  new AppError("bad-request", message, errors ? zodProblems(errors) : undefined);

/** A request body's text, refused when over Segment's limit for its kind. */
export const assertSegmentSize = (bytes: number, kind: "event" | "batch") => {
  const check = checkSegmentSize(bytes, kind);
  if (!check.ok) throw new AppError("bad-request", check.message);
};

/** One HTTP call's body (already parsed JSON) as normalised events. */
export const parseSegmentBody = (
  type: SegmentEventType | "batch",
  body: unknown,
  receivedAt: Date,
): NormalisedSegmentEvent[] => {
  if (type === "batch") {
    const items = (body as { batch?: unknown })?.batch;
    if (Array.isArray(items)) {
      const [oversize] = oversizeBatchItems(items);
      if (oversize)
        throw new AppError("bad-request", `batch[${oversize.index}]: ${oversize.message}`);
    }
    const parsed = segmentBatchSchema.safeParse(body);
    if (!parsed.success) throw badRequest("The batch is not valid.", parsed.error);
    return normaliseSegmentBatch(parsed.data, receivedAt);
  }
  const parsed = segmentCallSchemas[type].safeParse(body);
  if (!parsed.success) throw badRequest(`The ${type} call is not valid.`, parsed.error);
  return [normaliseSegmentEvent({ ...parsed.data, type } as never, receivedAt)];
};

/** Rolls up newly stored (or newly attached) events and marks their accounts dirty. */
const rollUpStored = async (tx: DbOrTx, workspaceId: string, stored: StoredUsageEvent[]) => {
  const byAccount = new Map<string, StoredUsageEvent[]>();
  for (const event of stored) {
    if (event.accountId === null) continue;
    const list = byAccount.get(event.accountId) ?? [];
    list.push(event);
    byAccount.set(event.accountId, list);
  }
  const rollups = [...byAccount].flatMap(([accountId, events]) =>
    rollUpEvents(events, USAGE_TIME_ZONE).map((rollup) => ({ ...rollup, accountId })),
  );
  await mergeDailyRollups(tx, { workspaceId, rollups });
  await markAccountsDirty(tx, { workspaceId, accountIds: [...byAccount.keys()] });
};

/**
 * Stores a batch of events in one transaction: group links, raw rows (one
 * statement), rollups of the rows stored for the first time, dirty marks.
 * Resolves only after the commit, so a 2xx means the events are durable.
 */
export const ingestUsageEvents = async (
  db: Db,
  params: { workspaceId: string; events: readonly NormalisedSegmentEvent[] },
): Promise<IngestResult> => {
  const { workspaceId } = params;
  // A messageId repeated inside one batch is one event: the first wins.
  const seen = new Set<string>();
  const events = params.events.filter((e) => {
    if (seen.has(e.messageId)) return false;
    seen.add(e.messageId);
    return true;
  });

  const inserted = await db.transaction(async (tx) => {
    const links = new Map<string, string>();
    for (const e of events) {
      if (e.type === "group" && e.userId && e.groupId) links.set(e.userId, e.groupId);
    }
    await upsertUserGroups(tx, { workspaceId, links });
    const unlinked = [
      ...new Set(
        events.flatMap((e) => (!e.groupId && e.userId && !links.has(e.userId) ? [e.userId] : [])),
      ),
    ];
    for (const link of await findUserGroups(tx, { workspaceId, userIds: unlinked })) {
      links.set(link.userId, link.groupId);
    }
    const groupOf = (e: NormalisedSegmentEvent) =>
      e.groupId ?? (e.userId ? (links.get(e.userId) ?? null) : null);
    const groupIds = [...new Set(events.flatMap((e) => groupOf(e) ?? []))];
    const accountOf = new Map(
      (await findAccountsByExternalIds(tx, { workspaceId, externalIds: groupIds })).map((a) => [
        a.externalId,
        a.id,
      ]),
    );
    const rows: UsageEventRow[] = events.map((e) => {
      const groupId = groupOf(e);
      return {
        messageId: e.messageId,
        type: e.type,
        userId: e.userId,
        anonymousId: e.anonymousId,
        groupId,
        accountId: groupId === null ? null : (accountOf.get(groupId) ?? null),
        event: e.type === "track" ? e.event : e.name,
        timestamp: e.timestamp,
        receivedAt: e.receivedAt,
        properties: e.properties,
        traits: e.traits,
      };
    });
    const stored = await insertUsageEvents(tx, { workspaceId, events: rows });
    await rollUpStored(tx, workspaceId, stored);
    return stored.length;
  });
  return { received: params.events.length, inserted, duplicates: params.events.length - inserted };
};

/**
 * Ties the events waiting for an account's externalId to it and rolls them
 * up. Called lazily before an account's usage is read, and by
 * attachAllWaitingUsageEvents (a sweep for jobs); see decision 0006.
 */
export const attachUsageEventsOfAccount = async (
  db: Db,
  params: { workspaceId: string; accountId: string; externalId: string | null },
): Promise<number> => {
  const { externalId } = params;
  if (!externalId) return 0;
  return db.transaction(async (tx) => {
    const attached = await attachWaitingUsageEvents(tx, {
      workspaceId: params.workspaceId,
      accountId: params.accountId,
      groupId: externalId,
    });
    await rollUpStored(tx, params.workspaceId, attached);
    return attached.length;
  });
};

/** Every account of a workspace that has events waiting for it: attach them. */
export const attachAllWaitingUsageEvents = async (db: Db, workspaceId: string) => {
  const { rows } = (await db.execute(sql`select distinct a.id, a.external_id as "externalId"
    from usage_events e
    join accounts a on a.workspace_id = e.workspace_id and a.external_id = e.group_id
    where e.workspace_id = ${workspaceId} and e.account_id is null`)) as unknown as {
    rows: { id: string; externalId: string }[];
  };
  let attached = 0;
  for (const row of rows) {
    attached += await attachUsageEventsOfAccount(db, {
      workspaceId,
      accountId: row.id,
      externalId: row.externalId,
    });
  }
  return attached;
};

/** An account's usage metrics over a window ending today (UTC), as core computes them. */
export const getAccountUsageMetrics = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; windowDays: number; asOf?: string },
) => {
  assertCan(actor, "read");
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  const asOf = params.asOf ?? new Date().toISOString().slice(0, 10);
  const where = { workspaceId, accountId: account.id };
  const [rollups, lastSeen] = await Promise.all([
    findDailyRollups(db, {
      ...where,
      from: addCalendarDays(asOf, -(2 * params.windowDays - 1)),
      to: asOf,
    }),
    findLastRollupDay(db, { ...where, to: asOf }),
  ]);
  // No seats column on contracts yet: seat utilisation stays null until there is.
  const metrics = computeAccountMetrics({
    rollups,
    asOf,
    windowDays: params.windowDays,
    seats: null,
    lastSeen,
  });
  return { accountId: account.id, metrics, values: accountMetricValues(metrics) };
};
