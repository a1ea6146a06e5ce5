import { addCalendarDays, todayInTokyo } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { testClient } from "hono/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountEvents,
  accountHealthLatest,
  accountInteractions,
  accountTasks,
} from "../../db/schema";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "../success-plans/plan-test-helpers";
import { insertPlaybookTask } from "./account-tasks.queries";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = () => todayInTokyo(new Date());
const day = (offset: number) => addCalendarDays(today(), offset);

/** The typed API client, calling as whoever these headers name. */
const clientAs = (headers: Record<string, string>) =>
  testClient(ctx.app, {}, undefined, { headers: { origin: ctx.baseURL, ...headers } }).api.v1;

/**
 * A workspace with a csm who owns two accounts: "大口" (¥500,000 MRR, red)
 * and "小口" (¥100,000, green), and another csm who owns a third.
 */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "山本 彩" });
  const other = await buildUser(ctx, { workspaceId, role: "csm", name: "小野 健" });
  const manager = await buildUser(ctx, { workspaceId, role: "manager", name: "Manager" });
  const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
  const big = await buildAccount(ctx.db, { workspaceId, name: "大口", ownerUserId: csm.user.id });
  const small = await buildAccount(ctx.db, { workspaceId, name: "小口", ownerUserId: csm.user.id });
  const others = await buildAccount(ctx.db, {
    workspaceId,
    name: "他社",
    ownerUserId: other.user.id,
  });
  await buildContract(ctx.db, { workspaceId, accountId: big.id, mrrMinor: 500_000 });
  await buildContract(ctx.db, { workspaceId, accountId: small.id, mrrMinor: 100_000 });
  await ctx.db.insert(accountHealthLatest).values([
    { workspaceId, accountId: big.id, day: day(-1), score: 30, band: "red" },
    { workspaceId, accountId: small.id, day: day(-1), score: 90, band: "green" },
  ]);
  return { workspaceId, csm, other, manager, viewer, big, small, others };
};

type Who = { headers: Record<string, string> };

const createTask = async (who: Who, accountId: string, body: Record<string, unknown>) => {
  const res = await call(ctx, "POST", `/api/v1/accounts/${accountId}/tasks`, { ...who, body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json as { id: string; ownerUserId: string | null };
};

const eventsOf = (workspaceId: string, type: "task.created" | "task.completed") =>
  ctx.db
    .select()
    .from(accountEvents)
    .where(and(eq(accountEvents.workspaceId, workspaceId), eq(accountEvents.type, type)));

describe("POST /accounts/{id}/tasks", () => {
  it("adds a task owned by its maker by default, and records task.created", async () => {
    const { workspaceId, csm, big } = await setUp();
    const res = await clientAs(csm.headers).accounts[":id"].tasks.$post({
      param: { id: big.id },
      json: { title: "更新前の電話", dueDate: day(3) },
    });
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({
      accountId: big.id,
      title: "更新前の電話",
      ownerUserId: csm.user.id,
      dueDate: day(3),
      status: "open",
      snoozedUntil: null,
      resultCode: null,
      createdByUserId: csm.user.id,
      playbookRunId: null,
    });
    const events = await eventsOf(workspaceId, "task.created");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      accountId: big.id,
      dedupeKey: `task-created:${task.id}`,
      data: { taskId: task.id, title: "更新前の電話", ownerUserId: csm.user.id, dueDate: day(3) },
    });

    // null: nobody owns it.
    const unowned = await createTask(csm, big.id, { title: "誰か", ownerUserId: null });
    expect(unowned.ownerUserId).toBeNull();
  });

  it("refuses a viewer, an unknown owner, a bad date, NUL and an unknown account", async () => {
    const { csm, viewer, big, workspaceId } = await setUp();
    const url = `/api/v1/accounts/${big.id}/tasks`;
    const byViewer = await call(ctx, "POST", url, { ...viewer, body: { title: "x" } });
    expect(byViewer.status).toBe(403);

    const stranger = await buildUser(ctx, {
      workspaceId: (await buildWorkspace(ctx)).id,
      role: "csm",
    });
    const unknownOwner = await call(ctx, "POST", url, {
      ...csm,
      body: { title: "x", ownerUserId: stranger.user.id },
    });
    expect(unknownOwner.status).toBe(422);
    expect(unknownOwner.json.errors[0].pointer).toBe("/ownerUserId");

    for (const [body, pointer] of [
      [{ title: "x", dueDate: "2026-13-01" }, "/dueDate"],
      [{ title: "x", dueDate: "tomorrow" }, "/dueDate"],
      [{ title: "" }, "/title"],
      [{ title: "a\u0000b" }, "/title"],
      [{ title: "x", extra: 1 }, ""],
    ] as const) {
      const res = await call(ctx, "POST", url, { ...csm, body });
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (pointer)
        expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }

    const missing = await call(ctx, "POST", `/api/v1/accounts/${crypto.randomUUID()}/tasks`, {
      ...csm,
      body: { title: "x" },
    });
    expect(missing.status).toBe(404);
    const rows = await ctx.db
      .select()
      .from(accountTasks)
      .where(eq(accountTasks.workspaceId, workspaceId));
    expect(rows).toEqual([]);
  });
});

describe("GET /work-queue", () => {
  it("sorts overdue first, then due date, MRR and health, and hides snoozed tasks", async () => {
    const { csm, other, big, small, others } = await setUp();
    await createTask(csm, small.id, { title: "小口 今日", dueDate: day(0) });
    await createTask(csm, big.id, { title: "大口 日付なし" });
    await createTask(csm, big.id, { title: "大口 今日", dueDate: day(0) });
    await createTask(csm, small.id, { title: "小口 期限切れ", dueDate: day(-2) });
    const snoozed = await createTask(csm, big.id, { title: "大口 寝かせ", dueDate: day(0) });
    await createTask(csm, big.id, { title: "大口 担当なし", ownerUserId: null, dueDate: day(1) });
    await createTask(other, others.id, { title: "他人の", dueDate: day(-5) });
    const snooze = await call(ctx, "PATCH", `/api/v1/account-tasks/${snoozed.id}`, {
      ...csm,
      body: { snoozedUntil: day(2) },
    });
    expect(snooze.status).toBe(200);
    expect(snooze.json.snoozedUntil).toBe(day(2));

    const res = await clientAs(csm.headers)["work-queue"].$get({ query: {} });
    expect(res.status).toBe(200);
    const queue = await res.json();
    expect(queue.today).toBe(today());
    expect(queue.load).toBeUndefined();
    expect(queue.data.map((t) => t.title)).toEqual([
      "小口 期限切れ",
      "大口 今日",
      "小口 今日",
      "大口 担当なし",
      "大口 日付なし",
    ]);
    expect(queue.data[0]).toMatchObject({
      source: "account",
      accountId: small.id,
      accountName: "小口",
      overdue: true,
      owner: { userId: csm.user.id, name: "山本 彩" },
      mrr: [{ currency: "JPY", minor: 100_000 }],
      health: { score: 90, band: "green" },
      planId: null,
    });
    expect(queue.data[1]).toMatchObject({ overdue: false, health: { band: "red" } });
    expect(queue.data[3]!.owner).toBeNull();

    const all = await (
      await clientAs(csm.headers)["work-queue"].$get({ query: { include: "all" } })
    ).json();
    expect(all.data.find((t) => t.id === snoozed.id)).toMatchObject({ snoozedUntil: day(2) });

    // Done tasks only with include=all, after every open one, no longer overdue.
    const overdue = queue.data[0]!;
    const done = await call(ctx, "POST", `/api/v1/account-tasks/${overdue.id}/complete`, {
      ...csm,
      body: { resultCode: "resolved" },
    });
    expect(done.status).toBe(200);
    const open = (await call(ctx, "GET", "/api/v1/work-queue", csm)).json;
    expect(open.data.map((t: { id: string }) => t.id)).not.toContain(overdue.id);
    const withDone = (await call(ctx, "GET", "/api/v1/work-queue?include=all", csm)).json;
    expect(withDone.data.at(-1)).toMatchObject({
      id: overdue.id,
      status: "done",
      overdue: false,
      resultCode: "resolved",
    });
  });

  it("merges the tasks of active plans, completed through the plan", async () => {
    const { workspaceId, csm, big } = await setUp();
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const doc = structuredClone(example);
    doc.team!.find((m) => m.key === "v1")!.email = csm.email;
    doc.tasks!.push({ key: "t9", title: "計画のタスク", ownerKey: "v1", dueDate: day(-1) });
    const saved = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: doc },
    });
    expect(saved.status).toBe(200);
    await createTask(csm, big.id, { title: "口座のタスク", dueDate: day(1) });

    const queue = (await call(ctx, "GET", "/api/v1/work-queue", csm)).json;
    expect(queue.data.map((t: { title: string }) => t.title)).toEqual([
      "計画のタスク",
      "口座のタスク",
    ]);
    expect(queue.data[0]).toMatchObject({
      source: "plan",
      id: `${planId}:t9`,
      taskId: null,
      planId,
      taskKey: "t9",
      status: "open",
      overdue: true,
      owner: { userId: csm.user.id },
    });
    const done = await call(ctx, "PATCH", `/api/v1/plans/${planId}/tasks/t9`, {
      ...csm,
      body: { status: "done" },
    });
    expect(done.status).toBe(200);
    const after = (await call(ctx, "GET", "/api/v1/work-queue", csm)).json;
    expect(after.data.map((t: { title: string }) => t.title)).toEqual(["口座のタスク"]);
  });

  it("gives managers everyone's queue with each owner's load; a csm only their own", async () => {
    const { workspaceId, csm, other, manager, viewer, big, others } = await setUp();
    await createTask(csm, big.id, { title: "a", dueDate: day(-1) });
    await createTask(csm, big.id, { title: "b", dueDate: day(0) });
    await createTask(csm, big.id, { title: "c" });
    await createTask(other, others.id, { title: "d", dueDate: day(30) });
    await createTask(manager, others.id, { title: "e", ownerUserId: null });

    const all = await call(ctx, "GET", "/api/v1/work-queue?owner=all", manager);
    expect(all.status).toBe(200);
    expect(all.json.data).toHaveLength(5);
    const loadOf = (userId: string | null) =>
      all.json.load.find((l: { owner: { userId: string } | null }) =>
        userId === null ? l.owner === null : l.owner?.userId === userId,
      );
    expect(loadOf(csm.user.id)).toEqual({
      owner: { userId: csm.user.id, name: "山本 彩" },
      open: 3,
      overdue: 1,
      dueThisWeek: 1,
    });
    expect(loadOf(other.user.id)).toMatchObject({ open: 1, overdue: 0, dueThisWeek: 0 });
    expect(loadOf(manager.user.id)).toMatchObject({ open: 0 });
    expect(loadOf(null)).toMatchObject({ owner: null, open: 1 });
    // Viewers carry no work: not in the load.
    expect(loadOf(viewer.user.id)).toBeUndefined();

    const one = await call(ctx, "GET", `/api/v1/work-queue?owner=${other.user.id}`, manager);
    expect(one.json.data.map((t: { title: string }) => t.title)).toEqual(["d"]);
    expect(one.json.load).toEqual([
      { owner: { userId: other.user.id, name: "小野 健" }, open: 1, overdue: 0, dueThisWeek: 0 },
    ]);

    const unknown = await call(ctx, "GET", "/api/v1/work-queue?owner=nobody", manager);
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].pointer).toBe("/owner");

    expect((await call(ctx, "GET", "/api/v1/work-queue?owner=all", csm)).status).toBe(403);
    expect((await call(ctx, "GET", `/api/v1/work-queue?owner=${other.user.id}`, csm)).status).toBe(
      403,
    );
    const own = await call(ctx, "GET", `/api/v1/work-queue?owner=${csm.user.id}`, csm);
    expect(own.status).toBe(200);
    expect(own.json.data).toHaveLength(3);
    expect((await call(ctx, "GET", "/api/v1/work-queue", viewer)).json.data).toEqual([]);
    expect((await call(ctx, "GET", "/api/v1/work-queue?include=some", csm)).status).toBe(400);

    const csmKey = await buildApiKey(ctx, { workspaceId, role: "csm" });
    expect((await call(ctx, "GET", "/api/v1/work-queue", csmKey)).status).toBe(403);
    const managerKey = await buildApiKey(ctx, { workspaceId, role: "manager" });
    expect((await call(ctx, "GET", "/api/v1/work-queue?owner=all", managerKey)).status).toBe(200);
  });

  it("shows no other workspace's tasks", async () => {
    await setUp();
    const lone = (await buildWorkspace(ctx)).id;
    const manager = await buildUser(ctx, { workspaceId: lone, role: "manager" });
    const res = await call(ctx, "GET", "/api/v1/work-queue?owner=all&include=all", manager);
    expect(res.json.data).toEqual([]);
  });
});

describe("changing account tasks", () => {
  it("lets a csm change their own and unowned ones of their accounts, managers any", async () => {
    const { csm, other, manager, viewer, big, others } = await setUp();
    const mine = await createTask(csm, big.id, { title: "mine" });
    const unownedMine = await createTask(manager, big.id, { title: "u", ownerUserId: null });
    const theirs = await createTask(other, others.id, { title: "theirs" });
    const unownedTheirs = await createTask(manager, others.id, { title: "u2", ownerUserId: null });
    const patch = (who: Who, id: string, body: unknown) =>
      call(ctx, "PATCH", `/api/v1/account-tasks/${id}`, { ...who, body });

    expect((await patch(csm, mine.id, { title: "mine 2", dueDate: day(4) })).json).toMatchObject({
      title: "mine 2",
      dueDate: day(4),
    });
    expect((await patch(csm, unownedMine.id, { ownerUserId: csm.user.id })).status).toBe(200);
    expect((await patch(csm, theirs.id, { title: "no" })).status).toBe(403);
    expect((await patch(csm, unownedTheirs.id, { title: "no" })).status).toBe(403);
    expect((await patch(viewer, mine.id, { title: "no" })).status).toBe(403);
    const complete = await call(ctx, "POST", `/api/v1/account-tasks/${theirs.id}/complete`, {
      ...csm,
      body: { resultCode: "resolved" },
    });
    expect(complete.status).toBe(403);

    // Reassign: a manager hands the csm's task to the other csm.
    const moved = await patch(manager, mine.id, { ownerUserId: other.user.id });
    expect(moved.json.ownerUserId).toBe(other.user.id);
    expect((await patch(csm, mine.id, { title: "gone" })).status).toBe(403);

    const unknown = await patch(manager, mine.id, { ownerUserId: "nobody" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].pointer).toBe("/ownerUserId");
    const badDay = await patch(manager, mine.id, { snoozedUntil: "2026-02-30" });
    expect([400, 422]).toContain(badDay.status);
    expect(badDay.json.errors[0].pointer).toBe("/snoozedUntil");
    expect((await patch(manager, crypto.randomUUID(), { title: "x" })).status).toBe(404);
    expect((await patch(manager, "not-a-uuid", { title: "x" })).status).toBe(400);
  });

  it("completes with a result and a note on the timeline, records task.completed, reopens", async () => {
    const { workspaceId, csm, big } = await setUp();
    const task = await createTask(csm, big.id, { title: "更新の電話", dueDate: day(-1) });
    const url = `/api/v1/account-tasks/${task.id}`;
    const bad = await call(ctx, "POST", `${url}/complete`, {
      ...csm,
      body: { resultCode: "maybe" },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const nul = await call(ctx, "POST", `${url}/complete`, {
      ...csm,
      body: { resultCode: "contacted", note: "a\u0000" },
    });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);

    const done = await clientAs(csm.headers)["account-tasks"][":id"].complete.$post({
      param: { id: task.id },
      json: { resultCode: "contacted", note: "来月の更新に前向き" },
    });
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toMatchObject({
      status: "done",
      resultCode: "contacted",
      completedByUserId: csm.user.id,
    });
    expect(body.completedAt).not.toBeNull();
    expect(body.interactionId).not.toBeNull();

    const notes = await ctx.db
      .select()
      .from(accountInteractions)
      .where(eq(accountInteractions.workspaceId, workspaceId));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      id: body.interactionId,
      accountId: big.id,
      kind: "note",
      taskId: task.id,
      subject: "更新の電話",
      body: "来月の更新に前向き",
      authorUserId: csm.user.id,
    });
    const events = await eventsOf(workspaceId, "task.completed");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      accountId: big.id,
      dedupeKey: `task-completed:${task.id}:${body.completedAt}`,
      data: {
        taskId: task.id,
        title: "更新の電話",
        ownerUserId: csm.user.id,
        dueDate: day(-1),
        resultCode: "contacted",
      },
    });
    // Done: out of the queue, and not done twice.
    expect((await call(ctx, "GET", "/api/v1/work-queue", csm)).json.data).toEqual([]);
    const again = await call(ctx, "POST", `${url}/complete`, {
      ...csm,
      body: { resultCode: "resolved" },
    });
    expect(again.status).toBe(409);

    const reopened = await call(ctx, "POST", `${url}/reopen`, csm);
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ status: "open", resultCode: null, completedAt: null });
    const second = await call(ctx, "POST", `${url}/complete`, {
      ...csm,
      body: { resultCode: "resolved" },
    });
    expect(second.status).toBe(200);
    expect(second.json.interactionId).toBeNull();
    expect(await eventsOf(workspaceId, "task.completed")).toHaveLength(2);
    expect(
      await ctx.db
        .select()
        .from(accountInteractions)
        .where(eq(accountInteractions.workspaceId, workspaceId)),
    ).toHaveLength(1);
  });
});

describe("insertPlaybookTask", () => {
  it("makes a step's task once, and records task.created once", async () => {
    const { workspaceId, csm, big } = await setUp();
    const step = {
      workspaceId,
      accountId: big.id,
      title: "赤になったら電話",
      ownerUserId: csm.user.id,
      dueDate: day(2),
      playbookRunId: crypto.randomUUID(),
      playbookStep: 0,
    };
    const first = await ctx.db.transaction((tx) => insertPlaybookTask(tx, step));
    const second = await ctx.db.transaction((tx) => insertPlaybookTask(tx, step));
    expect(second).toBe(first);
    const other = await insertPlaybookTask(ctx.db, { ...step, playbookStep: 1 });
    expect(other).not.toBe(first);
    const events = await eventsOf(workspaceId, "task.created");
    expect(events.map((e) => e.dedupeKey).sort()).toEqual(
      [`task-created:${first}`, `task-created:${other}`].sort(),
    );
    const queue = (await call(ctx, "GET", "/api/v1/work-queue", csm)).json;
    expect(queue.data[0]).toMatchObject({ id: first, playbookRunId: step.playbookRunId });
  });
});
