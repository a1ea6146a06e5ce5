import type { Db } from "../db/client";
import { accountPhases } from "../db/schema";
import { updateCsSettings } from "../features/cs-settings/cs-settings.queries";
import { ingestUsageEvents } from "../features/usage/usage.service";
import { loadCsModel, recomputeAccounts } from "../recompute";
import type { PlannedAccount } from "./demo";
import { seedDemoCsModel } from "./demo-cs-model";
import { products } from "./demo-names";
import { type OnDemoSeedProgress, reportByQuarter } from "./demo-progress";
import {
  DEMO_USAGE_DAYS,
  DEMO_USAGE_SEED,
  type DemoUsageAccount,
  planDemoUsage,
  type UsageProfile,
} from "./demo-usage-plan";
import { fork, int } from "./random";

/*
 * The demo's usage and what follows from it: the CS model, 90 days of
 * events ingested through the same path as the API's /batch (raw rows,
 * rollups, dirty marks), and the history the recompute writes when run for
 * each day in turn, oldest first: daily health scores, maturity levels,
 * phase moves and touch models. Phases move on their own (auto) while the
 * history is built; the last days run in propose mode, which the workspace
 * keeps, so CSMs find open proposals for the accounts that qualify now.
 */

/** Events per ingest call: a few large transactions, as a bulk sender would. */
const INGEST_BATCH = 25_000;
/** The last days of the history are recomputed in propose mode. */
export const DEMO_PROPOSE_DAYS = 10;
/**
 * The recompute runs for each of these last days, and once a week before
 * them. All 90: the demo has a real daily history (issue 4's "done when").
 * It costs ~4.5 s of the demo seed on PGlite (~20 statements per day); lower
 * it to trade daily points before then for a faster first start.
 */
export const DEMO_DAILY_HISTORY_DAYS = 90;

/** Whether the recompute runs for day `d` (0 = the window's first day). */
export const isHistoryDay = (d: number) => {
  const daysAgo = DEMO_USAGE_DAYS - 1 - d;
  return daysAgo < DEMO_DAILY_HISTORY_DAYS || daysAgo % 7 === 0;
};

const DAY_MS = 86_400_000;
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => toIso(toTime(iso) + days * DAY_MS);
/** 10:00 in Tokyo on a date. */
const morning = (iso: string) => new Date(`${iso}T01:00:00Z`);

/** The usage generator's view of a planned account. */
export const demoUsageAccount = (planned: PlannedAccount): DemoUsageAccount => ({
  externalId: planned.account.externalId ?? planned.company.domain,
  name: planned.company.name,
  domain: planned.company.domain,
  segment: planned.company.segment,
  scenario: planned.scenario,
  touchModel: planned.account.touchModel ?? "tech",
  contacts: planned.contacts.map((c) => ({
    name: c.name ?? "",
    email: c.email ?? "",
    title: c.title,
  })),
  contracts: planned.contracts.map((c) => ({
    product: c.product ?? products.docs,
    startDate: c.startDate ?? "",
    endDate: c.endDate ?? null,
    status: c.status ?? "active",
    mrrMinor: c.mrrMinor ?? 0,
    seats: c.seats ?? null,
  })),
});

type PhaseRow = { phaseKey: string; since: string };

/**
 * Where an account stood before the window, from its contracts: CSMs moved
 * it by hand through onboarding, trial run and operation in its first months;
 * those that took hold reached utilisation; an expanded (upsell) account went
 * through its renewal and back to utilisation. New contracts get no row: the
 * recompute moves them out of proposal on the day their contract starts.
 */
export const startingPhases = (
  account: DemoUsageAccount,
  profile: UsageProfile,
  params: { windowStart: string; index: number },
): PhaseRow[] => {
  const random = fork(DEMO_USAGE_SEED + 1, params.index);
  const docs = account.contracts.filter((c) => c.product === products.docs);
  const first = docs.map((c) => c.startDate).sort()[0];
  if (first === undefined || first >= params.windowStart) return [];
  const rows: PhaseRow[] = [{ phaseKey: "onboarding", since: first }];
  const step = (phaseKey: string, since: string) => {
    if (since < params.windowStart && since > (rows.at(-1)?.since ?? "")) {
      rows.push({ phaseKey, since });
    }
  };
  step("trial-run", addDays(first, int(random, 25, 50)));
  step("operation", addDays(first, int(random, 80, 130)));
  if (profile.trajectory !== "stalled" && profile.trajectory !== "reviving") {
    step("utilisation", addDays(first, int(random, 200, 300)));
  }
  if (account.scenario === "upsell") {
    const expired = docs.find((c) => c.status === "expired");
    const renewed = docs.find((c) => c.status === "active");
    if (expired?.endDate && renewed) {
      step("renewal", addDays(expired.endDate, -int(random, 60, 85)));
      step("utilisation", addDays(renewed.startDate, int(random, 7, 20)));
    }
  }
  if (profile.trajectory === "none") {
    // Churned before the window: last seen in the renewal talks that failed.
    const end = docs
      .map((c) => c.endDate ?? "")
      .sort()
      .at(-1);
    if (end) step("renewal", addDays(end, -int(random, 60, 85)));
  }
  return rows;
};

const writeStartingPhases = async (
  db: Db,
  params: { workspaceId: string; rows: { accountId: string; phases: PhaseRow[] }[] },
) => {
  const values = params.rows.flatMap(({ accountId, phases }) =>
    phases.map((row, i) => {
      const next = phases[i + 1];
      return {
        workspaceId: params.workspaceId,
        accountId,
        phaseKey: row.phaseKey,
        since: morning(row.since),
        until: next ? morning(next.since) : null,
        decidedBy: "user" as const,
      };
    }),
  );
  if (values.length > 0) await db.insert(accountPhases).values(values);
};

export type DemoUsageSummary = {
  events: number;
  /** Days the recompute ran for. */
  historyDays: number;
  profiles: UsageProfile[];
};

/**
 * Seeds the demo's CS model, usage and history for accounts already written
 * (`accountIds[k]` is the id of `plan[k]`). Usage days are UTC days, as the
 * rollups; the last is today, with nothing after `now`.
 */
export const seedDemoUsage = async (
  db: Db,
  params: {
    workspaceId: string;
    now: Date;
    plan: readonly PlannedAccount[];
    accountIds: readonly string[];
    onProgress?: OnDemoSeedProgress;
  },
): Promise<DemoUsageSummary> => {
  const { workspaceId, now, onProgress } = params;
  const today = toIso(now.getTime());
  const windowStart = addDays(today, -(DEMO_USAGE_DAYS - 1));
  const accounts = params.plan.map(demoUsageAccount);
  const usage = planDemoUsage(accounts, { today, now });

  await seedDemoCsModel(db, { workspaceId });
  await writeStartingPhases(db, {
    workspaceId,
    rows: accounts.map((account, index) => ({
      accountId: params.accountIds[index] as string,
      phases: startingPhases(account, usage.profiles[index] as UsageProfile, {
        windowStart,
        index,
      }),
    })),
  });
  const events = usage.events.length;
  for (let i = 0; i < events; i += INGEST_BATCH) {
    await ingestUsageEvents(db, { workspaceId, events: usage.events.slice(i, i + INGEST_BATCH) });
    onProgress?.({ step: "usage events", done: Math.min(i + INGEST_BATCH, events), total: events });
  }

  // The recompute for each history day, oldest first, at 23:00 UTC (08:00
  // next morning in Tokyo); today's at now. What recomputeAllAccounts does,
  // with the account ids and the model read once instead of for every day.
  let model = await loadCsModel(db, workspaceId);
  let historyDays = 0;
  const reportDay = reportByQuarter(
    onProgress,
    "history days",
    Array.from({ length: DEMO_USAGE_DAYS }, (_, d) => d).filter(isHistoryDay).length,
  );
  for (let d = 0; d < DEMO_USAGE_DAYS; d++) {
    if (!isHistoryDay(d)) continue;
    historyDays++;
    if (d === DEMO_USAGE_DAYS - DEMO_PROPOSE_DAYS) {
      await updateCsSettings(db, { workspaceId, phaseMode: "propose" });
      model = await loadCsModel(db, workspaceId);
    }
    const day = addDays(windowStart, d);
    const at = new Date(Math.min(Date.parse(`${day}T23:00:00Z`), now.getTime()));
    await recomputeAccounts(db, { workspaceId, accountIds: params.accountIds, at, model });
    reportDay(historyDays);
  }
  return { events: usage.events.length, historyDays, profiles: usage.profiles };
};
