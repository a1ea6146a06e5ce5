import { webhookEventTypes } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

// Without MICHI_WEBHOOKS_ALLOW_PRIVATE: URLs are public IP literals, so no DNS is needed.
let ctx: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin" });
});

const PUBLIC_URL = "https://93.184.215.14/michi/hooks";

const subscribe = (
  headers: Record<string, string>,
  body: unknown = {
    url: PUBLIC_URL,
    eventTypes: ["account.health_band_changed", "task.created"],
    description: "CRM 連携",
  },
) => call(ctx, "POST", "/api/v1/webhooks", { headers, body });

describe("webhook subscriptions", () => {
  it("answers the secret once, at creation, and lists without it", async () => {
    const created = await subscribe(admin.headers);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      url: PUBLIC_URL,
      eventTypes: ["account.health_band_changed", "task.created"],
      description: "CRM 連携",
      enabled: true,
      disabledReason: null,
      failuresInARow: 0,
      lastFailure: null,
    });
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await call(ctx, "GET", "/api/v1/webhooks", admin);
    expect(list.status).toBe(200);
    expect(list.json.eventTypes).toEqual([...webhookEventTypes]);
    const listed = list.json.data.find((w: { id: string }) => w.id === created.json.id);
    expect(listed).toMatchObject({ url: PUBLIC_URL, enabled: true });
    expect(listed).not.toHaveProperty("secret");
    expect(list.text).not.toContain(created.json.secret);
  });

  it("rotates the secret, answering the new one once", async () => {
    const created = await subscribe(admin.headers);
    const rotated = await call(
      ctx,
      "POST",
      `/api/v1/webhooks/${created.json.id}/rotate-secret`,
      admin,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(created.json.secret);
    const [row] = await ctx.db
      .select({ secret: webhookEndpoints.secret })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, created.json.id));
    expect(row?.secret).toBe(rotated.json.secret);
  });

  it("updates, turns off (manual) and on again, forgetting the failures", async () => {
    const { json: created } = await subscribe(admin.headers);
    const path = `/api/v1/webhooks/${created.id}`;
    const patched = await call(ctx, "PATCH", path, {
      ...admin,
      body: { eventTypes: ["plan.stage_closed"], description: "" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ eventTypes: ["plan.stage_closed"], description: "" });

    const off = await call(ctx, "PATCH", path, { ...admin, body: { enabled: false } });
    expect(off.json).toMatchObject({ enabled: false, disabledReason: "manual" });
    expect(off.json.disabledAt).toEqual(expect.any(String));

    await ctx.db
      .update(webhookEndpoints)
      .set({ failuresInARow: 12, disabledReason: "failing" })
      .where(eq(webhookEndpoints.id, created.id));
    const on = await call(ctx, "PATCH", path, { ...admin, body: { enabled: true } });
    expect(on.json).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      failuresInARow: 0,
    });
  });

  it("deletes a subscription with its log", async () => {
    const { json: created } = await subscribe(admin.headers);
    await ctx.db.insert(webhookDeliveries).values({
      workspaceId,
      endpointId: created.id,
      eventType: "task.created",
      payload: { type: "task.created", timestamp: new Date().toISOString(), data: {} },
    });
    const removed = await call(ctx, "DELETE", `/api/v1/webhooks/${created.id}`, admin);
    expect(removed.status).toBe(204);
    expect(
      await ctx.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, created.id)),
    ).toEqual([]);
    expect((await call(ctx, "DELETE", `/api/v1/webhooks/${created.id}`, admin)).status).toBe(404);
  });

  it("refuses loopback, private, link-local and metadata URLs and other schemes, naming url", async () => {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://10.0.0.5/hook",
      "http://192.168.1.10/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/hook",
      "http://0.0.0.0/hook",
    ]) {
      const res = await subscribe(admin.headers, { url, eventTypes: ["task.created"] });
      expect(res.status, url).toBe(422);
      expect(res.json.errors).toEqual([
        expect.objectContaining({
          pointer: "/url",
          code: "webhook-url-refused",
          params: expect.objectContaining({ reason: "privateAddress" }),
        }),
      ]);
    }
    const ftp = await subscribe(admin.headers, {
      url: "ftp://93.184.215.14/x",
      eventTypes: ["task.created"],
    });
    expect(ftp.status).toBe(422);
    expect(ftp.json.errors[0]).toMatchObject({
      pointer: "/url",
      code: "webhook-url-refused",
      params: { reason: "unsupportedScheme" },
    });
    // On update too.
    const { json: created } = await subscribe(admin.headers);
    const moved = await call(ctx, "PATCH", `/api/v1/webhooks/${created.id}`, {
      ...admin,
      body: { url: "http://127.0.0.1/hook" },
    });
    expect(moved.status).toBe(422);
    expect(moved.json.errors[0]).toMatchObject({ pointer: "/url", code: "webhook-url-refused" });
  });

  it("validates the body: event types known, at least one, no extra keys", async () => {
    const unknownType = await subscribe(admin.headers, {
      url: PUBLIC_URL,
      eventTypes: ["account.exploded"],
    });
    expect(unknownType.status).toBe(422);
    expect(unknownType.json.errors[0].pointer).toBe("/eventTypes/0");
    const none = await subscribe(admin.headers, { url: PUBLIC_URL, eventTypes: [] });
    expect(none.status).toBe(422);
    expect(none.json.errors[0].pointer).toBe("/eventTypes");
    const noUrl = await subscribe(admin.headers, { eventTypes: ["task.created"] });
    expect(noUrl.status).toBe(422);
    expect(noUrl.json.errors[0]).toMatchObject({ pointer: "/url", code: "required" });
    const extra = await subscribe(admin.headers, {
      url: PUBLIC_URL,
      eventTypes: ["task.created"],
      secret: "whsec_mine",
    });
    expect(extra.status).toBe(422);
  });

  it("lets admins, managers and their API keys manage subscriptions; not CSMs or viewers", async () => {
    const manager = await buildUser(ctx, { workspaceId, role: "manager" });
    expect((await subscribe(manager.headers)).status).toBe(201);
    const key = await buildApiKey(ctx, { workspaceId, role: "admin" });
    expect((await subscribe(key.headers)).status).toBe(201);
    for (const role of ["csm", "viewer"] as const) {
      const user = await buildUser(ctx, { workspaceId, role });
      expect((await subscribe(user.headers)).status).toBe(403);
      expect((await call(ctx, "GET", "/api/v1/webhooks", user)).status).toBe(403);
    }
    const csmKey = await buildApiKey(ctx, { workspaceId, role: "csm" });
    expect((await call(ctx, "GET", "/api/v1/webhooks", csmKey)).status).toBe(403);
  });

  it("keeps workspaces apart", async () => {
    const { json: created } = await subscribe(admin.headers);
    const otherWorkspace = (await buildWorkspace(ctx)).id;
    const other = await buildUser(ctx, { workspaceId: otherWorkspace, role: "admin" });
    const list = await call(ctx, "GET", "/api/v1/webhooks", other);
    expect(list.json.data).toEqual([]);
    for (const [method, path] of [
      ["PATCH", `/api/v1/webhooks/${created.id}`],
      ["DELETE", `/api/v1/webhooks/${created.id}`],
      ["POST", `/api/v1/webhooks/${created.id}/rotate-secret`],
      ["GET", `/api/v1/webhooks/${created.id}/deliveries`],
    ] as const) {
      const res = await call(ctx, method, path, {
        ...other,
        ...(method === "PATCH" ? { body: { description: "x" } } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const [still] = await ctx.db
      .select()
      .from(webhookEndpoints)
      .where(
        and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, created.id)),
      );
    expect(still?.description).toBe("CRM 連携");
  });

  it("pages the delivery log, newest first, and refuses a bad cursor", async () => {
    const { json: created } = await subscribe(admin.headers);
    const base = Date.parse("2026-12-01T00:00:00Z");
    await ctx.db.insert(webhookDeliveries).values(
      Array.from({ length: 55 }, (_, i) => ({
        workspaceId,
        endpointId: created.id,
        eventId: crypto.randomUUID(),
        eventType: "task.created" as const,
        payload: { type: "task.created", timestamp: new Date(base).toISOString(), data: { i } },
        createdAt: new Date(base + i * 1000),
        status: "failed" as const,
        attempts: 8,
        lastStatusCode: 500,
        lastError: "http: the receiver answered 500",
      })),
    );
    const first = await call(ctx, "GET", `/api/v1/webhooks/${created.id}/deliveries`, admin);
    expect(first.status).toBe(200);
    expect(first.json.data).toHaveLength(50);
    expect(first.json.data[0]).toMatchObject({
      eventType: "task.created",
      status: "failed",
      attempts: 8,
      lastStatusCode: 500,
      lastError: "http: the receiver answered 500",
      nextAttemptAt: null,
      deliveredAt: null,
      createdAt: new Date(base + 54_000).toISOString(),
    });
    const second = await call(
      ctx,
      "GET",
      `/api/v1/webhooks/${created.id}/deliveries?cursor=${first.json.nextCursor}`,
      admin,
    );
    expect(second.json.data).toHaveLength(5);
    expect(second.json.nextCursor).toBeNull();
    const bad = await call(
      ctx,
      "GET",
      `/api/v1/webhooks/${created.id}/deliveries?cursor=nope`,
      admin,
    );
    expect(bad.status).toBe(400);

    // The list shows the last failure.
    const list = await call(ctx, "GET", "/api/v1/webhooks", admin);
    const listed = list.json.data.find((w: { id: string }) => w.id === created.id);
    expect(listed.lastFailure).toEqual({
      at: new Date(base + 54_000).toISOString(),
      statusCode: 500,
      error: "http: the receiver answered 500",
    });
  });
});
