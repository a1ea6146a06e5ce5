import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCsModel } from "../../features/cs-settings/cs-settings.queries";
import { buildWorkspace, createTestContext } from "../../test/context";
import {
  accountMaturityLevels,
  accountPhaseProposals,
  accountPhases,
  accounts,
  contracts,
  healthScores,
} from "../schema";
import { planDemoWorkspace, seedDemoWorkspace, tokyoDate } from "./demo";
import { DEMO_DAILY_HISTORY_DAYS, demoUsageAccount, isHistoryDay } from "./demo-usage";
import { DEMO_USAGE_DAYS, planDemoUsage } from "./demo-usage-plan";

const ctx = await createTestContext();

const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
  ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const tally = <T extends string | number>(values: readonly T[]) => {
  const out: Record<string, number> = {};
  for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
};

describe("demo usage and its history", () => {
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  let workspaceId: string;
  let ms: number;

  beforeAll(async () => {
    const workspace = await buildWorkspace(ctx);
    workspaceId = workspace.id;
    const started = performance.now();
    await seedDemoWorkspace(ctx.db, ctx.auth, { workspaceId, now });
    ms = performance.now() - started;
  }, 120_000);

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

  it("seeds in a few seconds, with rollups equal to the raw events", async () => {
    console.info(`demo seed with usage (${ctx.kind}): ${ms.toFixed(0)} ms`);
    const [{ events } = { events: 0 }] = await rowsOf<{ events: number }>(
      sql`select count(*)::int as events from usage_events where workspace_id = ${workspaceId}`,
    );
    expect(events).toBeGreaterThan(20_000);
    // Track events counted per account and day, from both sides.
    const mismatches = await rowsOf<{ accountId: string; day: string }>(sql`
      with raw as (
        select account_id, ("timestamp" at time zone 'UTC')::date as day, count(*)::int as n
        from usage_events
        where workspace_id = ${workspaceId} and type = 'track'
        group by 1, 2
      ), rolled as (
        select account_id, day, sum(value::int)::int as n
        from usage_daily_rollups, jsonb_each_text(event_counts)
        where workspace_id = ${workspaceId}
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
