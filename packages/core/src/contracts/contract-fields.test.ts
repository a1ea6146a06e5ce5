import { describe, expect, it } from "vitest";
import { endsBeforeStart, knownCurrencySchema } from "./contract-fields";

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
});
