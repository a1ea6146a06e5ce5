import { describe, expect, it } from "vitest";
import example from "./fixtures/plan-example.json" with { type: "json" };
import {
  type PlanCheckCode,
  planCheckCodes,
  planCheckSeverities,
  planCheckSupersessions,
} from "./plan-check-codes";
import { type CheckPlanOptions, checkPlan } from "./plan-checks";
import { type PlanDocument, planDocumentSchema } from "./plan-document";

const base = planDocumentSchema.parse(example);
// Before any task or milestone falls due (t2 is due 2026-12-05).
const today = "2026-11-20";

/** A fresh copy of the example to break or fix. */
const plan = (): PlanDocument => structuredClone(base);

const findings = (doc: PlanDocument, options: Partial<CheckPlanOptions> = {}) =>
  checkPlan(doc, { today, exitCriteria: [], ...options });

const codesAndTargets = (doc: PlanDocument, options: Partial<CheckPlanOptions> = {}) =>
  findings(doc, options).map(({ code, target }) => `${code} ${target}`);

const only = (code: PlanCheckCode, doc: PlanDocument, options: Partial<CheckPlanOptions> = {}) =>
  findings(doc, options).filter((finding) => finding.code === code);

describe("planCheckCodes", () => {
  it("lists DOMAIN.md's codes and severities, in its order", () => {
    expect(planCheckCodes.map(({ code, severity }) => `${code}:${severity}`)).toEqual([
      "goal-missing:error",
      "win-condition-unmeasurable:error",
      "objective-without-measure:warning",
      "measure-without-objective:warning",
      "no-evaluator:error",
      "no-promoter:warning",
      "kpi-incomplete:warning",
      "over-capacity:warning",
      "too-many-in-progress:warning",
      "task-unassigned:warning",
      "overdue:warning",
      "evaluator-not-met:warning",
      "exit-criterion-unrealistic:info",
    ]);
    expect(planCheckSeverities["exit-criterion-unrealistic"]).toBe("info");
  });
});

describe("checkPlan on the example", () => {
  it("finds nothing before anything falls due", () => {
    expect(findings(base)).toEqual([]);
  });

  it("finds the overdue task and milestone as time passes", () => {
    expect(codesAndTargets(base, { today: "2026-12-06" })).toEqual(["overdue t2"]);
    expect(codesAndTargets(base, { today: "2027-03-26" })).toEqual([
      "overdue ms2",
      "overdue ms3",
      "overdue t2",
    ]);
  });
});

describe("goal-missing", () => {
  it("appears for a blank goal or win condition and goes when they are written", () => {
    const doc = plan();
    doc.pufu.goal = " ";
    doc.pufu.winCondition.text = "\u3000";
    expect(only("goal-missing", doc)).toEqual([
      expect.objectContaining({ severity: "error", target: "goal" }),
      expect.objectContaining({ severity: "error", target: "winCondition" }),
    ]);
    doc.pufu.goal = "待機時間を半減する";
    doc.pufu.winCondition.text = "平均待機時間45分以下";
    expect(only("goal-missing", doc)).toEqual([]);
  });
});

describe("win-condition-unmeasurable", () => {
  it("appears when the win condition names no KPI and goes when it names one", () => {
    const doc = plan();
    doc.pufu.winCondition.kpiKeys = [];
    expect(only("win-condition-unmeasurable", doc)).toEqual([
      {
        code: "win-condition-unmeasurable",
        severity: "error",
        target: "winCondition",
        message: {
          ja: "勝利条件が KGI/KPI に結びついていないため、達成したかを測れません。",
          en: "The win condition names no KGI/KPI, so nobody can tell when it is met.",
        },
        params: { reason: "no-kpi" },
      },
    ]);
    doc.pufu.winCondition.kpiKeys = ["k1"];
    expect(only("win-condition-unmeasurable", doc)).toEqual([]);
  });

  it("appears on the KPI when it has no target, and for a KPI that does not exist", () => {
    const doc = plan();
    delete doc.kpis![0]!.target;
    doc.pufu.winCondition.kpiKeys = ["k1", "k9"];
    expect(only("win-condition-unmeasurable", doc)).toEqual([
      expect.objectContaining({
        target: "k1",
        params: { kpiKey: "k1", name: "平均待機時間", reason: "no-target" },
      }),
      expect.objectContaining({
        target: "winCondition",
        params: { kpiKey: "k9", reason: "unknown-kpi" },
      }),
    ]);
    doc.kpis![0]!.target = 45;
    doc.pufu.winCondition.kpiKeys = ["k1"];
    expect(only("win-condition-unmeasurable", doc)).toEqual([]);
  });
});

describe("objective-without-measure", () => {
  it("appears when no measure (or only a dropped one) serves an objective", () => {
    const doc = plan();
    doc.pufu.measures![3]!.status = "dropped"; // m4, the only measure for o3
    expect(only("objective-without-measure", doc)).toEqual([
      expect.objectContaining({
        severity: "warning",
        target: "o3",
        params: { title: "本部が毎週数字を見る" },
      }),
    ]);
    doc.pufu.measures![3]!.status = "planned";
    expect(only("objective-without-measure", doc)).toEqual([]);
  });
});

describe("measure-without-objective", () => {
  it("appears for a measure linked to no objective, or to none that exists", () => {
    const doc = plan();
    delete doc.pufu.measures![0]!.objectiveKeys;
    doc.pufu.measures![1]!.objectiveKeys = ["o9"];
    expect(only("measure-without-objective", doc).map((finding) => finding.target)).toEqual([
      "m1",
      "m2",
    ]);
    doc.pufu.measures![0]!.objectiveKeys = ["o1"];
    doc.pufu.measures![1]!.status = "dropped";
    expect(only("measure-without-objective", doc)).toEqual([]);
  });
});

describe("no-evaluator", () => {
  it("appears without a customer-side evaluator; a vendor-side one does not count", () => {
    const doc = plan();
    doc.team![0]!.side = "vendor";
    expect(only("no-evaluator", doc)).toEqual([
      expect.objectContaining({ severity: "error", target: "team" }),
    ]);
    doc.team![0]!.side = "customer";
    doc.team![0]!.role = "evaluator";
    expect(only("no-evaluator", doc)).toEqual([]);
    delete doc.team;
    expect(only("no-evaluator", doc)).toHaveLength(1);
  });
});

describe("no-promoter", () => {
  it("appears without a customer-side promoter and goes when one is named", () => {
    const doc = plan();
    doc.team![1]!.role = "user";
    expect(only("no-promoter", doc)).toEqual([
      expect.objectContaining({ severity: "warning", target: "team" }),
    ]);
    doc.team![2]!.role = "promoter";
    expect(only("no-promoter", doc)).toEqual([]);
  });
});

describe("kpi-incomplete", () => {
  it("names what a KPI lacks and goes when it is filled in", () => {
    const doc = plan();
    const kpi = doc.kpis![1]!;
    delete kpi.target;
    kpi.dataSource = "";
    expect(only("kpi-incomplete", doc)).toEqual([
      {
        code: "kpi-incomplete",
        severity: "warning",
        target: "k2",
        message: {
          ja: "KPI「事前予約率」に目標値・データソースがありません。",
          en: 'The KPI "事前予約率" has no target or data source.',
        },
        params: { name: "事前予約率", missing: "target,dataSource" },
      },
    ]);
    kpi.target = 80;
    kpi.dataSource = "予約ログ";
    expect(only("kpi-incomplete", doc)).toEqual([]);
  });

  it("checks KGIs too, and the evaluation method", () => {
    const doc = plan();
    delete doc.kpis![0]!.evaluationMethod;
    expect(only("kpi-incomplete", doc)).toEqual([
      expect.objectContaining({
        target: "k1",
        params: { name: "平均待機時間", missing: "evaluationMethod" },
      }),
    ]);
  });
});

describe("over-capacity", () => {
  it("appears when open measures take more hours than people × hours, and goes when capacity grows", () => {
    const doc = plan();
    // Open measures: m2 2 + m3 4 + m4 1 = 7 hours; capacity 4 × 3 = 12.
    doc.pufu.measures![2]!.effortHoursPerWeek = 10;
    expect(only("over-capacity", doc)).toEqual([
      {
        code: "over-capacity",
        severity: "warning",
        target: "factors",
        message: {
          ja: "施策の工数が週13時間あり、廟算八要素の人数×時間(4人×週3時間=週12時間)を超えています。",
          en: "The measures take 13 hours a week, more than the 12 the eight factors give (4 people × 3 hours a week).",
        },
        params: { effortHours: 13, capacityHours: 12, headcount: 4, hoursPerWeekPerPerson: 3 },
      },
    ]);
    doc.pufu.factors!.headcount = 5;
    expect(only("over-capacity", doc)).toEqual([]);
  });

  it("leaves out done and dropped measures, and is not fooled by float sums", () => {
    const doc = plan();
    doc.pufu.measures![0]!.effortHoursPerWeek = 100; // m1 is done
    doc.pufu.measures![2]!.status = "dropped";
    doc.pufu.measures![2]!.effortHoursPerWeek = 100;
    expect(only("over-capacity", doc)).toEqual([]);
    doc.pufu.factors = { headcount: 1, hoursPerWeekPerPerson: 0.3 };
    doc.pufu.measures = [
      { key: "m1", title: "a", objectiveKeys: ["o1"], effortHoursPerWeek: 0.1 },
      { key: "m2", title: "b", objectiveKeys: ["o1"], effortHoursPerWeek: 0.2 },
    ];
    expect(only("over-capacity", doc)).toEqual([]);
  });

  it("is not checked without both numbers in the factors", () => {
    const doc = plan();
    doc.pufu.measures![2]!.effortHoursPerWeek = 100;
    delete doc.pufu.factors!.hoursPerWeekPerPerson;
    expect(only("over-capacity", doc)).toEqual([]);
  });
});

describe("too-many-in-progress", () => {
  it("appears above the limit (default 3) and goes when an item is done", () => {
    const doc = plan();
    doc.roadmap = ["r1", "r2", "r3", "r4"].map((key) => ({
      key,
      process: key,
      status: "inProgress",
    }));
    expect(only("too-many-in-progress", doc)).toEqual([
      expect.objectContaining({
        severity: "warning",
        target: "roadmap",
        params: { count: 4, limit: 3, keys: "r1,r2,r3,r4" },
      }),
    ]);
    doc.roadmap[3]!.status = "done";
    expect(only("too-many-in-progress", doc)).toEqual([]);
  });

  it("honours the workspace's limit", () => {
    const doc = plan();
    doc.roadmap![1]!.status = "inProgress";
    expect(only("too-many-in-progress", doc, { limits: { maxInProgress: 1 } })).toHaveLength(1);
    expect(only("too-many-in-progress", doc, { limits: { maxInProgress: 2 } })).toEqual([]);
  });
});

describe("task-unassigned", () => {
  it("appears for an open task without owner or due date, or with an owner not on the team", () => {
    const doc = plan();
    delete doc.tasks![1]!.ownerKey;
    delete doc.tasks![1]!.dueDate;
    doc.tasks!.push({ key: "t3", title: "議事録の共有", ownerKey: "x9", dueDate: "2026-12-01" });
    expect(only("task-unassigned", doc)).toEqual([
      expect.objectContaining({
        target: "t2",
        message: {
          ja: "タスク「第二倉庫の予約枠を設定」に担当者と期限がありません。",
          en: 'The task "第二倉庫の予約枠を設定" has no owner or due date.',
        },
        params: { title: "第二倉庫の予約枠を設定", missing: "owner,dueDate" },
      }),
      expect.objectContaining({
        target: "t3",
        params: { title: "議事録の共有", missing: "owner" },
      }),
    ]);
    doc.tasks![1]!.ownerKey = "c3";
    doc.tasks![1]!.dueDate = "2026-12-05";
    doc.tasks![2]!.status = "done";
    expect(only("task-unassigned", doc)).toEqual([]);
  });
});

describe("overdue", () => {
  it("appears for an open task or milestone past its due date and goes when it is done", () => {
    const doc = plan();
    const options = { today: "2027-01-17" };
    expect(only("overdue", doc, options)).toEqual([
      expect.objectContaining({
        target: "ms2",
        message: {
          ja: "マイルストーン「全拠点で予約開始」が期限(2027-01-15)を2日過ぎても完了していません。",
          en: 'The milestone "全拠点で予約開始" is 2 days past its due date (2027-01-15) and not done.',
        },
        params: {
          title: "全拠点で予約開始",
          dueDate: "2027-01-15",
          daysOverdue: 2,
          reason: "milestone",
        },
      }),
      expect.objectContaining({
        target: "t2",
        params: expect.objectContaining({ daysOverdue: 43 }),
      }),
    ]);
    doc.milestones![1]!.doneDate = "2027-01-16";
    doc.tasks![1]!.status = "done";
    expect(only("overdue", doc, options)).toEqual([]);
  });

  it("is not overdue on the due date itself", () => {
    expect(only("overdue", base, { today: "2026-12-05" })).toEqual([]);
    expect(only("overdue", base, { today: "2026-12-06" })[0]?.message.en).toContain("1 day past");
  });
});

describe("evaluator-not-met", () => {
  it("is not checked when no meetings are given", () => {
    expect(only("evaluator-not-met", base, { today: "2027-03-01" })).toEqual([]);
  });

  it("counts from the plan start until the first evaluator meeting", () => {
    // Start 2026-10-01, cadence mc2 every 30 days: 2026-10-31 is on time, 2026-11-01 is not.
    expect(only("evaluator-not-met", base, { today: "2026-10-31", meetings: [] })).toEqual([]);
    expect(only("evaluator-not-met", base, { today: "2026-11-01", meetings: [] })).toEqual([
      expect.objectContaining({
        severity: "warning",
        target: "mc2",
        params: { daysSince: 31, cadenceDays: 30, since: "2026-10-01", reason: "no-meeting" },
      }),
    ]);
  });

  it("appears when the last evaluator meeting is older than the cadence and goes with a new one", () => {
    const meetings = [
      { date: "2026-10-20", audience: "evaluators" as const },
      { date: "2026-11-15", audience: "users" as const },
    ];
    expect(only("evaluator-not-met", base, { today: "2026-11-25", meetings })).toEqual([
      expect.objectContaining({
        target: "mc2",
        message: {
          ja: "評価者との会議が36日開かれていません(前回 2026-10-20、会議体は30日ごと)。効果を評価者に伝えてください。",
          en: "No meeting with evaluators for 36 days (last on 2026-10-20); the cadence is every 30 days. Keep the evaluators informed.",
        },
      }),
    ]);
    const withAll = [...meetings, { date: "2026-11-18", audience: "all" as const }];
    expect(only("evaluator-not-met", base, { today: "2026-11-25", meetings: withAll })).toEqual([]);
  });

  it("ignores meetings after today and uses the shortest evaluator cadence, or 30 days", () => {
    const doc = plan();
    doc.meetingCadences!.push({ key: "mc3", name: "隔週報告", audience: "all", everyDays: 14 });
    const meetings = [
      { date: "2026-11-01", audience: "evaluators" as const },
      { date: "2026-12-01", audience: "evaluators" as const },
    ];
    expect(only("evaluator-not-met", doc, { today: "2026-11-16", meetings })).toEqual([
      expect.objectContaining({
        target: "mc3",
        params: expect.objectContaining({ daysSince: 15 }),
      }),
    ]);
    delete doc.meetingCadences;
    expect(only("evaluator-not-met", doc, { today: "2026-12-01", meetings: [] })).toEqual([
      expect.objectContaining({
        target: "meetings",
        params: expect.objectContaining({ cadenceDays: 30 }),
      }),
    ]);
    delete doc.period;
    expect(only("evaluator-not-met", doc, { today: "2026-12-01", meetings: [] })).toEqual([]);
  });
});

describe("exit-criterion-unrealistic", () => {
  it("appears for 100% or no number, and goes when the criterion is realistic", () => {
    const exitCriteria = [
      { key: "e1", text: "全ユーザーがログインしている", threshold: 100, unit: "%" },
      { key: "e2", text: "現場に定着している" },
      { key: "e3", text: "利用率１００％" },
      { key: "e4", text: "週3回以上ログインするユーザーが80%以上" },
      { key: "e5", text: "NRR", threshold: 110, unit: "％" },
      { key: "e6", text: "予約が100件", threshold: 100 },
    ];
    expect(only("exit-criterion-unrealistic", base, { exitCriteria })).toEqual([
      expect.objectContaining({
        severity: "info",
        target: "e1",
        params: expect.objectContaining({ reason: "hundred-percent" }),
      }),
      expect.objectContaining({
        target: "e2",
        message: {
          ja: "フェーズのゴール「現場に定着している」に数値がありません。データで判定できる定量的な基準にしてください。",
          en: 'The exit criterion "現場に定着している" has no number; make it a quantitative rule on data.',
        },
        params: { text: "現場に定着している", reason: "no-number" },
      }),
      expect.objectContaining({
        target: "e3",
        params: expect.objectContaining({ reason: "hundred-percent" }),
      }),
    ]);
    const fixed = [
      { key: "e1", text: "ユーザーの8割がログインしている", threshold: 80, unit: "%" },
      { key: "e2", text: "週次定例で予約率を3回続けて確認した" },
      { key: "e3", text: "利用率９０％" },
    ];
    expect(only("exit-criterion-unrealistic", base, { exitCriteria: fixed })).toEqual([]);
  });
});

/**
 * A plan that breaks every rule but one: it has an evaluator, whom nobody has
 * met; without one (`noEvaluator`), no-evaluator is the finding instead.
 */
const brokenPlan = ({ noEvaluator = false } = {}): PlanDocument => ({
  format: "michi.plan/v1",
  title: "壊れた計画",
  period: { start: "2026-01-01" },
  team: [
    { key: "u1", name: "利用者", side: "customer", role: "user" },
    ...(noEvaluator
      ? []
      : [{ key: "e1", name: "部長", side: "customer" as const, role: "evaluator" as const }]),
  ],
  pufu: {
    goal: "",
    winCondition: { text: "待機を減らす" },
    objectives: [{ key: "o1", title: "目的" }],
    measures: [{ key: "m1", title: "施策", effortHoursPerWeek: 10 }],
    factors: { headcount: 1, hoursPerWeekPerPerson: 2 },
  },
  kpis: [{ key: "k1", kind: "kpi", name: "指標" }],
  roadmap: [1, 2, 3, 4].map((n) => ({
    key: `r${n}`,
    process: "業務",
    status: "inProgress" as const,
  })),
  tasks: [
    { key: "t1", title: "作業" },
    { key: "t2", title: "作業", ownerKey: "u1", dueDate: "2026-01-31" },
  ],
});

const brokenOptions: CheckPlanOptions = {
  today: "2026-03-01",
  meetings: [],
  exitCriteria: [{ key: "e1", text: "全員が使っている" }],
};

describe("checkPlan on a plan that breaks every rule", () => {
  it("yields every code of planCheckCodes, in its order, over a plan with and without an evaluator", () => {
    const codesOf = (doc: PlanDocument) =>
      new Set(checkPlan(doc, brokenOptions).map((finding) => finding.code));
    const withEvaluator = codesOf(brokenPlan());
    const without = codesOf(brokenPlan({ noEvaluator: true }));
    expect([...withEvaluator]).toEqual(
      planCheckCodes.map(({ code }) => code).filter((code) => code !== "no-evaluator"),
    );
    expect([...without]).toEqual(
      planCheckCodes.map(({ code }) => code).filter((code) => code !== "evaluator-not-met"),
    );
  });
});

describe("reasons", () => {
  it("are set, from the declared list, exactly by the checks that word their findings more than one way", () => {
    // Plans that between them reach every wording of every check.
    const noWinCondition = brokenPlan();
    noWinCondition.pufu.winCondition = { text: "", kpiKeys: ["k9"] };
    const kpiWithoutTarget = plan();
    delete kpiWithoutTarget.kpis![0]!.target;
    const late = plan();
    late.pufu.winCondition.kpiKeys = [];
    const found = [
      ...checkPlan(brokenPlan(), brokenOptions),
      ...checkPlan(noWinCondition, brokenOptions),
      ...findings(kpiWithoutTarget),
      ...findings(late, {
        today: "2027-03-26",
        meetings: [{ date: "2026-10-20", audience: "evaluators" }],
        exitCriteria: [{ key: "e2", text: { ja: "全席の100%", en: "100% of seats" } }],
      }),
    ];
    const reasonsFound = new Set(
      found.map((finding) => `${finding.code}:${String(finding.params?.reason ?? "")}`),
    );
    const declared = new Set(
      planCheckCodes.flatMap((check) =>
        "reasons" in check ? check.reasons.map((reason) => `${check.code}:${reason}`) : [],
      ),
    );
    const withReason = new Set<string>(
      planCheckCodes.filter((check) => "reasons" in check).map((c) => c.code),
    );
    expect(declared.size).toBeGreaterThan(0);
    // Every declared wording is reached, and no finding carries an undeclared one.
    expect(
      [...reasonsFound].filter((entry) => withReason.has(entry.split(":")[0]!)).sort(),
    ).toEqual([...declared].sort());
    // A check without reasons sets none.
    for (const finding of found.filter((f) => !withReason.has(f.code))) {
      expect(finding.params?.reason, finding.code).toBeUndefined();
    }
  });
});

describe("supersessions", () => {
  it("declares each relation between two different codes, and none both ways", () => {
    const codes = new Set<string>(planCheckCodes.map(({ code }) => code));
    for (const relation of planCheckSupersessions) {
      expect(codes.has(relation.code) && codes.has(relation.supersedes)).toBe(true);
      expect(relation.code).not.toBe(relation.supersedes);
      expect(
        planCheckSupersessions.some(
          (other) => other.code === relation.supersedes && other.supersedes === relation.code,
        ),
      ).toBe(false);
    }
  });

  it("gives a plan with no evaluator no-evaluator, not also evaluator-not-met", () => {
    const doc = plan();
    doc.team = doc.team!.filter((member) => member.role !== "finalEvaluator");
    const options = { today: "2027-03-01", meetings: [] };
    expect(only("no-evaluator", doc, options)).toHaveLength(1);
    expect(only("evaluator-not-met", doc, options)).toEqual([]);
    // The evaluator back, and still never met: now that is the finding.
    expect(only("evaluator-not-met", base, options)).toHaveLength(1);
    expect(only("no-evaluator", base, options)).toEqual([]);
  });

  it("gives a blank win condition goal-missing, not also 'names no KPI'; a missing KPI stays", () => {
    const doc = plan();
    doc.pufu.winCondition = { text: " " };
    expect(codesAndTargets(doc)).toEqual(["goal-missing winCondition"]);
    doc.pufu.winCondition = { text: " ", kpiKeys: ["k9"] };
    expect(codesAndTargets(doc)).toEqual([
      "goal-missing winCondition",
      "win-condition-unmeasurable winCondition",
    ]);
    // A written win condition naming no KPI: the finding is back.
    doc.pufu.winCondition = { text: "平均待機時間45分以下" };
    expect(codesAndTargets(doc)).toEqual(["win-condition-unmeasurable winCondition"]);
  });

  it("gives the win condition's KPI without a target one finding, unless it lacks more", () => {
    const doc = plan();
    delete doc.kpis![0]!.target; // k1, which the win condition names
    expect(codesAndTargets(doc)).toEqual(["win-condition-unmeasurable k1"]);
    delete doc.kpis![0]!.dataSource;
    expect(codesAndTargets(doc)).toEqual(["win-condition-unmeasurable k1", "kpi-incomplete k1"]);
    // A KPI the win condition does not name keeps its "has no target".
    delete doc.kpis![1]!.target;
    expect(only("kpi-incomplete", doc).map((finding) => finding.target)).toEqual(["k1", "k2"]);
  });
});
