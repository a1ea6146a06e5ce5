import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountEvents, playbooks } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { forgetUsageEventTriggers } from "./usage-event-triggers";

/* A usage event a live playbook listens for becomes a playbook signal as it is stored. */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/** A track call of a user linked to a group (Segment sends the group call first). */
const track = (event: string, userId: string) => ({
  type: "track",
  event,
  userId,
  messageId: crypto.randomUUID(),
  timestamp: new Date().toISOString(),
});
const group = (userId: string, groupId: string) => ({
  type: "group",
  userId,
  groupId,
  messageId: crypto.randomUUID(),
});

describe("usage events that playbooks listen for", () => {
  it("signal once per message, only for listened names, paused playbooks aside", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId });
    const externalId = `org-${uniqueSuffix()}`;
    const account = await buildAccount(ctx.db, { workspaceId, externalId });
    const listening = (event: string, paused = false) => ({
      workspaceId,
      definition: {
        name: `on ${event}`,
        trigger: { kind: "usageEvent" as const, event },
        steps: [{ kind: "addNote" as const, body: "seen" }],
        paused,
      },
    });
    await ctx.db
      .insert(playbooks)
      .values([listening("cancellation_page_viewed"), listening("export_failed", true)]);
    forgetUsageEventTriggers(ctx.db, workspaceId);

    const repeated = track("cancellation_page_viewed", "u-1");
    const res = await call(ctx, "POST", "/api/v1/batch", {
      headers: key.headers,
      body: {
        batch: [
          group("u-1", externalId),
          group("u-2", "no-such-account"),
          repeated,
          track("report_exported", "u-1"),
          track("export_failed", "u-1"),
          track("cancellation_page_viewed", "u-2"),
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    // The sender retries the same message: stored once, signalled once.
    const again = await call(ctx, "POST", "/api/v1/track", {
      headers: key.headers,
      body: repeated,
    });
    expect(again.status).toBe(200);

    const events = await ctx.db
      .select({ type: accountEvents.type, signal: accountEvents.signal })
      .from(accountEvents)
      .where(
        and(eq(accountEvents.workspaceId, workspaceId), eq(accountEvents.type, "usage.event")),
      );
    expect(events).toEqual([
      {
        type: "usage.event",
        signal: {
          kind: "usageEvent",
          accountId: account.id,
          at: new Date().toISOString().slice(0, 10),
          event: "cancellation_page_viewed",
          messageId: expect.any(String),
        },
      },
    ]);
  });
});
