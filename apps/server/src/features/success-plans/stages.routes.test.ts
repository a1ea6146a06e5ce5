import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountEvents } from "../../db/schema";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "./plan-test-helpers";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm", name: "佐藤 美咲" });
});

describe("stages (局面) and retrospectives", () => {
  it("closes stages with a snapshot and a retrospective, lists, reads and diffs them", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const p = `/api/v1/plans/${planId}`;
    const retrospective = {
      summary: "第一倉庫は順調。運送会社への説明が足りない。",
      objectives: [
        {
          key: "o1",
          direction: "closer",
          held: "説明会に8社が参加",
          changesNext: "残り2社を個別訪問",
        },
        { key: "o2", direction: "unchanged", didNotHold: "割当表がまだ紙" },
      ],
    };
    const closed = await call(ctx, "POST", `${p}/stages`, { ...csm, body: { retrospective } });
    expect(closed.status).toBe(201);
    expect(closed.json).toMatchObject({
      number: 1,
      closedBy: { kind: "user", name: "佐藤 美咲" },
      retrospective,
    });
    expect(Date.parse(closed.json.closedAt)).toBeGreaterThanOrEqual(
      Date.parse(closed.json.openedAt),
    );
    // Webhook subscribers hear of it: one plan.stage_closed event.
    const events = await ctx.db
      .select({ data: accountEvents.data })
      .from(accountEvents)
      .where(
        and(
          eq(accountEvents.workspaceId, workspaceId),
          eq(accountEvents.type, "plan.stage_closed"),
        ),
      );
    expect(events.map((e) => e.data)).toEqual([
      { planId, stage: 1, closedAt: closed.json.closedAt },
    ]);

    // Stage 2: a measure is done, an objective added, a KPI measured.
    const next = structuredClone(example);
    next.pufu.measures![1]!.status = "done";
    next.pufu.objectives!.push({ key: "o4", title: "全拠点で紙の受付簿をやめる" });
    next.pufu.measures!.push({ key: "m5", title: "受付簿の廃止を通知", objectiveKeys: ["o4"] });
    next.kpis![0]!.measurements!.push({ date: "2026-12-31", value: 62 });
    const saved = await call(ctx, "PUT", `${p}/document`, {
      ...csm,
      body: { version: 1, document: next },
    });
    expect(saved.json).toMatchObject({ stage: 2, version: 2 });
    const second = await call(ctx, "POST", `${p}/stages`, {
      ...csm,
      body: { retrospective: { objectives: [{ key: "o4", direction: "further" }] } },
    });
    expect(second.json.number).toBe(2);
    expect(second.json.openedAt).toBe(closed.json.closedAt);

    const list = await call(ctx, "GET", `${p}/stages`, csm);
    expect(list.json.current).toBe(3);
    expect(list.json.data.map((s: { number: number }) => s.number)).toEqual([1, 2]);
    expect(list.json.data[0].document).toBeUndefined();

    const first = await call(ctx, "GET", `${p}/stages/1`, csm);
    expect(first.status).toBe(200);
    expect(first.json.document).toStrictEqual({
      ...example,
      account: { name: example.account!.name },
    });
    expect(first.json.retrospective).toEqual(retrospective);
    expect((await call(ctx, "GET", `${p}/stages/3`, csm)).status).toBe(404);
    expect((await call(ctx, "GET", `${p}/stages/zero`, csm)).status).toBe(400);

    const diff = await call(ctx, "GET", `${p}/stages/diff?from=1&to=2`, csm);
    expect(diff.status).toBe(200);
    expect(diff.json).toMatchObject({ from: 1, to: 2 });
    expect(diff.json.diff.objectives.added.map((o: { key: string }) => o.key)).toEqual(["o4"]);
    expect(diff.json.diff.measures.added.map((m: { key: string }) => m.key)).toEqual(["m5"]);
    expect(diff.json.diff.measures.changed[0]).toMatchObject({
      key: "m2",
      changes: [{ field: "status", before: "inProgress", after: "done" }],
    });
    const k1 = diff.json.diff.kpiValues.find((v: { key: string }) => v.key === "k1");
    expect(k1).toMatchObject({ before: { value: 71 }, after: { value: 62 }, delta: -9 });

    // Against the open stage (the default `to`): the plan has not changed since stage 2.
    const sinceTwo = await call(ctx, "GET", `${p}/stages/diff?from=2`, csm);
    expect(sinceTwo.json.to).toBe("current");
    expect(sinceTwo.json.diff.objectives).toEqual({ added: [], removed: [], changed: [] });
    expect((await call(ctx, "GET", `${p}/stages/diff?from=7`, csm)).status).toBe(404);
    expect((await call(ctx, "GET", `${p}/stages/diff`, csm)).status).toBe(400);

    const history = await call(ctx, "GET", `${p}/history`, csm);
    expect(history.json.data[0]).toMatchObject({ action: "stageClosed", summary: { stage: 2 } });
  });

  it("refuses a retrospective about objectives the plan does not have", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const res = await call(ctx, "POST", `/api/v1/plans/${planId}/stages`, {
      ...csm,
      body: {
        retrospective: {
          objectives: [
            { key: "o1", direction: "closer" },
            { key: "o9", direction: "closer" },
            { key: "o1", direction: "further" },
          ],
        },
      },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/retrospective/objectives/1/key",
      "/retrospective/objectives/2/key",
    ]);
    const badDirection = await call(ctx, "POST", `/api/v1/plans/${planId}/stages`, {
      ...csm,
      body: { retrospective: { objectives: [{ key: "o1", direction: "sideways" }] } },
    });
    expect(badDirection.status).toBe(422);
    const list = await call(ctx, "GET", `/api/v1/plans/${planId}/stages`, csm);
    expect(list.json).toEqual({ current: 1, data: [] });
  });
});
