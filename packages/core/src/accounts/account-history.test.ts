import { describe, expect, it } from "vitest";
import {
  type AccountHistory,
  accountInputsAsOf,
  type ContractRecord,
  emptyAccountHistory,
  ratingsAsOf,
} from "./account-history";

const contract = (overrides: Partial<ContractRecord>): ContractRecord => ({
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  status: "active",
  seats: 10,
  mrrMinor: 100_000,
  currency: "JPY",
  ...overrides,
});

describe("accountInputsAsOf", () => {
  const history: AccountHistory = {
    ...emptyAccountHistory(),
    contracts: [
      // Ran January to June, then ended without renewal (expired in place).
      contract({ endDate: "2026-06-30", status: "expired", seats: 5, mrrMinor: 50_000 }),
      // The successor from July, larger.
      contract({ startDate: "2026-07-01", endDate: "2027-06-30", seats: 20, mrrMinor: 200_000 }),
      // A USD add-on: seats and renewal count, its MRR cannot be added to yen.
      contract({ startDate: "2026-03-01", endDate: "2026-09-30", seats: 2, currency: "USD" }),
      // Signed, not started.
      contract({ startDate: "2026-08-01", status: "pending", seats: 99 }),
    ],
    kpis: [
      {
        key: "k1",
        kind: "kpi",
        name: "Invoices sent digitally",
        direction: "increase",
        baseline: 0,
        target: 100,
        measurements: [
          { date: "2026-02-01", value: 20 },
          { date: "2026-05-01", value: 60 },
          { date: "2026-05-01", value: 50 },
        ],
      },
    ],
    evaluatorMeetingDays: ["2026-02-10", "2026-04-20"],
  };

  it("reads the contracts in force that day, in the main currency", () => {
    expect(accountInputsAsOf(history, "2026-02-15", "JPY")).toMatchObject({
      seats: 5,
      mrr: 50_000,
      renewalDate: "2026-06-30",
      customerSince: "2026-01-01",
    });
    expect(accountInputsAsOf(history, "2026-07-15", "JPY")).toMatchObject({
      seats: 22,
      mrr: 200_000,
      renewalDate: "2026-09-30",
    });
  });

  it("takes the KPIs as measured and the meetings as held by then", () => {
    expect(accountInputsAsOf(history, "2026-01-15", "JPY")).toMatchObject({
      kpiProgress: [null],
      lastEvaluatorMeeting: null,
    });
    expect(accountInputsAsOf(history, "2026-03-01", "JPY")).toMatchObject({
      kpiProgress: [20],
      lastEvaluatorMeeting: "2026-02-10",
    });
    // Two measurements on one day: the one written later counts.
    expect(accountInputsAsOf(history, "2026-05-02", "JPY")).toMatchObject({
      kpiProgress: [50],
      lastEvaluatorMeeting: "2026-04-20",
    });
  });

  it("knows nothing before the first contract, and no MRR without a main currency", () => {
    expect(accountInputsAsOf(history, "2025-12-31", "JPY")).toEqual({
      seats: null,
      mrr: null,
      renewalDate: null,
      kpiProgress: [null],
      lastEvaluatorMeeting: null,
      lastNps: null,
      customerSince: null,
    });
    expect(accountInputsAsOf(history, "2026-02-15", null).mrr).toBeNull();
  });
});

describe("ratingsAsOf", () => {
  it("keeps the latest rating per measure given by the end of the day (UTC)", () => {
    const history: AccountHistory = {
      ...emptyAccountHistory(),
      ratings: [
        {
          measureKey: "promotion",
          rating: 2,
          comment: "first",
          ratedAt: "2026-03-01T09:00:00.000Z",
        },
        {
          measureKey: "promotion",
          rating: 4,
          comment: "better",
          ratedAt: "2026-03-10T23:59:00.000Z",
        },
        { measureKey: "relation", rating: 3, comment: "", ratedAt: "2026-03-11T00:00:00.000Z" },
      ],
    };
    expect(ratingsAsOf(history, "2026-02-28")).toEqual({});
    expect(ratingsAsOf(history, "2026-03-10")).toEqual({
      promotion: { value: 4, comment: "better" },
    });
    expect(ratingsAsOf(history, "2026-03-11")).toEqual({
      promotion: { value: 4, comment: "better" },
      relation: { value: 3, comment: "" },
    });
  });
});
