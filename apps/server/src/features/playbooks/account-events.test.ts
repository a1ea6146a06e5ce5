import { addCalendarDays } from "@michi/core";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountEvents, accountMaturityLevels, accountPhases, contracts } from "../../db/schema";
import { upsertHealthScores } from "../../recompute/health-scores.queries";
import { healthScoreLine } from "../../recompute/score-lines";
import { buildAccount, buildContract } from "../../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../../test/context";

/* account_events is written by the triggers of migration 0025, whoever stores the change. */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);

const line = (accountId: string, score: number | null) =>
  healthScoreLine({
    accountId,
    score,
    band: score === null ? null : score < 50 ? "red" : score < 75 ? "yellow" : "green",
    coverage: score === null ? 0 : 1,
    measures: [],
    scorecardKey: "default",
  });

const eventsOf = (workspaceId: string, accountId: string) =>
  ctx.db
    .select({ type: accountEvents.type, data: accountEvents.data, signal: accountEvents.signal })
    .from(accountEvents)
    .where(and(eq(accountEvents.workspaceId, workspaceId), eq(accountEvents.accountId, accountId)))
    .orderBy(asc(accountEvents.occurredAt), asc(accountEvents.dedupeKey));

describe("account events", () => {
  it("records a band change once, however often the same day is recomputed", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const a = await buildAccount(ctx.db, { workspaceId, name: "A" });
    const yesterday = addCalendarDays(today, -1);
    await upsertHealthScores(ctx.db, { workspaceId, day: yesterday, lines: [line(a.id, 90)] });
    // The same band again, then red twice on one day: one change to red.
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(a.id, 80)] });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(a.id, 30)] });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(a.id, 20)] });
    const events = await eventsOf(workspaceId, a.id);
    expect(events.map((e) => e.signal)).toEqual([
      { kind: "healthBandChanged", accountId: a.id, at: yesterday, from: null, to: "green" },
      { kind: "healthBandChanged", accountId: a.id, at: today, from: "green", to: "red" },
    ]);
    expect(events[1]!.data).toMatchObject({ from: "green", to: "red", score: 30 });
  });

  it("records phase and maturity changes with the level or phase before", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const a = await buildAccount(ctx.db, { workspaceId, name: "A" });
    const t0 = new Date("2026-01-05T00:00:00Z");
    const t1 = new Date("2026-02-05T00:00:00Z");
    await ctx.db.insert(accountPhases).values([
      {
        workspaceId,
        accountId: a.id,
        phaseKey: "onboarding",
        since: t0,
        until: t1,
        decidedBy: "user",
      },
      { workspaceId, accountId: a.id, phaseKey: "adoption", since: t1, decidedBy: "user" },
    ]);
    await ctx.db.insert(accountMaturityLevels).values([
      { workspaceId, accountId: a.id, product: "core", level: 1, since: t0, until: t1 },
      { workspaceId, accountId: a.id, product: "core", level: 2, since: t1 },
    ]);
    const signals = (await eventsOf(workspaceId, a.id)).map((e) => e.signal);
    expect(signals).toContainEqual({
      kind: "phaseChanged",
      accountId: a.id,
      at: "2026-02-05",
      from: "onboarding",
      to: "adoption",
    });
    expect(signals).toContainEqual({
      kind: "maturityLevelChanged",
      accountId: a.id,
      at: "2026-02-05",
      product: "core",
      from: 1,
      to: 2,
    });
  });

  it("records a contract made and a contract that ends", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const a = await buildAccount(ctx.db, { workspaceId, name: "A" });
    const contract = await buildContract(ctx.db, {
      workspaceId,
      accountId: a.id,
      endDate: "2027-03-31",
    });
    await ctx.db
      .update(contracts)
      .set({ status: "churned" })
      .where(and(eq(contracts.workspaceId, workspaceId), eq(contracts.id, contract.id)));
    const events = await eventsOf(workspaceId, a.id);
    expect(events.map((e) => e.type).sort()).toEqual([
      "account.contract_created",
      "account.contract_ended",
    ]);
    expect(events.find((e) => e.type === "account.contract_ended")!.signal).toMatchObject({
      kind: "contractEnded",
      contractId: contract.id,
      endDate: "2027-03-31",
    });
  });
});
