import {
  AppError,
  checkSegmentSize,
  coded,
  type FieldProblem,
  type NormalisedSegmentEvent,
  normaliseSegmentEvent,
  SEGMENT_MAX_EVENT_BYTES,
  type SegmentBatch,
  type SegmentEvent,
  type SegmentEventType,
  segmentBatchSchema,
  segmentCallSchemas,
  segmentEventSchema,
  segmentTimestampProblem,
} from "@michi/core";
import { regexes } from "zod/v4/core";
import { findInputProblems, MAX_JSON_DEPTH } from "../../lib/input-guard";
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
const badRequest = (message: string, errors?: FieldProblem[]) =>
  new AppError("bad-request", message, errors);

/** Problems of a zod error, their pointers under `base` (`/batch/3`). */
const problemsUnder = (base: string, error: Parameters<typeof zodProblems>[0], input: unknown) =>
  zodProblems(error, input).map((p) => ({
    ...p,
    pointer: `${base}${p.pointer === "/" ? "" : p.pointer}`,
  }));

/** A batch item Michi did not store, and why; the batch's answer lists them. */
export type DroppedSegmentCall = { index: number; errors: FieldProblem[] };

export type ParsedSegmentBody = {
  events: NormalisedSegmentEvent[];
  /** Batch items not stored; always empty for a single call (which is refused instead). */
  dropped: DroppedSegmentCall[];
};

/**
 * The event as stored, or why it cannot be: its timestamp resolved outside
 * core's range (or not to a time at all, which toISOString throws for).
 */
export const normaliseChecked = (
  base: string,
  normalise: () => NormalisedSegmentEvent,
): { event: NormalisedSegmentEvent } | { errors: FieldProblem[] } => {
  let event: NormalisedSegmentEvent;
  try {
    event = normalise();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      errors: [{ pointer: `${base}/timestamp`, message: "is not a time", ...coded("not-a-time") }],
    };
  }
  const problem = segmentTimestampProblem(event.timestamp, event.receivedAt);
  return problem ? { errors: [{ pointer: `${base}/timestamp`, ...problem }] } : { event };
};

/**
 * A batch, Segment's way: what is wrong with the request as a whole (not
 * JSON, no batch array, an item over 32 KB, a bad batch-level context or
 * sentAt) answers 400; a bad item is dropped and the good ones are stored,
 * so a client does not retry, forever, a batch that can never be taken.
 */
const parseBatch = (body: unknown, receivedAt: Date): ParsedSegmentBody => {
  const items = (body as { batch?: unknown })?.batch;
  if (!isObject(body) || !Array.isArray(items)) {
    const parsed = segmentBatchSchema.safeParse(body);
    throw badRequest(
      "The batch is not valid.",
      parsed.error ? zodProblems(parsed.error, body) : [],
    );
  }
  const shared = { ...body, batch: [] };
  const sharedProblems = findInputProblems(shared);
  if (sharedProblems.length > 0) throw badRequest("The batch is not valid.", sharedProblems);
  const sharedParsed = segmentBatchSchema.safeParse(shared);
  if (!sharedParsed.success) {
    throw badRequest("The batch is not valid.", zodProblems(sharedParsed.error, shared));
  }

  // Text and nesting first: the size bound below recurses into the item.
  const dropped: DroppedSegmentCall[] = [];
  const candidates: { index: number; item: unknown }[] = [];
  items.forEach((item, index) => {
    const errors = findInputProblems(item, {
      base: `/batch/${index}`,
      maxDepth: MAX_JSON_DEPTH - 2,
    });
    if (errors.length > 0) dropped.push({ index, errors });
    else candidates.push({ index, item });
  });
  const oversize = firstOversizeItem(candidates.map((c) => c.item));
  if (oversize) {
    const index = (candidates[oversize.index] as { index: number }).index;
    throw badRequest(`batch[${index}]: ${oversize.message}`);
  }

  // The usual case, every item fine: the hand check takes the whole batch.
  const fast = dropped.length === 0 ? fastSegmentBatch(body) : undefined;
  const calls: { index: number; call: SegmentEvent }[] = fast
    ? fast.batch.map((call, index) => ({ index, call }))
    : candidates.flatMap(({ index, item }) => {
        const parsed = segmentEventSchema.safeParse(item);
        if (parsed.success) return [{ index, call: parsed.data }];
        dropped.push({ index, errors: problemsUnder(`/batch/${index}`, parsed.error, item) });
        return [];
      });
  const context = { context: sharedParsed.data.context, sentAt: sharedParsed.data.sentAt };
  const events: NormalisedSegmentEvent[] = [];
  for (const { index, call } of calls) {
    const checked = normaliseChecked(`/batch/${index}`, () =>
      normaliseSegmentEvent(call, receivedAt, context),
    );
    if ("event" in checked) events.push(checked.event);
    else dropped.push({ index, errors: checked.errors });
  }
  dropped.sort((a, b) => a.index - b.index);
  return { events, dropped };
};

/** One HTTP call's body (already parsed JSON) as normalised events. */
export const parseSegmentBody = (
  type: SegmentEventType | "batch",
  body: unknown,
  receivedAt: Date,
): ParsedSegmentBody => {
  if (type === "batch") return parseBatch(body, receivedAt);
  const textProblems = findInputProblems(body);
  if (textProblems.length > 0) throw badRequest(`The ${type} call is not valid.`, textProblems);
  let call = fastSegmentCall(type, body);
  if (!call) {
    const parsed = segmentCallSchemas[type].safeParse(body);
    if (!parsed.success) {
      throw badRequest(`The ${type} call is not valid.`, zodProblems(parsed.error, body));
    }
    call = parsed.data as SegmentEvent;
  }
  const typed = { ...call, type } as SegmentEvent;
  const checked = normaliseChecked("", () => normaliseSegmentEvent(typed, receivedAt));
  if ("errors" in checked) throw badRequest(`The ${type} call is not valid.`, checked.errors);
  return { events: [checked.event], dropped: [] };
};
