import { addCalendarDays, todayInTokyo } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { accountTasks } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

describe("portfolio task counts", () => {
  it("counts open and overdue account tasks per owner, under the portfolio's filter", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "山本 彩" });
    const other = await buildUser(ctx, { workspaceId, role: "csm", name: "小野 健" });
    const mine = await buildAccount(ctx.db, { workspaceId, ownerUserId: csm.user.id });
    const theirs = await buildAccount(ctx.db, { workspaceId, ownerUserId: other.user.id });
    const churned = await buildAccount(ctx.db, { workspaceId, churnedOn: "2026-01-01" });
    const today = todayInTokyo(new Date());
    const task = (accountId: string, ownerUserId: string | null, dueDate: string | null) => ({
      workspaceId,
      accountId,
      title: "t",
      ownerUserId,
      dueDate,
    });
    await ctx.db.insert(accountTasks).values([
      task(mine.id, csm.user.id, addCalendarDays(today, -1)),
      task(mine.id, csm.user.id, today),
      task(mine.id, csm.user.id, null),
      { ...task(mine.id, csm.user.id, addCalendarDays(today, -3)), status: "done" as const },
      task(theirs.id, csm.user.id, addCalendarDays(today, -2)),
      task(theirs.id, other.user.id, null),
      task(theirs.id, null, addCalendarDays(today, -2)),
      // A former customer's work is not the portfolio's.
      task(churned.id, csm.user.id, addCalendarDays(today, -2)),
    ]);

    const all = await call(ctx, "GET", "/api/v1/portfolio", csm);
    expect(all.status).toBe(200);
    expect(all.json.tasks).toEqual([
      { owner: { id: csm.user.id, name: "山本 彩" }, open: 4, overdue: 2 },
      { owner: { id: other.user.id, name: "小野 健" }, open: 1, overdue: 0 },
      { owner: null, open: 1, overdue: 1 },
    ]);
    // The owner filter is the account's owner, as for every other figure.
    const filtered = await call(ctx, "GET", `/api/v1/portfolio?owner=${other.user.id}`, csm);
    expect(filtered.json.tasks).toHaveLength(3);
    expect(filtered.json.tasks).toEqual(
      expect.arrayContaining([
        { owner: { id: csm.user.id, name: "山本 彩" }, open: 1, overdue: 1 },
        { owner: { id: other.user.id, name: "小野 健" }, open: 1, overdue: 0 },
        { owner: null, open: 1, overdue: 1 },
      ]),
    );
  });
});
