import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "../usage/metrics";
import { addBusinessDays, isBusinessDay, isJapaneseHoliday } from "./business-days";

describe("Japanese holidays", () => {
  it("knows New Year's Day, Golden Week 2027 and a substitute holiday", () => {
    expect(isJapaneseHoliday("2027-01-01")).toBe(true);
    // Golden Week 2027: 昭和の日 Thu 4/29, 憲法記念日 Mon 5/3, みどりの日 Tue 5/4, こどもの日 Wed 5/5.
    for (const day of ["2027-04-29", "2027-05-03", "2027-05-04", "2027-05-05"]) {
      expect(isJapaneseHoliday(day)).toBe(true);
    }
    expect(isJapaneseHoliday("2027-04-30")).toBe(false);
    // 2026: 憲法記念日 falls on a Sunday, so Wednesday 5/6 is the substitute holiday (振替休日).
    expect(isJapaneseHoliday("2026-05-06")).toBe(true);
    expect(isJapaneseHoliday("2026-12-07")).toBe(false);
  });

  it("reads weekends and holidays as non-business days, whatever the machine's time zone", () => {
    expect(isBusinessDay("2026-12-07")).toBe(true); // Monday
    expect(isBusinessDay("2026-12-05")).toBe(false); // Saturday
    expect(isBusinessDay("2026-12-06")).toBe(false); // Sunday
    expect(isBusinessDay("2027-01-01")).toBe(false); // Friday, 元日
  });
});

describe("addBusinessDays", () => {
  it("counts weekdays from the day after", () => {
    expect(addBusinessDays("2026-12-07", 2)).toBe("2026-12-09"); // Mon → Wed
    expect(addBusinessDays("2026-12-04", 2)).toBe("2026-12-08"); // Fri → Tue
    expect(addBusinessDays("2026-12-05", 1)).toBe("2026-12-07"); // Sat → Mon
  });

  it("skips New Year's Day", () => {
    // Thu 2026-12-31 + 1: Fri 1/1 is 元日, the weekend follows: Monday 1/4.
    expect(addBusinessDays("2026-12-31", 1)).toBe("2027-01-04");
  });

  it("skips Golden Week 2027", () => {
    // Wed 4/28 + 2: Thu 4/29 holiday, Fri 4/30 (1), weekend, Mon–Wed 5/3–5/5 holidays, Thu 5/6 (2).
    expect(addBusinessDays("2027-04-28", 2)).toBe("2027-05-06");
  });

  it("skips a substitute holiday", () => {
    // Tue 2026-05-05 + 1: Wed 5/6 is the 振替休日 for Sunday 5/3.
    expect(addBusinessDays("2026-05-05", 1)).toBe("2026-05-07");
  });

  it("with 0 gives the day itself when it is a business day, else the next one", () => {
    expect(addBusinessDays("2026-12-07", 0)).toBe("2026-12-07");
    expect(addBusinessDays("2027-05-01", 0)).toBe("2027-05-06");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addBusinessDays("2026-12-07", -1)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-12-07", 1.5)).toThrow(RangeError);
  });

  it("lands on a business day with exactly n business days after the start", () => {
    const day = fc
      .integer({ min: 0, max: 365 * 25 })
      .map((offset) => addCalendarDays("2025-01-01", offset));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const due = addBusinessDays(start, n);
        expect(isBusinessDay(due)).toBe(true);
        let counted = 0;
        for (let d = addCalendarDays(start, 1); d <= due; d = addCalendarDays(d, 1)) {
          if (isBusinessDay(d)) counted += 1;
        }
        expect(counted).toBe(n);
        // One more business day is strictly later.
        expect(addBusinessDays(start, n + 1) > due).toBe(true);
      }),
    );
  });
});
