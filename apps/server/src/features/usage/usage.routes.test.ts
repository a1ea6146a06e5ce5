import { addCalendarDays, normaliseSegmentBatch, type SegmentBatch } from "@michi/core";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client";
import { usageDailyRollups, usageDirtyAccounts, usageEvents } from "../../db/schema";
import { attachAllWaitingUsageEvents, foldUsageEvents } from "../../recompute";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildApiKey,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { storedMessageIds } from "../../test/usage";
import { ingestUsageEvents } from "./usage.service";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const basic = (key: string) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
});

/** A workspace, its write key (sent as Segment does) and an account with an externalId. */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const key = await buildApiKey(ctx, { workspaceId });
  const externalId = `org-${uniqueSuffix()}`;
  const account = await buildAccount(ctx.db, { workspaceId, externalId });
  return { workspaceId, key, headers: basic(key.key), account, externalId };
};

const today = new Date().toISOString().slice(0, 10);
const at = (day: string, time = "09:30:00.000Z") => `${day}T${time}`;

/** What analytics-node sends for a track call (context trimmed to what it always has). */
const trackCall = (over: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Report Exported",
  userId: "u-1",
  properties: { format: "pdf", pages: 12 },
  context: { library: { name: "@segment/analytics-node", version: "2.1.2" } },
  messageId: `node-next-${crypto.randomUUID()}`,
  timestamp: at(today),
  _metadata: { nodeVersion: "20.11.0", jsRuntime: "node" },
  ...over,
});

const metricsOf = async (headers: Record<string, string>, accountId: string, window = 30) =>
  call(ctx, "GET", `/api/v1/accounts/${accountId}/metrics?window=${window}`, { headers });

/** The account's rollups as a reader sees them: the new events folded first. */
const rollupsOf = async (workspaceId: string, accountId: string) => {
  await foldUsageEvents(ctx.db, { workspaceId });
  return ctx.db
    .select()
    .from(usageDailyRollups)
    .where(
      and(
        eq(usageDailyRollups.workspaceId, workspaceId),
        eq(usageDailyRollups.accountId, accountId),
      ),
    );
};

describe("Segment tracking API", () => {
  it("takes every call type with Basic auth and answers { success: true }", async () => {
    const { workspaceId, headers, externalId, account } = await setUp();
    const calls: [string, Record<string, unknown>][] = [
      [
        "/identify",
        {
          userId: "u-1",
          traits: { email: "hanako@example.co.jp", name: "山田 花子", department: "物流部" },
          messageId: crypto.randomUUID(),
          timestamp: at(today, "09:00:00.000Z"),
        },
      ],
      [
        "/group",
        {
          userId: "u-1",
          groupId: externalId,
          traits: { name: "株式会社サンプル物流", plan: "enterprise", employees: 320 },
          messageId: crypto.randomUUID(),
          timestamp: at(today, "09:01:00.000Z"),
        },
      ],
      ["/track", { ...trackCall(), type: undefined }],
      [
        "/page",
        {
          userId: "u-2",
          name: "Dashboard",
          category: "App",
          properties: { path: "/dashboard", url: "https://app.example.com/dashboard" },
          context: { groupId: externalId },
          messageId: crypto.randomUUID(),
          timestamp: at(today, "10:00:00.000Z"),
        },
      ],
      [
        "/screen",
        {
          anonymousId: "anon-7",
          name: "Home",
          messageId: crypto.randomUUID(),
          timestamp: at(today, "11:00:00.000Z"),
        },
      ],
    ];
    for (const [path, body] of calls) {
      const res = await call(ctx, "POST", `/api/v1${path}`, { headers, body });
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      expect(res.json).toEqual({ success: true });
    }
    const stored = await ctx.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    expect(stored.map((e) => e.type).sort()).toEqual([
      "group",
      "identify",
      "page",
      "screen",
      "track",
    ]);
    // The track call has no groupId: it reached the account through u-1's group link.
    const track = stored.find((e) => e.type === "track");
    expect(track).toMatchObject({
      accountId: account.id,
      groupId: externalId,
      event: "Report Exported",
    });
    expect(track?.properties).toEqual({ format: "pdf", pages: 12 });
    expect(stored.find((e) => e.type === "screen")?.accountId).toBeNull();

    const [rollup] = await rollupsOf(workspaceId, account.id);
    expect(rollup).toMatchObject({
      day: today,
      eventCounts: { "Report Exported": 1 },
      activeUserIds: ["u-1", "u-2"],
    });
    const dirty = await ctx.db
      .select()
      .from(usageDirtyAccounts)
      .where(eq(usageDirtyAccounts.workspaceId, workspaceId));
    expect(dirty.map((d) => d.accountId)).toEqual([account.id]);
  });

  it("takes a batch as analytics-node sends it, with Bearer too", async () => {
    const { workspaceId, key, externalId, account } = await setUp();
    const res = await call(ctx, "POST", "/api/v1/batch", {
      headers: key.headers,
      body: {
        batch: [
          { type: "group", userId: "u-9", groupId: externalId, messageId: crypto.randomUUID() },
          trackCall({ userId: "u-9", event: "Invoice Sent" }),
          trackCall({ userId: "u-9", event: "Invoice Sent" }),
          { type: "page", userId: "u-9", name: "Invoices", messageId: crypto.randomUUID() },
        ],
        sentAt: new Date().toISOString(),
        context: { library: { name: "@segment/analytics-node", version: "2.1.2" } },
      },
    });
    expect(res.status, res.text).toBe(200);
    const [rollup] = await rollupsOf(workspaceId, account.id);
    expect(rollup?.eventCounts).toEqual({ "Invoice Sent": 2 });
    expect(rollup?.activeUserIds).toEqual(["u-9"]);
  });

  it("refuses a missing, unknown or revoked key with 401", async () => {
    const body = trackCall();
    const none = await call(ctx, "POST", "/api/v1/track", { body });
    expect(none.status).toBe(401);
    const unknown = await call(ctx, "POST", "/api/v1/track", { headers: basic("mk_nope"), body });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const empty = await call(ctx, "POST", "/api/v1/track", { headers: basic(""), body });
    expect(empty.status).toBe(401);
  });

  it("stores a repeated messageId once and counts it once, across calls and inside a batch", async () => {
    const { workspaceId, headers, externalId, account } = await setUp();
    const event = trackCall({ context: { groupId: externalId } });
    for (let i = 0; i < 2; i++) {
      expect((await call(ctx, "POST", "/api/v1/track", { headers, body: event })).status).toBe(200);
    }
    const batch = await call(ctx, "POST", "/api/v1/batch", {
      headers,
      body: { batch: [event, event, { ...event, event: "Other" }] },
    });
    expect(batch.status).toBe(200);
    const stored = await ctx.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    expect(stored).toHaveLength(1);
    const [rollup] = await rollupsOf(workspaceId, account.id);
    expect(rollup?.eventCounts).toEqual({ "Report Exported": 1 });
  });

  it("refuses an oversize event or batch with 400 problem+json", async () => {
    const { headers } = await setUp();
    const big = trackCall({ properties: { blob: "x".repeat(33 * 1024) } });
    const event = await call(ctx, "POST", "/api/v1/track", { headers, body: big });
    expect(event.status).toBe(400);
    expect(event.headers.get("content-type")).toContain("application/problem+json");
    expect(event.json.detail).toMatch(/at most 32 KB/);

    const item = await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch: [big] } });
    expect(item.status).toBe(400);
    expect(item.json.detail).toMatch(/batch\[0\].*32 KB/);

    const many = Array.from({ length: 20 }, () =>
      trackCall({ properties: { blob: "y".repeat(30 * 1024) } }),
    );
    const batch = await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch: many } });
    expect(batch.status).toBe(400);
    expect(batch.json.detail).toMatch(/at most 500 KB/);
  });

  it("refuses by Content-Length before reading the body", async () => {
    const { headers } = await setUp();
    const res = await call(ctx, "POST", "/api/v1/batch", {
      headers: { ...headers, "content-length": String(600 * 1024) },
      body: { batch: [trackCall()] },
    });
    expect(res.status).toBe(400);
    expect(res.json.detail).toMatch(/A batch may be at most 500 KB; this one is 600 KB/);
  });

  it("refuses an invalid call with 400 and says where", async () => {
    const { headers } = await setUp();
    const res = await call(ctx, "POST", "/api/v1/track", {
      headers,
      body: { event: "Signed In", messageId: "m-1" },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      // A check without a code of its own: the client shows the English message.
      { pointer: "/userId", message: "userId or anonymousId is required", code: "invalid" },
    ]);
    const notJson = await call(ctx, "POST", "/api/v1/track", { headers, rawBody: "{" });
    expect(notJson.status).toBe(400);
  });

  it("keeps events of an unknown group and attaches them when the account appears", async () => {
    const { workspaceId, key, headers } = await setUp();
    const externalId = `later-${uniqueSuffix()}`;
    const res = await call(ctx, "POST", "/api/v1/batch", {
      headers,
      body: {
        batch: [
          trackCall({ userId: "u-1", context: { groupId: externalId } }),
          trackCall({ userId: "u-2", context: { groupId: externalId } }),
        ],
      },
    });
    expect(res.status).toBe(200);
    const created = await call(ctx, "POST", "/api/v1/accounts", {
      headers: key.headers,
      body: { name: "後から来た株式会社", externalId },
    });
    expect(created.status).toBe(201);
    const metrics = await metricsOf(key.headers, created.json.id);
    expect(metrics.status, metrics.text).toBe(200);
    expect(metrics.json.metrics.current).toMatchObject({
      eventCounts: { "Report Exported": 2 },
      activeUsers: 2,
    });
    // Reading again attaches nothing twice.
    const again = await metricsOf(key.headers, created.json.id);
    expect(again.json.metrics.current.totalEvents).toBe(2);
    const [rollup] = await rollupsOf(workspaceId, created.json.id);
    expect(rollup?.eventCounts).toEqual({ "Report Exported": 2 });
  });

  it("attaches a user's events sent before its group call, once the group is known", async () => {
    const { workspaceId, headers, account, externalId } = await setUp();
    const userId = `first-${uniqueSuffix()}`;
    // identify and track with no group, then (another request) the group call.
    const early = await call(ctx, "POST", "/api/v1/batch", {
      headers,
      body: {
        batch: [
          { type: "identify", userId, traits: { email: "a@example.jp" }, timestamp: at(today) },
          trackCall({ userId }),
        ],
      },
    });
    expect(early.status).toBe(200);
    const waiting = async () =>
      (
        await rowsOf<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from usage_events
            where workspace_id = ${workspaceId} and account_id is null`,
        )
      )[0]!;
    expect((await waiting()).n).toBe(2);
    const group = await call(ctx, "POST", "/api/v1/group", {
      headers,
      body: { userId, groupId: externalId, timestamp: at(today, "09:31:00.000Z") },
    });
    expect(group.status).toBe(200);
    expect(await attachAllWaitingUsageEvents(ctx.db, workspaceId)).toBe(2);
    expect((await waiting()).n).toBe(0);
    const [rollup] = await rollupsOf(workspaceId, account.id);
    expect(rollup?.eventCounts).toEqual({ "Report Exported": 1 });
    expect(rollup?.activeUserIds).toEqual([userId]);
  });

  it("attaches every waiting account's events in one sweep", async () => {
    const { workspaceId, headers } = await setUp();
    const ids = [`sweep-a-${uniqueSuffix()}`, `sweep-b-${uniqueSuffix()}`];
    const batch = ids.map((groupId) => trackCall({ context: { groupId } }));
    expect((await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch } })).status).toBe(
      200,
    );
    const accounts = await Promise.all(
      ids.map((externalId) => buildAccount(ctx.db, { workspaceId, externalId })),
    );
    expect(await attachAllWaitingUsageEvents(ctx.db, workspaceId)).toBe(2);
    expect(await attachAllWaitingUsageEvents(ctx.db, workspaceId)).toBe(0);
    for (const account of accounts) {
      const [rollup] = await rollupsOf(workspaceId, account.id);
      expect(rollup?.eventCounts).toEqual({ "Report Exported": 1 });
    }
  });

  it("scopes events to the key's workspace: B's externalId from A's key stays in A", async () => {
    const a = await setUp();
    const b = await setUp();
    const res = await call(ctx, "POST", "/api/v1/track", {
      headers: a.headers,
      body: trackCall({ context: { groupId: b.externalId } }),
    });
    expect(res.status).toBe(200);
    expect(await rollupsOf(b.workspaceId, b.account.id)).toEqual([]);
    const bMetrics = await metricsOf(b.key.headers, b.account.id);
    expect(bMetrics.json.metrics.current.totalEvents).toBe(0);
    // And A cannot read B's account.
    expect((await metricsOf(a.key.headers, b.account.id)).status).toBe(404);
  });

  it("computes the metric values from hand-made events", async () => {
    const { headers, key, externalId, account } = await setUp();
    const d = (n: number) => addCalendarDays(today, -n);
    const g = { groupId: externalId };
    const batch = [
      // Current 7-day window: 3 exports, 1 import, users u-1 and u-2 on 2 days.
      trackCall({ userId: "u-1", context: g, timestamp: at(d(0)) }),
      trackCall({ userId: "u-1", context: g, timestamp: at(d(1)) }),
      trackCall({ userId: "u-2", context: g, timestamp: at(d(1)) }),
      trackCall({ userId: "u-2", event: "Data Imported", context: g, timestamp: at(d(1)) }),
      // Previous window: 1 export by u-3.
      trackCall({ userId: "u-3", context: g, timestamp: at(d(10)) }),
    ];
    expect((await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch } })).status).toBe(
      200,
    );
    const res = await metricsOf(key.headers, account.id, 7);
    expect(res.status, res.text).toBe(200);
    expect(res.json.metrics).toMatchObject({
      asOf: today,
      windowDays: 7,
      current: {
        eventCounts: { "Report Exported": 3, "Data Imported": 1 },
        totalEvents: 4,
        activeUsers: 2,
        activeDays: 2,
      },
      previous: { totalEvents: 1, activeUsers: 1, activeDays: 1 },
      seats: null,
      seatUtilisation: null,
      lastSeen: today,
      daysSinceLastSeen: 0,
      eventCountChange: 300,
      activeUsersChange: 100,
    });
    expect(res.json.values).toMatchObject({
      "totalEvents:7d": 4,
      "activeUsers:7d": 2,
      "activeDays:7d": 2,
      daysSinceLastSeen: 0,
    });
    const bad = await call(ctx, "GET", `/api/v1/accounts/${account.id}/metrics?window=0`, {
      headers: key.headers,
    });
    expect(bad.status).toBe(400);
    const future = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/metrics?asOf=${addCalendarDays(today, 1)}`,
      { headers: key.headers },
    );
    expect(future.status).toBe(422);
    expect(future.json.errors[0]).toMatchObject({
      pointer: "/asOf",
      code: "date-in-future",
      params: { today },
    });
  });

  it("reads seats, MRR and renewal from the contracts in force, as the recompute does", async () => {
    const { workspaceId, headers, key, externalId, account } = await setUp();
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      seats: 8,
      mrrMinor: 120_000,
      startDate: addCalendarDays(today, -100),
      endDate: addCalendarDays(today, 45),
    });
    const batch = ["u-1", "u-2"].map((userId) =>
      trackCall({ userId, context: { groupId: externalId }, timestamp: at(today) }),
    );
    expect((await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch } })).status).toBe(
      200,
    );
    const res = await metricsOf(key.headers, account.id, 30);
    expect(res.json.metrics).toMatchObject({
      seats: 8,
      seatUtilisation: 25,
      mrr: 120_000,
      daysToRenewal: 45,
    });
    expect(res.json.values).toMatchObject({ "seatUtilisation:30d": 25, licensedSeats: 8 });
  });

  it("writes requests that arrive together in one go; a bad one fails alone", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const events = (ids: string[], over: Record<string, unknown> = {}) =>
      normaliseSegmentBatch(
        {
          batch: ids.map((id) =>
            trackCall({
              messageId: id,
              userId: `u-${id}`,
              context: { groupId: externalId },
              ...over,
            }),
          ),
        } as SegmentBatch,
        new Date(),
      );
    // Sent at once: the first is written alone, the rest wait and go together.
    const results = await Promise.allSettled([
      ingestUsageEvents(ctx.db, { workspaceId, events: events(["a", "b"]) }),
      ingestUsageEvents(ctx.db, { workspaceId, events: events(["c", "a"]) }),
      ingestUsageEvents(ctx.db, { workspaceId, events: events(["d", "e"]) }),
      // jsonb refuses \u0000: the database fails this request, not the two beside it.
      ingestUsageEvents(ctx.db, {
        workspaceId,
        events: events(["f"], { properties: { bad: "\u0000" } }),
      }),
      ingestUsageEvents(ctx.db, { workspaceId, events: events(["e", "g"]) }),
    ]);
    const outcomes = results.map((r) => (r.status === "fulfilled" ? r.value : "rejected"));
    expect(outcomes[3]).toBe("rejected");
    // On PostgreSQL two group transactions may be in flight, so which sender of a repeated
    // messageId ("a", "e") stores it is not fixed; that it is stored once, and counted once
    // as a duplicate, is.
    const written = outcomes.filter((o) => o !== "rejected");
    expect(written).toHaveLength(4);
    for (const o of written) expect(o.inserted + o.duplicates).toBe(o.received);
    expect(written.reduce((n, o) => n + o.inserted, 0)).toBe(6);
    expect(written.reduce((n, o) => n + o.duplicates, 0)).toBe(2);
    expect(
      await storedMessageIds(ctx.db, workspaceId, ["a", "b", "c", "d", "e", "f", "g"]),
    ).toEqual(["a", "b", "c", "d", "e", "g"]);
    const [rollup] = await rollupsOf(workspaceId, account.id);
    expect(rollup?.eventCounts).toEqual({ "Report Exported": 6 });
    expect(rollup?.activeUserIds).toEqual(["u-a", "u-b", "u-c", "u-d", "u-e", "u-g"]);
  });

  it("documents the Segment calls in the OpenAPI document", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    for (const type of ["track", "identify", "group", "page", "screen", "batch"]) {
      const post = doc.json.paths[`/api/v1/${type}`]?.post;
      expect(post, type).toBeDefined();
      expect(post.requestBody.content["application/json"].schema).toBeDefined();
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "400", "401"]));
    }
  });
});
