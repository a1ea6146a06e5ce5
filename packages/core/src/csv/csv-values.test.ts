import { describe, expect, it } from "vitest";
import {
  formatMajorAmount,
  normaliseCsvCell,
  normaliseCsvDate,
  parseMajorAmount,
} from "./csv-values";

describe("normaliseCsvCell", () => {
  it("trims half- and full-width spaces and reads an empty cell as null", () => {
    expect(normaliseCsvCell("  山田 太郎\u3000")).toBe("山田 太郎");
    expect(normaliseCsvCell("   ")).toBeNull();
    expect(normaliseCsvCell("")).toBeNull();
  });

  it("takes off the apostrophe an export put before a formula, and only then", () => {
    expect(normaliseCsvCell('\'=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(normaliseCsvCell("'+81-3-1234-5678")).toBe("+81-3-1234-5678");
    expect(normaliseCsvCell("'quoted'")).toBe("'quoted'");
  });
});

describe("normaliseCsvDate", () => {
  it("reads the dates Japanese Excel writes", () => {
    expect(normaliseCsvDate("2026/4/1")).toBe("2026-04-01");
    expect(normaliseCsvDate("2026-4-1")).toBe("2026-04-01");
    expect(normaliseCsvDate("2026-04-01")).toBe("2026-04-01");
    expect(normaliseCsvDate("令和8年4月1日")).toBe("令和8年4月1日");
  });
});

describe("parseMajorAmount", () => {
  it("converts major units to minor units by the currency's digits", () => {
    expect(parseMajorAmount("120000", "JPY")).toEqual({ ok: true, minor: 120_000 });
    expect(parseMajorAmount("¥120,000", "JPY")).toEqual({ ok: true, minor: 120_000 });
    expect(parseMajorAmount("99.50", "USD")).toEqual({ ok: true, minor: 9950 });
    expect(parseMajorAmount("0.29", "USD")).toEqual({ ok: true, minor: 29 });
    expect(parseMajorAmount("120000.00", "JPY")).toEqual({ ok: true, minor: 120_000 });
    expect(parseMajorAmount("1.234", "KWD")).toEqual({ ok: true, minor: 1234 });
  });

  it("refuses negative, non-numeric, over-precise and huge amounts", () => {
    expect(parseMajorAmount("-5", "JPY").ok).toBe(false);
    expect(parseMajorAmount("twelve", "JPY").ok).toBe(false);
    expect(parseMajorAmount("1e5", "JPY").ok).toBe(false);
    expect(parseMajorAmount("100.5", "JPY")).toEqual({
      ok: false,
      message: "JPY has no minor units; write a whole number",
      code: "no-minor-units",
      params: { currency: "JPY" },
    });
    expect(parseMajorAmount("9.999", "USD")).toMatchObject({ ok: false });
    expect(parseMajorAmount("99999999999999999999", "JPY")).toEqual({
      ok: false,
      message: "is too large",
      code: "amount-too-large",
    });
  });
});

describe("formatMajorAmount", () => {
  it("writes what parseMajorAmount reads back", () => {
    expect(formatMajorAmount(120_000, "JPY")).toBe("120000");
    expect(formatMajorAmount(9950, "USD")).toBe("99.50");
    expect(formatMajorAmount(5, "USD")).toBe("0.05");
    expect(formatMajorAmount(0, "USD")).toBe("0.00");
    for (const [minor, currency] of [
      [123_456, "USD"],
      [7, "EUR"],
      [98_765, "JPY"],
      [1001, "KWD"],
    ] as const) {
      expect(parseMajorAmount(formatMajorAmount(minor, currency), currency)).toEqual({
        ok: true,
        minor,
      });
    }
  });
});
