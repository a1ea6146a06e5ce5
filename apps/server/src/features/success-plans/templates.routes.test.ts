import { validatePlanDocument } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount, buildContact, buildContacts } from "../../seed/factories";
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
    expect(doc.failurePatterns!.length).toBeGreaterThanOrEqual(4);
    expect(doc.roadmap!.every((r) => r.impact && r.difficulty)).toBe(true);
    expect(doc.meetingCadences!.map((c) => [c.audience, c.everyDays])).toEqual(
      expect.arrayContaining([
        ["users", 7],
        ["evaluators", 30],
      ]),
    );
    expect(doc.kpis!.every((k) => k.aggregation)).toBe(true);
  });

  // Guidance (what to write in a field) is the web's placeholder, not a plan's text.
  it.each(builtInTemplates.map((t) => [t.localized.en.name, t] as const))(
    "%s carries no guidance as content",
    (_name, template) => {
      const doc = template.document;
      expect(doc.purpose).toBeUndefined();
      const factors = doc.pufu.factors ?? {};
      expect(Object.values(factors).every((v) => typeof v === "number")).toBe(true);
      const text = JSON.stringify(doc);
      expect(text).not.toMatch(
        /どんな目的で|どのように変えるか|あるべき状態"|を書く|どう判断するか/,
      );
    },
  );
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
      expect(doc.pufu.objectives).toEqual(source.pufu.objectives);
      expect(doc.pufu.goal).toBe(source.pufu.goal);
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
    // The template's people were another customer's: they are slots, left empty here.
    expect(doc.team).toBeUndefined();
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

describe("a plan from a template: period and team", () => {
  const enterpriseId = builtInTemplates[0]!.id;

  it("takes the period and puts the owner and the contacts in their roles in the team", async () => {
    const owner = await buildUser(ctx, { workspaceId, role: "csm", name: "佐藤 美咲" });
    const account = await buildAccount(ctx.db, {
      workspaceId,
      name: "北浜精工株式会社",
      ownerUserId: owner.user.id,
    });
    const promoter = await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      name: "山田 太郎",
      title: "DX推進課長",
      email: "yamada@kitahama.example",
    });
    const evaluator = await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      name: "高橋 一郎",
      email: "takahashi@kitahama.example",
    });
    const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: {
        templateId: enterpriseId,
        period: { start: "2027-01-04", end: "2027-07-03" },
        contacts: [
          { contactId: promoter.id, role: "promoter" },
          { contactId: evaluator.id, role: "evaluator" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const doc = created.json.document;
    expect(doc.period).toEqual({ start: "2027-01-04", end: "2027-07-03" });
    expect(doc.team).toEqual([
      { key: "v1", name: "佐藤 美咲", email: owner.email, side: "vendor", role: "csm" },
      {
        key: "c3",
        name: "山田 太郎",
        email: "yamada@kitahama.example",
        title: "DX推進課長",
        side: "customer",
        role: "promoter",
      },
      {
        key: "c2",
        name: "高橋 一郎",
        email: "takahashi@kitahama.example",
        side: "customer",
        role: "evaluator",
      },
    ]);
    // The server linked each member to the contact or user with that email.
    expect(created.json.teamLinks.c3.contactId).toBe(promoter.id);
    expect(created.json.teamLinks.v1.userId).toBe(owner.user.id);
    // The promoter's slot owned measures; the promoter now does.
    expect(doc.pufu.measures.find((m: { key: string }) => m.key === "m1").ownerKey).toBe("c3");
    expect(JSON.stringify(doc.team)).not.toMatch(/評価者（部長）|担当CSM/);
    expect(validatePlanDocument(doc).ok).toBe(true);

    const list = await call(ctx, "GET", `/api/v1/accounts/${account.id}/plans`, csm);
    expect(list.json.data[0].period).toEqual({ start: "2027-01-04", end: "2027-07-03" });
  });

  it("puts every contact in as a user when the caller names none, and keeps no period", async () => {
    const account = await buildAccount(ctx.db, { workspaceId, name: "東雲物産株式会社" });
    await buildContact(ctx.db, { workspaceId, accountId: account.id, name: "小林 結衣" });
    const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { templateId: enterpriseId },
    });
    expect(created.status).toBe(201);
    expect(created.json.document.period).toBeUndefined();
    expect(
      created.json.document.team.map((m: { name: string; role: string }) => [m.name, m.role]),
    ).toEqual([["小林 結衣", "user"]]);
  });

  it("refuses a team over the plan's limit instead of storing a plan no one can save", async () => {
    const owner = await buildUser(ctx, { workspaceId, role: "csm" });
    const account = await buildAccount(ctx.db, {
      workspaceId,
      name: "大所帯商事株式会社",
      ownerUserId: owner.user.id,
    });
    // The owner and 100 contacts: one more than a plan's team may hold.
    await buildContacts(
      ctx.db,
      Array.from({ length: 100 }, (_, i) => ({
        workspaceId,
        accountId: account.id,
        name: `担当 ${i}`,
      })),
    );
    const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { templateId: enterpriseId },
    });
    expect(created.status).toBe(422);
    expect(created.json.errors).toEqual([
      expect.objectContaining({
        pointer: "/contacts",
        code: "too-many-team-members",
        params: { count: 101, maximum: 100 },
      }),
    ]);
    const plans = await call(ctx, "GET", `/api/v1/accounts/${account.id}/plans`, csm);
    expect(plans.json.data).toEqual([]);
  });

  it("refuses an end not after the start, and a contact of another account, with codes", async () => {
    const account = await buildAccount(ctx.db, { workspaceId, name: "若葉商事株式会社" });
    const backwards = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { templateId: enterpriseId, period: { start: "2027-01-04", end: "2027-01-04" } },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors).toEqual([
      expect.objectContaining({ pointer: "/period/end", code: "end-not-after-start" }),
    ]);

    const elsewhere = await buildAccount(ctx.db, { workspaceId, name: "別の顧客株式会社" });
    const stranger = await buildContact(ctx.db, { workspaceId, accountId: elsewhere.id });
    const wrongContact = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: { contacts: [{ contactId: stranger.id, role: "evaluator" }] },
    });
    expect(wrongContact.status).toBe(422);
    expect(wrongContact.json.errors[0].pointer).toBe("/contacts/0/contactId");
    const own = await buildContact(ctx.db, { workspaceId, accountId: account.id });
    const twice = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
      ...csm,
      body: {
        contacts: [
          { contactId: own.id, role: "evaluator" },
          { contactId: own.id, role: "user" },
        ],
      },
    });
    expect(twice.status).toBe(422);
    expect(twice.json.errors).toEqual([
      expect.objectContaining({ pointer: "/contacts/1/contactId", code: "already-used" }),
    ]);
    const plans = await call(ctx, "GET", `/api/v1/accounts/${account.id}/plans`, csm);
    expect(plans.json.data).toEqual([]);
  });
});
