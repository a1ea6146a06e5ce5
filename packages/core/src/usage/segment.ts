import { z } from "zod";
import { type CodedProblem, coded } from "../problem-codes";

/*
 * Payloads of the Segment HTTP Tracking API (track, identify, group, page,
 * screen, batch), so that any Segment library or an existing Segment source
 * can send usage to Michi unchanged. Like Segment, unknown fields are kept
 * (context.ip, integrations, version, channel, …), only the fields Michi reads
 * are checked. Reference: https://segment.com/docs/connections/spec/common/
 * and https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/
 */

/** Segment's limits: 32 KB per event, 500 KB per batch request; over them Segment answers 400. */
export const SEGMENT_MAX_EVENT_BYTES = 32 * 1024;
export const SEGMENT_MAX_BATCH_BYTES = 500 * 1024;

/**
 * When an event may have happened: not before 2000-01-01 (before any product
 * Michi tracks; an earlier time is a clock reset or a bad default, such as the
 * epoch) and not more than a day after it was received (a device clock a
 * little ahead is corrected by sentAt; a day covers any time zone mistake).
 * An event outside is a bad event: refused, or dropped from its batch.
 */
export const SEGMENT_EARLIEST_TIMESTAMP = "2000-01-01T00:00:00.000Z";
export const SEGMENT_MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** Why an event's resolved timestamp is out of range (English, and its code), or undefined when it is in. */
export const segmentTimestampProblem = (
  timestamp: string,
  receivedAt: string,
): ({ message: string } & CodedProblem) | undefined => {
  const at = Date.parse(timestamp);
  const latest = Date.parse(receivedAt) + SEGMENT_MAX_FUTURE_MS;
  if (Number.isNaN(at)) return { message: "is not a time", ...coded("not-a-time") };
  if (at < Date.parse(SEGMENT_EARLIEST_TIMESTAMP)) {
    return {
      message: "must not be before 2000-01-01",
      ...coded("timestamp-too-early", { earliest: SEGMENT_EARLIEST_TIMESTAMP.slice(0, 10) }),
    };
  }
  if (at > latest) {
    return {
      message: "must not be more than a day after the event was received",
      ...coded("timestamp-too-late"),
    };
  }
  return undefined;
};

export const segmentEventTypes = ["track", "identify", "group", "page", "screen"] as const;
export type SegmentEventType = (typeof segmentEventTypes)[number];

/** Libraries send ids as strings; some senders send numbers, which Segment accepts. */
const segmentId = z.union([z.string(), z.number().refine(Number.isFinite)]).transform(String);
/** ISO 8601 date-time; one without offset is read as UTC. */
const segmentTime = z.iso.datetime({
  offset: true,
  local: true,
  message: "must be an ISO 8601 date-time such as 2026-04-01T09:30:00.000Z",
});
const jsonObject = z.record(z.string(), z.unknown());

const contextSchema = z.looseObject({
  groupId: segmentId.nullish(),
  traits: jsonObject.nullish(),
});

const commonShape = {
  userId: segmentId.nullish(),
  anonymousId: segmentId.nullish(),
  messageId: z.string().min(1).max(200).nullish(),
  timestamp: segmentTime.nullish(),
  originalTimestamp: segmentTime.nullish(),
  sentAt: segmentTime.nullish(),
  context: contextSchema.nullish(),
  integrations: jsonObject.nullish(),
  properties: jsonObject.nullish(),
  traits: jsonObject.nullish(),
};

const trackShape = { ...commonShape, event: z.string().min(1, "must name the event").max(200) };
const groupShape = {
  ...commonShape,
  groupId: segmentId.refine((id) => id !== "", "must not be empty"),
};
const pageShape = {
  ...commonShape,
  name: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
};

/** Segment requires one of userId and anonymousId; an empty one does not count. */
const requireIdentity = (
  payload: { userId?: string | null; anonymousId?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (!payload.userId && !payload.anonymousId) {
    ctx.addIssue({
      code: "custom",
      path: ["userId"],
      message: "userId or anonymousId is required",
    });
  }
};

// The body of a single call may leave `type` out (the endpoint tells it); a batch item must say it.
export const segmentTrackSchema = z
  .looseObject({ ...trackShape, type: z.literal("track").optional() })
  .superRefine(requireIdentity);
export const segmentIdentifySchema = z
  .looseObject({ ...commonShape, type: z.literal("identify").optional() })
  .superRefine(requireIdentity);
export const segmentGroupSchema = z
  .looseObject({ ...groupShape, type: z.literal("group").optional() })
  .superRefine(requireIdentity);
export const segmentPageSchema = z
  .looseObject({ ...pageShape, type: z.literal("page").optional() })
  .superRefine(requireIdentity);
export const segmentScreenSchema = z
  .looseObject({ ...pageShape, type: z.literal("screen").optional() })
  .superRefine(requireIdentity);

export const segmentCallSchemas = {
  track: segmentTrackSchema,
  identify: segmentIdentifySchema,
  group: segmentGroupSchema,
  page: segmentPageSchema,
  screen: segmentScreenSchema,
} as const;

export const segmentEventSchema = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ ...trackShape, type: z.literal("track") }).superRefine(requireIdentity),
    z.looseObject({ ...commonShape, type: z.literal("identify") }).superRefine(requireIdentity),
    z.looseObject({ ...groupShape, type: z.literal("group") }).superRefine(requireIdentity),
    z.looseObject({ ...pageShape, type: z.literal("page") }).superRefine(requireIdentity),
    z.looseObject({ ...pageShape, type: z.literal("screen") }).superRefine(requireIdentity),
  ],
  { error: `type must be one of ${segmentEventTypes.map((type) => `"${type}"`).join(", ")}` },
);
/** One call with its type, as in a batch or after the endpoint's type is added. */
export type SegmentEvent = z.infer<typeof segmentEventSchema>;

/** Batch-level context, integrations and sentAt apply to every item (the item's own win). */
export const segmentBatchSchema = z.looseObject({
  batch: z.array(segmentEventSchema),
  context: contextSchema.nullish(),
  integrations: jsonObject.nullish(),
  sentAt: segmentTime.nullish(),
});
export type SegmentBatch = z.infer<typeof segmentBatchSchema>;

/** UTF-8 length of a text, as the bytes on the wire. */
export const utf8ByteLength = (text: string): number => new TextEncoder().encode(text).length;

/** Bytes of a value serialised as JSON (how a batch item is measured). */
export const jsonByteLength = (value: unknown): number =>
  utf8ByteLength(JSON.stringify(value) ?? "");

export type SegmentSizeCheck =
  | { ok: true; bytes: number }
  | { ok: false; bytes: number; limit: number; message: string };

const formatKb = (bytes: number) => `${Math.ceil((bytes / 1024) * 10) / 10} KB`;

/** Whether a request body of `bytes` fits Segment's limit for its kind, with a message for the 400. */
export const checkSegmentSize = (bytes: number, kind: "event" | "batch"): SegmentSizeCheck => {
  const limit = kind === "event" ? SEGMENT_MAX_EVENT_BYTES : SEGMENT_MAX_BATCH_BYTES;
  if (bytes <= limit) return { ok: true, bytes };
  const what = kind === "event" ? "An event" : "A batch";
  return {
    ok: false,
    bytes,
    limit,
    message: `${what} may be at most ${limit / 1024} KB; this one is ${formatKb(bytes)}. ${
      kind === "event" ? "Trim its properties or traits." : "Send fewer events per batch."
    }`,
  };
};

/**
 * Items of a batch over the per-event limit, each measured as its JSON, with
 * the index to point at (`/batch/3`). Check the whole body first.
 */
export const oversizeBatchItems = (
  items: readonly unknown[],
): { index: number; bytes: number; message: string }[] =>
  items.flatMap((value, index) => {
    const check = checkSegmentSize(jsonByteLength(value), "event");
    return check.ok ? [] : [{ index, bytes: check.bytes, message: check.message }];
  });

/** The one shape the rest of Michi reads, whatever the call. */
export type NormalisedSegmentEvent = {
  type: SegmentEventType;
  /** The sender's messageId, or one derived from the content (see normaliseSegmentEvent). */
  messageId: string;
  messageIdGenerated: boolean;
  userId: string | null;
  anonymousId: string | null;
  /** The track call's event name; null for other types. */
  event: string | null;
  /** The page or screen name; null for other types. */
  name: string | null;
  /** group: the group's id (the account's externalId); otherwise context.groupId. */
  groupId: string | null;
  /** When it happened, ISO 8601 in UTC with milliseconds. */
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  /** identify and group: the traits; others: context.traits when sent. */
  traits: Record<string, unknown>;
};

const toUtc = (time: string): number =>
  // A date-time without offset is read as UTC, not as the server's local time.
  Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(time) ? time : `${time}Z`);

/**
 * Segment's rule for when an event happened: the device's clock is corrected
 * by the skew between its sentAt and our receivedAt,
 * timestamp = receivedAt − (sentAt − originalTimestamp) (Segment spec, "Timestamps").
 * Without sentAt the sender's time is taken as is (historical imports); with no
 * time at all, receivedAt.
 */
const resolveTimestamp = (
  sent: string | null | undefined,
  sentAt: string | null | undefined,
  receivedAt: number,
): number => {
  if (!sent) return receivedAt;
  const original = toUtc(sent);
  return sentAt ? receivedAt - (toUtc(sentAt) - original) : original;
};

/** JSON with keys sorted at every level, so equal content gives equal text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};

/**
 * FNV-1a, 128-bit, over UTF-8 (IETF draft-eastlake-fnv). Written here because
 * @michi/core depends on zod alone, runs in the browser too, and must hash
 * synchronously; this is not for secrets, only for telling events apart. The
 * 128-bit state is eight 16-bit limbs; the FNV prime 2^88 + 0x13B makes the
 * multiply a shift plus a small product.
 */
export const fnv1a128 = (text: string): string => {
  // Offset basis 0x6c62272e07bb014262b821756295c58d, least significant limb first.
  const h = [0xc58d, 0x6295, 0x2175, 0x62b8, 0x0142, 0x07bb, 0x272e, 0x6c62];
  const product = new Array<number>(8);
  for (const byte of new TextEncoder().encode(text)) {
    h[0]! ^= byte;
    for (let i = 0; i < 8; i++) product[i] = h[i]! * 0x13b;
    // + h << 88: 88 bits is five limbs and 8 bits.
    product[5]! += (h[0]! << 8) & 0xffff;
    product[6]! += ((h[1]! << 8) | (h[0]! >>> 8)) & 0xffff;
    product[7]! += ((h[2]! << 8) | (h[1]! >>> 8)) & 0xffff;
    let carry = 0;
    for (let i = 0; i < 8; i++) {
      const sum = product[i]! + carry;
      h[i] = sum & 0xffff;
      carry = sum >>> 16;
    }
  }
  return h
    .reverse()
    .map((limb) => limb.toString(16).padStart(4, "0"))
    .join("");
};

/** YYYY-MM-DDTHH:mm:ss.sssZ, what toISOString gives. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant as ISO 8601 UTC with milliseconds. `sent` is the text it was
 * read from, when there is one: already in that form (what libraries send),
 * it is kept as is, unless Date.parse rolled it over (Feb 30, 24:00), which
 * the day and hour show. toISOString costs ~0.7 µs, a third of a row's COPY.
 */
const isoOf = (ms: number, sent?: string | null): string => {
  if (sent && sent.length === 24 && CANONICAL_UTC.test(sent)) {
    const date = new Date(ms);
    if (
      date.getUTCDate() === Number(sent.slice(8, 10)) &&
      date.getUTCHours() === Number(sent.slice(11, 13))
    ) {
      return sent;
    }
  }
  return new Date(ms).toISOString();
};

/** A context's own key wins over the batch's, as `{ ...batch, ...own }` would have it. */
const contextValue = <K extends "groupId" | "traits">(
  own: SegmentBatch["context"] | undefined,
  batch: SegmentBatch["context"] | undefined,
  key: K,
) => (own && Object.hasOwn(own, key) ? own[key] : batch?.[key]);

const normalise = (
  payload: SegmentEvent,
  received: number,
  receivedIso: string,
  batch: { context?: SegmentBatch["context"]; sentAt?: string | null },
): NormalisedSegmentEvent => {
  const sent = payload.timestamp ?? payload.originalTimestamp;
  const sentAt = payload.sentAt ?? batch.sentAt;
  const when = resolveTimestamp(sent, sentAt, received);
  // Kept as sent only when it is the instant itself (no clock correction).
  const timestamp = isoOf(when, sent && !sentAt ? sent : null);
  const type = payload.type;
  const groupId =
    (type === "group"
      ? payload.groupId
      : contextValue(payload.context, batch.context, "groupId")) || null;
  // One literal with every field (a spread of a partial object costs ~4 µs an event).
  const event: NormalisedSegmentEvent = {
    type,
    userId: payload.userId || null,
    anonymousId: payload.anonymousId || null,
    event: type === "track" ? payload.event : null,
    name: type === "page" || type === "screen" ? (payload.name ?? null) : null,
    groupId,
    timestamp,
    properties: payload.properties ?? {},
    traits: payload.traits ?? contextValue(payload.context, batch.context, "traits") ?? {},
    messageId: payload.messageId ?? "",
    messageIdGenerated: !payload.messageId,
    receivedAt: receivedIso,
  };
  if (!payload.messageId) {
    // The sender's own time, not the corrected one: a retry has another sentAt.
    const { messageId: _, messageIdGenerated: __, receivedAt: ___, ...content } = event;
    event.messageId = `michi-${fnv1a128(canonicalJson({ ...content, timestamp: sent ?? timestamp }))}`;
  }
  return event;
};

/**
 * One Segment call in Michi's shape. `batch` passes the batch's own context
 * and sentAt; `receivedAt` is when our server got the request.
 *
 * A call without messageId gets "michi-" + FNV-1a-128 of its content (type,
 * ids, event, name, groupId, the sender's timestamp as sent, properties,
 * traits), so a retried call or a re-imported file is stored once, as with a
 * sender's messageId. Two identical calls with the same timestamp are then
 * one event, which is what they are to a health score. A call without any
 * timestamp is timed at receivedAt and so cannot be recognised on retry.
 */
export const normaliseSegmentEvent = (
  payload: SegmentEvent,
  receivedAt: string | Date,
  batch: { context?: SegmentBatch["context"]; sentAt?: string | null } = {},
): NormalisedSegmentEvent => {
  const received = typeof receivedAt === "string" ? toUtc(receivedAt) : receivedAt.getTime();
  return normalise(payload, received, new Date(received).toISOString(), batch);
};

/** Every call of a batch in Michi's shape, with the batch's context and sentAt applied. */
export const normaliseSegmentBatch = (
  batch: SegmentBatch,
  receivedAt: string | Date,
): NormalisedSegmentEvent[] => {
  const received = typeof receivedAt === "string" ? toUtc(receivedAt) : receivedAt.getTime();
  const receivedIso = new Date(received).toISOString();
  const shared = { context: batch.context, sentAt: batch.sentAt };
  return batch.batch.map((payload) => normalise(payload, received, receivedIso, shared));
};
