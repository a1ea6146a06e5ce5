import { AppError, normaliseSegmentBatch, segmentBatchSchema } from "@michi/core";
import { describe, expect, it } from "vitest";
import { zodProblems } from "../../lib/router";
import { fastSegmentBatch, fastSegmentCall, parseSegmentBody } from "./usage.parse";

const receivedAt = new Date("2026-11-20T10:00:00.000Z");

/** What analytics-node sends in a batch. */
const item = (over: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Report Exported",
  userId: "u-1",
  properties: { format: "pdf" },
  context: { library: { name: "@segment/analytics-node" }, groupId: "org-1" },
  messageId: "m-1",
  timestamp: "2026-11-20T09:30:00.000Z",
  _metadata: { jsRuntime: "node" },
  ...over,
});

const valid = [
  { batch: [item()] },
  {
    batch: [
      item({ timestamp: "2026-11-20T09:30:00+09:00" }),
      item({ type: "identify", event: undefined, traits: { plan: "pro" } }),
    ],
  },
  { batch: [item({ type: "group", groupId: "org-2" })], sentAt: "2026-11-20T09:31:00Z" },
  { batch: [item({ type: "page", name: "Home", category: null })], context: { groupId: "org-3" } },
  { batch: [item({ type: "screen", anonymousId: "a-1", userId: null })] },
  { batch: [item({ timestamp: "2026-11-20T09:30" })] }, // local time: zod's datetime with local
  { batch: [item({ userId: 42 })] }, // number ids: zod only
  { batch: [item({ context: { groupId: 7 } })] },
];

const invalid = [
  {},
  { batch: "no" },
  { batch: [item({ type: "alias" })] },
  { batch: [item({ event: "" })] },
  { batch: [item({ event: "x".repeat(201) })] },
  { batch: [item({ userId: null, anonymousId: "" })] },
  { batch: [item({ messageId: "" })] },
  { batch: [item({ timestamp: "2026-02-30T10:00:00Z" })] },
  { batch: [item({ timestamp: "yesterday" })] },
  { batch: [item({ properties: [] })] },
  { batch: [item({ context: { traits: "x" } })] },
  { batch: [item({ type: "group", groupId: "" })] },
  { batch: [item({ type: "page", name: 3 })] },
  { batch: [item()], sentAt: "later" },
  { batch: [item()], integrations: [1] },
];

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { message: error.message, errors: error.errors } : error;
  }
  return undefined;
};

describe("the hand check in front of core's Segment schemas", () => {
  it("accepts only what zod accepts, and gives back what zod gives back", () => {
    for (const body of [...valid, ...invalid]) {
      const fast = fastSegmentBatch(body);
      const zod = segmentBatchSchema.safeParse(body);
      if (fast) {
        expect(zod.success, JSON.stringify(body)).toBe(true);
        expect(fast).toEqual(zod.data);
      }
    }
  });

  it("takes the usual analytics-node shapes itself (so the hot path skips zod)", () => {
    for (const body of valid.slice(0, 5)) expect(fastSegmentBatch(body)).toBeDefined();
    expect(fastSegmentCall("track", { ...item(), type: undefined })).toBeDefined();
    expect(fastSegmentCall("page", item({ type: "page" }))).toBeDefined();
    expect(fastSegmentCall("page", item())).toBeUndefined(); // type says track
  });

  it("parses to the same events as zod, and fails with zod's errors", () => {
    for (const body of valid) {
      const zod = segmentBatchSchema.parse(body);
      expect(parseSegmentBody("batch", body, receivedAt)).toEqual(
        normaliseSegmentBatch(zod, receivedAt),
      );
    }
    for (const body of invalid) {
      const error = errorOf(() => parseSegmentBody("batch", body, receivedAt));
      const zod = segmentBatchSchema.safeParse(body);
      expect(zod.success).toBe(false);
      expect(error, JSON.stringify(body)).toEqual({
        message: "The batch is not valid.",
        errors: zod.error ? zodProblems(zod.error) : [],
      });
    }
  });
});
