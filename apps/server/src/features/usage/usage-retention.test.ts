import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { usageDailyRollups } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../../test/context";
import { storedMessageIds } from "../../test/usage";
import { updateCsSettings } from "../cs-settings/cs-settings.queries";
import { insertUsageEvents, type UsageEventRow } from "./usage.queries";
import { applyUsageRetention } from "./usage-retention";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const at = new Date("2026-06-01T00:00:00.000Z");
// 30 days before `at`: events strictly older go.
const cutoff = "2026-05-02T00:00:00.000Z";

/** groupId: the account's externalId, or one no account has (the event waits). */
const event = (messageId: string, timestamp: string, groupId: string): UsageEventRow => ({
  messageId,
  type: "track",
  userId: "u-1",
  anonymousId: null,
  groupId,
  event: "Report Exported",
  timestamp,
  properties: {},
  traits: {},
});

/** 24 old events (one waiting for its account), one a millisecond before the cutoff, 3 kept. */
const fill = async (workspaceId: string) => {
  const account = await buildAccount(ctx.db, { workspaceId, externalId: "org-1" });
  const old = Array.from({ length: 24 }, (_, n) =>
    event(
      `old-${n}`,
      `2026-04-${String(1 + n).padStart(2, "0")}T09:00:00.000Z`,
      n === 0 ? "org-unknown" : "org-1",
    ),
  );
  const kept = [
    event("at-cutoff", cutoff, "org-1"),
    event("recent-1", "2026-05-20T09:00:00.000Z", "org-1"),
    event("recent-2", "2026-05-31T23:59:59.000Z", "org-1"),
  ];
  await insertUsageEvents(ctx.db, {
    workspaceId,
    events: [...old, event("just-before", "2026-05-01T23:59:59.999Z", "org-1"), ...kept],
  });
  await ctx.db.insert(usageDailyRollups).values([
    {
      workspaceId,
      accountId: account.id,
      day: "2026-04-01",
      eventCounts: { "Report Exported": 1 },
      activeUserIds: ["u-1"],
    },
    {
      workspaceId,
      accountId: account.id,
      day: "2026-05-20",
      eventCounts: { "Report Exported": 1 },
      activeUserIds: ["u-1"],
    },
  ]);
};

const SENT = [
  ...Array.from({ length: 24 }, (_, n) => `old-${n}`),
  "just-before",
  "at-cutoff",
  "recent-1",
  "recent-2",
];
const messageIds = (workspaceId: string) => storedMessageIds(ctx.db, workspaceId, SENT);

const rollupCount = async (workspaceId: string) =>
  (
    await ctx.db
      .select({ n: count() })
      .from(usageDailyRollups)
      .where(and(eq(usageDailyRollups.workspaceId, workspaceId)))
  )[0]?.n;

describe("usage retention", () => {
  it("deletes a workspace's raw events older than its setting, in batches; rollups and other workspaces stay", async () => {
    const kept = await buildWorkspace(ctx);
    const forever = await buildWorkspace(ctx);
    await updateCsSettings(ctx.db, { workspaceId: kept.id, usageRetentionDays: 30 });
    // A settings row without retention: null is "keep forever".
    await updateCsSettings(ctx.db, { workspaceId: forever.id, usageRetentionDays: null });
    await fill(kept.id);
    await fill(forever.id);
    const everything = await messageIds(forever.id);
    expect(everything).toHaveLength(28);

    const result = await applyUsageRetention(ctx.db, {
      workspaceIds: [kept.id, forever.id],
      at,
      batchSize: 7,
    });

    // 25 deleted: four statements of 7, 7, 7 and 4.
    expect(result).toEqual({ workspaces: 1, deleted: 25 });
    expect(await messageIds(kept.id)).toEqual(["at-cutoff", "recent-1", "recent-2"]);
    expect(await messageIds(forever.id)).toEqual(everything);
    expect(await rollupCount(kept.id)).toBe(2);
    expect(await rollupCount(forever.id)).toBe(2);

    // Run again: nothing left to delete.
    expect(await applyUsageRetention(ctx.db, { workspaceIds: [kept.id], at })).toEqual({
      workspaces: 1,
      deleted: 0,
    });
  });

  it("cuts at the instant, not at the day, when the cutoff falls inside a day", async () => {
    // Events are found by the (workspace, UTC day) index; the cutoff day's are then
    // filtered by their time.
    const workspace = await buildWorkspace(ctx);
    await updateCsSettings(ctx.db, { workspaceId: workspace.id, usageRetentionDays: 30 });
    await buildAccount(ctx.db, { workspaceId: workspace.id, externalId: "org-1" });
    await insertUsageEvents(ctx.db, {
      workspaceId: workspace.id,
      events: [
        event("day-before", "2026-05-01T23:00:00.000Z", "org-1"),
        event("morning", "2026-05-02T09:00:00.000Z", "org-1"),
        event("noon", "2026-05-02T12:00:00.000Z", "org-1"),
        event("evening", "2026-05-02T18:00:00.000Z", "org-1"),
        event("day-after", "2026-05-03T01:00:00.000Z", "org-1"),
      ],
    });
    const result = await applyUsageRetention(ctx.db, {
      workspaceIds: [workspace.id],
      at: new Date("2026-06-01T12:00:00.000Z"),
    });
    expect(result).toEqual({ workspaces: 1, deleted: 2 });
    expect(
      await storedMessageIds(ctx.db, workspace.id, [
        "day-before",
        "morning",
        "noon",
        "evening",
        "day-after",
      ]),
    ).toEqual(["day-after", "evening", "noon"]);
  });
});
