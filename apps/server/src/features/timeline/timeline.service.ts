import {
  AppError,
  coded,
  type InteractionKind,
  interactionKinds,
  mentionedUserIds,
  type TimelineKind,
  timelineKinds,
} from "@michi/core";
import type { Db } from "../../db/client";
import { badCursorError } from "../../lib/cursor";
import type { Actor } from "../../lib/hono-env";
import { getAccount } from "../accounts/accounts.service";
import {
  type Drafted,
  type Names,
  presentEvent,
  presentInteraction,
  presentKpiMeasurement,
  presentPlanMeeting,
  presentPlanStage,
  presentRun,
  presentTask,
} from "./timeline.present";
import {
  deleteInteraction,
  type EventKind,
  eventTypesOfKind,
  findEventEntries,
  findInteractionEntries,
  findInteractionEntry,
  findKpiMeasurementEntries,
  findMemberIds,
  findPlanMeetingEntries,
  findPlanStageEntries,
  findRunEntries,
  findTaskEntries,
  findUserNames,
  insertInteraction,
  type TimelineKey,
} from "./timeline.queries";
import type { InteractionInput, NoteInput, TimelineQuery } from "./timeline.schemas";

/*
 * The account timeline: each source read with its own bounded query (at most
 * limit + 1 rows after the cursor), merged here newest first by the key
 * (at, kind, id). The first limit + 1 of the merge are right whatever the
 * sources: any row among them is also among its own source's first limit + 1.
 */

// ---- cursor -----------------------------------------------------------------

const AT_KEY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

export const encodeTimelineCursor = (key: TimelineKey): string =>
  Buffer.from(JSON.stringify([key.at, key.kind, key.id])).toString("base64url");

export const decodeTimelineCursor = (raw: string): TimelineKey => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursorError();
  const [at, kind, id] = parsed as unknown[];
  const valid =
    typeof at === "string" &&
    AT_KEY.test(at) &&
    // A real instant: 2026-02-30 is not one.
    !Number.isNaN(Date.parse(at)) &&
    new Date(Date.parse(at)).toISOString().slice(0, 19) === at.slice(0, 19) &&
    typeof kind === "string" &&
    (timelineKinds as readonly string[]).includes(kind) &&
    typeof id === "string" &&
    /^[\p{L}\p{N}:_.-]{1,600}$/u.test(id);
  if (!valid) throw badCursorError();
  return { at, kind: kind as TimelineKind, id };
};

/** Byte order of UTF-8, as PostgreSQL's "C" collation compares. */
const compareBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Newest first: at, then kind, then id, all descending. */
const compareKeysDescending = (a: TimelineKey, b: TimelineKey) =>
  b.at < a.at ? -1 : b.at > a.at ? 1 : compareBytes(b.kind, a.kind) || compareBytes(b.id, a.id);

// ---- reading ----------------------------------------------------------------

const wants = (kinds: readonly TimelineKind[] | undefined, kind: TimelineKind) =>
  !kinds || kinds.includes(kind);

const readSources = async (
  db: Db,
  params: {
    workspaceId: string;
    accountId: string;
    kinds: readonly TimelineKind[] | undefined;
    cursor: TimelineKey | undefined;
    limit: number;
  },
): Promise<Drafted[]> => {
  const { kinds, ...source } = params;
  const reads: Promise<Drafted[]>[] = [];
  const interactionKindsWanted = interactionKinds.filter((kind) => wants(kinds, kind));
  if (interactionKindsWanted.length > 0) {
    reads.push(
      findInteractionEntries(db, { ...source, kinds: interactionKindsWanted }).then((rows) =>
        rows.map(presentInteraction),
      ),
    );
  }
  if (wants(kinds, "task")) {
    for (const event of ["created", "completed"] as const) {
      reads.push(
        findTaskEntries(db, { ...source, event }).then((rows) =>
          rows.map((row) => presentTask(row, event)),
        ),
      );
    }
  }
  if (wants(kinds, "playbookRun")) {
    reads.push(findRunEntries(db, source).then((rows) => rows.map(presentRun)));
  }
  const eventKinds = (Object.keys(eventTypesOfKind) as EventKind[]).filter((kind) =>
    wants(kinds, kind),
  );
  if (eventKinds.length > 0) {
    reads.push(
      findEventEntries(db, { ...source, kinds: eventKinds }).then((rows) =>
        rows.flatMap((row) => presentEvent(row) ?? []),
      ),
    );
  }
  if (wants(kinds, "meeting")) {
    reads.push(findPlanMeetingEntries(db, source).then((rows) => rows.map(presentPlanMeeting)));
  }
  if (wants(kinds, "planStage")) {
    reads.push(findPlanStageEntries(db, source).then((rows) => rows.map(presentPlanStage)));
  }
  if (wants(kinds, "kpiMeasurement")) {
    reads.push(
      findKpiMeasurementEntries(db, source).then((rows) => rows.map(presentKpiMeasurement)),
    );
  }
  return (await Promise.all(reads)).flat();
};

/** Resolves the names of every user the items name, in one query. */
const withNames = async (db: Db, drafted: readonly Drafted[]) => {
  const ids = new Set(drafted.flatMap((entry) => entry.userIds));
  const names = await findUserNames(db, [...ids]);
  const name: Names = (id) => (id ? { id, name: names.get(id) ?? null } : null);
  return drafted.map((entry) => entry.build(name));
};

export const getTimeline = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; query: TimelineQuery },
) => {
  // Another workspace's account answers 404, the same as one that does not exist.
  await getAccount(db, actor, params.accountId);
  const { limit, kind, cursor: rawCursor } = params.query;
  const cursor = rawCursor ? decodeTimelineCursor(rawCursor) : undefined;
  const drafted = await readSources(db, {
    workspaceId: actor.workspaceId,
    accountId: params.accountId,
    kinds: kind,
    cursor,
    limit: limit + 1,
  });
  drafted.sort((a, b) => compareKeysDescending(a.key, b.key));
  const page = drafted.slice(0, limit);
  const last = page.at(-1);
  return {
    data: await withNames(db, page),
    nextCursor: drafted.length > limit && last ? encodeTimelineCursor(last.key) : null,
  };
};

// ---- writing ----------------------------------------------------------------

/** The mentioned ids must be members of the workspace: an unknown one is a 422 on /body. */
const checkMentions = async (db: Db, workspaceId: string, body: string) => {
  const ids = mentionedUserIds(body);
  const members = await findMemberIds(db, { workspaceId, userIds: ids });
  const unknown = ids.filter((id) => !members.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      "validation-failed",
      "The body mentions someone who is not a member of this workspace.",
      unknown.map((userId) => ({
        pointer: "/body",
        message: `mentions ${userId}, who is not a member of this workspace`,
        ...coded("unknown-user", { userId }),
      })),
    );
  }
  return ids;
};

const authorOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

const readBack = async (db: Db, actor: Actor, accountId: string, id: string) => {
  const row = await findInteractionEntry(db, { workspaceId: actor.workspaceId, accountId, id });
  if (!row) throw new Error("the interaction just stored is gone");
  const [item] = await withNames(db, [presentInteraction(row)]);
  if (!item) throw new Error("no item");
  return item;
};

export const addNote = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: NoteInput },
) => {
  await getAccount(db, actor, params.accountId);
  const mentioned = await checkMentions(db, actor.workspaceId, params.input.body);
  const id = await insertInteraction(db, {
    workspaceId: actor.workspaceId,
    accountId: params.accountId,
    kind: "note",
    body: params.input.body,
    mentionedUserIds: mentioned,
    authorUserId: authorOf(actor),
  });
  const item = await readBack(db, actor, params.accountId, id);
  if (item.kind !== "note") throw new Error("the note read back is not a note");
  return item;
};

/** A few minutes' grace for a clock a little ahead. */
const FUTURE_GRACE_MS = 5 * 60 * 1000;

export const logInteraction = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: InteractionInput; now?: Date },
) => {
  const { input } = params;
  const now = params.now ?? new Date();
  const subject = input.subject?.trim() || null;
  if (!subject && input.body.trim() === "") {
    throw new AppError("validation-failed", "Say what the call or meeting was about.", [
      { pointer: "/body", message: "is required when there is no subject", ...coded("required") },
    ]);
  }
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_GRACE_MS) {
    throw new AppError("validation-failed", "A call or meeting is logged once it took place.", [
      {
        pointer: "/occurredAt",
        message: "must not be in the future",
        ...coded("date-in-future", { today: now.toISOString().slice(0, 10) }),
      },
    ]);
  }
  await getAccount(db, actor, params.accountId);
  const mentioned = await checkMentions(db, actor.workspaceId, input.body);
  const id = await insertInteraction(db, {
    workspaceId: actor.workspaceId,
    accountId: params.accountId,
    kind: input.kind,
    occurredAt,
    subject,
    body: input.body,
    mentionedUserIds: mentioned,
    authorUserId: authorOf(actor),
  });
  return readBack(db, actor, params.accountId, id);
};

/** What a person logs (and may delete); emails are Michi's record of what it sent. */
const deletableKinds: readonly InteractionKind[] = ["note", "call", "meeting"];

/**
 * Deletes a note (or a logged call or meeting): its author may, and an admin
 * or manager may delete anyone's.
 */
export const removeNote = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; noteId: string },
) => {
  await getAccount(db, actor, params.accountId);
  const scope = { workspaceId: actor.workspaceId, accountId: params.accountId };
  const row = await findInteractionEntry(db, { ...scope, id: params.noteId });
  if (!row || !deletableKinds.includes(row.kind)) {
    throw new AppError("not-found", "There is no such note on this account.");
  }
  const isAuthor = row.authorUserId !== null && row.authorUserId === authorOf(actor);
  if (!isAuthor && actor.role !== "admin" && actor.role !== "manager") {
    throw new AppError("forbidden", "Only its author, an admin or a manager may delete a note.");
  }
  await deleteInteraction(db, { ...scope, id: params.noteId });
};
