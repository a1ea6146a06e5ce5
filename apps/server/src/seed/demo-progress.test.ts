import { describe, expect, it } from "vitest";
import { type DemoSeedProgress, printDemoSeedProgress, reportByQuarter } from "./demo-progress";

describe("demo seed progress", () => {
  it("reports a long step once a quarter, and a short one at every unit", () => {
    const reports = (total: number) => {
      const seen: DemoSeedProgress[] = [];
      const report = reportByQuarter((p) => seen.push(p), "history days", total);
      for (let done = 1; done <= total; done++) report(done);
      return seen.map((p) => p.done);
    };
    expect(reports(90)).toEqual([23, 45, 68, 90]);
    expect(reports(13)).toEqual([4, 7, 10, 13]);
    expect(reports(3)).toEqual([1, 2, 3]);
    expect(reports(0)).toEqual([]);
  });

  it("prints a heading once, then a line for each report", () => {
    const lines: string[] = [];
    const print = printDemoSeedProgress((line) => lines.push(line));
    print({ step: "accounts", done: 60, total: 60 });
    print({ step: "usage events", done: 25_000, total: 35_769 });
    print({ step: "history days", done: 90, total: 90 });
    expect(lines).toEqual([
      "Seeding the demo workspace (first start only):",
      "  60/60 accounts with contacts and contracts",
      "  25,000/35,769 usage events",
      "  90/90 days of health, phase and maturity history",
    ]);
  });
});
