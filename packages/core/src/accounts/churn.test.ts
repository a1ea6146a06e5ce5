import { describe, expect, it } from "vitest";
import type { ContractRecord } from "./account-history";
import { churnFromContracts, churnReasonsSchema, defaultChurnReasons, mrrChanges } from "./churn";

const contract = (overrides: Partial<ContractRecord>): ContractRecord => ({
  startDate: "2025-04-01",
  endDate: "2026-03-31",
  status: "active",
  seats: 10,
  mrrMinor: 100_000,
  currency: "JPY",
  ...overrides,
});

describe("churnFromContracts", () => {
  const today = "2026-06-01";

  it("is the last end when nothing runs after it", () => {
    expect(churnFromContracts([contract({ status: "expired" })], today)).toBe("2026-03-31");
    // An active contract whose end has passed, not yet marked: ended all the same.
    expect(churnFromContracts([contract({})], today)).toBe("2026-03-31");
    expect(
      churnFromContracts(
        [
          contract({ status: "expired" }),
          contract({ startDate: "2024-04-01", endDate: "2025-03-31", status: "expired" }),
        ],
        today,
      ),
    ).toBe("2026-03-31");
  });

  it("is no churn while a contract runs, after a renewal, or with one signed to start", () => {
    expect(churnFromContracts([], today)).toBeNull();
    expect(churnFromContracts([contract({ endDate: null })], today)).toBeNull();
    expect(
      churnFromContracts(
        [
          contract({ status: "expired" }),
          contract({ startDate: "2026-04-01", endDate: "2027-03-31" }),
        ],
        today,
      ),
    ).toBeNull();
    expect(
      churnFromContracts(
        [contract({ status: "expired" }), contract({ startDate: "2026-07-01", status: "pending" })],
        today,
      ),
    ).toBeNull();
    // Notice given: marked churned, ending later.
    expect(
      churnFromContracts([contract({ status: "churned", endDate: "2026-08-31" })], today),
    ).toBeNull();
    // Ended without a date: no telling when.
    expect(churnFromContracts([contract({ status: "churned", endDate: null })], today)).toBeNull();
  });
});

describe("mrrChanges", () => {
  it("names each move of the MRR in force: new, expansion, contraction, churn, reactivation", () => {
    const changes = mrrChanges(
      [
        contract({
          startDate: "2025-01-01",
          endDate: "2025-06-30",
          mrrMinor: 100_000,
          status: "expired",
        }),
        contract({
          startDate: "2025-07-01",
          endDate: "2025-12-31",
          mrrMinor: 150_000,
          status: "expired",
        }),
        contract({
          startDate: "2026-01-01",
          endDate: "2026-03-31",
          mrrMinor: 80_000,
          status: "expired",
        }),
        contract({ startDate: "2026-06-01", endDate: null, mrrMinor: 90_000 }),
        // Another currency and a pending contract do not move the MRR.
        contract({ startDate: "2025-03-01", endDate: null, mrrMinor: 999, currency: "USD" }),
        contract({ startDate: "2027-01-01", endDate: null, mrrMinor: 999, status: "pending" }),
      ],
      "JPY",
    );
    expect(changes).toEqual([
      { day: "2025-01-01", before: 0, after: 100_000, kind: "new" },
      { day: "2025-07-01", before: 100_000, after: 150_000, kind: "expansion" },
      { day: "2026-01-01", before: 150_000, after: 80_000, kind: "contraction" },
      { day: "2026-04-01", before: 80_000, after: 0, kind: "churn" },
      { day: "2026-06-01", before: 0, after: 90_000, kind: "reactivation" },
    ]);
  });
});

describe("churn reasons", () => {
  it("ships a valid default list and refuses repeated keys", () => {
    expect(churnReasonsSchema.safeParse(defaultChurnReasons).success).toBe(true);
    const repeated = churnReasonsSchema.safeParse([
      { key: "price", label: "Price" },
      { key: "price", label: "Cost" },
    ]);
    expect(repeated.success).toBe(false);
  });
});
