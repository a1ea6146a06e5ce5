import { describe, expect, it } from "vitest";
import { contractSeatsSchema, endsBeforeStart, knownCurrencySchema } from "./contract-fields";

describe("contract fields", () => {
  it("refuses an end date before the start, allows the same day and no end", () => {
    expect(endsBeforeStart({ startDate: "2026-04-01", endDate: "2026-03-31" })).toBe(true);
    expect(endsBeforeStart({ startDate: "2026-04-01", endDate: "2026-04-01" })).toBe(false);
    expect(endsBeforeStart({ startDate: "2026-04-01", endDate: null })).toBe(false);
  });

  it("knows real currency codes only", () => {
    expect(knownCurrencySchema.safeParse("JPY").success).toBe(true);
    expect(knownCurrencySchema.safeParse("USD").success).toBe(true);
    expect(knownCurrencySchema.safeParse("YEN").success).toBe(false);
    expect(knownCurrencySchema.safeParse("jpy").success).toBe(false);
  });

  it("takes whole, non-negative seat counts only", () => {
    expect(contractSeatsSchema.safeParse(0).success).toBe(true);
    expect(contractSeatsSchema.safeParse(250).success).toBe(true);
    const problem = (value: unknown) =>
      contractSeatsSchema.safeParse(value).error?.issues[0]?.message;
    expect(problem(-1)).toBe("must not be negative");
    expect(problem(2.5)).toBe("must be a whole number of seats");
    expect(problem("12")).toBe("must be a whole number of seats");
    expect(problem(10_000_001)).toBe("must be at most 10,000,000");
  });
});
