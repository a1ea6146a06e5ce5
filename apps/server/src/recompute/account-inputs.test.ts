import type { KpiDirection, MeetingAudience } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx } from "../db/client";
import { planKpiMeasurements, planKpis, planMeetings, successPlans } from "../db/schema";
import { buildAccount, buildContract, buildContracts } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { findMainCurrency, loadAccountInputs } from "./account-inputs";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const nothing = {
  seats: null,
  mrr: null,
  renewalDate: null,
  kpiProgress: [],
  lastEvaluatorMeeting: null,
  lastNps: null,
  customerSince: null,
};

const load = async (workspaceId: string, accountIds: string[], asOf: string) =>
  loadAccountInputs(ctx.db, { workspaceId, accountIds, asOf });

type KpiSpec = {
  key: string;
  baseline?: number;
  target?: number;
  direction?: KpiDirection;
  measurements?: [date: string, value: number][];
};

/** A success plan with KPIs (and their measurements) and meeting records. */
const buildPlan = async (params: {
  workspaceId: string;
  accountId: string;
  active: boolean;
  status?: "draft" | "agreed" | "active" | "closed";
  kpis?: KpiSpec[];
  meetings?: [date: string, audience: MeetingAudience][];
}) => {
  const { workspaceId } = params;
  const [plan] = await ctx.db
    .insert(successPlans)
    .values({
      workspaceId,
      accountId: params.accountId,
      title: "Plan",
      goal: "Goal",
      winConditionText: "Win",
      active: params.active,
      status: params.status ?? "active",
    })
    .returning();
  if (!plan) throw new Error("no plan");
  const planId = plan.id;
  for (const [position, kpi] of (params.kpis ?? []).entries()) {
    await ctx.db.insert(planKpis).values({
      workspaceId,
      planId,
      key: kpi.key,
      position,
      kind: position === 0 ? "kgi" : "kpi",
      name: kpi.key,
      baseline: kpi.baseline ?? null,
      target: kpi.target ?? null,
      direction: kpi.direction ?? null,
    });
    const measurements = kpi.measurements ?? [];
    if (measurements.length > 0) {
      await ctx.db.insert(planKpiMeasurements).values(
        measurements.map(([date, value], index) => ({
          workspaceId,
          planId,
          kpiKey: kpi.key,
          position: index,
          date,
          value,
        })),
      );
    }
  }
  const meetings = params.meetings ?? [];
  if (meetings.length > 0) {
    await ctx.db
      .insert(planMeetings)
      .values(
        meetings.map(([date, audience]) => ({ workspaceId, planId, date, audience, title: "M" })),
      );
  }
  return plan;
};

describe("loadAccountInputs: contracts", () => {
  it("adds seats and MRR of the contracts in force on the day, with the earliest renewal", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    const accountId = account.id;
    await buildContracts(ctx.db, [
      // In force on 2026-06-15:
      {
        workspaceId,
        accountId,
        seats: 100,
        mrrMinor: 300_000,
        startDate: "2026-04-01",
        endDate: "2027-03-31",
      },
      {
        workspaceId,
        accountId,
        seats: null,
        mrrMinor: 50_000,
        startDate: "2026-01-01",
        endDate: "2026-09-30",
      },
      {
        workspaceId,
        accountId,
        seats: 20,
        mrrMinor: 10_000,
        startDate: "2025-06-01",
        endDate: null,
      },
      // Not in force on 2026-06-15:
      {
        workspaceId,
        accountId,
        seats: 999,
        mrrMinor: 999_000,
        startDate: "2026-04-01",
        endDate: null,
        status: "pending",
      },
      {
        workspaceId,
        accountId,
        seats: 40,
        mrrMinor: 80_000,
        startDate: "2026-07-01",
        endDate: "2027-06-30",
      },
      {
        workspaceId,
        accountId,
        seats: 30,
        mrrMinor: 60_000,
        startDate: "2025-04-01",
        endDate: "2026-03-31",
        status: "expired",
      },
      {
        workspaceId,
        accountId,
        seats: 7,
        mrrMinor: 7_000,
        startDate: "2025-04-01",
        endDate: null,
        status: "churned",
      },
    ]);

    const today = (await load(workspaceId, [accountId], "2026-06-15")).get(accountId);
    expect(today).toEqual({
      ...nothing,
      seats: 120,
      mrr: 360_000,
      renewalDate: "2026-09-30",
      customerSince: "2025-04-01",
    });

    // A past day: the expired contract was in force then, the April ones had not started.
    const past = (await load(workspaceId, [accountId], "2026-03-31")).get(accountId);
    expect(past).toEqual({
      ...nothing,
      seats: 50,
      mrr: 120_000,
      renewalDate: "2026-03-31",
      customerSince: "2025-04-01",
    });

    // The day a contract ends it still counts; the day after it does not.
    const last = (await load(workspaceId, [accountId], "2026-09-30")).get(accountId);
    expect(last).toMatchObject({ seats: 160, mrr: 440_000, renewalDate: "2026-09-30" });
    const after = (await load(workspaceId, [accountId], "2026-10-01")).get(accountId);
    expect(after).toMatchObject({ seats: 160, mrr: 390_000, renewalDate: "2027-03-31" });
  });

  it("gives null seats when no contract in force counts seats, and counts a churned one until its end", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const flat = await buildAccount(ctx.db, { workspaceId });
    const leaving = await buildAccount(ctx.db, { workspaceId });
    await buildContracts(ctx.db, [
      {
        workspaceId,
        accountId: flat.id,
        seats: null,
        mrrMinor: 80_000,
        startDate: "2026-01-01",
        endDate: null,
      },
      {
        workspaceId,
        accountId: leaving.id,
        seats: 15,
        mrrMinor: 40_000,
        startDate: "2025-10-01",
        endDate: "2026-09-30",
        status: "churned",
      },
    ]);
    const inputs = await load(workspaceId, [flat.id, leaving.id], "2026-06-15");
    expect(inputs.get(flat.id)).toMatchObject({ seats: null, mrr: 80_000, renewalDate: null });
    // Still paid for until its end, but its end is a churn, not a renewal.
    expect(inputs.get(leaving.id)).toMatchObject({ seats: 15, mrr: 40_000, renewalDate: null });
  });

  it("converts MRR from minor units and adds only the workspace's main currency", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => buildAccount(ctx.db, { workspaceId })));
    if (!a || !b || !c) throw new Error("no accounts");
    const usd = { workspaceId, currency: "USD", startDate: "2026-01-01", endDate: null };
    await buildContracts(ctx.db, [
      { ...usd, accountId: a.id, mrrMinor: 9_950, seats: 5 },
      { ...usd, accountId: a.id, mrrMinor: 1, seats: 1 },
      { ...usd, accountId: b.id, mrrMinor: 120_000 },
      // JPY is the minority here: its seats count, its MRR cannot be added to dollars.
      {
        workspaceId,
        accountId: a.id,
        currency: "JPY",
        mrrMinor: 500_000,
        seats: 10,
        startDate: "2026-01-01",
      },
      {
        workspaceId,
        accountId: c.id,
        currency: "JPY",
        mrrMinor: 500_000,
        seats: 3,
        startDate: "2026-01-01",
      },
    ]);
    const inputs = await load(workspaceId, [a.id, b.id, c.id], "2026-06-15");
    expect(inputs.get(a.id)).toMatchObject({ seats: 16, mrr: 99.51 });
    expect(inputs.get(b.id)).toMatchObject({ seats: null, mrr: 1200 });
    expect(inputs.get(c.id)).toMatchObject({ seats: 3, mrr: null });
  });
});

describe("loadAccountInputs: the active success plan", () => {
  it("gives the progress of each KPI of the active plan from measurements up to the day", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    await buildPlan({
      workspaceId,
      accountId: account.id,
      active: true,
      kpis: [
        {
          key: "kgi",
          baseline: 0,
          target: 200,
          measurements: [
            ["2026-03-01", 40],
            ["2026-05-01", 160],
          ],
        },
        { key: "no-measurement", baseline: 0, target: 10 },
        {
          key: "decrease",
          baseline: 10,
          target: 2,
          direction: "decrease",
          // Two on the same day: the one written later wins.
          measurements: [
            ["2026-04-01", 9],
            ["2026-04-01", 6],
            ["2026-07-01", 1],
          ],
        },
        { key: "no-target", baseline: 5, measurements: [["2026-01-01", 7]] },
      ],
    });
    // Another plan of the account, not the active one: not read.
    await buildPlan({
      workspaceId,
      accountId: account.id,
      active: false,
      kpis: [{ key: "old", baseline: 0, target: 1, measurements: [["2026-01-01", 1]] }],
    });

    const june = (await load(workspaceId, [account.id], "2026-06-01")).get(account.id);
    expect(june?.kpiProgress).toEqual([80, null, 50, null]);
    // A past day reads only the measurements taken by then.
    const april = (await load(workspaceId, [account.id], "2026-04-15")).get(account.id);
    expect(april?.kpiProgress).toEqual([20, null, 50, null]);
    const before = (await load(workspaceId, [account.id], "2026-02-01")).get(account.id);
    expect(before?.kpiProgress).toEqual([null, null, null, null]);
    const later = (await load(workspaceId, [account.id], "2026-08-01")).get(account.id);
    expect(later?.kpiProgress).toEqual([80, null, 100, null]);
  });

  it("has no open KPIs when the active plan is closed", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    await buildPlan({
      workspaceId,
      accountId: account.id,
      active: true,
      status: "closed",
      kpis: [{ key: "k", baseline: 0, target: 10, measurements: [["2026-01-01", 5]] }],
    });
    const inputs = await load(workspaceId, [account.id], "2026-06-01");
    expect(inputs.get(account.id)?.kpiProgress).toEqual([]);
  });

  it("gives the latest meeting with evaluators of the active plan on or before the day", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    await buildPlan({
      workspaceId,
      accountId: account.id,
      active: true,
      meetings: [
        ["2026-03-10", "evaluators"],
        ["2026-04-01", "all"],
        ["2026-04-20", "users"],
        ["2026-04-22", "promoters"],
        ["2026-05-10", "evaluators"],
      ],
    });
    await buildPlan({
      workspaceId,
      accountId: account.id,
      active: false,
      meetings: [["2026-05-20", "evaluators"]],
    });
    const at = async (asOf: string) =>
      (await load(workspaceId, [account.id], asOf)).get(account.id)?.lastEvaluatorMeeting;
    expect(await at("2026-06-01")).toBe("2026-05-10");
    expect(await at("2026-05-10")).toBe("2026-05-10");
    expect(await at("2026-04-30")).toBe("2026-04-01");
    expect(await at("2026-03-09")).toBeNull();
  });
});

describe("loadAccountInputs: batches and tenants", () => {
  it("answers every account asked for; one with nothing gets nulls and no KPIs", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const empty = await buildAccount(ctx.db, { workspaceId });
    const unknown = crypto.randomUUID();
    const inputs = await load(workspaceId, [empty.id, unknown], "2026-06-01");
    expect(inputs.get(empty.id)).toEqual(nothing);
    expect(inputs.get(unknown)).toEqual(nothing);
    expect((await load(workspaceId, [], "2026-06-01")).size).toBe(0);
  });

  it("never reads another workspace's rows, nor lets them choose the main currency", async () => {
    const mine = (await buildWorkspace(ctx)).id;
    const theirs = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId: mine });
    await buildContract(ctx.db, {
      workspaceId: mine,
      accountId: account.id,
      mrrMinor: 100_000,
      seats: 10,
      startDate: "2026-01-01",
      endDate: null,
    });
    const other = await buildAccount(ctx.db, { workspaceId: theirs });
    await buildContracts(
      ctx.db,
      [1, 2, 3].map(() => ({
        workspaceId: theirs,
        accountId: other.id,
        currency: "USD",
        mrrMinor: 100,
        seats: 1,
        startDate: "2026-01-01",
      })),
    );
    await buildPlan({
      workspaceId: theirs,
      accountId: other.id,
      active: true,
      kpis: [{ key: "k", baseline: 0, target: 10, measurements: [["2026-01-01", 5]] }],
      meetings: [["2026-05-01", "evaluators"]],
    });

    const inputs = await load(mine, [account.id, other.id], "2026-06-01");
    expect(inputs.get(account.id)).toEqual({
      ...nothing,
      seats: 10,
      mrr: 100_000,
      customerSince: "2026-01-01",
    });
    // Their account's id, asked for in my workspace: nothing of theirs comes back.
    expect(inputs.get(other.id)).toEqual(nothing);
  });

  it("reads a batch in four statements (three with the main currency given), however large", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const accounts = await Promise.all(
      Array.from({ length: 40 }, () => buildAccount(ctx.db, { workspaceId })),
    );
    await buildContracts(
      ctx.db,
      accounts.map((a, i) => ({ workspaceId, accountId: a.id, seats: i, startDate: "2026-01-01" })),
    );
    for (const [i, a] of accounts.slice(0, 10).entries()) {
      await buildPlan({
        workspaceId,
        accountId: a.id,
        active: true,
        kpis: [{ key: "k", baseline: 0, target: 10, measurements: [["2026-01-01", i]] }],
        meetings: [[`2026-05-${String(i + 1).padStart(2, "0")}`, "evaluators"]],
      });
    }
    let statements = 0;
    const counting = new Proxy(ctx.db, {
      get(target, property, receiver) {
        if (property === "execute") {
          return (...args: Parameters<typeof ctx.db.execute>) => {
            statements++;
            return target.execute(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    }) as DbOrTx;
    const count = async (ids: string[], mainCurrency?: string | null) => {
      statements = 0;
      const inputs = await loadAccountInputs(counting, {
        workspaceId,
        accountIds: ids,
        asOf: "2026-06-01",
        ...(mainCurrency === undefined ? {} : { mainCurrency }),
      });
      return { statements, inputs };
    };
    const one = await count([accounts[0]!.id]);
    const all = await count(accounts.map((a) => a.id));
    // Contracts, the active plans, the ratings, and the main currency.
    expect(one.statements).toBe(4);
    expect(all.statements).toBe(4);
    expect(accounts.map((a) => all.inputs.get(a.id)?.seats)).toEqual(accounts.map((_, i) => i));
    expect(accounts.slice(0, 10).map((a) => all.inputs.get(a.id)?.kpiProgress)).toEqual(
      accounts.slice(0, 10).map((_, i) => [i * 10]),
    );
    expect(all.inputs.get(accounts[9]!.id)?.lastEvaluatorMeeting).toBe("2026-05-10");

    const given = await count(
      accounts.map((a) => a.id),
      await findMainCurrency(ctx.db, workspaceId),
    );
    expect(given.statements).toBe(3);
    expect(given.inputs).toEqual(all.inputs);
  });

  it("adds the MRR of the main currency it is given", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    const base = { workspaceId, accountId: account.id, startDate: "2026-01-01", endDate: null };
    await buildContracts(ctx.db, [
      { ...base, currency: "JPY", mrrMinor: 100_000 },
      { ...base, currency: "JPY", mrrMinor: 20_000 },
      { ...base, currency: "EUR", mrrMinor: 12_345 },
    ]);
    expect(await findMainCurrency(ctx.db, workspaceId)).toBe("JPY");
    const at = async (mainCurrency?: string | null) =>
      (
        await loadAccountInputs(ctx.db, {
          workspaceId,
          accountIds: [account.id],
          asOf: "2026-06-01",
          ...(mainCurrency === undefined ? {} : { mainCurrency }),
        })
      ).get(account.id)?.mrr;
    expect(await at()).toBe(120_000);
    expect(await at("EUR")).toBe(123.45);
    expect(await at(null)).toBeNull();
  });
});
