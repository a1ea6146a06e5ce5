import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkSegmentSize,
  fnv1a128,
  jsonByteLength,
  normaliseSegmentBatch,
  normaliseSegmentEvent,
  oversizeBatchItems,
  SEGMENT_MAX_BATCH_BYTES,
  SEGMENT_MAX_EVENT_BYTES,
  segmentBatchSchema,
  segmentEventSchema,
  segmentGroupSchema,
  segmentIdentifySchema,
  segmentPageSchema,
  segmentTrackSchema,
  utf8ByteLength,
} from "./segment";

const receivedAt = "2026-04-01T00:00:05.000Z";

// As analytics.js sends it from a browser.
const browserTrack = {
  anonymousId: "507f191e-810c-19729de8-60ea",
  userId: "97980cfea0067",
  event: "Document Created",
  type: "track",
  properties: { documentType: "invoice", pages: 3 },
  context: {
    groupId: "acme-corp",
    ip: "203.0.113.7",
    library: { name: "analytics.js", version: "next-1.70.0" },
    locale: "ja-JP",
    page: { path: "/documents/new", url: "https://app.example.com/documents/new" },
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)",
  },
  integrations: { All: true },
  messageId: "ajs-next-1712000000000-4f0a3e52",
  timestamp: "2026-04-01T09:00:00.000+09:00",
  sentAt: "2026-04-01T09:00:02.000+09:00",
  writeKey: "wk_live_123",
};

describe("Segment payloads", () => {
  it("reads a browser track call, keeping fields Michi does not use", () => {
    const parsed = segmentTrackSchema.parse(browserTrack);
    expect(parsed).toMatchObject({ event: "Document Created", writeKey: "wk_live_123" });
    expect(parsed.context).toMatchObject({ ip: "203.0.113.7", groupId: "acme-corp" });
  });

  it("normalises a track call: corrected timestamp, context.groupId, ids as strings", () => {
    const event = normaliseSegmentEvent(
      { ...segmentTrackSchema.parse(browserTrack), type: "track" },
      receivedAt,
    );
    expect(event).toEqual({
      type: "track",
      messageId: "ajs-next-1712000000000-4f0a3e52",
      messageIdGenerated: false,
      userId: "97980cfea0067",
      anonymousId: "507f191e-810c-19729de8-60ea",
      event: "Document Created",
      name: null,
      groupId: "acme-corp",
      // Device clock: happened 2 s before it was sent; we received it at 00:00:05Z.
      timestamp: "2026-04-01T00:00:03.000Z",
      receivedAt,
      properties: { documentType: "invoice", pages: 3 },
      traits: {},
    });
  });

  it("takes a server-side timestamp as is when there is no sentAt (historical import)", () => {
    const parsed = segmentTrackSchema.parse({
      userId: 1042,
      event: "Report Exported",
      timestamp: "2025-12-24T10:00:00",
      messageId: "import-1",
    });
    const event = normaliseSegmentEvent({ ...parsed, type: "track" }, receivedAt);
    expect(event.userId).toBe("1042");
    expect(event.timestamp).toBe("2025-12-24T10:00:00.000Z"); // no offset: read as UTC
  });

  it("gives every timestamp as toISOString would, whatever form it came in", () => {
    const timestampOf = (timestamp: string) =>
      normaliseSegmentEvent(
        { type: "track", userId: "u1", event: "Login", messageId: "m", timestamp },
        receivedAt,
      ).timestamp;
    for (const [sent, stored] of [
      ["2026-04-01T09:00:00.123Z", "2026-04-01T09:00:00.123Z"],
      ["2026-04-01T09:00:00.123+09:00", "2026-04-01T00:00:00.123Z"],
      ["2026-04-01T09:00:00Z", "2026-04-01T09:00:00.000Z"],
      // Date.parse rolls these over; the canonical text must not be kept as sent.
      ["2026-02-30T10:00:00.000Z", "2026-03-02T10:00:00.000Z"],
      ["2026-04-31T10:00:00.000Z", "2026-05-01T10:00:00.000Z"],
      ["2026-04-01T24:00:00.000Z", "2026-04-02T00:00:00.000Z"],
    ]) {
      expect(timestampOf(sent as string), sent).toBe(stored);
      expect(timestampOf(sent as string)).toBe(new Date(Date.parse(sent as string)).toISOString());
    }
  });

  it("keeps the item's own context keys over the batch's, even when null", () => {
    const [own, inherited] = normaliseSegmentBatch(
      {
        batch: [
          { type: "track", userId: "u1", event: "A", messageId: "1", context: { groupId: null } },
          { type: "track", userId: "u1", event: "B", messageId: "2", context: {} },
        ],
        context: { groupId: "acme-corp", traits: { plan: "team" } },
      },
      receivedAt,
    );
    expect(own?.groupId).toBeNull();
    expect(inherited).toMatchObject({ groupId: "acme-corp", traits: { plan: "team" } });
  });

  it("times a call with no timestamp at all when it was received", () => {
    const parsed = segmentTrackSchema.parse({ userId: "u1", event: "Login" });
    expect(
      normaliseSegmentEvent({ ...parsed, type: "track" }, new Date(receivedAt)).timestamp,
    ).toBe(receivedAt);
  });

  it("reads identify with traits", () => {
    const parsed = segmentIdentifySchema.parse({
      type: "identify",
      userId: "97980cfea0067",
      traits: {
        name: "佐藤 花子",
        email: "hanako.sato@example.co.jp",
        plan: "Enterprise",
        logins: 5,
      },
      context: { ip: "203.0.113.7" },
      messageId: "node-1",
      timestamp: "2026-04-01T00:00:00Z",
    });
    const event = normaliseSegmentEvent({ ...parsed, type: "identify" }, receivedAt);
    expect(event).toMatchObject({
      type: "identify",
      event: null,
      groupId: null,
      traits: { name: "佐藤 花子", plan: "Enterprise" },
    });
  });

  it("reads group, whose groupId is the account's externalId", () => {
    const parsed = segmentGroupSchema.parse({
      type: "group",
      userId: "97980cfea0067",
      groupId: 80412,
      traits: { name: "Acme 株式会社", industry: "Manufacturing", employees: 329 },
      messageId: "node-2",
      timestamp: "2026-04-01T00:00:00Z",
    });
    expect(normaliseSegmentEvent({ ...parsed, type: "group" }, receivedAt)).toMatchObject({
      type: "group",
      groupId: "80412",
      traits: { name: "Acme 株式会社", employees: 329 },
    });
    expect(segmentGroupSchema.safeParse({ userId: "u1" }).error?.issues[0]?.path).toEqual([
      "groupId",
    ]);
  });

  it("reads page with its name and category", () => {
    const parsed = segmentPageSchema.parse({
      type: "page",
      anonymousId: "a-1",
      name: "Pricing",
      category: "Docs",
      properties: { path: "/pricing", referrer: "https://www.google.com/" },
      context: { traits: { email: "x@example.com" } },
      messageId: "ajs-3",
    });
    expect(normaliseSegmentEvent({ ...parsed, type: "page" }, receivedAt)).toMatchObject({
      type: "page",
      event: null,
      name: "Pricing",
      userId: null,
      anonymousId: "a-1",
      traits: { email: "x@example.com" },
    });
  });

  it("requires userId or anonymousId, and the track event's name", () => {
    const none = segmentTrackSchema.safeParse({ event: "Login", userId: null, anonymousId: "" });
    expect(none.error?.issues).toEqual([
      expect.objectContaining({ path: ["userId"], message: "userId or anonymousId is required" }),
    ]);
    expect(segmentTrackSchema.safeParse({ userId: "u1" }).error?.issues[0]?.path).toEqual([
      "event",
    ]);
    expect(
      segmentTrackSchema.safeParse({ userId: "u1", event: "x", type: "identify" }).success,
    ).toBe(false);
    expect(
      segmentTrackSchema.safeParse({ userId: "u1", event: "x", timestamp: "yesterday" }).error
        ?.issues[0]?.path,
    ).toEqual(["timestamp"]);
  });

  it("reads a batch of every type, applying the batch's context and sentAt", () => {
    const body = {
      batch: [
        { ...browserTrack, sentAt: undefined, context: { library: { name: "analytics-python" } } },
        {
          type: "identify",
          userId: "u2",
          traits: { role: "admin" },
          timestamp: "2026-04-01T00:00:00Z",
        },
        { type: "group", userId: "u2", groupId: "acme-corp", timestamp: "2026-04-01T00:00:00Z" },
        { type: "page", userId: "u2", name: "Home", timestamp: "2026-04-01T00:00:00Z" },
        { type: "screen", userId: "u2", name: "Dashboard", timestamp: "2026-04-01T00:00:00Z" },
      ],
      context: { groupId: "acme-corp", library: { name: "analytics-python", version: "2.3.0" } },
      sentAt: "2026-04-01T00:00:01Z",
    };
    const events = normaliseSegmentBatch(segmentBatchSchema.parse(body), receivedAt);
    expect(events.map(({ type, groupId }) => [type, groupId])).toEqual([
      ["track", "acme-corp"],
      ["identify", "acme-corp"],
      ["group", "acme-corp"],
      ["page", "acme-corp"],
      ["screen", "acme-corp"],
    ]);
    // The batch's sentAt corrects every item's clock: sent 1 s after the event, received at :05.
    expect(events[1]?.timestamp).toBe("2026-04-01T00:00:04.000Z");
  });

  it("refuses a batch item without a type or with an unknown one", () => {
    const result = segmentBatchSchema.safeParse({
      batch: [
        { userId: "u1", event: "x" },
        { type: "alias", userId: "u1", previousId: "a" },
      ],
    });
    expect(result.error?.issues.map(({ path, message }) => [path, message])).toEqual([
      [["batch", 0, "type"], 'type must be one of "track", "identify", "group", "page", "screen"'],
      [["batch", 1, "type"], 'type must be one of "track", "identify", "group", "page", "screen"'],
    ]);
    expect(segmentEventSchema.safeParse({ type: "track", userId: "u1", event: "x" }).success).toBe(
      true,
    );
  });
});

describe("generated messageIds", () => {
  const call = {
    type: "track" as const,
    userId: "u1",
    event: "Login",
    timestamp: "2026-04-01T00:00:00Z",
  };

  it("derives the same id from the same call, so a retry is stored once", () => {
    const first = normaliseSegmentEvent(call, receivedAt);
    const retry = normaliseSegmentEvent(
      { ...call, sentAt: "2026-04-01T00:01:00Z" },
      "2026-04-01T00:01:01Z",
    );
    expect(first.messageIdGenerated).toBe(true);
    expect(first.messageId).toMatch(/^michi-[0-9a-f]{32}$/);
    expect(retry.messageId).toBe(first.messageId);
    // Key order does not matter.
    const reordered = normaliseSegmentEvent(
      { ...call, properties: { b: 1, a: { d: 2, c: 3 } } },
      receivedAt,
    );
    const original = normaliseSegmentEvent(
      { ...call, properties: { a: { c: 3, d: 2 }, b: 1 } },
      receivedAt,
    );
    expect(reordered.messageId).toBe(original.messageId);
  });

  it("tells apart calls that differ in anything that matters", () => {
    const id = (changes: object) =>
      normaliseSegmentEvent({ ...call, ...changes }, receivedAt).messageId;
    const ids = new Set([
      id({}),
      id({ userId: "u2" }),
      id({ event: "Logout" }),
      id({ timestamp: "2026-04-01T00:00:00.001Z" }),
      id({ properties: { a: 1 } }),
      id({ context: { groupId: "acme" } }),
    ]);
    expect(ids.size).toBe(6);
  });

  it("computes FNV-1a-128 as the reference definition does", () => {
    const prime = 2n ** 88n + 0x13bn;
    const reference = (text: string) => {
      let hash = 0x6c62272e07bb014262b821756295c58dn;
      for (const byte of new TextEncoder().encode(text)) {
        hash ^= BigInt(byte);
        hash = (hash * prime) & (2n ** 128n - 1n);
      }
      return hash.toString(16).padStart(32, "0");
    };
    expect(fnv1a128("")).toBe("6c62272e07bb014262b821756295c58d");
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200, unit: "grapheme" }),
        (text) => fnv1a128(text) === reference(text),
      ),
    );
  });
});

describe("size limits", () => {
  it("measures UTF-8 bytes, not characters", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("顧客")).toBe(6);
    expect(jsonByteLength({ a: "é" })).toBe(10);
  });

  it("accepts an event of exactly 32 KB and refuses one byte more, saying why", () => {
    expect(checkSegmentSize(SEGMENT_MAX_EVENT_BYTES, "event")).toEqual({ ok: true, bytes: 32768 });
    expect(checkSegmentSize(SEGMENT_MAX_EVENT_BYTES + 1, "event")).toEqual({
      ok: false,
      bytes: 32769,
      limit: 32768,
      message: "An event may be at most 32 KB; this one is 32.1 KB. Trim its properties or traits.",
    });
  });

  it("accepts a batch of exactly 500 KB and refuses a larger one", () => {
    expect(checkSegmentSize(SEGMENT_MAX_BATCH_BYTES, "batch").ok).toBe(true);
    const over = checkSegmentSize(600 * 1024, "batch");
    expect(over).toMatchObject({ ok: false, limit: 512000 });
    expect(!over.ok && over.message).toBe(
      "A batch may be at most 500 KB; this one is 600 KB. Send fewer events per batch.",
    );
  });

  it("points at the items of a batch that are over 32 KB each", () => {
    const big = {
      type: "track",
      userId: "u1",
      event: "x",
      properties: { blob: "x".repeat(33_000) },
    };
    const small = { type: "track", userId: "u1", event: "x" };
    expect(oversizeBatchItems([small, big, small]).map(({ index }) => index)).toEqual([1]);
  });
});
