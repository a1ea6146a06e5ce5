import { type PlanDocument, planLimits } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { planObjectives, successPlans } from "../../db/schema";
import { buildAccount, buildContact } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample, loadExamplePlan } from "./plan-test-helpers";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm", name: "山本 彩" });
});

const plansOf = async (ws: string) =>
  ctx.db.select({ id: successPlans.id }).from(successPlans).where(eq(successPlans.workspaceId, ws));

describe("import and export", () => {
  it("imports the example and exports the same document, keys and order included", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const user = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const { example, plan, planId, account } = await importExample(ctx, {
      workspaceId: ws,
      headers: user.headers,
      matchAccount: true,
    });
    expect(plan).toMatchObject({ accountId: account.id, version: 1, active: true, stage: 1 });
    expect(plan.document).toStrictEqual(example);

    const read = await call(ctx, "GET", `/api/v1/plans/${planId}`, user);
    expect(read.json.document).toStrictEqual(example);

    const exported = await call(ctx, "GET", `/api/v1/plans/${planId}/export.json`, user);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="plan-/);
    expect(exported.headers.get("content-disposition")).toContain(
      encodeURIComponent("東和精機 物流予約オンボーディング計画"),
    );
    expect(exported.json).toStrictEqual(example);
    // Stored as rows, not a blob: the objectives are there to query.
    const objectives = await ctx.db
      .select()
      .from(planObjectives)
      .where(and(eq(planObjectives.workspaceId, ws), eq(planObjectives.planId, planId)));
    expect(objectives.map((o) => o.key).sort()).toEqual(["o1", "o2", "o3"]);

    // Export → import → export again: still the same document.
    const again = await call(ctx, "POST", "/api/v1/plans/import", {
      ...user,
      body: { document: exported.json },
    });
    expect(again.status).toBe(201);
    expect(again.json.active).toBe(false);
    expect(again.json.document).toStrictEqual(example);
  });

  it("finds the account by name when the external id is unknown, else answers 422 on /account", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const user = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const account = await buildAccount(ctx.db, { workspaceId: ws, name: "東和精機株式会社" });
    const example = loadExamplePlan();
    const byName = await call(ctx, "POST", "/api/v1/plans/import", {
      ...user,
      body: { document: example },
    });
    expect(byName.status).toBe(201);
    expect(byName.json.accountId).toBe(account.id);

    const nowhere = await call(ctx, "POST", "/api/v1/plans/import", {
      ...user,
      body: { document: { ...example, account: { externalId: "nope", name: "どこにもない会社" } } },
    });
    expect(nowhere.status).toBe(422);
    expect(nowhere.json.errors[0].pointer).toBe("/account");
    const noAccount = await call(ctx, "POST", "/api/v1/plans/import", {
      ...user,
      body: { document: { ...example, account: undefined } },
    });
    expect(noAccount.status).toBe(422);
    const otherWorkspace = await buildAccount(ctx.db, { workspaceId, name: "X" });
    const foreign = await call(ctx, "POST", "/api/v1/plans/import", {
      ...user,
      body: { document: example, accountId: otherWorkspace.id },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.errors[0].pointer).toBe("/accountId");
    expect(await plansOf(ws)).toHaveLength(1);
  });

  it("answers bad documents with every problem and stores nothing", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const user = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const account = await buildAccount(ctx.db, { workspaceId: ws, name: "東和精機株式会社" });
    const example = loadExamplePlan();
    const dangling = structuredClone(example);
    dangling.pufu.measures![0]!.objectiveKeys = ["o9"];
    dangling.tasks![0]!.ownerKey = "nobody";
    const wrongTypes = structuredClone(example) as any;
    wrongTypes.kpis[0].target = "45";
    wrongTypes.roadmap[0].impact = 9;
    wrongTypes.period.start = "2026-13-01";

    const cases: {
      name: string;
      body?: unknown;
      rawBody?: string;
      status: number;
      pointers?: string[];
    }[] = [
      {
        name: "wrong format",
        body: { document: { ...example, format: "michi.plan/v2" } },
        status: 422,
        pointers: ["/format"],
      },
      {
        name: "dangling keys",
        body: { document: dangling },
        status: 422,
        pointers: ["/pufu/measures/0/objectiveKeys/0", "/tasks/0/ownerKey"],
      },
      {
        name: "wrong types",
        body: { document: wrongTypes },
        status: 422,
        pointers: ["/kpis/0/target", "/roadmap/0/impact", "/period/start"],
      },
      {
        // Refused at the boundary (lib/input-guard.ts), so pointed at in the request body.
        name: "a NUL PostgreSQL cannot store",
        body: { document: { ...example, title: "a\u0000b" } },
        status: 422,
        pointers: ["/document/title"],
      },
      {
        name: "a year PostgreSQL cannot store",
        body: { document: { ...example, period: { start: "0000-01-01", end: "2027-03-31" } } },
        status: 422,
        pointers: ["/period/start"],
      },
      { name: "not an object", body: { document: "plan" }, status: 422 },
      { name: "no document", body: {}, status: 422 },
      { name: "malformed JSON", rawBody: '{"document": {', status: 400 },
      {
        name: "10 MB body",
        rawBody: JSON.stringify({ document: { ...example, title: "x".repeat(10 * 1024 * 1024) } }),
        status: 413,
      },
      {
        name: "more KPIs than a plan may have",
        body: {
          document: {
            ...example,
            kpis: Array.from({ length: planLimits.kpis + 1 }, (_, i) => ({
              key: `k${i + 1}`,
              kind: "kpi",
              name: `KPI ${i + 1}`,
            })),
          },
        },
        status: 422,
        pointers: ["/kpis"],
      },
      {
        name: "unknown field beside the document",
        body: { document: example, accountId: account.id, extra: 1 },
        status: 422,
      },
    ];
    for (const { name, status, pointers, ...body } of cases) {
      const res = await call(ctx, "POST", "/api/v1/plans/import", { ...user, ...body });
      expect(res.status, name).toBe(status);
      expect(res.headers.get("content-type"), name).toContain("application/problem+json");
      const got = (res.json.errors ?? []).map((e: { pointer: string }) => e.pointer);
      for (const pointer of pointers ?? []) expect(got, name).toContain(pointer);
    }
    expect(await plansOf(ws)).toEqual([]);
  });

  it("takes a plan document up to 5 MB, beyond the API's 1 MB limit", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const user = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const { example, planId } = await importExample(ctx, {
      workspaceId: ws,
      headers: user.headers,
    });
    const big = structuredClone(example);
    big.roadmap = Array.from({ length: planLimits.roadmap }, (_, i) => ({
      key: `r${i}`,
      process: `業務 ${i}`,
      how: "拠点ごとの受付手順を見直す。".repeat(300),
    }));
    const body = JSON.stringify({ version: 1, document: big });
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(1024 * 1024);
    const res = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...user,
      rawBody: body,
    });
    expect(res.status).toBe(200);
    expect(res.json.document.roadmap).toHaveLength(planLimits.roadmap);
  });

  it("refuses a KPI measurement beyond the limit, and keeps the plan as it was", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const user = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const { example, planId } = await importExample(ctx, {
      workspaceId: ws,
      headers: user.headers,
    });
    const full = structuredClone(example);
    full.kpis![0]!.measurements = Array.from({ length: planLimits.measurementsPerKpi }, (_, i) => ({
      date: "2026-01-01",
      value: i,
    }));
    const put = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...user,
      body: { version: 1, document: full },
    });
    expect(put.status).toBe(200);
    const res = await call(ctx, "POST", `/api/v1/plans/${planId}/kpis/k1/measurements`, {
      ...user,
      body: { date: "2026-12-31", value: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      {
        pointer: "/kpis/0/measurements",
        message: `must have at most ${planLimits.measurementsPerKpi} items`,
        code: "too_big",
        params: { maximum: planLimits.measurementsPerKpi, origin: "array" },
      },
    ]);
    const read = await call(ctx, "GET", `/api/v1/plans/${planId}`, user);
    expect(read.json.version).toBe(2);
    expect(read.json.document.kpis[0].measurements).toHaveLength(planLimits.measurementsPerKpi);
  });
});

describe("plans of an account", () => {
  it("creates empty plans; the first is active, and making another active deactivates it", async () => {
    const account = await buildAccount(ctx.db, { workspaceId, name: "株式会社みどり屋百貨店" });
    const first = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: {},
    });
    expect(first.status).toBe(201);
    expect(first.json.document.title).toContain("株式会社みどり屋百貨店");
    expect(first.json.document.pufu).toEqual({ goal: "", winCondition: { text: "" } });
    expect(first.json).toMatchObject({ active: true, version: 1, stage: 1, layout: {} });

    const second = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { title: "来期の拡大計画" },
    });
    expect(second.json).toMatchObject({ active: false });
    expect(second.json.document.title).toBe("来期の拡大計画");

    const list = await call(ctx, "GET", `/api/v1/accounts/${account.id}/plans`, csm);
    expect(list.json.data).toHaveLength(2);
    expect(list.json.data[0]).toMatchObject({
      id: first.json.id,
      active: true,
      status: "draft",
      stage: 1,
      period: { start: null, end: null },
    });
    expect(Object.keys(list.json.data[0]).sort()).toEqual(
      ["active", "id", "period", "stage", "status", "title", "updatedAt"].sort(),
    );

    const activated = await call(ctx, "PATCH", `/api/v1/plans/${second.json.id}`, {
      ...csm,
      body: { active: true, title: "来期の拡大計画(改)" },
    });
    expect(activated.status).toBe(200);
    expect(activated.json).toMatchObject({ active: true, version: 2 });
    expect(activated.json.document.title).toBe("来期の拡大計画(改)");
    const after = await call(ctx, "GET", `/api/v1/accounts/${account.id}/plans`, csm);
    expect(after.json.data.filter((p: { active: boolean }) => p.active)).toEqual([
      expect.objectContaining({ id: second.json.id }),
    ]);

    expect((await call(ctx, "DELETE", `/api/v1/plans/${first.json.id}`, csm)).status).toBe(204);
    expect((await call(ctx, "GET", `/api/v1/plans/${first.json.id}`, csm)).status).toBe(404);
    const other = await call(ctx, "GET", `/api/v1/accounts/${crypto.randomUUID()}/plans`, csm);
    expect(other.status).toBe(404);
  });

  it("saves with the version read, answers 409 to a stale one, and records who changed what", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const key = await buildApiKey(ctx, { workspaceId });
    const edited: PlanDocument = structuredClone(example);
    edited.pufu.goal = "全3拠点で待機時間を半減する";
    edited.pufu.objectives!.push({ key: "o4", title: "運送会社が満足している" });
    edited.pufu.measures![3]!.status = "inProgress";
    const saved = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: edited },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(2);
    expect(saved.json.document.pufu.goal).toBe("全3拠点で待機時間を半減する");

    const stale = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...key,
      body: { version: 1, document: example },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    expect(stale.json.errors[0].pointer).toBe("/version");

    const byKey = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...key,
      body: { version: 2, document: { ...edited, title: "改訂版" } },
    });
    expect(byKey.json.version).toBe(3);

    const history = await call(ctx, "GET", `/api/v1/plans/${planId}/history`, csm);
    expect(history.status).toBe(200);
    const [latest, edit, created] = history.json.data;
    expect(created).toMatchObject({ action: "imported", version: 1, summary: null });
    expect(created.actor).toEqual({ kind: "user", name: "山本 彩" });
    expect(edit).toMatchObject({ action: "updated", version: 2, actor: { kind: "user" } });
    expect(edit.summary.fields).toEqual([
      { field: "goal", before: example.pufu.goal, after: "全3拠点で待機時間を半減する" },
    ]);
    expect(edit.summary.elements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ collection: "objectives", key: "o4", change: "added" }),
        expect.objectContaining({
          collection: "measures",
          key: "m4",
          change: "changed",
          fields: ["status"],
        }),
      ]),
    );
    expect(latest).toMatchObject({ version: 3, actor: { kind: "apiKey", name: "test" } });
    expect(latest.summary.fields).toEqual([
      { field: "title", before: example.title, after: "改訂版" },
    ]);

    // An invalid edit stores nothing and keeps the version.
    const invalid = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 3, document: { ...edited, title: "" } },
    });
    expect(invalid.status).toBe(422);
    const read = await call(ctx, "GET", `/api/v1/plans/${planId}`, csm);
    expect(read.json).toMatchObject({ version: 3, document: { title: "改訂版" } });
  });

  it("adds KPI measurements through the same write path, in date order", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const url = `/api/v1/plans/${planId}/kpis/k1/measurements`;
    const added = await call(ctx, "POST", url, {
      ...csm,
      body: { date: "2026-11-15", value: 77, note: "中間計測" },
    });
    expect(added.status).toBe(201);
    expect(added.json.version).toBe(2);
    expect(added.json.document.kpis[0].measurements).toEqual([
      { date: "2026-10-31", value: 84 },
      { date: "2026-11-15", value: 77, note: "中間計測" },
      { date: "2026-11-30", value: 71 },
    ]);
    const history = await call(ctx, "GET", `/api/v1/plans/${planId}/history`, csm);
    expect(history.json.data[0].summary.elements).toEqual([]);

    const latest = await call(ctx, "POST", url, {
      ...csm,
      body: { date: "2026-12-31", value: 60 },
    });
    const entry = (await call(ctx, "GET", `/api/v1/plans/${planId}/history`, csm)).json.data[0];
    expect(latest.json.version).toBe(3);
    expect(entry.summary.elements).toEqual([
      expect.objectContaining({ key: "k1", change: "measured", before: 71, after: 60 }),
    ]);

    const unknown = await call(ctx, "POST", `/api/v1/plans/${planId}/kpis/k9/measurements`, {
      ...csm,
      body: { date: "2026-12-31", value: 1 },
    });
    expect(unknown.status).toBe(404);
    for (const body of [
      { date: "31/12/2026", value: "1" },
      { date: "0000-12-31", value: 1 },
      { date: "2026-12-31", value: 1, note: "\u0000" },
    ]) {
      expect((await call(ctx, "POST", url, { ...csm, body })).status).toBe(422);
    }
  });

  it("keeps node positions, forgets them on request and when the element goes", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const url = `/api/v1/plans/${planId}/layout`;
    const put = await call(ctx, "PUT", url, {
      ...csm,
      body: { positions: { o1: { x: 10, y: 20.5 }, m1: { x: -5, y: 0 }, _goal: { x: 900, y: 0 } } },
    });
    expect(put.status).toBe(200);
    expect(put.json.layout).toEqual({
      o1: { x: 10, y: 20.5 },
      m1: { x: -5, y: 0 },
      _goal: { x: 900, y: 0 },
    });
    await call(ctx, "PUT", url, {
      ...csm,
      body: { positions: { m1: null, o1: { x: 11, y: 21 } } },
    });
    const unknownKey = await call(ctx, "PUT", url, {
      ...csm,
      body: { positions: { zz: { x: 1, y: 1 } } },
    });
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.json.errors[0].pointer).toBe("/positions/zz");

    const without = structuredClone(example);
    without.pufu.objectives = without.pufu.objectives!.filter((o) => o.key !== "o1");
    for (const m of without.pufu.measures!) {
      m.objectiveKeys = m.objectiveKeys!.filter((k) => k !== "o1");
    }
    for (const ms of without.milestones!) {
      ms.objectiveKeys = ms.objectiveKeys!.filter((k) => k !== "o1");
    }
    const saved = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: without },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.layout).toEqual({ _goal: { x: 900, y: 0 } });
  });

  it("links team members to contacts and users by email, and lists my tasks", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const me = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    const { planId, example, account } = await importExample(ctx, {
      workspaceId: ws,
      headers: me.headers,
    });
    const contact = await buildContact(ctx.db, {
      workspaceId: ws,
      accountId: account.id,
      email: "Sato@Example.jp",
    });
    const doc = structuredClone(example);
    doc.team!.find((m) => m.key === "v1")!.email = me.email.toUpperCase();
    doc.tasks!.push(
      { key: "t3", title: "第三倉庫の予約枠を設定", ownerKey: "v1", dueDate: "2026-11-01" },
      { key: "t4", title: "日付のないタスク", ownerKey: "v1", status: "todo" },
    );
    const saved = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...me,
      body: { version: 1, document: doc },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.teamLinks.c1).toEqual({ contactId: contact.id, userId: null });
    expect(saved.json.teamLinks.v1).toEqual({ contactId: null, userId: me.user.id });

    const tasks = await call(ctx, "GET", "/api/v1/me/tasks", me);
    expect(tasks.status).toBe(200);
    expect(tasks.json.data.map((t: { key: string }) => t.key)).toEqual(["t3", "t4"]);
    expect(tasks.json.data[0]).toMatchObject({
      planId,
      planTitle: example.title,
      accountName: account.name,
      dueDate: "2026-11-01",
      status: "todo",
      overdue: true,
    });
    const withDone = await call(ctx, "GET", "/api/v1/me/tasks?includeDone=true", me);
    expect(withDone.json.data.map((t: { key: string }) => t.key)).toEqual(["t1", "t3", "t4"]);
    const other = await buildUser(ctx, { workspaceId: ws, role: "csm" });
    expect((await call(ctx, "GET", "/api/v1/me/tasks", other)).json.data).toEqual([]);
    const key = await buildApiKey(ctx, { workspaceId: ws });
    expect((await call(ctx, "GET", "/api/v1/me/tasks", key)).status).toBe(403);
  });
});

describe("checks", () => {
  it("finds what is wrong with a plan, and the findings go when it is fixed", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const url = `/api/v1/plans/${planId}/checks?asOf=2026-12-20`;
    const clean = await call(ctx, "GET", url, csm);
    expect(clean.status).toBe(200);
    expect(clean.json.asOf).toBe("2026-12-20");
    const codesOf = (findings: { code: string }[]) => [...new Set(findings.map((f) => f.code))];

    const broken = structuredClone(example);
    broken.pufu.measures!.push({ key: "m5", title: "孤立した施策" });
    broken.team = broken.team!.filter((m) => m.role !== "finalEvaluator");
    delete broken.kpis![1]!.dataSource;
    await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: broken },
    });
    const found = await call(ctx, "GET", url, csm);
    const codes = codesOf(found.json.findings);
    expect(codes).toEqual(
      expect.arrayContaining(["measure-without-objective", "no-evaluator", "kpi-incomplete"]),
    );
    const orphan = found.json.findings.find(
      (f: { code: string }) => f.code === "measure-without-objective",
    );
    expect(orphan).toMatchObject({ severity: "warning", target: "m5" });
    expect(orphan.message.ja).toMatch(/[ぁ-ん]/);

    // Without an evaluator, "not met" would only restate "no evaluator".
    expect(codes).not.toContain("evaluator-not-met");

    // With the evaluator back: no evaluator meeting since the plan started (2026-10-01) is
    // longer than the monthly cadence; an old meeting is too long ago as well; a recent one
    // satisfies it.
    const withEvaluator = structuredClone(broken);
    withEvaluator.team = example.team;
    await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 2, document: withEvaluator },
    });
    const unmet = codesOf((await call(ctx, "GET", url, csm)).json.findings);
    expect(unmet).toContain("evaluator-not-met");
    expect(unmet).not.toContain("no-evaluator");
    await call(ctx, "POST", `/api/v1/plans/${planId}/meetings`, {
      ...csm,
      body: { date: "2026-10-05", audience: "evaluators", title: "月次報告" },
    });
    const stale = await call(ctx, "GET", url, csm);
    expect(codesOf(stale.json.findings)).toContain("evaluator-not-met");

    const fixed = structuredClone(example);
    const meeting = await call(ctx, "POST", `/api/v1/plans/${planId}/meetings`, {
      ...csm,
      body: {
        date: "2026-12-10",
        audience: "evaluators",
        title: "月次報告(12月)",
        notes: "待機時間は71分まで減少",
        decisions: "第二倉庫の予約開始を前倒しする",
      },
    });
    expect(meeting.status).toBe(201);
    expect(meeting.json).toMatchObject({ audience: "evaluators", decisions: expect.any(String) });
    await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 3, document: fixed },
    });
    const after = await call(ctx, "GET", url, csm);
    for (const code of [
      "measure-without-objective",
      "no-evaluator",
      "kpi-incomplete",
      "evaluator-not-met",
    ]) {
      expect(codesOf(after.json.findings)).not.toContain(code);
    }
    const meetings = await call(ctx, "GET", `/api/v1/plans/${planId}/meetings`, csm);
    expect(meetings.json.data.map((m: { date: string }) => m.date)).toEqual([
      "2026-12-10",
      "2026-10-05",
    ]);
    const badDate = await call(ctx, "GET", `/api/v1/plans/${planId}/checks?asOf=tomorrow`, csm);
    expect(badDate.status).toBe(400);
  });
});

describe("roles and tenant isolation", () => {
  it("lets a viewer read a plan but not change it", async () => {
    const { planId, example, account } = await importExample(ctx, {
      workspaceId,
      headers: csm.headers,
    });
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    expect((await call(ctx, "GET", `/api/v1/plans/${planId}`, viewer)).status).toBe(200);
    expect((await call(ctx, "GET", `/api/v1/plans/${planId}/checks`, viewer)).status).toBe(200);
    expect((await call(ctx, "GET", `/api/v1/plans/${planId}/export.json`, viewer)).status).toBe(
      200,
    );
    const writes: [string, string, unknown][] = [
      ["POST", `/api/v1/accounts/${account.id}/plans`, {}],
      ["POST", "/api/v1/plans/import", { document: example, accountId: account.id }],
      ["PUT", `/api/v1/plans/${planId}/document`, { version: 1, document: example }],
      ["PUT", `/api/v1/plans/${planId}/layout`, { positions: {} }],
      ["PATCH", `/api/v1/plans/${planId}`, { title: "x" }],
      ["POST", `/api/v1/plans/${planId}/kpis/k1/measurements`, { date: "2026-12-01", value: 1 }],
      [
        "POST",
        `/api/v1/plans/${planId}/meetings`,
        { date: "2026-12-01", audience: "all", title: "x" },
      ],
      ["POST", `/api/v1/plans/${planId}/stages`, { retrospective: { objectives: [] } }],
      ["POST", "/api/v1/plan-templates", { name: "x", planId }],
      ["DELETE", `/api/v1/plans/${planId}`, undefined],
    ];
    for (const [method, url, body] of writes) {
      const res = await call(ctx, method, url, { ...viewer, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    const read = await call(ctx, "GET", `/api/v1/plans/${planId}`, viewer);
    expect(read.json.version).toBe(1);
  });

  it("gives workspace A's user and key 404 for every endpoint of workspace B's plan", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const userA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const userB = await buildUser(ctx, { workspaceId: b, role: "csm" });
    const { planId, example, account } = await importExample(ctx, {
      workspaceId: b,
      headers: userB.headers,
    });
    await call(ctx, "POST", `/api/v1/plans/${planId}/stages`, {
      ...userB,
      body: { retrospective: { objectives: [] } },
    });
    const p = `/api/v1/plans/${planId}`;
    const requests: [string, string, unknown?][] = [
      ["GET", `/api/v1/accounts/${account.id}/plans`],
      ["POST", `/api/v1/accounts/${account.id}/plans`, {}],
      ["GET", p],
      ["PUT", `${p}/document`, { version: 1, document: example }],
      ["PUT", `${p}/layout`, { positions: { o1: { x: 1, y: 1 } } }],
      ["PATCH", p, { active: true }],
      ["GET", `${p}/export.json`],
      ["GET", `${p}/export.pptx`],
      ["GET", `${p}/report`],
      ["GET", `${p}/checks`],
      ["POST", `${p}/kpis/k1/measurements`, { date: "2026-12-01", value: 1 }],
      ["GET", `${p}/meetings`],
      ["POST", `${p}/meetings`, { date: "2026-12-01", audience: "all", title: "x" }],
      ["GET", `${p}/stages`],
      ["POST", `${p}/stages`, { retrospective: { objectives: [] } }],
      ["GET", `${p}/stages/1`],
      ["GET", `${p}/stages/diff?from=1&to=current`],
      ["GET", `${p}/history`],
      ["POST", "/api/v1/plan-templates", { name: "x", planId }],
      ["DELETE", p],
    ];
    for (const headers of [userA.headers, keyA.headers]) {
      for (const [method, url, body] of requests) {
        const res = await call(ctx, method, url, { headers, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
      const imported = await call(ctx, "POST", "/api/v1/plans/import", {
        headers,
        body: { document: example, accountId: account.id },
      });
      expect(imported.status).toBe(422);
    }
    const still = await call(ctx, "GET", p, userB);
    expect(still.json).toMatchObject({ version: 1, stage: 2 });
    expect(await plansOf(a)).toEqual([]);
  });

  it("documents every plan route in the OpenAPI document", async () => {
    const res = await ctx.app.request("/api/openapi.json");
    const doc: any = await res.json();
    for (const path of [
      "/api/v1/accounts/{id}/plans",
      "/api/v1/plans/import",
      "/api/v1/plans/{id}",
      "/api/v1/plans/{id}/document",
      "/api/v1/plans/{id}/layout",
      "/api/v1/plans/{id}/export.json",
      "/api/v1/plans/{id}/export.pptx",
      "/api/v1/plans/{id}/report",
      "/api/v1/plans/{id}/checks",
      "/api/v1/plans/{id}/kpis/{key}/measurements",
      "/api/v1/plans/{id}/meetings",
      "/api/v1/plans/{id}/stages",
      "/api/v1/plans/{id}/stages/{n}",
      "/api/v1/plans/{id}/stages/diff",
      "/api/v1/plans/{id}/history",
      "/api/v1/plan-templates",
      "/api/v1/plan-templates/{id}",
      "/api/v1/me/tasks",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.PlanDocument).toBeDefined();
  });
});
