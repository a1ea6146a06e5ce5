import { validatePlanDocument } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "./plan-test-helpers";
import { builtInTemplates } from "./templates.builtin";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("built-in templates", () => {
  it.each(builtInTemplates.map((t) => [t.localized.en.name, t] as const))(
    "%s is a valid michi.plan/v1 document in Japanese",
    (_name, template) => {
      const result = validatePlanDocument(template.document);
      expect(result.ok ? [] : result.problems).toEqual([]);
      expect(template.document.title).toMatch(japanese);
      expect(template.localized.ja.name).toMatch(japanese);
      for (const o of template.document.pufu.objectives ?? []) expect(o.title).toMatch(japanese);
    },
  );

  it("gives the enterprise template the seed's team roles, failure patterns and cadences", () => {
    const doc = builtInTemplates[0]!.document;
    const roles = new Set(doc.team?.map((m) => m.role));
    for (const role of ["finalEvaluator", "evaluator", "promoter", "user", "csm"]) {
      expect(roles.has(role as never), role).toBe(true);
    }
    expect(doc.purpose).toMatchObject({
      businessIssue: expect.any(String),
      problem: expect.any(String),
      solution: expect.any(String),
      benefit: expect.any(String),
    });
    expect(doc.failurePatterns!.length).toBeGreaterThanOrEqual(4);
    expect(doc.roadmap!.every((r) => r.impact && r.difficulty)).toBe(true);
    expect(doc.meetingCadences!.map((c) => [c.audience, c.everyDays])).toEqual(
      expect.arrayContaining([
        ["users", 7],
        ["evaluators", 30],
      ]),
    );
    expect(doc.kpis!.every((k) => k.evaluationMethod && k.dataSource)).toBe(true);
  });
});

describe("plan templates API", () => {
  it("lists the built-in templates and creates a valid plan from each", async () => {
    const list = await call(ctx, "GET", "/api/v1/plan-templates", csm);
    expect(list.status).toBe(200);
    const builtIns = list.json.data.filter((t: { builtIn: boolean }) => t.builtIn);
    expect(builtIns).toHaveLength(2);
    expect(builtIns[0]).toMatchObject({
      name: "成果支援計画（エンタープライズ・6か月）",
      localized: { en: { name: "6-month outcome support plan (enterprise, high touch)" } },
    });
    const account = await buildAccount(ctx.db, { workspaceId, name: "ハルナリテイル株式会社" });
    for (const template of builtIns) {
      const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
        ...csm,
        body: { templateId: template.id },
      });
      expect(created.status, template.name).toBe(201);
      const doc = created.json.document;
      expect(doc.title).toBe(`ハルナリテイル株式会社 ${template.name}`);
      expect(validatePlanDocument(doc).ok).toBe(true);
      const source = builtInTemplates.find((t) => t.id === template.id)!.document;
      expect(doc.pufu).toEqual(source.pufu);
      expect(doc.account).toEqual({ name: "ハルナリテイル株式会社" });
    }
    const unknown = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { templateId: crypto.randomUUID() },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].pointer).toBe("/templateId");
  });

  it("saves a plan as a template without its account, dates and measurements", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const saved = await call(ctx, "POST", "/api/v1/plan-templates", {
      ...csm,
      body: { name: "物流予約の導入計画", description: "3拠点の物流予約", planId },
    });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({
      name: "物流予約の導入計画",
      builtIn: false,
      localized: null,
    });

    const account = await buildAccount(ctx.db, { workspaceId, name: "中京ロジネット株式会社" });
    const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { templateId: saved.json.id, title: "中京ロジネット 物流予約" },
    });
    expect(created.status).toBe(201);
    const doc = created.json.document;
    expect(doc.title).toBe("中京ロジネット 物流予約");
    expect(doc.account).toEqual({ name: "中京ロジネット株式会社" });
    expect(doc.period).toBeUndefined();
    expect(doc.status).toBe("draft");
    expect(doc.kpis.every((k: object) => !("measurements" in k) && !("dueDate" in k))).toBe(true);
    expect(doc.milestones.every((m: object) => !("dueDate" in m) && !("doneDate" in m))).toBe(true);
    expect(doc.team.every((m: object) => !("email" in m))).toBe(true);
    expect(doc.pufu.measures.map((m: { status: string }) => m.status)).toEqual([
      "planned",
      "planned",
      "planned",
      "planned",
    ]);
    expect(doc.pufu.measures[1].objectiveKeys).toEqual(["o1", "o2"]);
    expect(validatePlanDocument(doc).ok).toBe(true);

    const other = (await buildWorkspace(ctx)).id;
    const outsider = await buildUser(ctx, { workspaceId: other, role: "admin" });
    const theirs = await call(ctx, "GET", "/api/v1/plan-templates", outsider);
    expect(theirs.json.data.map((t: { id: string }) => t.id)).not.toContain(saved.json.id);
    expect(
      (await call(ctx, "DELETE", `/api/v1/plan-templates/${saved.json.id}`, outsider)).status,
    ).toBe(404);

    expect((await call(ctx, "DELETE", `/api/v1/plan-templates/${saved.json.id}`, csm)).status).toBe(
      204,
    );
    const builtInDelete = await call(
      ctx,
      "DELETE",
      `/api/v1/plan-templates/${builtInTemplates[0]!.id}`,
      csm,
    );
    expect(builtInDelete.status).toBe(403);
  });
});
