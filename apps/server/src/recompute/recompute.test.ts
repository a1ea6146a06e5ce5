import {
  addCalendarDays,
  computeMetricValues,
  type DailyRollup,
  defaultChurnReasons,
  defaultScorecard,
  emptyAccountPicklists,
  emptyUsageLabels,
  type MaturityModel,
  maturityModelSchema,
  metricKey,
  metricRefSchema,
  type Phase,
  phasesSchema,
  touchModelPolicySchema,
  workspaceScorecardSchema,
} from "@michi/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountMaturityLevels,
  accountPhaseProposals,
  accountPhases,
  accounts,
  healthScores,
  usageDailyRollups,
  usageDirtyAccounts,
} from "../db/schema";
import { writePhaseMove } from "../features/lifecycle/phase.queries";
import { utcDay } from "../lib/days";
import { buildAccount, buildContract } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { findAccountStates, writePhaseMoves } from "./account-state.queries";
import type { CsModel } from "./cs-model";
import { markAccountsDirty } from "./dirty-accounts.queries";
import {
  dirtyDrainPlan,
  drainWorkspaceDirtyAccounts,
  evaluateAccounts,
  recomputeAccounts,
  recomputeAllAccounts,
} from "./recompute";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

// Small phases and levels on plain usage metrics, so a few rollup rows decide them.
const phases: Phase[] = phasesSchema.parse([
  {
    key: "start",
    name: { ja: "開始", en: "Start" },
    exitCriteria: [
      {
        key: "people",
        name: { ja: "利用者", en: "People" },
        rule: { metric: "activeUsers:30d", op: ">=", value: 2 },
      },
    ],
  },
  {
    key: "habit",
    name: { ja: "習慣化", en: "Habit" },
    exitCriteria: [
      {
        key: "days",
        name: { ja: "利用日数", en: "Days" },
        rule: { metric: "activeDays:30d", op: ">=", value: 2 },
      },
    ],
  },
  { key: "steady", name: { ja: "定常", en: "Steady" }, exitCriteria: [] },
]);

const maturity: MaturityModel = maturityModelSchema.parse({
  product: "docs",
  levels: [
    {
      level: 1,
      name: { ja: "試用", en: "Try" },
      rule: { metric: "activeUsers:30d", op: ">=", value: 1 },
    },
    {
      level: 2,
      name: { ja: "部分", en: "Part" },
      rule: { metric: "activeUsers:30d", op: ">=", value: 3 },
    },
  ],
});

const modelWith = (overrides: Partial<CsModel> = {}): CsModel => ({
  scorecards: [],
  phases,
  phaseMode: "auto",
  maturityModels: [maturity],
  touchModelPolicy: touchModelPolicySchema.parse({
    rules: [{ model: "high", rule: { metric: "activeUsers:30d", op: ">=", value: 3 } }],
    default: "low",
  }),
  usageRetentionDays: null,
  churnReasons: defaultChurnReasons,
  accountPicklists: emptyAccountPicklists,
  usageLabels: emptyUsageLabels,
  custom: { phases: true, maturityModels: true, churnReasons: false },
  ...overrides,
});

const today = utcDay(new Date());

const addUsage = async (
  workspaceId: string,
  accountId: string,
  days: { day: string; users: string[] }[],
) => {
  await ctx.db.insert(usageDailyRollups).values(
    days.map(({ day, users }) => ({
      workspaceId,
      accountId,
      day,
      eventCounts: { document_created: users.length },
      activeUserIds: users,
    })),
  );
};

const staysOf = (workspaceId: string, accountId: string) =>
  ctx.db
    .select({
      phaseKey: accountPhases.phaseKey,
      until: accountPhases.until,
      decidedBy: accountPhases.decidedBy,
    })
    .from(accountPhases)
    .where(and(eq(accountPhases.workspaceId, workspaceId), eq(accountPhases.accountId, accountId)))
    .orderBy(asc(accountPhases.since));

const openProposalsOf = async (workspaceId: string, accountId: string) =>
  (
    await ctx.db
      .select()
      .from(accountPhaseProposals)
      .where(
        and(
          eq(accountPhaseProposals.workspaceId, workspaceId),
          eq(accountPhaseProposals.accountId, accountId),
        ),
      )
  ).filter((row) => row.resolvedAt === null);

describe("recomputeAccounts", () => {
  it("scores, levels, moves one phase per run and assigns the touch model, all stored", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId, touchModel: "tech" });
    await addUsage(workspaceId, account.id, [
      { day: addCalendarDays(today, -1), users: ["u1"] },
      { day: today, users: ["u1", "u2", "u3"] },
    ]);
    const model = modelWith();

    expect(await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model })).toBe(
      1,
    );
    // The implicit first stay is written, closed, and the account is in the next phase.
    expect(await staysOf(workspaceId, account.id)).toEqual([
      { phaseKey: "start", until: expect.any(Date), decidedBy: "auto" },
      { phaseKey: "habit", until: null, decidedBy: "auto" },
    ]);
    const levels = await ctx.db
      .select({ product: accountMaturityLevels.product, level: accountMaturityLevels.level })
      .from(accountMaturityLevels)
      .where(eq(accountMaturityLevels.accountId, account.id));
    expect(levels).toEqual([{ product: "docs", level: 2 }]);
    const [stored] = await ctx.db
      .select({ touchModel: accounts.touchModel })
      .from(accounts)
      .where(eq(accounts.id, account.id));
    expect(stored?.touchModel).toBe("high");
    const [score] = await ctx.db
      .select()
      .from(healthScores)
      .where(and(eq(healthScores.accountId, account.id), eq(healthScores.day, today)));
    expect(score?.scorecardKey).toBe("default");
    expect(score?.score).toBeGreaterThan(0);

    // The next run judges the next phase's criteria (two active days hold).
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model });
    expect((await staysOf(workspaceId, account.id)).map((s) => s.phaseKey)).toEqual([
      "start",
      "habit",
      "steady",
    ]);
    // The same level again writes no new maturity row.
    expect(
      await ctx.db
        .select()
        .from(accountMaturityLevels)
        .where(eq(accountMaturityLevels.accountId, account.id)),
    ).toHaveLength(1);

    // Recomputing a past day rewrites that day's score but never rewinds the phase.
    const lastWeek = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model, at: lastWeek });
    expect((await staysOf(workspaceId, account.id)).at(-1)).toMatchObject({
      phaseKey: "steady",
      until: null,
    });
    const days = await ctx.db
      .select({ day: healthScores.day })
      .from(healthScores)
      .where(eq(healthScores.accountId, account.id));
    expect(days.map((d) => d.day).sort()).toEqual([utcDay(lastWeek), today]);
  });

  it("in propose mode opens one proposal, withdraws it when no longer met, and respects a dismissal", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    const model = modelWith({ phaseMode: "propose" });
    await addUsage(workspaceId, account.id, [{ day: today, users: ["u1", "u2"] }]);

    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model });
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model });
    const open = await openProposalsOf(workspaceId, account.id);
    expect(open).toEqual([
      expect.objectContaining({ fromPhase: "start", toPhase: "habit", resolution: null }),
    ]);
    // Nothing moved.
    expect(await staysOf(workspaceId, account.id)).toEqual([]);

    // The CSM dismisses it: the same move is not proposed again during this stay.
    await ctx.db
      .update(accountPhaseProposals)
      .set({ resolvedAt: new Date(), resolution: "dismissed" })
      .where(eq(accountPhaseProposals.accountId, account.id));
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id], model });
    expect(await openProposalsOf(workspaceId, account.id)).toEqual([]);

    // Another account: its proposal is withdrawn when the criteria stop holding.
    const other = await buildAccount(ctx.db, { workspaceId });
    await addUsage(workspaceId, other.id, [{ day: today, users: ["a", "b"] }]);
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [other.id], model });
    expect(await openProposalsOf(workspaceId, other.id)).toHaveLength(1);
    await ctx.db.delete(usageDailyRollups).where(eq(usageDailyRollups.accountId, other.id));
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [other.id], model });
    expect(await openProposalsOf(workspaceId, other.id)).toEqual([]);
  });

  it("scores each account with the first scorecard that applies to its segment and phase", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const enterprise = await buildAccount(ctx.db, { workspaceId, segment: "enterprise" });
    const smb = await buildAccount(ctx.db, { workspaceId, segment: "smb" });
    const model = modelWith({
      scorecards: [
        workspaceScorecardSchema.parse({
          key: "enterprise",
          scorecard: { ...defaultScorecard, name: { ja: "大企業", en: "Enterprise" } },
          appliesTo: { segments: ["enterprise"] },
        }),
      ],
    });
    const evaluations = await evaluateAccounts(ctx.db, {
      workspaceId,
      accountIds: [enterprise.id, smb.id],
      at: new Date(),
      model,
    });
    expect(evaluations.get(enterprise.id)?.scorecardKey).toBe("enterprise");
    expect(evaluations.get(smb.id)?.scorecardKey).toBe("default");
    // Evaluating writes nothing.
    expect(
      await ctx.db.select().from(healthScores).where(eq(healthScores.workspaceId, workspaceId)),
    ).toEqual([]);
    // An account that never used the product gets no trend points (both windows empty).
    const trend = evaluations
      .get(smb.id)
      ?.health.measures.find((m) => m.metric?.startsWith("eventCountChange"));
    expect(trend?.value ?? null).toBeNull();
  });

  it("reads seats and MRR from the contracts in force, under the workspace's stored model", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      seats: 10,
      startDate: addCalendarDays(today, -30),
      endDate: addCalendarDays(today, 300),
    });
    await addUsage(workspaceId, account.id, [{ day: today, users: ["a", "b", "c", "d", "e"] }]);
    // No model given: core's defaults (propose mode; leaving 提案 needs MRR above 0).
    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id] });
    const [score] = await ctx.db
      .select()
      .from(healthScores)
      .where(and(eq(healthScores.accountId, account.id), eq(healthScores.day, today)));
    // Stored compact: [measure, value, points, weight, contribution].
    expect(score?.measures.find(([measure]) => measure === "seat-utilisation")?.[1]).toBe(50);
    expect(await openProposalsOf(workspaceId, account.id)).toEqual([
      expect.objectContaining({ fromPhase: "proposal", toPhase: "onboarding" }),
    ]);
  });
});

describe("recompute in several batches", () => {
  const dirtyIds = async (workspaceId: string) =>
    (
      await ctx.db
        .select({ accountId: usageDirtyAccounts.accountId })
        .from(usageDirtyAccounts)
        .where(eq(usageDirtyAccounts.workspaceId, workspaceId))
    )
      .map((row) => row.accountId)
      .sort();
  const scoredIds = async (workspaceId: string) =>
    (
      await ctx.db
        .select({ accountId: healthScores.accountId })
        .from(healthScores)
        .where(eq(healthScores.workspaceId, workspaceId))
    )
      .map((row) => row.accountId)
      .sort();

  /** The write of that account's score fails inside the database. */
  const refuseScoresOf = async (accountId: string) => {
    await ctx.db.execute(
      sql.raw(`create function michi_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused for the test'; end $$`),
    );
    await ctx.db.execute(
      sql.raw(`create trigger michi_test_refuse before insert on health_scores for each row
        when (new.account_id = '${accountId}') execute function michi_test_refuse()`),
    );
  };
  const allowScores = async () => {
    await ctx.db.execute(sql.raw("drop trigger michi_test_refuse on health_scores"));
    await ctx.db.execute(sql.raw("drop function michi_test_refuse()"));
  };

  it("reads the next batch while writing one; a failed write puts back its marks and those read ahead", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const account = await buildAccount(ctx.db, { workspaceId });
      await addUsage(workspaceId, account.id, [{ day: today, users: [`u${i}`] }]);
      ids.push(account.id);
    }
    ids.sort();
    await markAccountsDirty(ctx.db, { workspaceId, accountIds: ids });
    // The write of the second batch (ids 2 and 3, by id) fails.
    await refuseScoresOf(ids[2]!);
    try {
      // Drizzle wraps the database's error: its message names the failed query.
      await expect(
        recomputeAccounts(ctx.db, { workspaceId, model: modelWith(), batchSize: 2 }),
      ).rejects.toThrow(/insert into health_scores/);
    } finally {
      await allowScores();
    }
    // The first batch is stored; the failed one and those read ahead are dirty again.
    expect(await scoredIds(workspaceId)).toEqual(ids.slice(0, 2));
    expect(await dirtyIds(workspaceId)).toEqual(ids.slice(2));

    expect(await recomputeAccounts(ctx.db, { workspaceId, model: modelWith(), batchSize: 2 })).toBe(
      5,
    );
    expect(await scoredIds(workspaceId)).toEqual(ids);
    expect(await dirtyIds(workspaceId)).toEqual([]);
    // By page, every account again, in batches of 3; the marks are taken.
    await markAccountsDirty(ctx.db, { workspaceId, accountIds: ids.slice(0, 2) });
    expect(await recomputeAllAccounts(ctx.db, { workspaceId, batchSize: 3 })).toBe(7);
    expect(await dirtyIds(workspaceId)).toEqual([]);
    // A full recompute that fails marks every account, since it took all marks at the start.
    await refuseScoresOf(ids[4]!);
    try {
      await expect(recomputeAllAccounts(ctx.db, { workspaceId, batchSize: 2 })).rejects.toThrow(
        /insert into health_scores/,
      );
    } finally {
      await allowScores();
    }
    expect(await dirtyIds(workspaceId)).toEqual(ids);
  });
  describe("the dirty job's plan", () => {
    it("takes marks by batches unless two batches' worth and half the accounts are marked", () => {
      const plan = (dirty: number, accounts: number | null) =>
        dirtyDrainPlan({ dirty, accounts, batchSize: 1000 });
      expect(plan(1999, null)).toBe("batches");
      expect(plan(2000, 4000)).toBe("full");
      expect(plan(2000, 4001)).toBe("batches");
      expect(plan(100_000, 100_000)).toBe("full");
      expect(plan(5000, 100_000)).toBe("batches");
    });

    it("drains a workspace most of whose accounts are marked with one full recompute", async () => {
      const workspaceId = (await buildWorkspace(ctx)).id;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await buildAccount(ctx.db, { workspaceId })).id);
      ids.sort();
      // One marked, under two batches of 2: that one alone.
      await markAccountsDirty(ctx.db, { workspaceId, accountIds: ids.slice(0, 1) });
      expect(await drainWorkspaceDirtyAccounts(ctx.db, { workspaceId, batchSize: 2 })).toBe(1);
      expect(await scoredIds(workspaceId)).toEqual(ids.slice(0, 1));
      // Four of five marked (as after a model change): every account, in one run.
      await markAccountsDirty(ctx.db, { workspaceId, accountIds: ids.slice(1) });
      expect(await drainWorkspaceDirtyAccounts(ctx.db, { workspaceId, batchSize: 2 })).toBe(5);
      expect(await scoredIds(workspaceId)).toEqual(ids);
      expect(await dirtyIds(workspaceId)).toEqual([]);
    });
  });
});

describe("a full recompute by pages", () => {
  it("stores the scores a recompute by ids stores, for accounts with and without usage on every page", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const account = await buildAccount(ctx.db, { workspaceId });
      ids.push(account.id);
      // Every third account has no usage: pages of 3 hold accounts with and without rows.
      if (i % 3 === 2) continue;
      const days = Array.from({ length: 1 + i }, (_, d) => ({
        day: addCalendarDays(today, -4 * d),
        users: Array.from({ length: 1 + ((i + d) % 4) }, (_, u) => `user-${i}-${u}`),
      }));
      await addUsage(workspaceId, account.id, days);
    }
    const stored = async () =>
      (
        await ctx.db
          .select({
            accountId: healthScores.accountId,
            score: healthScores.score,
            band: healthScores.band,
            coverage: healthScores.coverage,
            measures: healthScores.measures,
          })
          .from(healthScores)
          .where(eq(healthScores.workspaceId, workspaceId))
      ).sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    // The default model: no contracts, so no account leaves the first phase, and the
    // default scorecard reads no maturity level: both runs decide from the same data.
    expect(await recomputeAccounts(ctx.db, { workspaceId, accountIds: ids })).toBe(8);
    const byIds = await stored();
    expect(new Set(byIds.map((row) => row.score)).size).toBeGreaterThan(2);
    await ctx.db.delete(healthScores).where(eq(healthScores.workspaceId, workspaceId));
    expect(await recomputeAllAccounts(ctx.db, { workspaceId, batchSize: 3, inWorker: false })).toBe(
      8,
    );
    expect(await stored()).toEqual(byIds);
    // On PGlite, counted and decided in the worker thread (as for a large workspace).
    await ctx.db.delete(healthScores).where(eq(healthScores.workspaceId, workspaceId));
    expect(await recomputeAllAccounts(ctx.db, { workspaceId, batchSize: 3, inWorker: true })).toBe(
      8,
    );
    expect(await stored()).toEqual(byIds);
  });
});

describe("evaluateAccounts", () => {
  it("computes every usage metric as core computes it from the same rollups", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const metrics = [
      "activeUsers:7d",
      "activeUsers:30d",
      "activeUsersChange:7d",
      "activeUsersChange:30d",
      "eventCountChange:30d",
      "activeDays:30d",
      "distinctEvents:30d",
      "totalEvents:7d",
      "daysSinceLastSeen",
    ];
    const model = modelWith({
      phases: phasesSchema.parse([
        {
          key: "only",
          name: { ja: "唯一", en: "Only" },
          exitCriteria: metrics.map((metric, i) => ({
            key: `c${i}`,
            name: { ja: metric, en: metric },
            rule: { metric, op: ">=", value: 0 },
          })),
        },
      ]),
    });
    const rollupsOf = new Map<string, DailyRollup[]>();
    for (let i = 0; i < 4; i++) {
      const account = await buildAccount(ctx.db, { workspaceId });
      // Users in both windows, some days with users and no events, one account idle of late.
      const rollups = Array.from(
        { length: 12 },
        (_, d): DailyRollup => ({
          day: addCalendarDays(today, -(i === 3 ? 35 : 0) - 5 * d),
          eventCounts: d % 3 === 2 ? {} : { document_created: 1 + d, [`event-${d % 4}`]: i + 1 },
          activeUserIds: Array.from({ length: 1 + ((i + d) % 3) }, (_, u) => `u${(d + u) % 5}`),
        }),
      );
      await addUsage(
        workspaceId,
        account.id,
        rollups.map(({ day, activeUserIds }) => ({ day, users: activeUserIds })),
      );
      // addUsage writes its own counts: store these rollups' counts instead.
      for (const rollup of rollups) {
        await ctx.db
          .update(usageDailyRollups)
          .set({ eventCounts: rollup.eventCounts })
          .where(
            and(
              eq(usageDailyRollups.workspaceId, workspaceId),
              eq(usageDailyRollups.accountId, account.id),
              eq(usageDailyRollups.day, rollup.day),
            ),
          );
      }
      rollupsOf.set(account.id, rollups);
    }
    const evaluations = await evaluateAccounts(ctx.db, {
      workspaceId,
      accountIds: [...rollupsOf.keys()],
      at: new Date(),
      model,
    });
    const refs = metrics.map((metric) => metricRefSchema.parse(metric));
    for (const [accountId, rollups] of rollupsOf) {
      const expected = computeMetricValues({ asOf: today, rollups }, refs);
      const values = evaluations.get(accountId)?.values ?? {};
      for (const ref of refs) {
        expect(values[metricKey(ref)], `${accountId} ${metricKey(ref)}`).toEqual(
          expected[metricKey(ref)],
        );
      }
    }
  });
});

describe("findAccountStates", () => {
  it("reads a page by its range but answers only the page's accounts", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await buildAccount(ctx.db, { workspaceId })).id);
    ids.sort();
    // The middle account stands for one created inside the range after the page was read.
    const page = [ids[0]!, ids[2]!];
    const states = await findAccountStates(ctx.db, {
      workspaceId,
      accountIds: page,
      idRange: { first: ids[0]!, last: ids[2]! },
    });
    expect(states.map((state) => state.id).sort()).toEqual(page);
  });
});

describe("writePhaseMoves", () => {
  it("leaves an account moved by hand after the batch read it where the person put it", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const [raced, untouched] = [
      await buildAccount(ctx.db, { workspaceId }),
      await buildAccount(ctx.db, { workspaceId }),
    ];
    const t0 = new Date("2026-03-01T00:00:00Z");
    const moveByHand = (accountId: string, phaseKey: string, at: Date) =>
      ctx.db.transaction((tx) =>
        writePhaseMove(tx, {
          workspaceId,
          accountId,
          createdAt: new Date("2026-01-01T00:00:00Z"),
          firstPhaseKey: "start",
          phaseKey,
          decidedBy: "user",
          at,
        }),
      );
    // Both in "start" since t0 when the batch reads them; the job decides "habit" for both.
    await moveByHand(raced.id, "start", t0);
    await moveByHand(untouched.id, "start", t0);
    const moves = [raced, untouched].map((account) => ({
      accountId: account.id,
      toPhase: "habit",
      staySince: t0,
      implicitFirst: null,
    }));
    // Meanwhile a CSM moves one of them to "steady".
    await moveByHand(raced.id, "steady", new Date("2026-03-05T00:00:00Z"));

    const moved = await ctx.db.transaction((tx) =>
      writePhaseMoves(tx, { workspaceId, at: new Date("2026-03-06T00:00:00Z"), moves }),
    );
    expect(moved).toEqual([untouched.id]);
    expect(await staysOf(workspaceId, raced.id)).toEqual([
      expect.objectContaining({ phaseKey: "start" }),
      expect.objectContaining({ phaseKey: "start", until: new Date("2026-03-05T00:00:00Z") }),
      { phaseKey: "steady", until: null, decidedBy: "user" },
    ]);
    expect((await staysOf(workspaceId, untouched.id)).at(-1)).toEqual({
      phaseKey: "habit",
      until: null,
      decidedBy: "auto",
    });
  });
});
