import {
  addCalendarDays,
  DEFAULT_MATURITY_PRODUCT,
  defaultMaturityLevels,
  defaultPhases,
  localizeText,
  medianTimeInPhase,
  type PhaseHistoryEntry,
  scorecardSchema,
} from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountMaturityLevels,
  accountPhases,
  type accounts,
  healthScores,
  type StoredHealthMeasure,
  scorecards,
} from "../../db/schema";
import { buildAccount, buildContract } from "../../seed/factories";
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

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addCalendarDays(today, offset);
/** A moment of a day, mid-morning UTC, so date conversions are tested off midnight. */
const at = (offset: number) => new Date(`${day(offset)}T09:30:00Z`);

// Stored compact ([measure, value, points, weight, contribution]); names come from the scorecard.
const measures = (usage: number, support: number): StoredHealthMeasure[] => [
  ["usage", usage, usage * 2, 0.5, usage],
  ["support", support, support * 2, 0.5, support],
];

/** The scorecard the stored scores name: its measures' names are the reasons' names. */
const SCORECARD_KEY = "plain";
const plainScorecard = scorecardSchema.parse({
  name: { ja: "簡易", en: "Plain" },
  measures: [
    {
      kind: "metric",
      key: "usage",
      name: { ja: "利用", en: "Usage" },
      metric: "activeUsers:30d",
      scoring: { kind: "linear", from: 0, to: 10 },
      weight: 50,
    },
    {
      kind: "metric",
      key: "support",
      name: { ja: "問い合わせ", en: "Support" },
      metric: "totalEvents:30d",
      scoring: { kind: "linear", from: 0, to: 10 },
      weight: 50,
    },
  ],
});

const band = (score: number) => (score < 50 ? "red" : score < 75 ? "yellow" : "green");

const score = (
  workspaceId: string,
  accountId: string,
  offset: number,
  usage: number,
  support: number,
) => {
  const total = usage + support;
  return {
    workspaceId,
    accountId,
    day: day(offset),
    score: total,
    band: band(total),
    coverage: 1,
    measures: measures(usage, support),
    scorecardKey: SCORECARD_KEY,
  } as const;
};

/**
 * Five accounts (A–E) in one workspace and a red one (F) in another:
 * A red now, was green 30 days ago (fell 35, support lost most); B yellow,
 * scored only lately; C green, fell 10, red before the 90 days; D never
 * scored; E red with nothing to compare.
 */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  await ctx.db
    .insert(scorecards)
    .values({ workspaceId, key: SCORECARD_KEY, position: 0, scorecard: plainScorecard });
  const owner = await buildUser(ctx, { workspaceId, role: "csm", name: "Sato Hanako" });
  const other = await buildUser(ctx, { workspaceId, role: "csm", name: "Suzuki Ichiro" });
  const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
  const createdAt = at(-100);
  const make = (name: string, extra: Partial<typeof accounts.$inferInsert>) =>
    buildAccount(ctx.db, { workspaceId, name, createdAt, ...extra });
  const a = await make("A Corp", {
    ownerUserId: owner.user.id,
    segment: "enterprise",
    touchModel: "high",
  });
  const b = await make("B Corp", { segment: "smb", touchModel: "tech" });
  const c = await make("C Corp", {
    ownerUserId: other.user.id,
    segment: "smb",
    touchModel: "tech",
  });
  const d = await make("D Corp", { segment: "enterprise" });
  const e = await make("E Corp", { ownerUserId: other.user.id });

  await ctx.db
    .insert(healthScores)
    .values([
      score(workspaceId, a.id, -40, 50, 30),
      score(workspaceId, a.id, -10, 40, 5),
      score(workspaceId, b.id, -5, 40, 30),
      score(workspaceId, b.id, 0, 30, 30),
      score(workspaceId, c.id, -100, 10, 10),
      score(workspaceId, c.id, -60, 50, 40),
      score(workspaceId, c.id, -1, 45, 35),
      score(workspaceId, e.id, 0, 25, 5),
    ]);

  const stays = [
    { accountId: a.id, phaseKey: "proposal", since: at(-100), until: at(-80) },
    { accountId: a.id, phaseKey: "onboarding", since: at(-80), until: at(-50) },
    { accountId: a.id, phaseKey: "trial-run", since: at(-50), until: null },
    { accountId: c.id, phaseKey: "proposal", since: at(-100), until: at(-90) },
    { accountId: c.id, phaseKey: "onboarding", since: at(-90), until: null },
  ];
  await ctx.db
    .insert(accountPhases)
    .values(stays.map((stay) => ({ workspaceId, decidedBy: "user" as const, ...stay })));

  const product = DEFAULT_MATURITY_PRODUCT;
  await ctx.db.insert(accountMaturityLevels).values([
    { workspaceId, accountId: a.id, product, level: 1, since: at(-60), until: at(-20) },
    { workspaceId, accountId: a.id, product, level: 2, since: at(-20), until: null },
    { workspaceId, accountId: c.id, product, level: 1, since: at(-30), until: null },
    // Explicitly back to 0: counts as not started.
    { workspaceId, accountId: b.id, product, level: 0, since: at(-30), until: null },
  ]);

  await buildContract(ctx.db, { workspaceId, accountId: a.id, mrrMinor: 300_000, currency: "JPY" });
  await buildContract(ctx.db, { workspaceId, accountId: a.id, mrrMinor: 999, status: "churned" });
  await buildContract(ctx.db, { workspaceId, accountId: c.id, mrrMinor: 100_000, currency: "JPY" });
  await buildContract(ctx.db, { workspaceId, accountId: c.id, mrrMinor: 5_000, currency: "USD" });

  // A former customer, red today on no use, in renewal with a contract still active: a
  // churned account is counted nowhere (accounts, MRR, bands, phases, at risk).
  const g = await make("G Corp", {
    ownerUserId: owner.user.id,
    segment: "enterprise",
    touchModel: "high",
    churnedOn: day(-20),
    churnSource: "manual",
    churnReason: "price",
  });
  await ctx.db.insert(healthScores).values({
    ...score(workspaceId, g.id, 0, 0, 0),
    measures: [
      ["usage", null, null, 0.5, 0],
      ["support", 0, 0, 0.5, 0],
    ],
  });
  await ctx.db.insert(accountPhases).values({
    workspaceId,
    accountId: g.id,
    phaseKey: "renewal",
    since: at(-300),
    until: null,
    decidedBy: "user",
  });
  await buildContract(ctx.db, { workspaceId, accountId: g.id, mrrMinor: 50_000, currency: "JPY" });

  // Another tenant's red account with a contract and a phase: never counted here.
  const otherWorkspaceId = (await buildWorkspace(ctx)).id;
  const f = await buildAccount(ctx.db, {
    workspaceId: otherWorkspaceId,
    name: "F Corp",
    createdAt,
  });
  await ctx.db.insert(healthScores).values(score(otherWorkspaceId, f.id, 0, 5, 5));
  await buildContract(ctx.db, { workspaceId: otherWorkspaceId, accountId: f.id, mrrMinor: 7_777 });

  return { workspaceId, owner, other, viewer, accounts: { a, b, c, d, e }, stays };
};

const get = (headers: Record<string, string>, query = "") =>
  call(ctx, "GET", `/api/v1/portfolio${query}`, { headers });

describe("GET /portfolio", () => {
  it("counts bands, phases, maturity levels, touch models and MRR of the workspace only", async () => {
    const { viewer, accounts: list, stays } = await setUp();
    const res = await get(viewer.headers, "?lang=en");
    expect(res.status).toBe(200);
    const body = res.json;
    expect(body.asOf).toBe(today);
    expect(body.accounts).toBe(5);
    expect(body.mrr).toEqual([
      { currency: "JPY", minor: 400_000 },
      { currency: "USD", minor: 5_000 },
    ]);
    expect(body.segments).toEqual(["enterprise", "smb"]);

    // Latest score per account: A 45 red, B 60 yellow, C 80 green, D none, E 30 red.
    expect(body.health.distribution).toEqual({ red: 2, yellow: 1, green: 1, none: 1 });
    expect(body.health.averageScore).toBe(53.8);

    const phase = (key: string) => body.phases.find((p: { key: string }) => p.key === key);
    expect(body.phases.map((p: { key: string }) => p.key)).toEqual(defaultPhases.map((p) => p.key));
    // B, D and E have no phase rows: they are in the first phase.
    expect(phase("proposal")).toMatchObject({
      name: localizeText(defaultPhases[0]!.name, "en"),
      accounts: 3,
      mrr: [],
      medianDaysInPhase: 15,
      completedStays: 2,
    });
    expect(phase("onboarding")).toMatchObject({
      accounts: 1,
      mrr: [
        { currency: "JPY", minor: 100_000 },
        { currency: "USD", minor: 5_000 },
      ],
      medianDaysInPhase: 30,
      completedStays: 1,
    });
    expect(phase("trial-run")).toMatchObject({
      accounts: 1,
      mrr: [{ currency: "JPY", minor: 300_000 }],
      medianDaysInPhase: null,
      completedStays: 0,
    });
    // The same medians as core's medianTimeInPhase over the same histories.
    const histories: PhaseHistoryEntry[][] = [list.a.id, list.c.id].map((id) =>
      stays
        .filter((stay) => stay.accountId === id)
        .map((stay) => ({ phase: stay.phaseKey, since: stay.since.toISOString().slice(0, 10) })),
    );
    const core = medianTimeInPhase(histories);
    for (const [key, summary] of Object.entries(core)) {
      expect(phase(key)).toMatchObject({
        medianDaysInPhase: summary.medianDays,
        completedStays: summary.completedStays,
      });
    }

    expect(body.maturity).toHaveLength(1);
    const [product] = body.maturity;
    expect(product.product).toBe(DEFAULT_MATURITY_PRODUCT);
    expect(product.levels).toHaveLength(defaultMaturityLevels.length + 1);
    expect(product.levels.slice(0, 3)).toEqual([
      { level: 0, name: "Not started", accounts: 3 },
      { level: 1, name: localizeText(defaultMaturityLevels[0]!.name, "en"), accounts: 1 },
      { level: 2, name: localizeText(defaultMaturityLevels[1]!.name, "en"), accounts: 1 },
    ]);
    expect(
      product.levels.slice(3).every((level: { accounts: number }) => level.accounts === 0),
    ).toBe(true);

    expect(body.touchModels).toEqual([
      { model: "high", accounts: 1, mrr: [{ currency: "JPY", minor: 300_000 }] },
      { model: "low", accounts: 0, mrr: [] },
      {
        model: "tech",
        accounts: 2,
        mrr: [
          { currency: "JPY", minor: 100_000 },
          { currency: "USD", minor: 5_000 },
        ],
      },
      { model: "community", accounts: 0, mrr: [] },
      { model: null, accounts: 2, mrr: [] },
    ]);
  });

  it("counts each day's scores, leaves out days without any, and ends on each account's latest", async () => {
    const { viewer } = await setUp();
    const { health } = (await get(viewer.headers)).json;
    const { trend } = health;
    // C's red score is from before the 90 days; other days nobody was scored.
    expect(trend.map((point: { day: string }) => point.day)).toEqual(
      [-60, -40, -10, -5, -1, 0].map(day),
    );
    const on = (offset: number) =>
      trend.find((point: { day: string }) => point.day === day(offset));
    expect(on(-60)).toEqual({
      day: day(-60),
      red: 0,
      yellow: 0,
      green: 1,
      none: 4,
      averageScore: 90,
    });
    expect(on(-40)).toMatchObject({ green: 1, none: 4, averageScore: 80 });
    expect(on(-10)).toMatchObject({ red: 1, green: 0, none: 4, averageScore: 45 });
    expect(on(-5)).toMatchObject({ yellow: 1, none: 4, averageScore: 70 });
    expect(on(-1)).toMatchObject({ green: 1, averageScore: 80 });
    // Today: A's red score of 10 days ago and C's green one of yesterday still count.
    expect(on(0)).toEqual({
      day: today,
      red: 2,
      yellow: 1,
      green: 1,
      none: 1,
      averageScore: 53.8,
    });
    expect(health.distribution).toEqual({ red: 2, yellow: 1, green: 1, none: 1 });
    expect(health.averageScore).toBe(53.8);
  });

  it("lists red accounts first, then the steepest falls, with the measures that lost most", async () => {
    const { viewer, owner, other, accounts: list } = await setUp();
    const { atRisk } = (await get(viewer.headers, "?lang=ja")).json;
    expect(atRisk.map((row: { name: string }) => row.name)).toEqual(["A Corp", "E Corp", "C Corp"]);
    expect(atRisk[0]).toEqual({
      accountId: list.a.id,
      name: "A Corp",
      owner: { id: owner.user.id, name: "Sato Hanako" },
      score: 45,
      band: "red",
      change: -35,
      reasons: [
        { measure: "support", name: "問い合わせ", contributionChange: -25, points: 10 },
        { measure: "usage", name: "利用", contributionChange: -10, points: 80 },
      ],
    });
    // Nothing 30 days ago to compare with: its weakest measures, lowest first.
    expect(atRisk[1]).toMatchObject({
      owner: { id: other.user.id, name: "Suzuki Ichiro" },
      score: 30,
      change: null,
      reasons: [
        { measure: "support", contributionChange: null, points: 10 },
        { measure: "usage", contributionChange: null, points: 50 },
      ],
    });
    expect(atRisk[2]).toMatchObject({ band: "green", change: -10 });
    // Equal losses keep the scorecard's order (core's explainHealthChange).
    expect(atRisk[2].reasons.map((r: { measure: string }) => r.measure)).toEqual([
      "usage",
      "support",
    ]);
  });

  it("gives no measure without data as a reason", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    await ctx.db
      .insert(scorecards)
      .values({ workspaceId, key: SCORECARD_KEY, position: 0, scorecard: plainScorecard });
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const account = await buildAccount(ctx.db, { workspaceId, name: "H Corp", createdAt: at(-50) });
    await ctx.db.insert(healthScores).values({
      ...score(workspaceId, account.id, 0, 0, 4),
      measures: [
        ["usage", null, null, 0.5, 0],
        ["support", 4, 8, 0.5, 8],
      ],
    });
    const { atRisk } = (await get(viewer.headers)).json;
    expect(atRisk).toHaveLength(1);
    expect(atRisk[0].reasons).toEqual([
      { measure: "support", name: "問い合わせ", contributionChange: null, points: 8 },
    ]);
  });

  it("filters by owner, segment and touch model, together", async () => {
    const { viewer, owner } = await setUp();
    const tech = (await get(viewer.headers, "?touchModel=tech")).json;
    expect(tech.accounts).toBe(2);
    expect(tech.health.distribution).toEqual({ red: 0, yellow: 1, green: 1, none: 0 });
    expect(tech.atRisk.map((row: { name: string }) => row.name)).toEqual(["C Corp"]);
    expect(tech.mrr).toEqual([
      { currency: "JPY", minor: 100_000 },
      { currency: "USD", minor: 5_000 },
    ]);

    const mine = (await get(viewer.headers, `?owner=${owner.user.id}`)).json;
    expect(mine.accounts).toBe(1);
    expect(mine.atRisk.map((row: { name: string }) => row.name)).toEqual(["A Corp"]);
    expect(mine.phases.find((p: { key: string }) => p.key === "trial-run").accounts).toBe(1);
    expect(mine.phases.find((p: { key: string }) => p.key === "proposal")).toMatchObject({
      accounts: 0,
      completedStays: 1,
      medianDaysInPhase: 20,
    });

    const enterprise = (await get(viewer.headers, "?segment=enterprise")).json;
    expect(enterprise.accounts).toBe(2);
    expect(enterprise.health.distribution).toEqual({ red: 1, yellow: 0, green: 0, none: 1 });
    expect(enterprise.maturity[0].levels[0].accounts).toBe(1);
    expect(enterprise.maturity[0].levels[2].accounts).toBe(1);

    const none = (await get(viewer.headers, "?segment=enterprise&touchModel=tech")).json;
    expect(none.accounts).toBe(0);
    expect(none.health.distribution).toEqual({ red: 0, yellow: 0, green: 0, none: 0 });
    expect(none.health.averageScore).toBeNull();
    expect(none.atRisk).toEqual([]);
  });

  it("answers a workspace with nothing yet, refuses bad filters and anonymous calls", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const { headers } = await buildUser(ctx, { workspaceId, role: "viewer" });
    const empty = await get(headers);
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ accounts: 0, mrr: [], atRisk: [], segments: [] });
    expect(empty.json.health.trend).toEqual([]);
    expect(empty.json.phases[0]).toMatchObject({ accounts: 0, medianDaysInPhase: null });

    const bad = await get(headers, "?touchModel=sometimes&lang=fr");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      "/lang",
      "/touchModel",
    ]);

    expect((await call(ctx, "GET", "/api/v1/portfolio")).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    expect(doc.json.paths["/api/v1/portfolio"].get.tags).toEqual(["Portfolio"]);
  });
});
