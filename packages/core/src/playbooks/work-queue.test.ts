import { describe, expect, it } from "vitest";
import {
  compareWorkQueueItems,
  endOfWeek,
  isTaskOverdue,
  isTaskSnoozed,
  summarizeTaskLoad,
  type WorkQueueSortKey,
} from "./work-queue";

const item = (overrides: Partial<WorkQueueSortKey>): WorkQueueSortKey => ({
  done: false,
  overdue: false,
  dueDate: "2026-12-10",
  mrrMinor: 0,
  band: null,
  score: null,
  title: "t",
  ...overrides,
});

describe("compareWorkQueueItems", () => {
  it("puts overdue first, then by due date (none last), MRR, health, title; done last", () => {
    const list = [
      item({ title: "done", done: true, dueDate: "2026-01-01" }),
      item({ title: "no date", dueDate: null, mrrMinor: 9_999_999 }),
      item({ title: "later", dueDate: "2026-12-20" }),
      item({ title: "green", band: "green", score: 80 }),
      item({ title: "rich", mrrMinor: 500_000 }),
      item({ title: "red", band: "red", score: 30 }),
      item({ title: "unscored" }),
      item({ title: "yellow", band: "yellow", score: 55 }),
      item({ title: "overdue", overdue: true, dueDate: "2026-12-01" }),
      item({ title: "overdue earlier", overdue: true, dueDate: "2026-11-01" }),
    ];
    expect(list.sort(compareWorkQueueItems).map((i) => i.title)).toEqual([
      "overdue earlier",
      "overdue",
      "rich",
      "red",
      "yellow",
      "green",
      "unscored",
      "later",
      "no date",
      "done",
    ]);
  });

  it("orders by score within a band and is total", () => {
    const a = item({ band: "red", score: 10, title: "a" });
    const b = item({ band: "red", score: 20, title: "b" });
    expect(compareWorkQueueItems(a, b)).toBeLessThan(0);
    expect(compareWorkQueueItems(b, a)).toBeGreaterThan(0);
    expect(compareWorkQueueItems(a, { ...a })).toBe(0);
  });
});

describe("days", () => {
  it("knows overdue, snoozed and the end of the week", () => {
    expect(isTaskOverdue({ dueDate: "2026-12-06", done: false }, "2026-12-07")).toBe(true);
    expect(isTaskOverdue({ dueDate: "2026-12-07", done: false }, "2026-12-07")).toBe(false);
    expect(isTaskOverdue({ dueDate: "2026-12-06", done: true }, "2026-12-07")).toBe(false);
    expect(isTaskOverdue({ dueDate: null, done: false }, "2026-12-07")).toBe(false);
    expect(isTaskSnoozed({ snoozedUntil: "2026-12-08" }, "2026-12-07")).toBe(true);
    expect(isTaskSnoozed({ snoozedUntil: "2026-12-07" }, "2026-12-07")).toBe(false);
    expect(isTaskSnoozed({ snoozedUntil: null }, "2026-12-07")).toBe(false);
    // 2026-12-07 is a Monday; 2026-12-13 a Sunday.
    expect(endOfWeek("2026-12-07")).toBe("2026-12-13");
    expect(endOfWeek("2026-12-13")).toBe("2026-12-13");
    expect(endOfWeek("2026-12-10")).toBe("2026-12-13");
  });
});

describe("summarizeTaskLoad", () => {
  it("counts open, overdue and due this week per owner, listing named owners with none", () => {
    const today = "2026-12-09";
    const load = summarizeTaskLoad(
      [
        { ownerUserId: "a", dueDate: "2026-12-01", done: false },
        { ownerUserId: "a", dueDate: "2026-12-09", done: false },
        { ownerUserId: "a", dueDate: "2026-12-13", done: false },
        { ownerUserId: "a", dueDate: "2026-12-14", done: false },
        { ownerUserId: "a", dueDate: null, done: false },
        { ownerUserId: "a", dueDate: "2026-12-01", done: true },
        { ownerUserId: null, dueDate: "2026-12-01", done: false },
      ],
      today,
      ["b", "a"],
    );
    expect(load).toEqual([
      { ownerUserId: "b", open: 0, overdue: 0, dueThisWeek: 0 },
      { ownerUserId: "a", open: 5, overdue: 1, dueThisWeek: 2 },
      { ownerUserId: null, open: 1, overdue: 1, dueThisWeek: 0 },
    ]);
  });
});
