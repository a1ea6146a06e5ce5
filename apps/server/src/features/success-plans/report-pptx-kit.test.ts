import { describe, expect, it } from "vitest";
import { fitFontSize, textEms, widthFor } from "./report-pptx-kit";

describe("fitting text to a slide's boxes", () => {
  it("counts wide characters as 1 em, others about half, and the gap LibreOffice puts between them", () => {
    expect(textEms("あいう")).toBe(3);
    expect(textEms("abc")).toBeCloseTo(1.65);
    // 2026 | 年 | 10 | 月: three changes of script, a quarter em each
    expect(textEms("2026年10月")).toBeCloseTo(6 * 0.55 + 2 + 3 * 0.25);
  });

  it("shrinks the font as text grows, within bounds", () => {
    const box = { w: 3.7, h: 0.8 };
    expect(fitFontSize("短い", box)).toBe(14);
    const long = fitFontSize("長い文章".repeat(40), box);
    expect(long).toBeLessThan(10);
    expect(long).toBeGreaterThanOrEqual(6);
    expect(fitFontSize("あ".repeat(10_000), box)).toBe(6);
  });

  it("keeps a date on one line when asked, shrinking instead of wrapping", () => {
    const box = { w: 1.6, h: 0.6 };
    const date = "2027年12月31日";
    const wrapped = fitFontSize(date, box, { max: 14, min: 6 });
    const oneLine = fitFontSize(date, box, { max: 14, min: 6, oneLine: true });
    expect(oneLine).toBeLessThan(wrapped);
    expect(widthFor(date, oneLine)).toBeLessThanOrEqual(box.w + 0.05);
  });
});
