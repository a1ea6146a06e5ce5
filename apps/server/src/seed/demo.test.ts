import { checkPlan } from "@michi/core";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountMaturityLevels,
  accountPhaseProposals,
  accountPhases,
  accounts,
  contacts,
  contracts,
  healthScores,
  planStages,
  successPlans,
  users,
  workspaceMembers,
} from "../db/schema";
import { loadPlanCheckOptions } from "../features/success-plans/plan-checks.service";
import { loadPlanDocument } from "../features/success-plans/plan-store";
import { loadCsModel } from "../recompute";
import { buildWorkspace, createTestContext } from "../test/context";
import { planDemoWorkspace, seedDemoWorkspace, tokyoDate } from "./demo";
import { DEMO_HISTORY_DAYS, planFormerCustomers } from "./demo-churn-history";
import { industries } from "./demo-names";
import { planDemoPlan } from "./demo-plan-timeline";
import { seedDemoPlans } from "./demo-plans";
import { type DemoSeedProgress, demoSeedSteps } from "./demo-progress";
import { DEMO_DAILY_HISTORY_DAYS, demoUsageAccount, isHistoryDay } from "./demo-usage";
import { DEMO_USAGE_DAYS, planDemoUsage } from "./demo-usage-plan";

/**
 * The demo seed: its customer base, usage and history, and success plans.
 * A seed takes seconds, so the tests read one seeded workspace (and a second
 * one where they compare two seeds or seed the plans again) rather than each
 * seeding its own.
 */
const ctx = await createTestContext();
const now = new Date();

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The demo's customers (its plan), without the former customers of its churn history. */
const loadWorkspace = async (workspaceId: string) => {
  const formers = new Set(
    planFormerCustomers(now.toISOString().slice(0, 10)).map((c) => c.externalId),
  );
  const accountRows = (
    await ctx.db
      .select()
      .from(accounts)
      .where(eq(accounts.workspaceId, workspaceId))
      .orderBy(asc(accounts.externalId))
  ).filter((a) => !formers.has(a.externalId ?? ""));
  const contactRows = await ctx.db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.externalId));
  const ours = new Set(accountRows.map((a) => a.id));
  const contractRows = (
    await ctx.db
      .select()
      .from(contracts)
      .where(eq(contracts.workspaceId, workspaceId))
      .orderBy(asc(contracts.externalId))
  ).filter((c) => ours.has(c.accountId));
  const members = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  return { accountRows, contactRows, contractRows, members };
};

type Loaded = Awaited<ReturnType<typeof loadWorkspace>>;

const seedFresh = async () => {
  const workspace = await buildWorkspace(ctx);
  const progress: DemoSeedProgress[] = [];
  await seedDemoWorkspace(ctx.db, ctx.auth, {
    workspaceId: workspace.id,
    now,
    onProgress: (p) => progress.push(p),
  });
  return { workspace, progress, data: await loadWorkspace(workspace.id) };
};

/** The part of the data that does not depend on ids or on the day it was seeded. */
const fingerprint = (data: Loaded) => ({
  accounts: data.accountRows.map((a) => ({
    externalId: a.externalId,
    name: a.name,
    industry: a.industry,
    segment: a.segment,
    touchModel: a.touchModel,
    profile: a.profile,
    owner: data.members.find((m) => m.id === a.ownerUserId)?.name,
  })),
  contacts: data.contactRows.map((c) => [c.externalId, c.name, c.email, c.title, c.department]),
  contracts: data.contractRows.map((c) => [c.externalId, c.product, c.mrrMinor, c.status]),
  members: data.members.map((m) => [m.name, m.role, m.email.split("@")[0]]),
});

const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
  ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

const tally = <T extends string | number>(values: readonly T[]) => {
  const out: Record<string, number> = {};
  for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
};

type Seeded = Awaited<ReturnType<typeof seedFresh>>;

let first: Seeded;
beforeAll(async () => {
  first = await seedFresh();
}, 120_000);
let secondSeed: Promise<Seeded> | undefined;
/** A second seeded workspace, made by the first test that needs it. */
const second = () => {
  secondSeed ??= seedFresh();
  return secondSeed;
};

describe("demo workspace seed", () => {
  it("seeds a realistic Japanese customer base", async () => {
    const { accountRows, contactRows, contractRows, members } = first.data;
    const today = tokyoDate(now);

    // Accounts: ~60 in all five industries, with consistent segments and touch models.
    expect(accountRows.length).toBeGreaterThanOrEqual(55);
    expect(accountRows.length).toBeLessThanOrEqual(65);
    expect(new Set(accountRows.map((a) => a.industry))).toEqual(new Set(industries));
    for (const a of accountRows) {
      expect(a.name).toMatch(japanese);
      expect(a.externalId).toMatch(/^crm-\d{4}$/);
      const expected = { enterprise: ["high"], "mid-market": ["low"], smb: ["tech", "community"] };
      expect(expected[a.segment as keyof typeof expected]).toContain(a.touchModel);
      expect(a.profile.persona).toMatch(japanese);
      expect(a.profile.challenges).toMatch(japanese);
      expect(a.profile.successFactors).toMatch(japanese);
    }
    expect(accountRows.some((a) => a.touchModel === "community")).toBe(true);
    expect(accountRows.some((a) => a.name.endsWith("市役所"))).toBe(true);

    // The team: 4 CSMs owning every account between them, and a manager.
    const csms = members.filter((m) => m.role === "csm");
    expect(csms).toHaveLength(4);
    expect(members.filter((m) => m.role === "manager")).toHaveLength(1);
    for (const m of csms) {
      expect(m.name).toMatch(japanese);
      expect(m.email).toBe(`${m.email.split("@")[0]}@${first.workspace.slug}.michi.example`);
      expect(accountRows.filter((a) => a.ownerUserId === m.id).length).toBeGreaterThan(5);
    }
    const csmIds = new Set(csms.map((m) => m.id));
    for (const a of accountRows) expect(csmIds.has(a.ownerUserId ?? "")).toBe(true);

    // Every account has 2–5 contacts with Japanese names and titles, and a contract.
    for (const a of accountRows) {
      const own = contactRows.filter((c) => c.accountId === a.id);
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(5);
      expect(new Set(own.map((c) => c.email)).size).toBe(own.length);
      for (const c of own) {
        expect(c.name).toMatch(japanese);
        expect(c.title).toMatch(japanese);
        expect(c.email).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+\.example$/);
      }
      expect(contractRows.filter((c) => c.accountId === a.id).length).toBeGreaterThanOrEqual(1);
    }

    // Contracts: yen, a heavy tail, dates within the last three years.
    const threeYearsAgo = addDays(today, -3 * 365 - 1);
    for (const c of contractRows) {
      expect(c.currency).toBe("JPY");
      expect(Number.isInteger(c.mrrMinor)).toBe(true);
      expect(c.startDate >= threeYearsAgo && c.startDate <= today).toBe(true);
      expect(c.endDate).not.toBeNull();
      if (c.status === "active") expect(c.endDate! >= today).toBe(true);
      else expect(c.endDate! < today).toBe(true);
    }
    const mrrs = contractRows.map((c) => c.mrrMinor).sort((a, b) => a - b);
    expect(mrrs.at(-1)).toBeGreaterThanOrEqual(1_000_000);
    expect(mrrs.at(-1)).toBeLessThanOrEqual(3_000_000);
    expect(mrrs[Math.floor(mrrs.length / 2)]).toBeLessThan(300_000);

    // Scenarios: churned, expanded (add-on or upsell renewal), renewal within 60 days.
    const byAccount = accountRows.map((a) => contractRows.filter((c) => c.accountId === a.id));
    const churned = byAccount.filter((cs) => cs.every((c) => c.status === "churned"));
    const addOn = byAccount.filter(
      (cs) =>
        cs.some((c) => c.product === "Michi Docs" && c.status === "active") &&
        cs.some((c) => c.product !== "Michi Docs" && c.status === "active"),
    );
    const upsell = byAccount.filter((cs) => {
      const expired = cs.find((c) => c.status === "expired");
      const renewed = cs.find((c) => c.status === "active");
      return (
        expired &&
        renewed &&
        renewed.startDate > expired.endDate! &&
        renewed.mrrMinor > expired.mrrMinor
      );
    });
    const renewalSoon = contractRows.filter(
      (c) => c.status === "active" && c.endDate! >= today && c.endDate! <= addDays(today, 60),
    );
    expect(churned.length).toBeGreaterThanOrEqual(3);
    expect(addOn.length).toBeGreaterThanOrEqual(3);
    expect(upsell.length).toBeGreaterThanOrEqual(2);
    expect(renewalSoon.length).toBeGreaterThanOrEqual(3);
    expect(churned.length + addOn.length + upsell.length).toBeLessThan(accountRows.length / 2);
  }, 120_000);

  it("reports how far it is, step by step, in a few reports", async () => {
    const { progress, data } = first;
    // Every step, in order, each ending with all of it done.
    expect([...new Set(progress.map((p) => p.step))]).toEqual([...demoSeedSteps]);
    const last = (step: DemoSeedProgress["step"]) => progress.filter((p) => p.step === step).at(-1);
    for (const step of demoSeedSteps) {
      expect(last(step)?.done, step).toBe(last(step)?.total);
    }
    for (const [i, p] of progress.entries()) {
      const before = progress[i - 1];
      if (before?.step === p.step) expect(p.done).toBeGreaterThan(before.done);
    }
    expect(last("accounts")?.total).toBe(data.accountRows.length);
    const [{ events } = { events: 0 }] = await rowsOf<{ events: number }>(
      sql`select count(*)::int as events from usage_events where workspace_id = ${first.workspace.id}`,
    );
    expect(last("usage events")?.total).toBe(events);
    // 90 history days in four reports, one a quarter: a few lines at start-up, not 90.
    const days = progress.filter((p) => p.step === "history days");
    expect(days.map((p) => p.done)).toEqual([23, 45, 68, 90]);
    expect(progress.length).toBeLessThanOrEqual(12);
  });

  it("gives a second workspace the same data, with its own users", async () => {
    const { data } = await second();
    expect(fingerprint(data)).toEqual(fingerprint(first.data));
    const firstIds = new Set(first.data.members.map((m) => m.id));
    for (const m of data.members) expect(firstIds.has(m.id)).toBe(false);
  }, 120_000);

  it("varies only the dates with the day it is seeded", () => {
    const strip = (today: string) =>
      planDemoWorkspace(today).map((p) => ({
        ...p,
        contacts: p.contacts.map(({ externalId, ...rest }) => rest),
        contracts: p.contracts.map(({ startDate, endDate, externalId, ...rest }) => rest),
        account: { ...p.account, externalId: undefined },
      }));
    const byName = (list: ReturnType<typeof strip>) =>
      [...list].sort((a, b) => a.company.name.localeCompare(b.company.name));
    expect(byName(strip("2026-06-15"))).toEqual(byName(strip("2030-02-28")));
    expect(planDemoWorkspace("2026-06-15")).toEqual(planDemoWorkspace("2026-06-15"));
  });

  it.each(["2024-02-29", "2026-03-31", "2026-04-01", "2026-12-31"])(
    "keeps its date rules on %s",
    (today) => {
      const plan = planDemoWorkspace(today);
      const soon = addDays(today, 60);
      let renewalSoon = 0;
      for (const p of plan) {
        for (const c of p.contracts) {
          expect(c.startDate! <= today && c.startDate! >= addDays(today, -3 * 365 - 1)).toBe(true);
          expect(c.endDate! > c.startDate!).toBe(true);
          if (c.status === "active") expect(c.endDate! >= today).toBe(true);
          else expect(c.endDate! < today).toBe(true);
          if (c.status === "active" && c.endDate! <= soon) renewalSoon++;
        }
        if (p.scenario === "renewal-soon") {
          expect(p.contracts.every((c) => c.endDate! <= soon)).toBe(true);
        }
      }
      expect(renewalSoon).toBeGreaterThanOrEqual(3);
    },
  );
});

describe("demo usage and its history", () => {
  const today = now.toISOString().slice(0, 10);
  let workspaceId: string;

  beforeAll(() => {
    workspaceId = first.workspace.id;
  });

  /** Each account with its story, contracts and today's state. */
  const loadAccounts = async () => {
    const rows = await ctx.db
      .select({ id: accounts.id, externalId: accounts.externalId, segment: accounts.segment })
      .from(accounts)
      .where(eq(accounts.workspaceId, workspaceId))
      .orderBy(asc(accounts.externalId));
    const contractRows = await ctx.db
      .select()
      .from(contracts)
      .where(eq(contracts.workspaceId, workspaceId));
    const scenarios = new Map(
      planDemoWorkspace(tokyoDate(now)).map((p) => [p.account.externalId, p.scenario]),
    );
    return rows.map((row) => {
      const own = contractRows.filter((c) => c.accountId === row.id);
      return {
        ...row,
        scenario: scenarios.get(row.externalId ?? "") ?? "normal",
        active: own.some((c) => c.status === "active"),
        started: own.map((c) => c.startDate).sort()[0] ?? today,
      };
    });
  };

  it("generates the same events for the same day, a modest number of them", () => {
    const plan = planDemoWorkspace(tokyoDate(now)).map(demoUsageAccount);
    const first = planDemoUsage(plan, { today, now });
    const second = planDemoUsage(plan, { today, now });
    expect(second.events).toEqual(first.events);
    expect(first.events.length).toBeGreaterThan(20_000);
    expect(first.events.length).toBeLessThan(150_000);
    // Nothing in the future, nothing before the window.
    const from = addDays(today, -(DEMO_USAGE_DAYS - 1));
    for (const event of first.events) {
      expect(event.timestamp <= now.toISOString()).toBe(true);
      expect(event.timestamp.slice(0, 10) >= from).toBe(true);
    }
    // Weekdays are busier than weekends.
    const byWeekday = tally(first.events.map((e) => new Date(e.timestamp).getUTCDay()));
    expect(byWeekday["3"] ?? 0).toBeGreaterThan(5 * (byWeekday["0"] ?? 0));
  });

  it("leaves the planner statistics of what it wrote (PGlite has no autovacuum)", async () => {
    // reltuples is -1 until a table is first analyzed (or vacuumed). On PostgreSQL
    // autovacuum may have done it before; the maintenance pass leaves alone what it did.
    const tables = await rowsOf<{ name: string }>(sql`
      select relname as name from pg_class
      where relname in ('accounts', 'health_scores', 'usage_daily_rollups', 'account_phases')
        and relkind = 'r' and reltuples >= 0
      order by relname`);
    expect(tables.map((t) => t.name)).toEqual([
      "account_phases",
      "accounts",
      "health_scores",
      "usage_daily_rollups",
    ]);
  });

  it("seeds rollups equal to the raw events", async () => {
    const [{ events } = { events: 0 }] = await rowsOf<{ events: number }>(
      sql`select count(*)::int as events from usage_events where workspace_id = ${workspaceId}`,
    );
    expect(events).toBeGreaterThan(20_000);
    // Track events counted per account and day, from both sides.
    const mismatches = await rowsOf<{ accountId: string; day: string }>(sql`
      with raw as (
        select account_id, ("timestamp" at time zone 'UTC')::date as day, count(*)::int as n
        from usage_events
        where workspace_id = ${workspaceId} and type = 't'
        group by 1, 2
      ), rolled as (
        -- The raw window's rollups (the days before it, and former customers, are history only).
        select account_id, day, sum(value::int)::int as n
        from usage_daily_rollups, jsonb_each_text(event_counts)
        where workspace_id = ${workspaceId}
          and day >= ${addDays(today, -(DEMO_USAGE_DAYS - 1))}::date
          and account_id in (select account_id from usage_events where workspace_id = ${workspaceId})
        group by 1, 2
      )
      select coalesce(raw.account_id, rolled.account_id) as "accountId",
        coalesce(raw.day, rolled.day)::text as day
      from raw full join rolled on raw.account_id = rolled.account_id and raw.day = rolled.day
      where raw.n is distinct from rolled.n`);
    expect(mismatches).toEqual([]);
    const [{ unattached } = { unattached: -1 }] = await rowsOf<{ unattached: number }>(
      sql`select count(*)::int as unattached from usage_events
        where workspace_id = ${workspaceId} and account_id is null`,
    );
    expect(unattached).toBe(0);
  });

  it("writes a health history, red for churned accounts and green for growing ones", async () => {
    const list = await loadAccounts();
    const scores = await ctx.db
      .select({ accountId: healthScores.accountId, day: healthScores.day, band: healthScores.band })
      .from(healthScores)
      .where(eq(healthScores.workspaceId, workspaceId));
    const daysOf = (id: string) => scores.filter((s) => s.accountId === id).length;
    const bandToday = (id: string) =>
      scores.find((s) => s.accountId === id && s.day === today)?.band ?? null;
    const windowStart = addDays(today, -(DEMO_USAGE_DAYS - 1));
    // Every day of the last DEMO_DAILY_HISTORY_DAYS, once a week before: over the 90 days.
    const historyDays = Array.from({ length: DEMO_USAGE_DAYS }, (_, d) => d).filter(isHistoryDay);
    expect(historyDays.length).toBeGreaterThanOrEqual(
      Math.min(
        DEMO_USAGE_DAYS,
        DEMO_DAILY_HISTORY_DAYS + Math.floor((DEMO_USAGE_DAYS - DEMO_DAILY_HISTORY_DAYS) / 7),
      ),
    );
    expect(historyDays[0]).toBeLessThan(7);
    const established = list.filter((a) => a.active && a.started < windowStart);
    expect(established.length).toBeGreaterThan(40);
    for (const a of established) {
      expect(daysOf(a.id), a.externalId ?? "").toBe(historyDays.length);
      for (let back = 0; back < DEMO_DAILY_HISTORY_DAYS; back++) {
        const day = addDays(today, -back);
        expect(
          scores.some((s) => s.accountId === a.id && s.day === day),
          day,
        ).toBe(true);
      }
    }

    const bands = tally(list.map((a) => bandToday(a.id) ?? "none"));
    console.info("health bands today", bands);
    for (const a of list.filter((a) => !a.active)) {
      expect([null, "red"], a.externalId ?? "").toContain(bandToday(a.id));
    }
    const growing = list.filter((a) => a.scenario === "add-on" || a.scenario === "upsell");
    const green = growing.filter((a) => bandToday(a.id) === "green");
    expect(green.length).toBeGreaterThanOrEqual(Math.ceil(growing.length * 0.8));
    for (const a of growing) expect(bandToday(a.id), a.externalId ?? "").not.toBe("red");
    expect(bands.yellow ?? 0).toBeGreaterThan(0);
  });

  it("moves accounts through phases, and leaves proposals open in propose mode", async () => {
    const current = await ctx.db
      .select({ accountId: accountPhases.accountId, phaseKey: accountPhases.phaseKey })
      .from(accountPhases)
      .where(and(eq(accountPhases.workspaceId, workspaceId), isNull(accountPhases.until)));
    const phases = tally(current.map((row) => row.phaseKey));
    console.info("phases today", phases);
    expect(Object.keys(phases).length).toBeGreaterThanOrEqual(4);

    const moves = await ctx.db
      .select({ decidedBy: accountPhases.decidedBy, since: accountPhases.since })
      .from(accountPhases)
      .where(and(eq(accountPhases.workspaceId, workspaceId), eq(accountPhases.decidedBy, "auto")));
    const windowStart = Date.parse(`${addDays(today, -(DEMO_USAGE_DAYS - 1))}T00:00:00Z`);
    expect(moves.length).toBeGreaterThanOrEqual(10);
    for (const move of moves) expect(move.since.getTime()).toBeGreaterThanOrEqual(windowStart);

    const open = await ctx.db
      .select()
      .from(accountPhaseProposals)
      .where(
        and(
          eq(accountPhaseProposals.workspaceId, workspaceId),
          isNull(accountPhaseProposals.resolvedAt),
        ),
      );
    console.info("open proposals", tally(open.map((p) => `${p.fromPhase}→${p.toPhase}`)));
    // Stalled accounts that took off in the last weeks wait for their CSM's decision.
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.some((p) => p.fromPhase === "operation" && p.toPhase === "utilisation")).toBe(true);
    expect((await loadCsModel(ctx.db, workspaceId)).phaseMode).toBe("propose");
  });

  it("spreads accounts over maturity levels, with history", async () => {
    const levels = await ctx.db
      .select({
        accountId: accountMaturityLevels.accountId,
        product: accountMaturityLevels.product,
        level: accountMaturityLevels.level,
        until: accountMaturityLevels.until,
      })
      .from(accountMaturityLevels)
      .where(eq(accountMaturityLevels.workspaceId, workspaceId));
    const list = await loadAccounts();
    const docsLevel = (id: string) =>
      levels.find((l) => l.accountId === id && l.product === "docs" && l.until === null)?.level ??
      0;
    const spread = tally(list.map((a) => docsLevel(a.id)));
    console.info("docs maturity today", spread);
    for (const product of ["workflow", "sign"]) {
      const current = levels.filter((l) => l.product === product && l.until === null);
      console.info(`${product} maturity today`, tally(current.map((l) => l.level)));
      expect(current.some((l) => l.level >= 1)).toBe(true);
    }
    expect(Object.keys(spread).length).toBeGreaterThanOrEqual(3);
    expect(levels.some((l) => l.until !== null)).toBe(true);
  });
});

describe("demo success plans", () => {
  it("gives a dozen accounts plans in several stages, with findings of many codes", async () => {
    // The whole demo seed, plans included.
    const { workspace } = first;
    const plans = await ctx.db
      .select()
      .from(successPlans)
      .where(eq(successPlans.workspaceId, workspace.id))
      .orderBy(asc(successPlans.createdAt));
    expect(plans.length).toBeGreaterThanOrEqual(10);
    expect(plans.length).toBeLessThanOrEqual(14);
    expect(new Set(plans.map((p) => p.accountId)).size).toBe(plans.length);
    expect(plans.every((p) => p.active)).toBe(true);
    expect(plans.filter((p) => p.stage >= 3).length).toBeGreaterThanOrEqual(3);

    const today = tokyoDate(now);
    const codes = new Set<string>();
    for (const plan of plans) {
      const ids = { workspaceId: workspace.id, planId: plan.id };
      const loaded = await loadPlanDocument(ctx.db, ids);
      const options = await loadPlanCheckOptions(ctx.db, { ...ids, now });
      expect(options.today).toBe(today);
      for (const f of checkPlan(loaded!.document, options)) codes.add(f.code);
      const stages = await ctx.db
        .select()
        .from(planStages)
        .where(and(eq(planStages.workspaceId, workspace.id), eq(planStages.planId, plan.id)));
      expect(stages).toHaveLength(plan.stage - 1);
      for (const stage of stages) {
        expect(stage.retrospective.objectives.length).toBeGreaterThan(0);
        expect(stage.closedAt.getTime()).toBeGreaterThan(stage.openedAt.getTime());
        // Kept as a close keeps it: the account block too, so a stage diff shows no account change.
        expect(stage.document.account).toEqual(loaded!.document.account);
      }
      if (plan.stage > 1) {
        expect(loaded!.document.kpis?.some((k) => (k.measurements?.length ?? 0) >= 3)).toBe(true);
      }
    }
    for (const code of [
      "measure-without-objective",
      "no-evaluator",
      "kpi-incomplete",
      "overdue",
      "evaluator-not-met",
      "too-many-in-progress",
      "over-capacity",
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it("seeds the plans again into the same accounts, and is the same story on any day", async () => {
    const { workspace } = await second();
    await ctx.db.delete(successPlans).where(eq(successPlans.workspaceId, workspace.id));
    const { plans } = await seedDemoPlans(ctx.db, { workspaceId: workspace.id });
    expect(plans).toBeGreaterThanOrEqual(10);

    const account = {
      id: "a",
      name: "株式会社テスト",
      externalId: "crm-0001",
      industry: "logistics" as const,
      contacts: [{ name: "佐藤 健", email: "sato@example.jp", title: "部長", notes: "推進者。" }],
      owner: null,
    };
    const shape = (today: string) => {
      const plan = planDemoPlan(2, account, today);
      return {
        objectives: plan.document.pufu.objectives,
        stages: plan.stages.length,
        meetings: plan.meetings.length,
      };
    };
    expect(shape("2026-06-15")).toEqual(shape("2030-02-28"));
    expect(planDemoPlan(2, account, "2026-06-15")).toEqual(planDemoPlan(2, account, "2026-06-15"));
  }, 120_000);
});

describe("demo churn history", () => {
  const today = now.toISOString().slice(0, 10);

  it("has former customers that churned over the last months, half with a CSM's reason", async () => {
    const formers = planFormerCustomers(today);
    const rows = await ctx.db
      .select()
      .from(accounts)
      .where(eq(accounts.workspaceId, first.workspace.id));
    const former = rows.filter((a) => formers.some((f) => f.externalId === a.externalId));
    expect(former).toHaveLength(formers.length);
    for (const account of former) {
      const plan = formers.find((f) => f.externalId === account.externalId)!;
      expect(account.name).toMatch(japanese);
      // The contract ended the day before: churned on its last day, by the contract or a CSM.
      expect(account.churnedOn).toBe(addDays(plan.churnedOn, -1));
      expect(account.churnSource).toBe(plan.reason === null ? "contracts" : "manual");
      expect(account.churnReason).toBe(plan.reason);
    }
    const months = new Set(former.map((a) => a.churnedOn?.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(former.every((a) => (a.churnedOn ?? "") < addDays(today, -30))).toBe(true);
  });

  it("has usage history before the raw window, and key actions fading before churn", async () => {
    const workspaceId = first.workspace.id;
    const windowStart = addDays(today, -(DEMO_USAGE_DAYS - 1));
    const [history] = await rowsOf<{ accounts: number; first: string }>(sql`
      select count(distinct account_id)::int as accounts, min(day)::text as first
      from usage_daily_rollups where workspace_id = ${workspaceId} and day < ${windowStart}::date`);
    expect(history!.accounts).toBeGreaterThan(40);
    expect(history!.first >= addDays(today, -(DEMO_HISTORY_DAYS - 1))).toBe(true);
    // Documents created per active user-day: the 30 days before churn against 90–120 days before.
    const [fade] = await rowsOf<{ before: number; late: number }>(sql`
      with f as (
        select a.id, a.churned_on from accounts a
        where a.workspace_id = ${workspaceId} and a.external_id like 'crm-9%'
      ), per as (
        select r.day, f.churned_on, coalesce((r.event_counts ->> 'document_created')::float, 0)
          / greatest(cardinality(r.active_user_ids), 1) as created
        from usage_daily_rollups r join f on f.id = r.account_id
        where r.workspace_id = ${workspaceId}
      )
      select avg(created) filter (where day > churned_on - 120 and day <= churned_on - 90) as before,
        avg(created) filter (where day > churned_on - 30) as late from per`);
    expect(fade!.late).toBeLessThan(fade!.before * 0.5);
  });
});
