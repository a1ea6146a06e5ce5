import { testClient } from "hono/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "./plan-test-helpers";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/** The typed API client, calling as whoever these headers name. */
const clientAs = (headers: Record<string, string>) =>
  testClient(ctx.app, {}, undefined, { headers: { origin: ctx.baseURL, ...headers } }).api.v1;

/**
 * A workspace with the example plan: v1 (vendor) is `csm`, v2 (vendor) is
 * `other`, c3 (customer side) owns t2. t3 is overdue, t4 has no date.
 */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "山本 彩" });
  const other = await buildUser(ctx, { workspaceId, role: "csm", name: "Ono Ken" });
  const manager = await buildUser(ctx, { workspaceId, role: "manager" });
  const { planId, example, account } = await importExample(ctx, {
    workspaceId,
    headers: csm.headers,
  });
  const doc = structuredClone(example);
  doc.team!.find((m) => m.key === "v1")!.email = csm.email;
  doc.team!.push({ key: "v2", name: "小野 健", side: "vendor", role: "consultant" });
  doc.tasks!.push(
    { key: "t3", title: "第三倉庫の予約枠を設定", ownerKey: "v1", dueDate: "2026-11-01" },
    { key: "t4", title: "日付のないタスク", ownerKey: "v1", status: "todo" },
    { key: "t5", title: "小野さんのタスク", ownerKey: "v2", dueDate: "2099-01-01" },
  );
  // v2 has no email: only the email, added in a second save, links it to `other`.
  doc.team!.find((m) => m.key === "v2")!.email = other.email.toUpperCase();
  const saved = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
    ...csm,
    body: { version: 1, document: doc },
  });
  if (saved.status !== 200) throw new Error(`save failed: ${saved.status} ${saved.text}`);
  return { workspaceId, csm, other, manager, planId, account };
};

describe("team tasks", () => {
  it("lists every member's tasks, with their owner, to managers and admins", async () => {
    const { workspaceId, csm, other, manager, planId, account } = await setUp();
    const res = await clientAs(manager.headers).team.tasks.$get({ query: {} });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    // t1 is done; t2's owner is on the customer's side.
    expect(data.map((t) => [t.key, t.owner.userId])).toEqual([
      ["t3", csm.user.id],
      ["t5", other.user.id],
      ["t4", csm.user.id],
    ]);
    expect(data[0]).toMatchObject({
      planId,
      accountId: account.id,
      accountName: account.name,
      status: "todo",
      overdue: true,
      owner: { name: "山本 彩" },
    });
    expect(data[1]!.overdue).toBe(false);

    const withDone = await clientAs(manager.headers).team.tasks.$get({
      query: { includeDone: "true", userId: csm.user.id },
    });
    expect((await withDone.json()).data.map((t) => t.key)).toEqual(["t1", "t3", "t4"]);

    const admin = await buildUser(ctx, { workspaceId, role: "admin" });
    expect((await clientAs(admin.headers).team.tasks.$get({ query: {} })).status).toBe(200);
  });

  it("is refused to csm and viewer (403 problem+json); a bad query is 400", async () => {
    const { workspaceId, csm, manager } = await setUp();
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    for (const who of [csm, viewer]) {
      const res = await call(ctx, "GET", "/api/v1/team/tasks", who);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    // Their own tasks stay theirs to see.
    expect((await call(ctx, "GET", "/api/v1/me/tasks", csm)).status).toBe(200);
    const bad = await call(ctx, "GET", "/api/v1/team/tasks?includeDone=yes", manager);
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/includeDone");
  });

  it("shows no other workspace's tasks", async () => {
    await setUp();
    const lone = (await buildWorkspace(ctx)).id;
    const manager = await buildUser(ctx, { workspaceId: lone, role: "manager" });
    const res = await clientAs(manager.headers).team.tasks.$get({ query: { includeDone: "true" } });
    expect((await res.json()).data).toEqual([]);
  });
});

describe("PATCH /plans/{id}/tasks/{key}", () => {
  it("completes a task as a new version of the plan, and reopens it", async () => {
    const { csm, planId } = await setUp();
    const api = clientAs(csm.headers);
    const done = await api.plans[":id"].tasks[":key"].$patch({
      param: { id: planId, key: "t3" },
      json: { status: "done" },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ planId, key: "t3", status: "done", version: 3 });

    const mine = await (await api.me.tasks.$get({ query: {} })).json();
    expect(mine.data.map((t) => t.key)).toEqual(["t4"]);
    const all = await (await api.me.tasks.$get({ query: { includeDone: "true" } })).json();
    expect(all.data.find((t) => t.key === "t3")).toMatchObject({ status: "done", overdue: false });

    const history = await (await api.plans[":id"].history.$get({ param: { id: planId } })).json();
    expect(history.data[0]).toMatchObject({ version: 3, action: "updated" });

    const reopened = await api.plans[":id"].tasks[":key"].$patch({
      param: { id: planId, key: "t3" },
      json: { status: "todo" },
    });
    expect((await reopened.json()).version).toBe(4);
  });

  it("answers 404 for an unknown task or another workspace's plan, 422 for a bad body", async () => {
    const { workspaceId, csm, planId } = await setUp();
    const url = (key: string) => `/api/v1/plans/${planId}/tasks/${key}`;
    const unknown = await call(ctx, "PATCH", url("t99"), { ...csm, body: { status: "done" } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");

    const badStatus = await call(ctx, "PATCH", url("t3"), { ...csm, body: { status: "finished" } });
    expect(badStatus.status).toBe(422);
    expect(badStatus.json.errors[0].pointer).toBe("/status");
    const extra = await call(ctx, "PATCH", url("t3"), {
      ...csm,
      body: { status: "done", title: "renamed" },
    });
    expect(extra.status).toBe(422);
    const badKey = await call(ctx, "PATCH", url("t%20 3"), { ...csm, body: { status: "done" } });
    expect(badKey.status).toBe(400);

    const stranger = await buildUser(ctx, {
      workspaceId: (await buildWorkspace(ctx)).id,
      role: "admin",
    });
    const elsewhere = await call(ctx, "PATCH", url("t3"), {
      ...stranger,
      body: { status: "done" },
    });
    expect(elsewhere.status).toBe(404);

    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    expect(
      (await call(ctx, "PATCH", url("t3"), { ...viewer, body: { status: "done" } })).status,
    ).toBe(403);
  });
});
