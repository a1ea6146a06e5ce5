import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountPhaseProposals, accounts, usageDirtyAccounts } from "../../db/schema";
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

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const admin = await buildUser(ctx, { workspaceId, role: "admin" });
  return { workspaceId, headers: admin.headers };
};

const headersOf = async (workspaceId: string, role: "manager" | "csm" | "viewer") =>
  (await buildUser(ctx, { workspaceId, role })).headers;

const activeUsersMeasure = {
  kind: "metric",
  key: "active-users",
  name: { ja: "アクティブユーザー数", en: "Active users" },
  metric: "activeUsers:30d",
  scoring: {
    kind: "thresholds",
    steps: [
      { min: 0, points: 0 },
      { min: 1, points: 100 },
    ],
  },
  weight: 2,
};

const ratingMeasure = { kind: "rating", key: "promotion", name: "社内推進度", weight: 1 };

const scorecard = (overrides: Record<string, unknown> = {}) => ({
  name: { ja: "エンタープライズ", en: "Enterprise" },
  measures: [activeUsersMeasure, ratingMeasure],
  ...overrides,
});

const dirtyAccountIds = async (workspaceId: string) =>
  (
    await ctx.db
      .select({ accountId: usageDirtyAccounts.accountId })
      .from(usageDirtyAccounts)
      .where(eq(usageDirtyAccounts.workspaceId, workspaceId))
  )
    .map((row) => row.accountId)
    .sort();

const pointersOf = (res: { json: { errors?: { pointer: string }[] } }) =>
  (res.json.errors ?? []).map((problem) => problem.pointer);

describe("scorecard settings", () => {
  it("starts empty with core's default, saves several in order and marks every account dirty", async () => {
    const { workspaceId, headers } = await setUp();
    const accounts = await Promise.all([
      buildAccount(ctx.db, { workspaceId }),
      buildAccount(ctx.db, { workspaceId }),
    ]);
    const empty = await call(ctx, "GET", "/api/v1/settings/scorecards", { headers });
    expect(empty.status).toBe(200);
    expect(empty.json.scorecards).toEqual([]);
    expect(empty.json.defaultScorecard.measures.length).toBeGreaterThan(0);

    const body = {
      scorecards: [
        {
          key: "enterprise",
          scorecard: scorecard(),
          appliesTo: { segments: ["enterprise"], phases: ["operation"] },
        },
        { key: "everyone", scorecard: scorecard({ name: "Everyone" }) },
      ],
    };
    const saved = await call(ctx, "PUT", "/api/v1/settings/scorecards", { headers, body });
    expect(saved.status).toBe(200);
    expect(saved.json.scorecards.map((entry: { key: string }) => entry.key)).toEqual([
      "enterprise",
      "everyone",
    ]);
    expect(saved.json.scorecards[1].appliesTo).toEqual({});
    // Core's defaults are filled in (bands, rating scoring) and the metric is in its stored form.
    expect(saved.json.scorecards[0].scorecard.bands).toEqual({ redMax: 50, yellowMax: 75 });
    expect(saved.json.scorecards[0].scorecard.measures[0].metric).toEqual({
      name: "activeUsers",
      windowDays: 30,
    });
    const again = await call(ctx, "GET", "/api/v1/settings/scorecards", { headers });
    expect(again.json.scorecards).toEqual(saved.json.scorecards);
    expect(await dirtyAccountIds(workspaceId)).toEqual(accounts.map((a) => a.id).sort());

    const cleared = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: { scorecards: [] },
    });
    expect(cleared.json.scorecards).toEqual([]);
  });

  it("answers 422 with a pointer for every bad definition and keeps what was stored", async () => {
    const { headers } = await setUp();
    const good = { scorecards: [{ key: "first", scorecard: scorecard() }] };
    expect(
      (await call(ctx, "PUT", "/api/v1/settings/scorecards", { headers, body: good })).status,
    ).toBe(200);

    const bad = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: {
        scorecards: [
          {
            key: "a",
            scorecard: scorecard({
              measures: [{ ...activeUsersMeasure, metric: "noSuchMetric:30d" }, ratingMeasure],
              bands: { redMax: 80, yellowMax: 60 },
            }),
          },
          { key: "a", scorecard: scorecard({ measures: [ratingMeasure, ratingMeasure] }) },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(pointersOf(bad)).toEqual(
      expect.arrayContaining([
        "/scorecards/0/scorecard/measures/0/metric",
        "/scorecards/0/scorecard/bands/yellowMax",
        "/scorecards/1/scorecard/measures/1/key",
      ]),
    );
    // Repeated keys across the list are checked once each entry is valid (core's schema).
    const repeated = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: {
        scorecards: [
          { key: "a", scorecard: scorecard() },
          { key: "a", scorecard: scorecard() },
        ],
      },
    });
    expect(repeated.status).toBe(422);
    expect(pointersOf(repeated)).toEqual(["/scorecards/1/key"]);
    const unknownPhase = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: { scorecards: [{ key: "b", scorecard: scorecard(), appliesTo: { phases: ["nope"] } }] },
    });
    expect(unknownPhase.status).toBe(422);
    expect(pointersOf(unknownPhase)).toEqual(["/scorecards/0/appliesTo/phases/0"]);
    const notAList = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: { scorecards: { key: "x" } },
    });
    expect(notAList.status).toBe(422);
    expect(pointersOf(notAList)).toEqual(["/scorecards"]);

    const after = await call(ctx, "GET", "/api/v1/settings/scorecards", { headers });
    expect(after.json.scorecards.map((entry: { key: string }) => entry.key)).toEqual(["first"]);
  });

  it("lets admins and managers change settings; csm and viewer only read", async () => {
    const { workspaceId } = await setUp();
    const body = { scorecards: [{ key: "k", scorecard: scorecard() }] };
    for (const role of ["csm", "viewer"] as const) {
      const headers = await headersOf(workspaceId, role);
      expect((await call(ctx, "GET", "/api/v1/settings/scorecards", { headers })).status).toBe(200);
      for (const [path, put] of [
        ["/api/v1/settings/scorecards", body],
        ["/api/v1/settings/phases", { mode: "auto" }],
        ["/api/v1/settings/maturity-models", { models: [] }],
        ["/api/v1/settings/touch-model-policy", { policy: null }],
        ["/api/v1/settings/usage", { retentionDays: 90 }],
      ] as const) {
        expect((await call(ctx, "PUT", path, { headers, body: put })).status).toBe(403);
      }
    }
    const manager = await headersOf(workspaceId, "manager");
    expect(
      (await call(ctx, "PUT", "/api/v1/settings/scorecards", { headers: manager, body })).status,
    ).toBe(200);
  });

  it("keeps each workspace's settings to itself", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers: theirs.headers,
      body: { scorecards: [{ key: "theirs", scorecard: scorecard() }] },
    });
    await call(ctx, "PUT", "/api/v1/settings/usage", {
      headers: theirs.headers,
      body: { retentionDays: 60 },
    });
    const scorecards = await call(ctx, "GET", "/api/v1/settings/scorecards", {
      headers: mine.headers,
    });
    expect(scorecards.json.scorecards).toEqual([]);
    const usage = await call(ctx, "GET", "/api/v1/settings/usage", { headers: mine.headers });
    expect(usage.json).toEqual({ retentionDays: null });
  });
});

const customPhases = [
  {
    key: "start",
    name: { ja: "開始", en: "Start" },
    exitCriteria: [
      {
        key: "users",
        name: "3人以上",
        rule: { metric: "activeUsers:30d", op: ">=", value: 3 },
      },
    ],
  },
  { key: "middle", name: { ja: "中盤", en: "Middle" }, exitCriteria: [] },
  { key: "end", name: { ja: "終盤", en: "End" }, exitCriteria: [] },
];

describe("phase settings", () => {
  it("starts with core's phases in propose mode, counting accounts per phase", async () => {
    const { workspaceId, headers } = await setUp();
    await buildAccount(ctx.db, { workspaceId });
    await buildAccount(ctx.db, { workspaceId });
    // A former customer is in no phase: not counted.
    await buildAccount(ctx.db, { workspaceId, churnedOn: "2026-04-26", churnSource: "manual" });
    const res = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: "propose", custom: false });
    expect(res.json.phases[0].key).toBe("proposal");
    expect(res.json.accountsByPhase.proposal).toBe(2);
    expect(res.json.accountsByPhase.onboarding).toBe(0);
  });

  it("saves the workspace's phases and mode, which the account phase then follows", async () => {
    const { workspaceId, headers } = await setUp();
    const saved = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: customPhases, mode: "auto" },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ mode: "auto", custom: true });
    expect(saved.json.phases.map((phase: { key: string }) => phase.key)).toEqual([
      "start",
      "middle",
      "end",
    ]);
    const account = await buildAccount(ctx.db, { workspaceId });
    const phase = await call(ctx, "GET", `/api/v1/accounts/${account.id}/phase?lang=en`, {
      headers,
    });
    expect(phase.json).toMatchObject({
      mode: "auto",
      phase: { key: "start", name: "Start" },
      nextPhase: { key: "middle", name: "Middle" },
      phases: [
        { key: "start", name: "Start" },
        { key: "middle", name: "Middle" },
        { key: "end", name: "End" },
      ],
    });
    const modeOnly = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { mode: "propose" },
    });
    expect(modeOnly.json).toMatchObject({ mode: "propose", custom: true });
    expect(modeOnly.json.accountsByPhase).toEqual({ start: 1, middle: 0, end: 0 });
  });

  it("refuses (409) to remove a phase accounts are in, and changes nothing", async () => {
    const { workspaceId, headers } = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/phases", { headers, body: { phases: customPhases } });
    const account = await buildAccount(ctx.db, { workspaceId });
    const moved = await call(ctx, "PUT", `/api/v1/accounts/${account.id}/phase`, {
      headers,
      body: { phaseKey: "middle" },
    });
    expect(moved.status).toBe(200);
    const res = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [customPhases[0], customPhases[2]], mode: "auto" },
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toContain('"middle" (1 accounts)');
    const after = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(after.json.mode).toBe("propose");
    expect(after.json.phases).toHaveLength(3);
    // Back to the default would remove "middle" too.
    const reset = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: null },
    });
    expect(reset.status).toBe(409);
  });

  it("counts no churned account in a phase, nor keeps one from being removed", async () => {
    const { workspaceId, headers } = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/phases", { headers, body: { phases: customPhases } });
    const account = await buildAccount(ctx.db, { workspaceId });
    await call(ctx, "PUT", `/api/v1/accounts/${account.id}/phase`, {
      headers,
      body: { phaseKey: "end" },
    });
    const before = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(before.json.accountsByPhase).toEqual({ start: 0, middle: 0, end: 1 });
    await ctx.db
      .update(accounts)
      .set({ churnedOn: "2026-04-26", churnSource: "manual", churnReason: "price" })
      .where(eq(accounts.id, account.id));
    const after = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(after.json.accountsByPhase).toEqual({ start: 0, middle: 0, end: 0 });
    const removed = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [customPhases[0], customPhases[1]] },
    });
    expect(removed.status).toBe(200);
  });

  it("refuses (409) to remove a phase a scorecard applies to", async () => {
    const { headers } = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/phases", { headers, body: { phases: customPhases } });
    const saved = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers,
      body: {
        scorecards: [{ key: "late", scorecard: scorecard(), appliesTo: { phases: ["end"] } }],
      },
    });
    expect(saved.status).toBe(200);
    const res = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [customPhases[0], customPhases[1]] },
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toContain('scorecard "late" applies to "end"');
    const after = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(after.json.phases).toHaveLength(3);
  });

  it("keeps never-moved accounts in their phase when the first phase changes", async () => {
    const { workspaceId, headers } = await setUp();
    const account = await buildAccount(ctx.db, { workspaceId });
    const reordered = [customPhases[1], customPhases[0], customPhases[2]];
    const withProposal = [...reordered, { key: "proposal", name: "提案", exitCriteria: [] }];
    const res = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: withProposal },
    });
    expect(res.status).toBe(200);
    expect(res.json.accountsByPhase).toEqual({ middle: 0, start: 0, end: 0, proposal: 1 });
    const phase = await call(ctx, "GET", `/api/v1/accounts/${account.id}/phase`, { headers });
    expect(phase.json.phase.key).toBe("proposal");
  });

  it("withdraws open proposals to a removed phase, and goes back to the default with null", async () => {
    const { workspaceId, headers } = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/phases", { headers, body: { phases: customPhases } });
    const account = await buildAccount(ctx.db, { workspaceId });
    await ctx.db.insert(accountPhaseProposals).values({
      workspaceId,
      accountId: account.id,
      fromPhase: "start",
      toPhase: "middle",
      proposedAt: new Date(),
    });
    // "start" (the account's implicit phase) stays; "middle" and "end" go.
    const res = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [customPhases[0]] },
    });
    expect(res.status).toBe(200);
    const [proposal] = await ctx.db
      .select()
      .from(accountPhaseProposals)
      .where(
        and(
          eq(accountPhaseProposals.workspaceId, workspaceId),
          eq(accountPhaseProposals.accountId, account.id),
        ),
      );
    expect(proposal).toMatchObject({ resolution: "withdrawn", resolvedAt: expect.any(Date) });

    // The account is (implicitly) in "start", which the default phases do not have.
    const reset = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: null },
    });
    expect(reset.status).toBe(409);
    expect(reset.json.detail).toContain('"start" (1 accounts)');
  });

  it("goes back to core's phases with null when no account is in a removed phase", async () => {
    const { headers } = await setUp();
    await call(ctx, "PUT", "/api/v1/settings/phases", { headers, body: { phases: customPhases } });
    const reset = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: null },
    });
    expect(reset.status).toBe(200);
    expect(reset.json.custom).toBe(false);
    expect(reset.json.phases[0].key).toBe("proposal");
  });

  it("answers 422 with pointers for bad phases and an unknown mode", async () => {
    const { headers } = await setUp();
    const res = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: {
        phases: [
          {
            ...customPhases[0],
            exitCriteria: [{ key: "c", name: "c", rule: { metric: "bogus", op: ">=", value: 1 } }],
          },
          customPhases[1],
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(pointersOf(res)).toEqual(["/phases/0/exitCriteria/0/rule/metric"]);
    const repeated = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [customPhases[0], customPhases[1], { ...customPhases[2], key: "middle" }] },
    });
    expect(repeated.status).toBe(422);
    expect(pointersOf(repeated)).toEqual(["/phases/2/key"]);
    const empty = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { phases: [] },
    });
    expect(pointersOf(empty)).toEqual(["/phases"]);
    const mode = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers,
      body: { mode: "sometimes" },
    });
    expect(mode.status).toBe(422);
    expect(pointersOf(mode)).toEqual(["/mode"]);
    const after = await call(ctx, "GET", "/api/v1/settings/phases", { headers });
    expect(after.json.custom).toBe(false);
  });
});

const invoiceModel = {
  product: "invoice",
  name: { ja: "請求書", en: "Invoices" },
  levels: [
    { level: 1, name: "Lv.1", rule: { metric: "activeUsers:30d", op: ">=", value: 1 } },
    {
      level: 2,
      name: "Lv.2",
      rule: { all: [{ metric: "activeUsers:30d", op: ">=", value: 5 }] },
    },
  ],
};

describe("maturity model settings", () => {
  it("starts with core's default, saves per product, and goes back with an empty list", async () => {
    const { headers } = await setUp();
    const before = await call(ctx, "GET", "/api/v1/settings/maturity-models", { headers });
    expect(before.status).toBe(200);
    expect(before.json.custom).toBe(false);
    expect(before.json.models[0].product).toBe("default");

    const saved = await call(ctx, "PUT", "/api/v1/settings/maturity-models", {
      headers,
      body: { models: [invoiceModel] },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.custom).toBe(true);
    expect(saved.json.models).toHaveLength(1);
    expect(saved.json.models[0]).toMatchObject({ product: "invoice", name: invoiceModel.name });

    const reset = await call(ctx, "PUT", "/api/v1/settings/maturity-models", {
      headers,
      body: { models: [] },
    });
    expect(reset.json.custom).toBe(false);
  });

  it("answers 422 for misnumbered levels and repeated products", async () => {
    const { headers } = await setUp();
    const res = await call(ctx, "PUT", "/api/v1/settings/maturity-models", {
      headers,
      body: {
        models: [{ ...invoiceModel, levels: [invoiceModel.levels[1]] }, invoiceModel],
      },
    });
    expect(res.status).toBe(422);
    expect(pointersOf(res)).toEqual(
      expect.arrayContaining(["/models/0/levels/0/level", "/models/1/product"]),
    );
    const after = await call(ctx, "GET", "/api/v1/settings/maturity-models", { headers });
    expect(after.json.custom).toBe(false);
  });
});

describe("touch-model policy and usage settings", () => {
  it("saves a policy, refuses a bad one with pointers, and clears it", async () => {
    const { headers } = await setUp();
    const path = "/api/v1/settings/touch-model-policy";
    expect((await call(ctx, "GET", path, { headers })).json).toEqual({ policy: null });
    const policy = {
      rules: [{ model: "high", rule: { metric: "mrr", op: ">=", value: 300000 } }],
      default: "tech",
    };
    const saved = await call(ctx, "PUT", path, { headers, body: { policy } });
    expect(saved.status).toBe(200);
    expect(saved.json.policy).toMatchObject({ default: "tech", rules: [{ model: "high" }] });
    const bad = await call(ctx, "PUT", path, {
      headers,
      body: { policy: { rules: [{ model: "golden" }], default: "tech" } },
    });
    expect(bad.status).toBe(422);
    expect(pointersOf(bad)).toEqual(["/policy/rules/0/model"]);
    expect((await call(ctx, "GET", path, { headers })).json.policy.default).toBe("tech");
    const cleared = await call(ctx, "PUT", path, { headers, body: { policy: null } });
    expect(cleared.json).toEqual({ policy: null });
  });

  it("keeps usage for 30 to 3650 days, or forever", async () => {
    const { headers } = await setUp();
    const path = "/api/v1/settings/usage";
    expect((await call(ctx, "GET", path, { headers })).json).toEqual({ retentionDays: null });
    expect((await call(ctx, "PUT", path, { headers, body: { retentionDays: 90 } })).json).toEqual({
      retentionDays: 90,
    });
    for (const retentionDays of [29, 3651, 45.5]) {
      const res = await call(ctx, "PUT", path, { headers, body: { retentionDays } });
      expect(res.status).toBe(422);
      expect(pointersOf(res)).toEqual(["/retentionDays"]);
    }
    expect((await call(ctx, "GET", path, { headers })).json).toEqual({ retentionDays: 90 });
    expect((await call(ctx, "PUT", path, { headers, body: { retentionDays: null } })).json).toEqual(
      { retentionDays: null },
    );
  });
});

describe("OpenAPI document", () => {
  it("lists the settings, ratings, phase proposal and maturity routes", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    const { paths } = doc.json;
    for (const path of [
      "/api/v1/settings/scorecards",
      "/api/v1/settings/phases",
      "/api/v1/settings/maturity-models",
      "/api/v1/settings/touch-model-policy",
      "/api/v1/settings/usage",
    ]) {
      expect(Object.keys(paths[path]).sort()).toEqual(["get", "put"]);
    }
    expect(paths["/api/v1/settings/scorecards/preview"].post).toBeDefined();
    expect(paths["/api/v1/accounts/{id}/health/ratings"].post).toBeDefined();
    expect(paths["/api/v1/accounts/{id}/phase/proposal"].post).toBeDefined();
    expect(paths["/api/v1/accounts/{id}/maturity"].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "lang", in: "query" })]),
    );
  });
});
