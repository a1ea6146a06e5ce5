import { addCalendarDays, defaultScorecard, rocAuc } from "@michi/core";
import { generatePlantedChurn } from "@michi/core/synthetic";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, healthScores, usageDailyRollups } from "../../db/schema";
import { drainWorkspaceDirtyAccounts } from "../../recompute";
import { buildAccounts, buildContracts } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { refreshContractChurn } from "../accounts/churn.queries";

let ctx: TestContext;
const today = new Date().toISOString().slice(0, 10);
const firstDay = addCalendarDays(today, -230);

/**
 * A workspace with 120 accounts and 230 days of usage where a quarter churn,
 * their "post" events fading over the 60 days before (core's planted churn):
 * usage as daily rollups, contracts that end on the churn day.
 */
const seedHistory = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const planted = generatePlantedChurn({ seed: 7, accountCount: 120, dayCount: 230, firstDay });
  const rows = await buildAccounts(
    ctx.db,
    planted.accounts.map(() => ({ workspaceId })),
  );
  await buildContracts(
    ctx.db,
    planted.accounts.map((account, i) => ({
      workspaceId,
      accountId: rows[i]!.id,
      seats: account.seats,
      mrrMinor: account.mrr,
      startDate: addCalendarDays(firstDay, -200),
      ...(account.churnDay === null
        ? { endDate: null, status: "active" as const }
        : { endDate: planted.days[account.churnDay - 1]!, status: "expired" as const }),
    })),
  );
  const rollups = planted.accounts.flatMap((account, i) =>
    account.rollups.map((r) => ({ workspaceId, accountId: rows[i]!.id, ...r })),
  );
  for (let i = 0; i < rollups.length; i += 2000) {
    await ctx.db.insert(usageDailyRollups).values(rollups.slice(i, i + 2000));
  }
  await refreshContractChurn(ctx.db, { workspaceId, today });
  const admin = await buildUser(ctx, { workspaceId, role: "admin" });
  return { workspaceId, headers: admin.headers, accountIds: rows.map((r) => r.id) };
};

let history: Awaited<ReturnType<typeof seedHistory>>;
const range = {
  from: addCalendarDays(firstDay, 100),
  to: addCalendarDays(today, -31),
  everyDays: 14,
  horizonDays: 30,
};

beforeAll(async () => {
  ctx = await createTestContext();
  history = await seedHistory();
}, 120_000);

const post = (path: string, body: unknown, headers = history.headers) =>
  call(ctx, "POST", `/api/v1${path}`, { headers, body });

describe("POST /health/backtest", () => {
  it("scores every customer as of each day and tells how well the score predicted churn", async () => {
    const res = await post("/health/backtest", { scorecard: "default", ...range });
    expect(res.status).toBe(200);
    const { json } = res;
    expect(json.days[0]).toBe(range.from);
    expect(json.observations).toBeGreaterThan(500);
    expect(json.churned).toBeGreaterThan(10);
    expect(json.aucLow).toBeLessThanOrEqual(json.auc);
    expect(json.aucHigh).toBeGreaterThanOrEqual(json.auc);
    expect(json.bands.map((b: { band: string }) => b.band)).toEqual([
      "red",
      "yellow",
      "green",
      "none",
    ]);
    expect(json.liftByDecile).toHaveLength(10);
    expect(json.roc[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(json.measures.map((m: { key: string }) => m.key)).toEqual(
      defaultScorecard.measures.map((m) => m.key),
    );

    // A scorecard that looks at the planted signal predicts far better.
    const looking = await post("/health/backtest", {
      scorecard: {
        measures: [
          {
            kind: "metric",
            key: "post-trend",
            name: "post",
            metric: "eventCountChange:30d:post",
            scoring: { kind: "linear", from: -60, to: 0 },
            weight: 1,
          },
        ],
      },
      ...range,
    });
    expect(looking.status).toBe(200);
    expect(looking.json.observations).toBe(json.observations);
    expect(looking.json.auc).toBeGreaterThan(0.75);
    expect(looking.json.auc).toBeGreaterThan(json.auc + 0.1);
  });

  it("gives the AUC of the backfilled daily scores, as a live recompute stored them", async () => {
    const days = [range.from, addCalendarDays(range.from, 14)];
    const backfilled = await call(
      ctx,
      "POST",
      `/api/v1/health/recompute?from=${days[0]}&to=${days[1]}&everyDays=14`,
      { headers: history.headers },
    );
    expect(backfilled.status).toBe(200);
    const res = await post("/health/backtest", {
      scorecard: "default",
      ...range,
      to: days[1],
    });
    const churnRows = await ctx.db
      .select({ id: accounts.id, churnedOn: accounts.churnedOn })
      .from(accounts)
      .where(eq(accounts.workspaceId, history.workspaceId));
    const churnedOn = new Map(churnRows.map((r) => [r.id, r.churnedOn]));
    const stored = await ctx.db
      .select({
        accountId: healthScores.accountId,
        day: healthScores.day,
        score: healthScores.score,
      })
      .from(healthScores)
      .where(
        and(eq(healthScores.workspaceId, history.workspaceId), inArray(healthScores.day, days)),
      );
    // The observed: customers that day (not churned by then) with a score.
    const observed = stored.filter((row) => {
      const day = churnedOn.get(row.accountId);
      return (day === null || day === undefined || day > row.day) && row.score !== null;
    });
    const labels = observed.map((row) => {
      const day = churnedOn.get(row.accountId);
      return day !== null && day !== undefined && day <= addCalendarDays(row.day, 30);
    });
    expect(res.json.auc).toBeCloseTo(
      rocAuc(
        observed.map((row) => row.score as number),
        labels,
        "lower-is-positive",
      )!,
      10,
    );
  });

  it("refuses what is not a question it can answer, with the field named and its code", async () => {
    const bad = [
      [{ scorecard: "nope", ...range }, "/scorecard", "unknown-scorecard"],
      [{ scorecard: { measures: [] }, ...range }, "/scorecard/measures", undefined],
      // Every day's horizon still open: no outcome known yet.
      [
        {
          scorecard: "default",
          ...range,
          from: addCalendarDays(today, -20),
          to: addCalendarDays(today, -5),
        },
        "/to",
        "outcome-not-known-yet",
      ],
      [{ scorecard: "default", ...range, everyDays: 1 }, "/everyDays", "too-many-observation-days"],
      [
        { scorecard: "default", ...range, from: range.to, to: range.from },
        "/from",
        "start-after-end",
      ],
      [{ scorecard: "default", ...range, horizonDays: 0 }, "/horizonDays", "days-out-of-range"],
    ] as const;
    for (const [body, pointer, code] of bad) {
      const res = await post("/health/backtest", body);
      expect(res.status, pointer).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = res.json.errors.find((e: { pointer: string }) => e.pointer === pointer);
      expect(problem, pointer).toBeDefined();
      if (code) expect(problem.code, pointer).toBe(code);
    }
    const unknown = await post("/health/backtest", { scorecard: "nope", ...range });
    expect(unknown.json.errors[0].params).toEqual({ key: "nope", known: ["default"] });
    // A workspace without accounts has nothing to fit on: the reason is the code.
    const empty = (await buildWorkspace(ctx)).id;
    const emptyAdmin = await buildUser(ctx, { workspaceId: empty, role: "admin" });
    const unfit = await post("/health/fit", range, emptyAdmin.headers);
    expect(unfit.status).toBe(422);
    expect(unfit.json.errors[0]).toMatchObject({ pointer: "/from", code: "fit-too-few-days" });
    const csm = await buildUser(ctx, { workspaceId: history.workspaceId, role: "csm" });
    expect(
      (await post("/health/backtest", { scorecard: "default", ...range }, csm.headers)).status,
    ).toBe(403);
  });
});

describe("POST /health/fit", () => {
  it("fits a readable scorecard on earlier days that beats the one in use on later days; accepted, it scores", async () => {
    const res = await post("/health/fit", range);
    expect(res.status).toBe(200);
    const draft = res.json;
    expect(draft.status).toBe("draft");
    expect(draft.report.holdoutDays.length).toBeGreaterThan(0);
    expect(draft.report.trainingDays.at(-1) < draft.report.holdoutDays[0]).toBe(true);
    expect(draft.report.holdoutAuc).toBeGreaterThan(0.75);
    expect(draft.report.holdoutAuc).toBeGreaterThan(draft.report.current.holdoutAuc + 0.1);
    expect(draft.report.measures.some((m: { metric: string }) => m.metric.includes("post"))).toBe(
      true,
    );
    for (const measure of draft.report.measures) {
      expect(measure.explanation.ja).toMatch(/解約/);
      expect(measure.explanation.en).toMatch(/churned/);
    }
    expect(
      draft.scorecard.measures.reduce((s: number, m: { weight: number }) => s + m.weight, 0),
    ).toBe(100);
    // A draft scores nothing.
    const read = await call(ctx, "GET", `/api/v1/health/drafts/${draft.id}`, {
      headers: history.headers,
    });
    expect(read.json.id).toBe(draft.id);
    const before = await call(ctx, "GET", "/api/v1/settings/scorecards", {
      headers: history.headers,
    });
    expect(before.json.scorecards).toEqual([]);

    const accepted = await post(`/health/drafts/${draft.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.json.draft.status).toBe("accepted");
    expect(accepted.json.scorecards.map((s: { key: string }) => s.key)).toEqual(["fitted"]);
    await drainWorkspaceDirtyAccounts(ctx.db, { workspaceId: history.workspaceId });
    const health = await call(ctx, "GET", `/api/v1/accounts/${history.accountIds[0]}/health`, {
      headers: history.headers,
    });
    expect(health.json.scorecard.key).toBe("fitted");
    const again = await post(`/health/drafts/${draft.id}/accept`, {});
    expect(again.status).toBe(409);
  });

  it("takes an edited draft, refusing one that is not a scorecard", async () => {
    const { json: draft } = await post("/health/fit", range);
    const broken = await post(`/health/drafts/${draft.id}/accept`, {
      scorecard: { ...draft.scorecard, measures: [] },
    });
    expect(broken.status).toBe(422);
    expect(broken.json.errors[0].pointer).toMatch(/^\/scorecard/);
    const edited = await post(`/health/drafts/${draft.id}/accept`, {
      scorecard: { ...draft.scorecard, name: { ja: "調整済み", en: "Tuned" } },
    });
    expect(edited.status).toBe(200);
    const fitted = edited.json.scorecards.find((s: { key: string }) => s.key === "fitted");
    expect(fitted.scorecard.name).toEqual({ ja: "調整済み", en: "Tuned" });
  });
});

describe("GET /health/key-events", () => {
  it("suggests the events the product sends, with each one's AUC against churn", async () => {
    const res = await call(ctx, "GET", "/api/v1/health/key-events", { headers: history.headers });
    expect(res.status).toBe(200);
    const events = res.json.events as { event: string; auc: number | null }[];
    expect(events.map((e) => e.event).sort()).toEqual(["export", "login", "post", "view"]);
    const postAuc = events.find((e) => e.event === "post")?.auc ?? 0;
    expect(postAuc).toBeGreaterThan(0.6);
  });
});
