import i18n from "i18next";
import { describe, expect, it } from "vitest";
import { type ChangeValueContext, type DiffSection, formatChangeValue } from "./change-value";

const names = { o1: "予約が定着する", o2: "荷役班が揃う", c1: "佐藤 健", m1: "予約必須化" };
const context = (section: DiffSection, lang = "ja", unit?: string): ChangeValueContext => ({
  section,
  names,
  unit,
  t: i18n.getFixedT(lang),
  lang,
});

describe("formatChangeValue", () => {
  it("names elements by title rather than key, and an unknown key as written", () => {
    expect(formatChangeValue("objectiveKeys", ["o1", "o2"], context("measures"))).toBe(
      "予約が定着する、荷役班が揃う",
    );
    expect(formatChangeValue("ownerKey", "c1", context("measures"))).toBe("佐藤 健");
    expect(formatChangeValue("measureKey", "m9", context("tasks"))).toBe("m9");
    expect(formatChangeValue("objectiveKeys", ["o1", "o2"], context("measures", "en"))).toBe(
      "予約が定着する, 荷役班が揃う",
    );
  });

  it("translates statuses by the list they belong to", () => {
    expect(formatChangeValue("status", "inProgress", context("measures"))).toBe("進行中");
    expect(formatChangeValue("status", "done", context("roadmap", "en"))).toBe("Done");
    expect(formatChangeValue("status", "doing", context("tasks"))).toBe("対応中");
    expect(formatChangeValue("status", "active", context("plan"))).toBe("実行中");
    expect(formatChangeValue("role", "finalEvaluator", context("team"))).toBe("最終評価者");
    expect(formatChangeValue("audience", "evaluators", context("meetingCadences"))).toBe("評価者");
    expect(formatChangeValue("direction", "decrease", context("kpis"))).toBe("低いほど良い");
    expect(formatChangeValue("discussed", true, context("failurePatterns"))).toBe(
      "顧客と話し合い済み",
    );
  });

  it("shows numbers with their units and dates in the UI language", () => {
    expect(formatChangeValue("target", 80, context("kpis", "ja", "%"))).toBe("80%");
    expect(formatChangeValue("effortHoursPerWeek", 2, context("measures"))).toBe("週2時間");
    expect(formatChangeValue("factors.headcount", 4, context("pufu"))).toBe("4人");
    expect(formatChangeValue("factors.headcount", 1, context("pufu", "en"))).toBe("1 person");
    expect(formatChangeValue("everyDays", 7, context("meetingCadences"))).toBe("7日ごと");
    expect(formatChangeValue("impact", 5, context("roadmap"))).toBe("5(5段階)");
    expect(formatChangeValue("period.end", "2027-04-30", context("plan"))).toBe("2027/04/30");
    expect(formatChangeValue("dueDate", "2027-04-30", context("tasks", "en"))).toBe("Apr 30, 2027");
  });

  it("shows a missing value as a dash, and what it does not know as written", () => {
    expect(formatChangeValue("doneDate", undefined, context("milestones"))).toBe("—");
    expect(formatChangeValue("kpiKeys", [], context("objectives"))).toBe("—");
    expect(formatChangeValue("status", "paused", context("measures"))).toBe("paused");
    expect(formatChangeValue("goal", "半減する", context("pufu"))).toBe("半減する");
  });
});
