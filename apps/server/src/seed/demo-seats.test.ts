import { describe, expect, it } from "vitest";
import { planDemoWorkspace } from "./demo";
import { products } from "./demo-names";

describe("demo contracts: licensed seats", () => {
  const plan = planDemoWorkspace("2026-06-15");
  const core = plan.flatMap((p) =>
    p.contracts
      .filter((c) => c.product === products.docs)
      .map((c) => ({ ...c, segment: p.company.segment })),
  );

  it("gives every core contract whole seats at a believable price per seat", () => {
    expect(core.length).toBeGreaterThanOrEqual(plan.length);
    for (const c of core) {
      expect(Number.isInteger(c.seats), JSON.stringify(c)).toBe(true);
      const perSeat = (c.mrrMinor as number) / (c.seats as number);
      // List price 2,500–3,500 yen; packs of 5–50 seats move it a little.
      expect(perSeat, JSON.stringify(c)).toBeGreaterThanOrEqual(1_700);
      expect(perSeat, JSON.stringify(c)).toBeLessThanOrEqual(4_500);
    }
  });

  it("follows the account's size: enterprises have hundreds of seats, small ones tens", () => {
    const seatsOf = (segment: string) =>
      core.filter((c) => c.segment === segment).map((c) => c.seats as number);
    expect(Math.min(...seatsOf("enterprise"))).toBeGreaterThanOrEqual(250);
    expect(Math.max(...seatsOf("smb"))).toBeLessThanOrEqual(60);
    const mid = seatsOf("mid-market");
    expect(Math.min(...mid)).toBeGreaterThanOrEqual(Math.max(...seatsOf("smb")) / 2);
    expect(Math.max(...mid)).toBeLessThan(Math.max(...seatsOf("enterprise")));
  });

  it("counts seats once: add-ons carry none, and an upsell renewal has more seats", () => {
    const addOns = plan.flatMap((p) => p.contracts.filter((c) => c.product !== products.docs));
    expect(addOns.length).toBeGreaterThan(0);
    for (const c of addOns) expect(c.seats).toBeNull();
    const upsells = plan.filter((p) => p.scenario === "upsell");
    expect(upsells.length).toBeGreaterThan(0);
    for (const p of upsells) {
      const expired = p.contracts.find((c) => c.status === "expired");
      const renewed = p.contracts.find((c) => c.status === "active");
      expect(renewed?.seats as number).toBeGreaterThan(expired?.seats as number);
    }
  });
});
