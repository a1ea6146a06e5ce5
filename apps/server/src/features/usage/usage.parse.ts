import {
  AppError,
  checkSegmentSize,
  type NormalisedSegmentEvent,
  normaliseSegmentBatch,
  normaliseSegmentEvent,
  SEGMENT_MAX_EVENT_BYTES,
  type SegmentBatch,
  type SegmentEvent,
  type SegmentEventType,
  segmentBatchSchema,
  segmentCallSchemas,
} from "@michi/core";
import { regexes } from "zod/v4/core";
import { zodProblems } from "../../lib/router";

/*
 * The Segment body on the hot path. core's zod schemas stay the one
 * definition; a hand check in front of them accepts only what they accept
 * (a strict subset: ids sent as numbers, say, go to zod) and hands the body
 * on unchanged. Anything it does not recognise is parsed by zod, so every
 * error is zod's. Measured in bench: zod took ~20 µs an event, more than a
 * COPY of the row (decision 0006).
 */

/** The same pattern as core's `z.iso.datetime({ offset: true, local: true })`. */
const DATETIME = regexes.datetime({ offset: true, local: true });
const EVENT_TYPES = new Set<string>(["track", "identify", "group", "page", "screen"]);

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isAbsent = (v: unknown) => v === undefined || v === null;
const optionalObject = (v: unknown) => isAbsent(v) || isObject(v);
const optionalString = (v: unknown) => isAbsent(v) || typeof v === "string";
const optionalText = (v: unknown, max: number) =>
  isAbsent(v) || (typeof v === "string" && v.length <= max);
const optionalTime = (v: unknown) => isAbsent(v) || (typeof v === "string" && DATETIME.test(v));
const contextFits = (v: unknown) =>
  isAbsent(v) || (isObject(v) && optionalString(v.groupId) && optionalObject(v.traits));

/** Whether zod would accept this call of `type` and give it back unchanged. */
const callFits = (e: JsonObject, type: string): boolean => {
  const common =
    optionalString(e.userId) &&
    optionalString(e.anonymousId) &&
    (isAbsent(e.messageId) ||
      (typeof e.messageId === "string" && e.messageId.length >= 1 && e.messageId.length <= 200)) &&
    optionalTime(e.timestamp) &&
    optionalTime(e.originalTimestamp) &&
    optionalTime(e.sentAt) &&
    contextFits(e.context) &&
    optionalObject(e.integrations) &&
    optionalObject(e.properties) &&
    optionalObject(e.traits) &&
    Boolean(e.userId || e.anonymousId);
  if (!common) return false;
  switch (type) {
    case "track":
      return typeof e.event === "string" && e.event.length >= 1 && e.event.length <= 200;
    case "group":
      return typeof e.groupId === "string" && e.groupId !== "";
    case "page":
    case "screen":
      return optionalText(e.name, 200) && optionalText(e.category, 200);
    default:
      return true;
  }
};

/** The batch as zod would give it back, or undefined when zod must look at it. */
export const fastSegmentBatch = (body: unknown): SegmentBatch | undefined => {
  if (!isObject(body) || !Array.isArray(body.batch)) return undefined;
  if (!contextFits(body.context) || !optionalObject(body.integrations)) return undefined;
  if (!optionalTime(body.sentAt)) return undefined;
  for (const item of body.batch as unknown[]) {
    if (!isObject(item) || typeof item.type !== "string" || !EVENT_TYPES.has(item.type)) {
      return undefined;
    }
    if (!callFits(item, item.type)) return undefined;
  }
  return body as SegmentBatch;
};

/** A single call as zod would give it back, or undefined when zod must look at it. */
export const fastSegmentCall = (
  type: SegmentEventType,
  body: unknown,
): SegmentEvent | undefined => {
  if (!isObject(body) || !(body.type === undefined || body.type === type)) return undefined;
  return callFits(body, type) ? (body as SegmentEvent) : undefined;
};

/**
 * At least the UTF-8 bytes of JSON.stringify(value), for a value read by
 * JSON.parse, without building the text: a string is at most 6 bytes a
 * UTF-16 unit (\\uXXXX), a number 24. Stops once over `limit`.
 */
export const jsonBytesAtMost = (value: unknown, limit: number): number => {
  if (typeof value === "string") return 2 + 6 * value.length;
  if (typeof value !== "object" || value === null) return 24;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      bytes += 1 + jsonBytesAtMost(item, limit - bytes);
      if (bytes > limit) return bytes;
    }
    return bytes;
  }
  for (const key in value) {
    bytes += 4 + 6 * key.length + jsonBytesAtMost((value as JsonObject)[key], limit - bytes);
    if (bytes > limit) return bytes;
  }
  return bytes;
};

/**
 * The first batch item over Segment's 32 KB, measured as its JSON like core's
 * oversizeBatchItems; the text is only built when a bound says it could be
 * over (stringifying every item cost ~1.3 µs an event).
 */
const firstOversizeItem = (items: readonly unknown[]) => {
  for (let index = 0; index < items.length; index++) {
    if (jsonBytesAtMost(items[index], SEGMENT_MAX_EVENT_BYTES) <= SEGMENT_MAX_EVENT_BYTES) continue;
    const check = checkSegmentSize(Buffer.byteLength(JSON.stringify(items[index]) ?? ""), "event");
    if (!check.ok) return { index, message: check.message };
  }
  return undefined;
};

/** Segment answers 400 for a payload it cannot take; so do we, with the reason. */
const badRequest = (message: string, errors?: Parameters<typeof zodProblems>[0]) =>
  new AppError("bad-request", message, errors ? zodProblems(errors) : undefined);

/** One HTTP call's body (already parsed JSON) as normalised events. */
export const parseSegmentBody = (
  type: SegmentEventType | "batch",
  body: unknown,
  receivedAt: Date,
): NormalisedSegmentEvent[] => {
  if (type === "batch") {
    const items = (body as { batch?: unknown })?.batch;
    if (Array.isArray(items)) {
      const oversize = firstOversizeItem(items);
      if (oversize) throw badRequest(`batch[${oversize.index}]: ${oversize.message}`);
    }
    let batch = fastSegmentBatch(body);
    if (!batch) {
      const parsed = segmentBatchSchema.safeParse(body);
      if (!parsed.success) throw badRequest("The batch is not valid.", parsed.error);
      batch = parsed.data;
    }
    return normaliseSegmentBatch(batch, receivedAt);
  }
  let call = fastSegmentCall(type, body);
  if (!call) {
    const parsed = segmentCallSchemas[type].safeParse(body);
    if (!parsed.success) throw badRequest(`The ${type} call is not valid.`, parsed.error);
    call = parsed.data as SegmentEvent;
  }
  return [normaliseSegmentEvent({ ...call, type } as SegmentEvent, receivedAt)];
};
