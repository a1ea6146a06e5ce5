import {
  addCalendarDays,
  type DisplayLanguage,
  latestActivity,
  localizeText,
  openPlanTasks,
  planProgress,
  scoreChange,
  summarizeContracts,
  summarizeFindings,
  todayInTokyo,
  wholeDaysSince,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { readCsModel } from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { findContractsOfAccount } from "../contracts/contracts.queries";
import { findLatestHealthScore } from "../health/health.queries";
import { getAccountHealth } from "../health/health.service";
import { readAccountStays } from "../lifecycle/phase.service";
import { findMeetingsOfPlan } from "../success-plans/meetings.queries";
import { getPlanChecks } from "../success-plans/plan-checks.service";
import { loadPlanDocument } from "../success-plans/plan-store";
import { findPlansOfAccount } from "../success-plans/plans.queries";
import { findLastRollupDay } from "../usage/usage.queries";

/** How many open tasks and findings the overview lists; the counts cover all. */
const NEXT_TASKS = 5;
const TOP_FINDINGS = 3;

/**
 * The active plan's part of the overview: progress, open findings (the plan
 * routes' own check), the next meeting and the open tasks. Null without one.
 */
const describeActivePlan = async (
  db: Db,
  actor: Actor,
  params: { planId: string; today: string },
) => {
  const { workspaceId } = actor;
  const { planId, today } = params;
  const [loaded, checks, meetings] = await Promise.all([
    loadPlanDocument(db, { workspaceId, planId }),
    getPlanChecks(db, actor, { id: planId }),
    findMeetingsOfPlan(db, { workspaceId, planId }),
  ]);
  if (!loaded) return null;
  const { plan, document } = loaded;
  const owners = new Map((document.team ?? []).map((member) => [member.key, member.name]));
  const open = openPlanTasks(document, today);
  // Newest first: the last one on or after today is the next.
  const next = meetings.filter((m) => m.date >= today).at(-1) ?? null;
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      status: plan.status ?? "draft",
      stage: plan.stage,
      progress: planProgress(document, today),
      findings: summarizeFindings(checks.findings, TOP_FINDINGS),
    },
    nextMeeting:
      next === null
        ? null
        : { id: next.id, planId, date: next.date, title: next.title, audience: next.audience },
    lastMeeting: meetings.find((m) => m.date <= today)?.date ?? null,
    tasks: {
      open: open.tasks.length,
      overdue: open.overdue,
      next: open.tasks.slice(0, NEXT_TASKS).map((task) => ({
        key: task.key,
        title: task.title,
        dueDate: task.dueDate ?? null,
        status: task.status,
        overdue: task.overdue,
        ownerName: task.ownerKey ? (owners.get(task.ownerKey) ?? null) : null,
      })),
    },
  };
};

/**
 * An account's overview (概要) in one read, composed from what the account
 * page's tabs read one by one. Dates of plans, tasks, meetings and contracts
 * are counted from today in Japan (todayInTokyo, as the plan checks); health
 * from the UTC day its scores are kept by.
 */
export const getAccountOverview = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const accountId = account.id;
  const today = todayInTokyo(new Date());
  const [health, model, contracts, plans, lastUsageDay] = await Promise.all([
    getAccountHealth(db, actor, accountId),
    readCsModel(db, workspaceId),
    findContractsOfAccount(db, { workspaceId, accountId }),
    findPlansOfAccount(db, { workspaceId, accountId }),
    findLastRollupDay(db, { workspaceId, accountId, to: today }),
  ]);
  const scoreOn = async (daysBefore: number) =>
    (
      await findLatestHealthScore(db, {
        workspaceId,
        accountId,
        onOrBefore: addCalendarDays(health.day, -daysBefore),
      })
    )?.score ?? null;
  const activePlan = plans.find((plan) => plan.active);
  const [score30, score90, stays, active] = await Promise.all([
    scoreOn(30),
    scoreOn(90),
    readAccountStays(db, { workspaceId, account, phases: model.phases }),
    activePlan ? describeActivePlan(db, actor, { planId: activePlan.id, today }) : null,
  ]);
  const phase = model.phases.find((p) => p.key === stays.currentKey);
  const since = stays.current.since.toISOString();
  const lastPlanUpdate = plans.reduce<Date | null>(
    (latest, plan) => (latest === null || plan.updatedAt > latest ? plan.updatedAt : latest),
    null,
  );
  return {
    accountId,
    today,
    health: {
      day: health.day,
      score: health.score,
      band: health.band,
      change30: scoreChange(health.score, score30),
      change90: scoreChange(health.score, score90),
    },
    phase: {
      key: stays.currentKey,
      name: phase ? localizeText(phase.name, params.lang) : stays.currentKey,
      since,
      daysInPhase: wholeDaysSince(since, new Date().toISOString()),
    },
    contracts: summarizeContracts(
      contracts.map((c) => ({ ...c, mrrMinor: Number(c.mrrMinor) })),
      today,
    ),
    plan: active?.plan ?? null,
    nextMeeting: active?.nextMeeting ?? null,
    tasks: active?.tasks ?? { open: 0, overdue: 0, next: [] },
    lastActivity: latestActivity([
      { kind: "usage" as const, at: lastUsageDay },
      { kind: "meeting" as const, at: active?.lastMeeting ?? null },
      { kind: "planUpdate" as const, at: lastPlanUpdate ? iso(lastPlanUpdate) : null },
    ]),
  };
};
