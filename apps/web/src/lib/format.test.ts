import { formatMoney } from "@michi/core";
import { describe, expect, it } from "vitest";
import { formatDate } from "./format";

describe("formatMoney (MRR in minor units, per locale)", () => {
  it("shows yen without decimals", () => {
    expect(formatMoney(120000, "JPY", "ja")).toBe("￥120,000");
    expect(formatMoney(120000, "JPY", "en")).toBe("¥120,000");
  });

  it("shows dollars from cents", () => {
    expect(formatMoney(49950, "USD", "en")).toBe("$499.50");
  });
});

describe("formatDate", () => {
  it("formats a calendar date per locale without shifting the day", () => {
    expect(formatDate("2026-04-01", "ja")).toBe("2026/04/01");
    expect(formatDate("2026-04-01", "en")).toBe("Apr 1, 2026");
  });

  it("leaves empty and unreadable values alone", () => {
    expect(formatDate(null, "ja")).toBe("");
    expect(formatDate("someday", "ja")).toBe("someday");
  });
});
