import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { parseEnv } from "../../env";
import { jobNames, michiJobs } from "../../jobs/michi-jobs";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { queueWebhookDeliveries } from "../playbooks/account-events.queries";
import { deliverDueWebhooks } from "./webhook-delivery";

type Hit = { headers: IncomingMessage["headers"]; body: string };

/** A receiver on 127.0.0.1 (so the tests run with MICHI_WEBHOOKS_ALLOW_PRIVATE=1). */
const hits: Hit[] = [];
let answer: (res: ServerResponse, hitNumber: number) => void;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    answer(res, hits.length);
  });
});
let receiverUrl: string;

const allowPrivate = parseEnv({ MICHI_WEBHOOKS_ALLOW_PRIVATE: "1" }).MICHI_WEBHOOKS_ALLOW_PRIVATE;

let ctx: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  ctx = await createTestContext({ webhooksAllowPrivate: allowPrivate });
  workspaceId = (await buildWorkspace(ctx)).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin" });
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(async () => {
  hits.length = 0;
  answer = (res) => res.end("ok");
  // Each test starts with no other subscription or pending delivery in the way.
  await ctx.db.update(webhookEndpoints).set({ enabled: false });
  await ctx.db
    .update(webhookDeliveries)
    .set({ status: "failed" })
    .where(eq(webhookDeliveries.status, "pending"));
});

/** A subscription through the API (secret included) and one queued event for it. */
const subscribeAndQueue = async (eventData: Record<string, unknown> = { to: "red" }) => {
  const created = await call(ctx, "POST", "/api/v1/webhooks", {
    ...admin,
    body: { url: receiverUrl, eventTypes: ["account.health_band_changed"] },
  });
  expect(created.status).toBe(201);
  const account = await buildAccount(ctx.db, { workspaceId, name: "株式会社サンプル" });
  const eventId = crypto.randomUUID();
  await queueWebhookDeliveries(ctx.db, workspaceId, [
    {
      workspaceId,
      id: eventId,
      accountId: account.id,
      type: "account.health_band_changed",
      occurredAt: new Date("2026-12-07T09:00:00Z"),
      data: eventData,
    },
  ]);
  const [delivery] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.eventId, eventId));
  if (!delivery) throw new Error("no delivery queued");
  return { webhook: created.json, secret: created.json.secret as string, delivery, account };
};

const deliveryRow = async (id: string) => {
  const [row] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
};
const endpointRow = async (id: string) => {
  const [row] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
};

const HOUR = 60 * 60 * 1000;

describe("the deliver-webhooks job", () => {
  it("is one of Michi's jobs", () => {
    const names = michiJobs(ctx.db, { dirtyIntervalSeconds: 5, dailyHourUtc: 0 }).map(
      (j) => j.name,
    );
    expect(names).toContain(jobNames.deliverWebhooks);
    expect(jobNames.deliverWebhooks).toBe("deliver-webhooks");
  });

  it("signs per Standard Webhooks, with the delivery's id, and records the delivery", async () => {
    const { secret, delivery, account, webhook } = await subscribeAndQueue({
      from: "green",
      to: "red",
    });
    const summary = await deliverDueWebhooks(ctx.db, { allowPrivate });
    expect(summary).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(hits).toHaveLength(1);
    const hit = hits[0] as Hit;
    const verified = new Webhook(secret).verify(hit.body, {
      "webhook-id": String(hit.headers["webhook-id"]),
      "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
      "webhook-signature": String(hit.headers["webhook-signature"]),
    });
    expect(hit.headers["webhook-id"]).toBe(delivery.id);
    expect(verified).toEqual({
      type: "account.health_band_changed",
      timestamp: "2026-12-07T09:00:00.000Z",
      data: { from: "green", to: "red", accountId: account.id, eventId: delivery.eventId },
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect((await deliveryRow(delivery.id))?.deliveredAt).toBeInstanceOf(Date);
    // Nothing is due any more: a second run sends nothing.
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    const log = await call(ctx, "GET", `/api/v1/webhooks/${webhook.id}/deliveries`, admin);
    expect(log.json.data).toEqual([
      expect.objectContaining({
        id: delivery.id,
        status: "delivered",
        attempts: 1,
        lastStatusCode: 200,
      }),
    ]);
  });

  it("retries a failed attempt with backoff, then delivers with the same webhook-id", async () => {
    answer = (res, n) => {
      res.statusCode = n === 1 ? 503 : 204;
      res.end(n === 1 ? "busy" : "");
    };
    const { delivery, webhook } = await subscribeAndQueue();
    const now = new Date();
    const first = await deliverDueWebhooks(ctx.db, {
      allowPrivate,
      now: () => now,
      random: () => 0.5,
    });
    expect(first).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const failed = await deliveryRow(delivery.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 503 });
    expect(failed?.lastError).toMatch(/^http: /);
    // 30 s after the first failure (random 0.5: no jitter).
    expect(failed?.nextAttemptAt?.getTime()).toBe(now.getTime() + 30_000);
    expect((await endpointRow(webhook.id))?.failuresInARow).toBe(1);
    // Not due yet.
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate, now: () => now })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });

    const later = new Date(now.getTime() + 60_000);
    const second = await deliverDueWebhooks(ctx.db, { allowPrivate, now: () => later });
    expect(second).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(hits.map((hit) => hit.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
    });
    expect((await endpointRow(webhook.id))?.failuresInARow).toBe(0);
  });

  it("marks a delivery failed after its last attempt, and resend starts a new series", async () => {
    answer = (res) => {
      res.statusCode = 500;
      res.end("down");
    };
    const { delivery, webhook } = await subscribeAndQueue();
    await ctx.db
      .update(webhookDeliveries)
      .set({ attempts: 7 })
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 1,
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "failed",
      attempts: 8,
      nextAttemptAt: null,
      lastStatusCode: 500,
    });

    answer = (res) => res.end("ok");
    const resent = await call(
      ctx,
      "POST",
      `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`,
      admin,
    );
    expect(resent.status).toBe(202);
    expect(resent.json).toMatchObject({ id: delivery.id, status: "pending", attempts: 0 });
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate })).toMatchObject({ delivered: 1 });
    expect(hits.at(-1)?.headers["webhook-id"]).toBe(delivery.id);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "delivered", attempts: 1 });

    const unknown = await call(
      ctx,
      "POST",
      `/api/v1/webhooks/${webhook.id}/deliveries/${crypto.randomUUID()}/resend`,
      admin,
    );
    expect(unknown.status).toBe(404);
  });

  it("turns a subscription off after failing for a day, once, with the reason in the list", async () => {
    answer = (res) => {
      res.statusCode = 500;
      res.end("down");
    };
    const { delivery, webhook } = await subscribeAndQueue();
    const now = new Date();
    // Nine failures already, the first of them 25 hours ago.
    await ctx.db
      .update(webhookEndpoints)
      .set({ failuresInARow: 9 })
      .where(eq(webhookEndpoints.id, webhook.id));
    await ctx.db.insert(webhookDeliveries).values({
      workspaceId,
      endpointId: webhook.id,
      eventType: "account.health_band_changed",
      payload: { type: "account.health_band_changed", timestamp: now.toISOString(), data: {} },
      status: "failed",
      attempts: 8,
      lastStatusCode: 500,
      lastError: "http: the receiver answered 500",
      createdAt: new Date(now.getTime() - 25 * HOUR),
    });
    const summary = await deliverDueWebhooks(ctx.db, { allowPrivate, now: () => now });
    expect(summary).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(await endpointRow(webhook.id)).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      failuresInARow: 10,
    });
    const list = await call(ctx, "GET", "/api/v1/webhooks", admin);
    const listed = list.json.data.find((w: { id: string }) => w.id === webhook.id);
    expect(listed).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(listed.lastFailure).toMatchObject({ statusCode: 500 });

    // Off: its pending delivery waits, and a resend is refused until it is on again.
    const later = new Date(now.getTime() + 2 * HOUR);
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate, now: () => later })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    const refused = await call(
      ctx,
      "POST",
      `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`,
      admin,
    );
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("webhook-disabled");

    answer = (res) => res.end("ok");
    await call(ctx, "PATCH", `/api/v1/webhooks/${webhook.id}`, {
      ...admin,
      body: { enabled: true },
    });
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate, now: () => later })).toMatchObject({
      delivered: 1,
    });
  });

  it("does not turn a subscription off for ten failures within minutes", async () => {
    answer = (res) => {
      res.statusCode = 500;
      res.end("down");
    };
    const { webhook } = await subscribeAndQueue();
    await ctx.db
      .update(webhookEndpoints)
      .set({ failuresInARow: 20 })
      .where(eq(webhookEndpoints.id, webhook.id));
    await deliverDueWebhooks(ctx.db, { allowPrivate });
    expect(await endpointRow(webhook.id)).toMatchObject({ enabled: true, failuresInARow: 21 });
  });

  it("turns a subscription off at once when the receiver answers 410 Gone", async () => {
    answer = (res) => {
      res.statusCode = 410;
      res.end("gone");
    };
    const { delivery, webhook } = await subscribeAndQueue();
    expect(await deliverDueWebhooks(ctx.db, { allowPrivate })).toMatchObject({ failed: 1 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "failed", lastStatusCode: 410 });
    expect(await endpointRow(webhook.id)).toMatchObject({ enabled: false, disabledReason: "gone" });
  });

  it("sends a delivery once when two runs go at the same time", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    answer = (res) => {
      void held.then(() => res.end("ok"));
    };
    const { delivery } = await subscribeAndQueue();
    const first = deliverDueWebhooks(ctx.db, { allowPrivate });
    while (hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The first run has claimed it and is waiting on the receiver: the second finds nothing due.
    const second = await deliverDueWebhooks(ctx.db, { allowPrivate });
    release();
    expect(await first).toMatchObject({ delivered: 1 });
    expect(second).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(hits).toHaveLength(1);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "delivered", attempts: 1 });
  });
});

describe("POST /webhooks/{id}/test", () => {
  it("sends a signed webhook.test event now and answers the status code", async () => {
    const { webhook, secret } = await subscribeAndQueue();
    answer = (res) => {
      res.statusCode = 202;
      res.end();
    };
    const res = await call(ctx, "POST", `/api/v1/webhooks/${webhook.id}/test`, admin);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, statusCode: 202, error: null });
    const hit = hits.at(-1) as Hit;
    const verified = new Webhook(secret).verify(hit.body, {
      "webhook-id": String(hit.headers["webhook-id"]),
      "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
      "webhook-signature": String(hit.headers["webhook-signature"]),
    }) as { type: string };
    expect(verified.type).toBe("webhook.test");

    answer = (res) => {
      res.statusCode = 500;
      res.end();
    };
    const failing = await call(ctx, "POST", `/api/v1/webhooks/${webhook.id}/test`, admin);
    expect(failing.json).toMatchObject({ ok: false, statusCode: 500, error: "http" });
  });
});
