import {
  AppError,
  normaliseSegmentBatch,
  segmentBatchSchema,
  segmentEventSchema,
} from "@michi/core";
import { describe, expect, it } from "vitest";
import { zodProblems } from "../../lib/router";
import {
  fastSegmentBatch,
  fastSegmentCall,
  jsonBytesAtMost,
  parseSegmentBody,
} from "./usage.parse";

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

  it("parses to the same events as zod; drops the items zod refuses, with zod's errors", () => {
    for (const body of valid) {
      const zod = segmentBatchSchema.parse(body);
      expect(parseSegmentBody("batch", body, receivedAt)).toEqual({
        events: normaliseSegmentBatch(zod, receivedAt),
        dropped: [],
      });
    }
    for (const body of invalid) {
      const zod = segmentBatchSchema.safeParse(body);
      expect(zod.success).toBe(false);
      const items = (body as { batch?: unknown }).batch;
      const wholeBatch =
        !Array.isArray(items) || !segmentBatchSchema.safeParse({ ...body, batch: [] }).success;
      if (wholeBatch) {
        // Wrong as a whole: refused (400), with zod's errors.
        const error = errorOf(() => parseSegmentBody("batch", body, receivedAt));
        expect(error, JSON.stringify(body)).toMatchObject({ message: "The batch is not valid." });
        continue;
      }
      // A bad item: dropped and named, the rest of the batch stands.
      const item = segmentEventSchema.safeParse(items[0]);
      expect(
        parseSegmentBody("batch", { ...body, batch: [...items, valid[0]?.batch[0]] }, receivedAt),
        JSON.stringify(body),
      ).toEqual({
        events: normaliseSegmentBatch({ batch: [valid[0]?.batch[0]] } as never, receivedAt),
        dropped: [
          {
            index: 0,
            errors: zodProblems(item.error as never, body.batch?.[0]).map((p) => ({
              ...p,
              pointer: `/batch/0${p.pointer === "/" ? "" : p.pointer}`,
            })),
          },
        ],
      });
    }
  });
});

describe("the batch item size bound", () => {
  it("is never below the UTF-8 bytes of the item's JSON, so no oversize item is let through", () => {
    const values: unknown[] = [
      null,
      true,
      -1.2345678901234567e-308,
      Number.MAX_SAFE_INTEGER,
      "",
      '"\\\n\t\u0000\u001f',
      "日本語😀\ud800",
      [],
      {},
      { 'key "x"': [1, "a", { b: null, c: [[], {}] }], 空: "値" },
      item(),
    ];
    for (const value of values) {
      const bytes = Buffer.byteLength(JSON.stringify(value) ?? "");
      expect(
        jsonBytesAtMost(value, Number.POSITIVE_INFINITY),
        JSON.stringify(value),
      ).toBeGreaterThanOrEqual(bytes);
    }
    const escaped = { text: "\u0001".repeat(6_000) }; // 6 bytes each as JSON
    expect(Buffer.byteLength(JSON.stringify(escaped))).toBeGreaterThan(32 * 1024);
    expect(jsonBytesAtMost(escaped, 32 * 1024)).toBeGreaterThan(32 * 1024);
  });

  it("refuses a batch item over 32 KB and names it, an item just under passes", () => {
    const under = item({ properties: { text: "x".repeat(32 * 1024 - 400) } });
    expect(Buffer.byteLength(JSON.stringify(under))).toBeLessThanOrEqual(32 * 1024);
    expect(parseSegmentBody("batch", { batch: [item(), under] }, receivedAt).events).toHaveLength(
      2,
    );
    const over = item({ properties: { text: "日".repeat(11_000) } }); // 3 bytes each in UTF-8
    expect(() => parseSegmentBody("batch", { batch: [item(), over] }, receivedAt)).toThrow(
      /batch\[1\].*32 KB/,
    );
  });
});

describe("an event's time out of range", () => {
  it("drops the item from its batch with the problem's code", () => {
    const parsed = parseSegmentBody(
      "batch",
      {
        batch: [
          item({ messageId: "m-early", timestamp: "1970-01-01T00:00:00Z" }),
          item({ messageId: "m-late", timestamp: "2026-11-22T10:00:00Z" }),
          item(),
        ],
      },
      receivedAt,
    );
    expect(parsed.events).toHaveLength(1);
    expect(parsed.dropped).toEqual([
      {
        index: 0,
        errors: [
          {
            pointer: "/batch/0/timestamp",
            message: "must not be before 2000-01-01",
            code: "timestamp-too-early",
            params: { earliest: "2000-01-01" },
          },
        ],
      },
      {
        index: 1,
        errors: [
          {
            pointer: "/batch/1/timestamp",
            message: "must not be more than a day after the event was received",
            code: "timestamp-too-late",
          },
        ],
      },
    ]);
  });

  it("refuses a single call with the code", () => {
    const error = errorOf(() =>
      parseSegmentBody("track", item({ timestamp: "1999-12-31T23:59:59Z" }), receivedAt),
    );
    expect(error).toMatchObject({ errors: [{ code: "timestamp-too-early" }] });
  });
});
