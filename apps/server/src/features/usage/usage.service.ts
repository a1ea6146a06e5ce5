import {
  AppError,
  accountMetricValues,
  addCalendarDays,
  checkSegmentSize,
  coded,
  computeAccountMetrics,
  type NormalisedSegmentEvent,
} from "@michi/core";
import { type Db, databaseKindOf } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import {
  attachUsageEventsOfAccount,
  findMaturityLevels,
  loadAccountInputs,
  pastTimeOf,
} from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { usageEventTriggerNames } from "../playbooks/usage-event-triggers";
import {
  DuplicateUsageEventError,
  findDailyRollups,
  findLastRollupDay,
  findUserGroups,
  type UsageEventRow,
  writeUsageEvents,
} from "./usage.queries";

export { parseSegmentBody } from "./usage.parse";

/** Rollup days are UTC calendar days until workspaces have a time zone setting. */
export const USAGE_TIME_ZONE = "UTC";

export type IngestResult = { received: number; inserted: number; duplicates: number };

/** A request body's text, refused when over Segment's limit for its kind. */
export const assertSegmentSize = (bytes: number, kind: "event" | "batch") => {
  const check = checkSegmentSize(bytes, kind);
  if (!check.ok) throw new AppError("bad-request", check.message);
};

/**
 * Stores the events of one or more requests of a workspace in one
 * statement: group links, raw rows (each with its account when known) and the
 * pending row that lists them for the rollup fold (which marks the accounts
 * dirty). Returns each request's counts; a messageId repeated anywhere in the
 * group is one event, the first wins.
 */
const storeEventGroup = async (
  db: Db,
  workspaceId: string,
  requests: readonly (readonly NormalisedSegmentEvent[])[],
): Promise<IngestResult[]> => {
  const ownerOf = new Map<string, number>();
  const events: NormalisedSegmentEvent[] = [];
  requests.forEach((list, owner) => {
    for (const e of list) {
      if (ownerOf.has(e.messageId)) continue;
      ownerOf.set(e.messageId, owner);
      events.push(e);
    }
  });

  // Links sent in these requests (`group` calls; the last wins), then the stored
  // links of users whose events name no group.
  const sent = new Map<string, string>();
  for (const e of events) {
    if (e.type === "group" && e.userId && e.groupId) sent.set(e.userId, e.groupId);
  }
  const links = new Map(sent);
  const unlinked = new Set<string>();
  for (const e of events) {
    if (!e.groupId && e.userId && !links.has(e.userId)) unlinked.add(e.userId);
  }
  for (const link of await findUserGroups(db, { workspaceId, userIds: [...unlinked] })) {
    links.set(link.userId, link.groupId);
  }
  const rows: UsageEventRow[] = events.map((e) => ({
    messageId: e.messageId,
    type: e.type,
    userId: e.userId,
    anonymousId: e.anonymousId,
    groupId: e.groupId ?? (e.userId ? (links.get(e.userId) ?? null) : null),
    event: e.type === "track" ? e.event : e.name,
    timestamp: e.timestamp,
    properties: e.properties,
    traits: e.traits,
  }));

  const signalNames = await usageEventTriggerNames(db, workspaceId);
  let stored: Set<string>;
  try {
    // All new, the usual case: a plain insert.
    stored = await writeUsageEvents(db, {
      workspaceId,
      events: rows,
      links: sent,
      onConflict: "fail",
      signalNames,
    });
  } catch (error) {
    if (!(error instanceof DuplicateUsageEventError)) throw error;
    // A messageId was stored before (a retry) or concurrently: skip those.
    stored = await writeUsageEvents(db, {
      workspaceId,
      events: rows,
      links: sent,
      onConflict: "skip",
      signalNames,
    });
  }
  const counts = requests.map((list) => ({ received: list.length, inserted: 0, duplicates: 0 }));
  for (const messageId of stored) {
    const count = counts[ownerOf.get(messageId) ?? -1];
    if (count) count.inserted += 1;
  }
  for (const count of counts) count.duplicates = count.received - count.inserted;
  return counts;
};

/*
 * Group commit in the process: requests that arrive while transactions are
 * being written wait and go together into the next one. One transaction (and
 * one WAL flush) for several requests (decision 0006). Each request still
 * resolves only after the commit that holds its events.
 */
type PendingIngest = {
  workspaceId: string;
  events: readonly NormalisedSegmentEvent[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
};

/** Events per group transaction; a larger request goes alone. */
const GROUP_MAX_EVENTS = 5_000;
type IngestQueue = { pending: PendingIngest[]; writers: number };
const ingestQueues = new WeakMap<Db, IngestQueue>();
/**
 * Group transactions in flight at once. On PostgreSQL two: one is written
 * while the other waits for its commit's WAL flush or its next statement,
 * and ingest locks no shared rows (the rollups are left to the fold). PGlite has
 * one connection, so a second would only make groups smaller.
 */
const writersOf = (db: Db) => (databaseKindOf(db) === "pglite" ? 1 : 2);

/** The oldest request and those of the same workspace behind it, up to the cap. */
const takeGroup = (queue: PendingIngest[]): PendingIngest[] => {
  const [first] = queue;
  if (!first) return [];
  const group: PendingIngest[] = [];
  let events = 0;
  for (let i = 0; i < queue.length; ) {
    const pending = queue[i] as PendingIngest;
    const fits = group.length === 0 || events + pending.events.length <= GROUP_MAX_EVENTS;
    if (pending.workspaceId === first.workspaceId && fits) {
      group.push(pending);
      events += pending.events.length;
      queue.splice(i, 1);
    } else {
      i += 1;
    }
  }
  return group;
};

const writeGroup = async (db: Db, group: readonly PendingIngest[]) => {
  const workspaceId = (group[0] as PendingIngest).workspaceId;
  try {
    const results = await storeEventGroup(
      db,
      workspaceId,
      group.map((p) => p.events),
    );
    group.forEach((p, i) => {
      p.resolve(results[i] as IngestResult);
    });
  } catch (error) {
    if (group.length === 1) {
      group[0]?.reject(error);
      return;
    }
    // One bad request must not fail the others: each alone, in its own transaction.
    for (const p of group) {
      try {
        const [result] = await storeEventGroup(db, workspaceId, [p.events]);
        p.resolve(result as IngestResult);
      } catch (own) {
        p.reject(own);
      }
    }
  }
};

const drainIngestQueue = async (db: Db, queue: IngestQueue) => {
  try {
    for (let group = takeGroup(queue.pending); group.length > 0; group = takeGroup(queue.pending)) {
      await writeGroup(db, group);
      // Let the event loop read the requests that came in meanwhile, so they join
      // the next group. PGlite's write holds the thread and resolves without I/O:
      // without this every group was one request (500 events a statement; with it
      // ~1,000, and 50,000 events took ~9% less CPU in six alternating runs).
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    queue.writers -= 1;
  }
};

/**
 * Stores a batch of events (one request's) with others waiting at the same
 * time: group links, raw rows, rollups, dirty marks, in one transaction.
 * Resolves only after the commit, so a 2xx means the events are durable.
 */
export const ingestUsageEvents = (
  db: Db,
  params: { workspaceId: string; events: readonly NormalisedSegmentEvent[] },
): Promise<IngestResult> =>
  new Promise<IngestResult>((resolve, reject) => {
    let queue = ingestQueues.get(db);
    if (!queue) {
      queue = { pending: [], writers: 0 };
      ingestQueues.set(db, queue);
    }
    queue.pending.push({ ...params, resolve, reject });
    if (queue.writers < writersOf(db)) {
      queue.writers += 1;
      void drainIngestQueue(db, queue);
    }
  });

/** An account's usage metrics over a window ending today (UTC), as core computes them. */
export const getAccountUsageMetrics = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; windowDays: number; asOf?: string | undefined },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  const today = utcDay(new Date());
  const asOf = params.asOf ?? today;
  if (asOf > today) {
    throw new AppError("validation-failed", "The metrics of a day to come are not known.", [
      {
        pointer: "/asOf",
        message: `must not be after today (${today})`,
        ...coded("date-in-future", { today }),
      },
    ]);
  }
  const where = { workspaceId, accountId: account.id };
  const [rollups, lastSeen, inputsOf, levels] = await Promise.all([
    findDailyRollups(db, {
      ...where,
      from: addCalendarDays(asOf, -(2 * params.windowDays - 1)),
      to: asOf,
    }),
    findLastRollupDay(db, { ...where, to: asOf }),
    // What the recompute reads besides usage, so both show the same numbers.
    loadAccountInputs(db, { workspaceId, accountIds: [account.id], asOf }),
    // The levels it had at the end of that day (the current ones for today).
    findMaturityLevels(db, {
      workspaceId,
      accountIds: [account.id],
      at: pastTimeOf(new Date(`${asOf}T23:59:59.999Z`)),
    }),
  ]);
  const metrics = computeAccountMetrics({
    ...inputsOf.get(account.id),
    rollups,
    asOf,
    windowDays: params.windowDays,
    lastSeen,
    maturityLevels: Object.fromEntries(levels.map((row) => [row.product, row.level])),
  });
  return { accountId: account.id, metrics, values: accountMetricValues(metrics) };
};
