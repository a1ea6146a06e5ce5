import { beforeAll, describe, expect, it } from "vitest";
import {
  accountEvents,
  accountInteractions,
  accountTasks,
  planKpiMeasurements,
  planKpis,
  planMeetings,
  planStages,
  playbookRuns,
  playbooks,
  successPlans,
} from "../../db/schema";
import { createRouter } from "../../lib/router";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { timelineRouter } from "./timeline.routes";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;
let viewer: Awaited<ReturnType<typeof buildUser>>;
let manager: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm", name: "佐藤 花子" });
  viewer = await buildUser(ctx, { workspaceId, role: "viewer", name: "Viewer" });
  manager = await buildUser(ctx, { workspaceId, role: "manager", name: "Manager" });
});

const timelineUrl = (accountId: string, query = "") =>
  `/api/v1/accounts/${accountId}/timeline${query}`;

type Item = { id: string; kind: string; at: string } & Record<string, unknown>;

const readAll = async (accountId: string, query: string, headers = csm.headers) => {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "?";
    const url = timelineUrl(
      accountId,
      `${query}${cursor ? `${query ? sep : "?"}cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    const res = await call(ctx, "GET", url, { headers });
    expect(res.status, res.text).toBe(200);
    pages.push(res.json.data);
    cursor = res.json.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
};

/** One account with a row of every source, at known times. */
const buildHistory = async () => {
  const account = await buildAccount(ctx.db, { workspaceId });
  const accountId = account.id;
  const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 5, day, hour));
  await ctx.db.insert(accountInteractions).values([
    {
      workspaceId,
      accountId,
      kind: "note",
      occurredAt: at(1, 9),
      body: `Hello @[佐藤 花子](${csm.user.id})`,
      mentionedUserIds: [csm.user.id],
      authorUserId: csm.user.id,
    },
    {
      workspaceId,
      accountId,
      kind: "email",
      occurredAt: at(2, 9),
      subject: "Renewal",
      body: "Dear customer",
      emailTo: "a@example.com",
      emailStatus: "notSent",
      emailDetail: "mail is not configured",
    },
  ]);
  const [task] = await ctx.db
    .insert(accountTasks)
    .values({
      workspaceId,
      accountId,
      title: "Call the champion",
      ownerUserId: csm.user.id,
      createdByUserId: manager.user.id,
      createdAt: at(3, 9),
      status: "done",
      resultCode: "contacted",
      completedAt: at(4, 9),
      completedByUserId: csm.user.id,
    })
    .returning();
  const [playbook] = await ctx.db
    .insert(playbooks)
    .values({ workspaceId, definition: { name: { ja: "導入", en: "Onboarding" } } as never })
    .returning();
  await ctx.db.insert(playbookRuns).values({
    workspaceId,
    playbookId: playbook?.id ?? "",
    accountId,
    occurrenceKey: `run-${accountId}`,
    signal: { kind: "manual" } as never,
    status: "completed",
    steps: [{ stepIndex: 0, kind: "createTask", outcome: "done", at: at(5).toISOString() }],
    createdAt: at(5, 9),
    finishedAt: at(5, 10),
  });
  await ctx.db.insert(accountEvents).values([
    {
      workspaceId,
      accountId,
      type: "account.health_band_changed",
      occurredAt: at(6, 9),
      dedupeKey: `band-${accountId}`,
      data: { from: "green", to: "red", score: 41.5, day: "2026-06-06" },
    },
    {
      workspaceId,
      accountId,
      type: "account.phase_changed",
      occurredAt: at(7, 9),
      dedupeKey: `phase-${accountId}`,
      data: { from: "onboarding", to: "adoption" },
    },
    {
      workspaceId,
      accountId,
      type: "account.maturity_changed",
      occurredAt: at(8, 9),
      dedupeKey: `maturity-${accountId}`,
      data: { product: "core", from: 1, to: 2 },
    },
    // Shown by the task's own row, never twice.
    {
      workspaceId,
      accountId,
      type: "task.created",
      occurredAt: at(3, 9),
      dedupeKey: `task-${accountId}`,
      data: {},
    },
  ]);
  // Written by the contracts trigger (occurred_at: now).
  await buildContract(ctx.db, { workspaceId, accountId });
  const [plan] = await ctx.db
    .insert(successPlans)
    .values({ workspaceId, accountId, title: "FY26 plan", goal: "g", winConditionText: "w" })
    .returning();
  const planId = plan?.id ?? "";
  await ctx.db.insert(planMeetings).values({
    workspaceId,
    planId,
    date: "2026-06-09",
    audience: "evaluators",
    title: "Quarterly review",
    notes: "went well",
    decisions: "extend",
    createdByUserId: csm.user.id,
  });
  await ctx.db.insert(planStages).values({
    workspaceId,
    planId,
    number: 1,
    openedAt: at(1),
    closedAt: at(10, 9),
    closedByKind: "user",
    closedById: csm.user.id,
    closedByName: "佐藤 花子",
    document: {} as never,
    retrospective: {} as never,
  });
  await ctx.db.insert(planKpis).values({
    workspaceId,
    planId,
    key: "active-users",
    position: 0,
    kind: "kpi",
    name: "Active users",
    unit: "人",
    target: 100,
  });
  await ctx.db.insert(planKpiMeasurements).values({
    workspaceId,
    planId,
    kpiKey: "active-users",
    position: 0,
    date: "2026-06-11",
    value: 80,
    note: "up",
  });
  return { accountId, taskId: task?.id ?? "", planId, playbookId: playbook?.id ?? "" };
};

describe("timeline API", () => {
  it("shows every source with its kind and fields, newest first", async () => {
    const { accountId, taskId, planId, playbookId } = await buildHistory();
    const res = await call(ctx, "GET", timelineUrl(accountId), { headers: csm.headers });
    expect(res.status).toBe(200);
    const items: Item[] = res.json.data;
    expect(res.json.nextCursor).toBeNull();
    expect(items.map((item) => item.kind)).toEqual([
      "contract",
      "kpiMeasurement",
      "planStage",
      "meeting",
      "maturity",
      "phase",
      "healthBand",
      "playbookRun",
      "task",
      "task",
      "email",
      "note",
    ]);
    const byKind = (kind: string, index = 0) => items.filter((item) => item.kind === kind)[index];
    expect(byKind("note")).toEqual({
      kind: "note",
      id: expect.any(String),
      at: "2026-06-01T09:00:00.000Z",
      subject: null,
      body: `Hello @[佐藤 花子](${csm.user.id})`,
      mentions: [{ id: csm.user.id, name: "佐藤 花子" }],
      author: { id: csm.user.id, name: "佐藤 花子" },
      playbookRunId: null,
    });
    expect(byKind("email")).toMatchObject({
      subject: "Renewal",
      to: "a@example.com",
      status: "notSent",
      detail: "mail is not configured",
      playbookRunId: null,
    });
    expect(byKind("task", 0)).toMatchObject({
      event: "completed",
      id: `${taskId}:completed`,
      taskId,
      at: "2026-06-04T09:00:00.000Z",
      title: "Call the champion",
      status: "done",
      resultCode: "contacted",
      owner: { id: csm.user.id, name: "佐藤 花子" },
      by: { id: csm.user.id, name: "佐藤 花子" },
    });
    expect(byKind("task", 1)).toMatchObject({
      event: "created",
      id: `${taskId}:created`,
      by: { id: manager.user.id, name: "Manager" },
    });
    expect(byKind("playbookRun")).toMatchObject({
      playbookId,
      playbookName: { ja: "導入", en: "Onboarding" },
      status: "completed",
      steps: [{ stepIndex: 0, kind: "createTask", outcome: "done" }],
      startedBy: null,
      finishedAt: "2026-06-05T10:00:00.000Z",
    });
    expect(byKind("healthBand")).toMatchObject({ from: "green", to: "red", score: 41.5 });
    expect(byKind("phase")).toMatchObject({ from: "onboarding", to: "adoption" });
    expect(byKind("maturity")).toMatchObject({ product: "core", from: 1, to: 2 });
    expect(byKind("contract")).toMatchObject({
      event: "created",
      contractId: expect.any(String),
      status: "active",
    });
    expect(byKind("meeting")).toMatchObject({
      source: "plan",
      at: "2026-06-09T00:00:00.000Z",
      subject: "Quarterly review",
      body: "went well",
      decisions: "extend",
      audience: "evaluators",
      plan: { id: planId, title: "FY26 plan" },
      author: { id: csm.user.id, name: "佐藤 花子" },
    });
    expect(byKind("planStage")).toMatchObject({
      plan: { id: planId, title: "FY26 plan" },
      stage: 1,
      closedByName: "佐藤 花子",
      at: "2026-06-10T09:00:00.000Z",
    });
    expect(byKind("kpiMeasurement")).toMatchObject({
      kpiName: "Active users",
      kpiKey: "active-users",
      unit: "人",
      value: 80,
      target: 100,
      date: "2026-06-11",
      note: "up",
    });
  });

  it("filters by kind, repeated or comma-separated", async () => {
    const { accountId } = await buildHistory();
    const kindsOf = async (query: string) => {
      const res = await call(ctx, "GET", timelineUrl(accountId, query), { headers: csm.headers });
      expect(res.status, res.text).toBe(200);
      return res.json.data.map((item: Item) => item.kind);
    };
    expect(await kindsOf("?kind=note,email")).toEqual(["email", "note"]);
    expect(await kindsOf("?kind=task&kind=healthBand")).toEqual(["healthBand", "task", "task"]);
    expect(await kindsOf("?kind=meeting")).toEqual(["meeting"]);
    const bad = await call(ctx, "GET", timelineUrl(accountId, "?kind=note,gossip"), {
      headers: csm.headers,
    });
    // Query problems are 400s here, as elsewhere in the API, with the parameter named.
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toContain("kind");
  });

  it("pages without duplicates or gaps across kinds with equal timestamps", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const accountId = account.id;
    const same = new Date("2026-03-03T03:03:03.123456Z");
    const later = new Date("2026-03-04T00:00:00Z");
    await ctx.db.insert(accountInteractions).values(
      ["note", "call", "meeting", "note", "call"].map((kind) => ({
        workspaceId,
        accountId,
        kind: kind as "note",
        occurredAt: same,
        body: kind,
      })),
    );
    // Same instant to the microsecond, other sources.
    await ctx.db
      .insert(accountTasks)
      .values([1, 2].map((n) => ({ workspaceId, accountId, title: `t${n}`, createdAt: same })));
    await ctx.db.insert(accountEvents).values(
      [1, 2].map((n) => ({
        workspaceId,
        accountId,
        type: "account.phase_changed" as const,
        occurredAt: same,
        dedupeKey: `p${n}-${accountId}`,
        data: { from: null, to: `phase-${n}` },
      })),
    );
    // A microsecond apart: JavaScript's milliseconds would see them as one.
    await ctx.db.insert(accountInteractions).values([
      { workspaceId, accountId, kind: "note", occurredAt: later, body: "later-b" },
      { workspaceId, accountId, kind: "note", occurredAt: later, body: "later-a" },
    ]);
    await ctx.db.execute(
      `update account_interactions set occurred_at = occurred_at + interval '1 microsecond' where body = 'later-a' and account_id = '${accountId}'`,
    );
    const byOne = (await readAll(accountId, "?limit=1")).flat();
    expect(byOne.slice(0, 2).map((item) => item.body)).toEqual(["later-a", "later-b"]);
    const expected = 11;
    const pages = await readAll(accountId, "?limit=4");
    expect(pages.map((page) => page.length)).toEqual([4, 4, 3]);
    const ids = pages.flat().map((item) => item.id);
    expect(new Set(ids).size).toBe(expected);
    const all = await readAll(accountId, "?limit=200");
    expect(all).toHaveLength(1);
    expect(all[0]?.map((item) => item.id)).toEqual(ids);
    expect(byOne.map((item) => item.id)).toEqual(ids);

    const filtered = await readAll(accountId, "?limit=2&kind=note,call");
    expect(
      filtered
        .flat()
        .map((item) => item.kind)
        .sort(),
    ).toEqual(["call", "call", "note", "note", "note", "note"]);
  });

  it("answers a bad cursor or limit with 400, never 500", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      "garbage!",
      encode({ v: "x", id: "y" }),
      encode(["2026-02-30T00:00:00.000000Z", "note", "x"]),
      encode(["2026-02-01T00:00:00.000000Z", "gossip", "x"]),
      encode(["2026-02-01T00:00:00.000000Z", "note", "x'; drop table x"]),
    ]) {
      const res = await call(ctx, "GET", timelineUrl(account.id, `?cursor=${cursor}`), {
        headers: csm.headers,
      });
      expect(res.status, cursor).toBe(400);
      expect(res.json.errors[0].pointer).toBe("/cursor");
    }
    for (const limit of ["0", "201", "x"]) {
      const res = await call(ctx, "GET", timelineUrl(account.id, `?limit=${limit}`), {
        headers: csm.headers,
      });
      expect(res.status).toBe(400);
      expect(res.json.errors[0].pointer).toContain("limit");
    }
  });

  it("adds a note with mentions, logs a call and a meeting, and deletes by author or manager", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const notes = `/api/v1/accounts/${account.id}/notes`;
    const body = `**Renewal** risk, see @[Manager](${manager.user.id}) and @[佐藤](${csm.user.id})`;
    const created = await call(ctx, "POST", notes, { headers: csm.headers, body: { body } });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toEqual({
      kind: "note",
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      subject: null,
      body,
      mentions: [
        { id: manager.user.id, name: "Manager" },
        { id: csm.user.id, name: "佐藤 花子" },
      ],
      author: { id: csm.user.id, name: "佐藤 花子" },
      playbookRunId: null,
    });

    const loggedCall = await call(ctx, "POST", `/api/v1/accounts/${account.id}/interactions`, {
      headers: csm.headers,
      body: { kind: "call", subject: "Kickoff", body: "", occurredAt: "2026-01-05T10:00:00+09:00" },
    });
    expect(loggedCall.status, loggedCall.text).toBe(201);
    expect(loggedCall.json).toMatchObject({
      kind: "call",
      subject: "Kickoff",
      at: "2026-01-05T01:00:00.000Z",
      author: { id: csm.user.id },
    });
    const meeting = await call(ctx, "POST", `/api/v1/accounts/${account.id}/interactions`, {
      headers: manager.headers,
      body: { kind: "meeting", body: "Met the team" },
    });
    expect(meeting.json).toMatchObject({ kind: "meeting", source: "interaction", plan: null });

    const kinds = async () =>
      (await call(ctx, "GET", timelineUrl(account.id), { headers: viewer.headers })).json.data.map(
        (item: Item) => item.kind,
      );
    expect(await kinds()).toEqual(["meeting", "note", "call"]);

    // Only the author, an admin or a manager.
    const other = await buildUser(ctx, { workspaceId, role: "csm" });
    const noteUrl = `${notes}/${created.json.id}`;
    expect((await call(ctx, "DELETE", noteUrl, { headers: other.headers })).status).toBe(403);
    expect((await call(ctx, "DELETE", noteUrl, { headers: viewer.headers })).status).toBe(403);
    expect((await call(ctx, "DELETE", noteUrl, { headers: csm.headers })).status).toBe(204);
    expect((await call(ctx, "DELETE", noteUrl, { headers: csm.headers })).status).toBe(404);
    const callUrl = `${notes}/${loggedCall.json.id}`;
    expect((await call(ctx, "DELETE", callUrl, { headers: manager.headers })).status).toBe(204);
    expect(await kinds()).toEqual(["meeting"]);
  });

  it("refuses bad notes and calls with the field named, storing nothing", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const notes = `/api/v1/accounts/${account.id}/notes`;
    const interactions = `/api/v1/accounts/${account.id}/interactions`;
    const outsider = await buildUser(ctx, {
      workspaceId: (await buildWorkspace(ctx)).id,
      role: "admin",
    });
    const cases = [
      { url: notes, body: {}, status: 422, pointer: "/body" },
      { url: notes, body: { body: "   " }, status: 422, pointer: "/body" },
      { url: notes, body: { body: "x".repeat(20_001) }, status: 422, pointer: "/body" },
      { url: notes, body: { body: "a\u0000b" }, status: 422, pointer: "/body" },
      { url: notes, body: { body: "x", extra: 1 }, status: 422 },
      {
        url: notes,
        body: { body: `hi @[Out](${outsider.user.id})` },
        status: 422,
        pointer: "/body",
        code: "unknown-user",
      },
      { url: interactions, body: { kind: "email", body: "x" }, status: 422, pointer: "/kind" },
      { url: interactions, body: { kind: "call", body: " " }, status: 422, pointer: "/body" },
      {
        url: interactions,
        body: { kind: "call", body: "x", occurredAt: "yesterday" },
        status: 422,
        pointer: "/occurredAt",
      },
      {
        url: interactions,
        body: { kind: "call", body: "x", occurredAt: "2999-01-01T00:00:00Z" },
        status: 422,
        pointer: "/occurredAt",
        code: "date-in-future",
      },
    ];
    for (const { url, body, status, pointer, code } of cases) {
      const res = await call(ctx, "POST", url, { headers: csm.headers, body });
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      if (pointer) {
        expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      }
      if (code) expect(res.json.errors[0].code).toBe(code);
    }
    const res = await call(ctx, "GET", timelineUrl(account.id), { headers: csm.headers });
    expect(res.json.data).toEqual([]);
  });

  it("lets viewers read but not write; API keys write by their role", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const notes = `/api/v1/accounts/${account.id}/notes`;
    expect(
      (await call(ctx, "POST", notes, { headers: viewer.headers, body: { body: "x" } })).status,
    ).toBe(403);
    expect(
      (
        await call(ctx, "POST", `/api/v1/accounts/${account.id}/interactions`, {
          headers: viewer.headers,
          body: { kind: "call", body: "x" },
        })
      ).status,
    ).toBe(403);
    const readOnlyKey = await buildApiKey(ctx, { workspaceId, role: "viewer" });
    expect(
      (await call(ctx, "POST", notes, { headers: readOnlyKey.headers, body: { body: "x" } }))
        .status,
    ).toBe(403);
    const key = await buildApiKey(ctx, { workspaceId });
    const byKey = await call(ctx, "POST", notes, {
      headers: key.headers,
      body: { body: "from CRM" },
    });
    expect(byKey.status).toBe(201);
    expect(byKey.json.author).toBeNull();
    // A csm key is no author: it may not delete; a manager may.
    const url = `${notes}/${byKey.json.id}`;
    expect((await call(ctx, "DELETE", url, { headers: key.headers })).status).toBe(403);
    expect((await call(ctx, "DELETE", url, { headers: manager.headers })).status).toBe(204);
    const read = await call(ctx, "GET", timelineUrl(account.id), { headers: readOnlyKey.headers });
    expect(read.status).toBe(200);
  });

  it("keeps workspaces apart", async () => {
    const { accountId } = await buildHistory();
    const otherWorkspace = (await buildWorkspace(ctx)).id;
    const stranger = await buildUser(ctx, { workspaceId: otherWorkspace, role: "admin" });
    const read = await call(ctx, "GET", timelineUrl(accountId), { headers: stranger.headers });
    expect(read.status).toBe(404);
    const write = await call(ctx, "POST", `/api/v1/accounts/${accountId}/notes`, {
      headers: stranger.headers,
      body: { body: "x" },
    });
    expect(write.status).toBe(404);
    const [note] = (
      await call(ctx, "GET", timelineUrl(accountId, "?kind=note"), { headers: csm.headers })
    ).json.data;
    const remove = await call(ctx, "DELETE", `/api/v1/accounts/${accountId}/notes/${note.id}`, {
      headers: stranger.headers,
    });
    expect(remove.status).toBe(404);
    // An account of their own cannot reach this account's note either.
    const own = await buildAccount(ctx.db, { workspaceId: otherWorkspace });
    const cross = await call(ctx, "DELETE", `/api/v1/accounts/${own.id}/notes/${note.id}`, {
      headers: stranger.headers,
    });
    expect(cross.status).toBe(404);
    const mentionStranger = await call(ctx, "POST", `/api/v1/accounts/${accountId}/notes`, {
      headers: csm.headers,
      body: { body: `@[S](${stranger.user.id})` },
    });
    expect(mentionStranger.status).toBe(422);
  });

  it("documents the timeline as a union by kind in the OpenAPI document", () => {
    // This router's own document: the whole app's also holds other features' schemas.
    const doc = createRouter()
      .route("/api/v1", timelineRouter)
      .getOpenAPI31Document({ openapi: "3.1.0", info: { title: "Michi", version: "1" } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      "/api/v1/accounts/{id}/interactions",
      "/api/v1/accounts/{id}/notes",
      "/api/v1/accounts/{id}/notes/{noteId}",
      "/api/v1/accounts/{id}/timeline",
    ]);
    const item = doc.components?.schemas?.TimelineItem as {
      discriminator: { propertyName: string };
      oneOf: unknown[];
    };
    expect(item.discriminator.propertyName).toBe("kind");
    expect(item.oneOf).toHaveLength(12);
  });
});
