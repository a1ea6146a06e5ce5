import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import {
  checkSegmentSize,
  type NormalisedSegmentEvent,
  normaliseSegmentEvent,
  segmentEventSchema,
  utf8ByteLength,
} from "@michi/core";
import type { Db } from "../../db/client";
import { findInputProblems } from "../../lib/input-guard";
import { foldUsageEvents } from "../../recompute";
import { normaliseChecked } from "./usage.parse";
import { ingestUsageEvents } from "./usage.service";

/** Events per transaction: big enough for unnest to pay off, small enough to keep memory flat. */
export const IMPORT_BATCH_SIZE = 5_000;

export type EventImportResult = {
  lines: number;
  inserted: number;
  duplicates: number;
  errors: { line: number; message: string }[];
};

/** One NDJSON line as an event, or the reason it is not one. */
const parseLine = (
  text: string,
  receivedAt: Date,
): { event: NormalisedSegmentEvent } | { error: string } => {
  const size = checkSegmentSize(utf8ByteLength(text), "event");
  if (!size.ok) return { error: size.message };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: "not valid JSON" };
  }
  const [textProblem] = findInputProblems(json);
  if (textProblem) return { error: `${textProblem.pointer}: ${textProblem.message}` };
  const parsed = segmentEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { error: `${where}${issue?.message ?? "not a Segment call"}` };
  }
  // Without sentAt the sender's timestamp is taken as is, as a history import needs.
  const checked = normaliseChecked("", () => normaliseSegmentEvent(parsed.data, receivedAt));
  if ("event" in checked) return checked;
  const [problem] = checked.errors;
  return { error: `timestamp: ${problem?.message}` };
};

/**
 * Imports Segment calls, one JSON object per line (each with its `type`),
 * through the same insert as the HTTP API, in batches. Blank lines are
 * skipped; a bad line is reported with its number and the rest go on.
 */
export const importUsageEvents = async (
  db: Db,
  params: { workspaceId: string; lines: AsyncIterable<string>; batchSize?: number },
): Promise<EventImportResult> => {
  const batchSize = params.batchSize ?? IMPORT_BATCH_SIZE;
  const result: EventImportResult = { lines: 0, inserted: 0, duplicates: 0, errors: [] };
  const receivedAt = new Date();
  let batch: NormalisedSegmentEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const stored = await ingestUsageEvents(db, { workspaceId: params.workspaceId, events: batch });
    result.inserted += stored.inserted;
    result.duplicates += stored.duplicates;
    // Folded as it goes: a history import would otherwise leave millions of events for the job.
    await foldUsageEvents(db, { workspaceId: params.workspaceId });
    batch = [];
  };
  for await (const text of params.lines) {
    result.lines++;
    if (text.trim() === "") continue;
    const parsed = parseLine(text, receivedAt);
    if ("error" in parsed) result.errors.push({ line: result.lines, message: parsed.error });
    else batch.push(parsed.event);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return result;
};

/** An NDJSON file's lines, read as a stream (history files can be gigabytes). */
export const readLines = (path: string): AsyncIterable<string> =>
  createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
