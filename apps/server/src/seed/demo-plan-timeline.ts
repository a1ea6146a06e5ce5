import {
  PLAN_FORMAT,
  type PlanDocument,
  type PlanKpiMeasurement,
  type PlanTeamMember,
} from "@michi/core";
import type { StageRetrospective } from "../db/schema";
import type { Industry } from "./demo-names";
import { planScenarios, retrospectivePhrases } from "./demo-plan-scenarios";
import type { Random } from "./factories";
import { fork, int, pick } from "./random";

/*
 * Success plans for a dozen of the demo workspace's accounts (enterprise
 * first, then mid-market; only current customers), each somewhere along its
 * six months: some just agreed, some two or three stages (局面) in with
 * retrospectives, KPI measurements every week or month, meetings, tasks
 * (some overdue). A few plans break a plan check on purpose, so the demo
 * shows findings of many codes. Deterministic like demo.ts: a seeded PRNG,
 * and dates as offsets from today.
 */

const DEMO_PLANS_SEED = 20240402;
export const PLAN_COUNT = 12;

/** Closed stages of the i-th plan: the last one was agreed a few days ago. */
const CLOSED_STAGES = [3, 2, 2, 1, 3, 1, 2, 1, 2, 1, 2, 0] as const;

/** The plan check each plan breaks on purpose, besides what time does (overdue tasks …). */
type Defect =
  | "measure-without-objective"
  | "no-evaluator"
  | "kpi-incomplete"
  | "too-many-in-progress"
  | "over-capacity"
  | "objective-without-measure"
  | "task-unassigned"
  | "evaluator-not-met"
  | "win-condition-unmeasurable"
  | "goal-missing"
  | null;
const DEFECTS: Defect[] = [
  "measure-without-objective",
  "no-evaluator",
  "kpi-incomplete",
  "too-many-in-progress",
  "over-capacity",
  "objective-without-measure",
  "task-unassigned",
  "evaluator-not-met",
  null,
  "win-condition-unmeasurable",
  null,
  "goal-missing",
];

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const todayIn = (now: Date) =>
  new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
/** 10:00 in Tokyo on a date, but never later than now. */
export const morningOf = (iso: string, now: Date) =>
  new Date(Math.min(Date.parse(`${iso}T01:00:00Z`), now.getTime()));

export type DemoPlanAccount = {
  id: string;
  name: string;
  externalId: string | null;
  industry: Industry;
  contacts: { name: string; email: string | null; title: string | null; notes: string | null }[];
  owner: { id: string; name: string; email: string } | null;
};

export type DemoMeeting = {
  date: string;
  audience: "users" | "evaluators";
  title: string;
  notes: string;
  decisions: string;
};

export type DemoPlan = {
  document: PlanDocument;
  start: string;
  stages: {
    number: number;
    openedOn: string;
    closedOn: string;
    document: PlanDocument;
    retrospective: StageRetrospective;
  }[];
  meetings: DemoMeeting[];
};

const roleOfContact = (notes: string | null): PlanTeamMember["role"] => {
  if (notes?.startsWith("最終評価者")) return "finalEvaluator";
  if (notes?.startsWith("評価者")) return "evaluator";
  if (notes?.startsWith("推進者")) return "promoter";
  return "user";
};

const round = (value: number, unit: string) =>
  unit === "%" || unit.startsWith("件") || unit === "人"
    ? Math.round(value)
    : Math.round(value * 10) / 10;

/** Values drifting from baseline towards target (or past it, or back), with noise. */
const kpiSeries = (
  random: Random,
  kpi: { baseline: number; target: number; unit: string },
  params: { start: string; today: string; everyDays: number; pace: number },
): PlanKpiMeasurement[] => {
  const series: PlanKpiMeasurement[] = [];
  for (let day = params.everyDays; ; day += params.everyDays) {
    const date = addDays(params.start, day);
    if (date > params.today) break;
    const share = Math.min(1.1, (params.pace * day) / 182);
    const noise = (random() - 0.5) * 0.12;
    const value = kpi.baseline + (kpi.target - kpi.baseline) * (share + noise);
    series.push({ date, value: round(Math.max(0, value), kpi.unit) });
  }
  return series;
};

/** The i-th demo plan, pure: its document today, its closed stages and its meetings. */
export const planDemoPlan = (index: number, account: DemoPlanAccount, today: string): DemoPlan => {
  const random = fork(DEMO_PLANS_SEED, index);
  const scenario = planScenarios[account.industry];
  const closed = CLOSED_STAGES[index % CLOSED_STAGES.length] ?? 1;
  const defect = DEFECTS[index % DEFECTS.length] ?? null;
  const stageDays = int(random, 28, 42);
  const start =
    closed === 0 ? addDays(today, -4) : addDays(today, -(closed * stageDays + int(random, 8, 25)));
  const closedOn = Array.from({ length: closed }, (_, k) => addDays(start, (k + 1) * stageDays));

  // Who is who: the account's contacts in their roles, the owner as CSM.
  const team: PlanTeamMember[] = account.contacts.map((c, k) => ({
    key: `c${k + 1}`,
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    ...(c.title ? { title: c.title } : {}),
    side: "customer",
    role: roleOfContact(c.notes),
  }));
  team.push({
    key: "v1",
    name: account.owner?.name ?? "担当CSM",
    ...(account.owner ? { email: account.owner.email } : {}),
    side: "vendor",
    role: "csm",
  });
  const promoter = team.find((m) => m.role === "promoter")?.key ?? "v1";
  const customerTeam =
    defect === "no-evaluator"
      ? team.filter((m) => m.role !== "finalEvaluator" && m.role !== "evaluator")
      : team;

  // When each thing happens, drawn once so that every stage tells the same story.
  const pace = 0.7 + random() * 0.6;
  const series = scenario.kpis.map((k, i) =>
    kpiSeries(random, k, { start, today, everyDays: i === 0 ? 30 : 14, pace }),
  );
  const measureDates = scenario.measures.map((_, i) => {
    const begin = addDays(start, i * 9 + int(random, 0, 6));
    return { begin, done: addDays(begin, int(random, 35, 110)) };
  });
  const roadmapBegins = scenario.roadmap.map((_, i) => addDays(start, 10 + i * 45));
  const milestoneDue = scenario.milestones.map((_, j) =>
    addDays(start, Math.round(((j + 1) * 182) / 4)),
  );
  const milestoneKept = scenario.milestones.map(() => random() < 0.7);
  const milestoneEarly = scenario.milestones.map(() => int(random, 0, 4));
  const taskDue = scenario.tasks.map((_, j) => addDays(start, 7 + j * int(random, 9, 20)));
  const taskKept = scenario.tasks.map(() => random() < 0.65);

  const documentOn = (date: string): PlanDocument => {
    const inProgressLimit = defect === "too-many-in-progress" ? 99 : 2;
    let inProgress = 0;
    const roadmap = scenario.roadmap.map((r, i) => {
      const begun = (roadmapBegins[i] ?? today) <= date;
      const done = addDays(roadmapBegins[i] ?? today, 120) <= date;
      const status = done
        ? "done"
        : begun && inProgress < inProgressLimit
          ? "inProgress"
          : "planned";
      if (status === "inProgress") inProgress++;
      return {
        key: `r${i + 1}`,
        ...r,
        status,
        ...(begun ? { startDate: roadmapBegins[i] } : {}),
        ...(i === 0 ? { kpiKeys: ["k2"] } : i === 2 ? { kpiKeys: ["k3"] } : {}),
      } as const;
    });
    if (defect === "too-many-in-progress") {
      roadmap.push(
        {
          key: "r4",
          process: "紙の帳票の廃止",
          purpose: "二重管理をやめる",
          how: "帳票を電子様式に置き換える",
          howMuch: "全帳票",
          impact: 3,
          difficulty: 3,
          status: "inProgress",
          startDate: start,
        },
        {
          key: "r5",
          process: "外部との文書のやりとり",
          purpose: "郵送をなくす",
          how: "社外共有リンク",
          howMuch: "主要取引先",
          impact: 2,
          difficulty: 3,
          status: "inProgress",
          startDate: start,
        },
        {
          key: "r6",
          process: "会議資料の準備",
          purpose: "印刷をなくす",
          how: "会議資料を事前に共有",
          howMuch: "定例会議すべて",
          impact: 2,
          difficulty: 3,
          status: "inProgress",
          startDate: start,
        },
      );
    }
    const measures: NonNullable<PlanDocument["pufu"]["measures"]> = scenario.measures.map(
      (m, i) => {
        const when = measureDates[i]!;
        // The over-capacity plan started everything at once and finished nothing.
        const finished = when.done <= date && defect !== "over-capacity";
        const status = finished ? "done" : when.begin <= date ? "inProgress" : "planned";
        return {
          key: `m${i + 1}`,
          title: m.title,
          objectiveKeys: m.objectives.map((o) => `o${o + 1}`),
          ownerKey: i % 2 === 0 ? promoter : "v1",
          effortHoursPerWeek: defect === "over-capacity" ? m.effort * 3 : m.effort,
          status,
        };
      },
    );
    if (defect === "measure-without-objective") {
      measures.push({
        key: "m9",
        title: "チャット通知の設定",
        ownerKey: "v1",
        effortHoursPerWeek: 1,
        status: "planned",
      });
    }
    const objectives: NonNullable<PlanDocument["pufu"]["objectives"]> = scenario.objectives.map(
      (o, i) => ({
        key: `o${i + 1}`,
        ...o,
        ...(i === 0 ? { kpiKeys: ["k2"] } : i === 1 ? { kpiKeys: ["k3"] } : {}),
      }),
    );
    if (defect === "objective-without-measure") {
      objectives.push({
        key: "o9",
        title: "経営会議で効果が共有されている",
        desiredState: "四半期ごとの経営会議で導入効果が報告されている",
      });
    }
    const kpis = scenario.kpis.map((k, i) => {
      const measurements = (series[i] ?? []).filter((m) => m.date <= date);
      const incomplete = defect === "kpi-incomplete" && i === 2;
      return {
        key: `k${i + 1}`,
        kind: i === 0 ? "kgi" : "kpi",
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        baseline: k.baseline,
        target: k.target,
        dueDate: addDays(start, i === 0 ? 182 : 150),
        evaluationMethod: k.evaluationMethod,
        ...(incomplete ? {} : { dataSource: k.dataSource }),
        aggregation: k.aggregation,
        ...(measurements.length > 0 ? { measurements } : {}),
      } as const;
    });
    const tasks = scenario.tasks.map((title, j) => {
      const due = taskDue[j] ?? today;
      const done = taskKept[j] && addDays(due, -2) <= date;
      const unassigned = defect === "task-unassigned" && j === scenario.tasks.length - 1;
      return {
        key: `t${j + 1}`,
        title,
        ...(unassigned ? {} : { ownerKey: j % 2 === 0 ? "v1" : promoter }),
        dueDate: due,
        status: done ? "done" : due <= addDays(date, 7) ? "doing" : "todo",
        measureKey: `m${(j % scenario.measures.length) + 1}`,
        ...(j < 3 ? { milestoneKey: `ms${j + 1}` } : {}),
      } as const;
    });
    const stageNo = closedOn.filter((d) => d <= date).length;
    return {
      format: PLAN_FORMAT,
      title: `${account.name.replace(/株式会社/g, "").trim()} ${scenario.title}`,
      // As the stored plan reads it back (plan-rows.ts), so that a closed stage is
      // the same document a close would have kept.
      account: {
        ...(account.externalId ? { externalId: account.externalId } : {}),
        name: account.name,
      },
      status:
        stageNo === 0 && date === today && closed === 0
          ? "draft"
          : stageNo === 0
            ? "agreed"
            : "active",
      period: { start, end: addDays(start, 182) },
      purpose: scenario.purpose,
      team: customerTeam,
      pufu: {
        goal: defect === "goal-missing" ? "" : scenario.goal,
        winCondition: {
          text: scenario.winCondition,
          ...(defect === "win-condition-unmeasurable" ? {} : { kpiKeys: ["k1"] }),
        },
        objectives,
        measures,
        factors: {
          ...scenario.factors,
          headcount: defect === "over-capacity" ? 2 : 4,
          hoursPerWeekPerPerson: 3,
        },
      },
      roadmap,
      kpis,
      milestones: scenario.milestones.map((title, j) => {
        const due = milestoneDue[j] ?? today;
        const kept = milestoneKept[j] && due <= date;
        return {
          key: `ms${j + 1}`,
          title,
          dueDate: due,
          ...(kept ? { doneDate: addDays(due, -(milestoneEarly[j] ?? 0)) } : {}),
          objectiveKeys: [`o${(j % scenario.objectives.length) + 1}`],
        };
      }),
      tasks,
      meetingCadences: [
        { key: "mc1", name: "週次定例(実利用者)", audience: "users", everyDays: 7 },
        { key: "mc2", name: "月次報告(評価者)", audience: "evaluators", everyDays: 30 },
      ],
      failurePatterns: [
        {
          key: "f1",
          text: "実利用者とだけ話し、評価者が費用対効果を知らないまま更新を判断する",
          discussed: true,
        },
        {
          key: "f2",
          text: "改善したい業務に同時に手を付け、収拾がつかなくなる",
          discussed: closed > 1,
        },
        {
          key: "f3",
          text: "使い始めたが、何がどう良くなったのかを数字で示せない",
          discussed: closed > 0,
        },
      ],
    };
  };

  const stages = closedOn.map((closedDate, k) => {
    const document = documentOn(closedDate);
    return {
      number: k + 1,
      openedOn: k === 0 ? start : (closedOn[k - 1] ?? start),
      closedOn: closedDate,
      document,
      retrospective: {
        summary: `第${k + 1}局面のふりかえり(${Number(closedDate.slice(5, 7))}月${Number(closedDate.slice(8, 10))}日)`,
        objectives: (document.pufu.objectives ?? []).map((o) => {
          const roll = random();
          const direction: StageRetrospective["objectives"][number]["direction"] =
            roll < 0.55 ? "closer" : roll < 0.85 ? "unchanged" : "further";
          const phrases = retrospectivePhrases[direction];
          return {
            key: o.key,
            direction,
            ...("held" in phrases ? { held: pick(random, phrases.held) } : {}),
            ...("didNotHold" in phrases ? { didNotHold: pick(random, phrases.didNotHold) } : {}),
            changesNext: pick(random, phrases.changesNext),
          };
        }),
      },
    };
  });

  // Weekly meetings with users; monthly reports to evaluators, which stopped in one plan.
  const meetings: DemoMeeting[] = [];
  const evaluatorsUntil = defect === "evaluator-not-met" ? addDays(today, -55) : today;
  for (let day = 7; addDays(start, day) <= today; day += 7) {
    meetings.push({
      date: addDays(start, day),
      audience: "users",
      title: "週次定例(実利用者)",
      notes: pick(random, retrospectivePhrases.closer.held),
      decisions: pick(random, retrospectivePhrases.unchanged.changesNext),
    });
  }
  for (let day = 28; addDays(start, day) <= evaluatorsUntil; day += int(random, 26, 30)) {
    meetings.push({
      date: addDays(start, day),
      audience: "evaluators",
      title: "月次報告(評価者)",
      notes: "KGI/KPI の推移と費用対効果を報告",
      decisions: pick(random, retrospectivePhrases.closer.changesNext),
    });
  }
  return { document: documentOn(today), start, stages, meetings };
};
