import { describe, expect, it } from "vitest";
import type { ContractRecord } from "./account-history";
import {
  latestActivity,
  scoreChange,
  summarizeContracts,
  wholeDaysSince,
} from "./account-overview";

const contract = (overrides: Partial<ContractRecord>): ContractRecord => ({
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  status: "active",
  seats: null,
  mrrMinor: 100_000,
  currency: "JPY",
  ...overrides,
});

describe("summarizeContracts", () => {
  it("adds MRR per currency of the contracts in force, and takes the earliest renewal", () => {
    const summary = summarizeContracts(
      [
        contract({}),
        contract({ mrrMinor: 50_000, endDate: "2027-03-31" }),
        contract({ currency: "USD", mrrMinor: 49_950, endDate: "2026-12-15" }),
        // Not in force on the day: pending, not started, ended.
        contract({ status: "pending", mrrMinor: 1 }),
        contract({ startDate: "2027-01-01", endDate: null, mrrMinor: 2 }),
        contract({ startDate: "2025-01-01", endDate: "2025-12-31", mrrMinor: 3 }),
      ],
      "2026-12-01",
    );
    expect(summary).toEqual({
      mrr: [
        { currency: "JPY", minor: 150_000 },
        { currency: "USD", minor: 49_950 },
      ],
      renewalDate: "2026-12-15",
      inForce: 3,
    });
  });

  it("has no MRR and no renewal without a contract in force; open-ended ones renew never", () => {
    expect(summarizeContracts([], "2026-12-01")).toEqual({
      mrr: [],
      renewalDate: null,
      inForce: 0,
    });
    expect(summarizeContracts([contract({ endDate: null })], "2026-12-01").renewalDate).toBeNull();
  });
});

describe("scoreChange and wholeDaysSince", () => {
  it("subtracts known scores only", () => {
    expect(scoreChange(70, 62)).toBe(8);
    expect(scoreChange(null, 62)).toBeNull();
    expect(scoreChange(70, null)).toBeNull();
  });

  it("counts whole days, never negative", () => {
    expect(wholeDaysSince("2026-11-01T09:00:00.000Z", "2026-11-11T08:59:59.000Z")).toBe(9);
    expect(wholeDaysSince("2026-11-01T09:00:00.000Z", "2026-11-11T09:00:00.000Z")).toBe(10);
    expect(wholeDaysSince("2026-11-12T00:00:00.000Z", "2026-11-11T00:00:00.000Z")).toBe(0);
  });
});

describe("latestActivity", () => {
  it("takes the latest day, an instant over a bare day of the same day, and skips undated", () => {
    expect(
      latestActivity([
        { kind: "usage", at: "2026-11-30" },
        { kind: "meeting", at: "2026-11-28" },
        { kind: "planUpdate", at: "2026-11-30T03:00:00.000Z" },
        { kind: "meeting", at: null },
      ]),
    ).toEqual({ kind: "planUpdate", at: "2026-11-30T03:00:00.000Z" });
    expect(
      latestActivity([
        { kind: "planUpdate", at: "2026-11-29T23:00:00.000Z" },
        { kind: "usage", at: "2026-11-30" },
      ]),
    ).toEqual({ kind: "usage", at: "2026-11-30" });
    expect(latestActivity([{ kind: "usage", at: null }])).toBeNull();
  });
});
