import { formatMoney } from "@michi/core";
import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDate,
  formatNumber,
  formatPercent,
  formatSigned,
  parseDateText,
} from "./format";

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

describe("numbers", () => {
  it("rounds, counts and gives shares as percentages", () => {
    expect(formatNumber(26.666666, "ja")).toBe("26.67");
    expect(formatNumber(26.666666, "ja", 0)).toBe("27");
    expect(formatCount(1234, "en")).toBe("1,234");
    expect(formatPercent(0.125, "en")).toBe("12.5%");
    expect(formatPercent(0.2, "ja", 0)).toBe("20%");
    expect(formatPercent(null, "ja")).toBe("—");
  });

  it("signs a change with a plus or a real minus, none on zero", () => {
    expect(formatSigned(5, "ja")).toBe("+5");
    expect(formatSigned(-12, "en")).toBe("−12");
    expect(formatSigned(0, "en")).toBe("0");
    // Rounded to nothing is no change either: no "−0".
    expect(formatSigned(-0.2, "en")).toBe("0");
    expect(formatSigned(-2.5, "ja", 1)).toBe("−2.5");
  });
});

describe("parseDateText", () => {
  it("reads what a person types in either UI language", () => {
    for (const text of [
      "2026-04-01",
      "2026/4/1",
      "2026/04/01",
      "2026年4月1日",
      "Apr 1, 2026",
      "April 1, 2026",
      "4/1/2026",
      " 2026-4-1 ",
    ]) {
      expect(parseDateText(text), text).toBe("2026-04-01");
    }
  });

  it("reads back what formatDate wrote", () => {
    for (const locale of ["ja", "en"]) {
      expect(parseDateText(formatDate("2026-12-07", locale))).toBe("2026-12-07");
    }
  });

  it("is no date for a day that does not exist, half a date, or nothing", () => {
    for (const text of ["2026-02-30", "2026/13/1", "2", "2026", "", "someday"]) {
      expect(parseDateText(text), text).toBeNull();
    }
  });
});
