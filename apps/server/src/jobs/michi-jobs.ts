import { eq } from "drizzle-orm";
import { type Db, databaseKindOf } from "../db/client";
import { maintainEmbeddedDatabase } from "../db/maintenance";
import { instanceSettings } from "../db/schema";
import { refreshContractChurn } from "../features/accounts/churn.queries";
import { sweepDatePlaybooks } from "../features/playbooks/playbook-daily-sweep";
import { dispatchPendingAccountEvents } from "../features/playbooks/playbook-dispatcher";
import { type RunnerDeps, runAllDuePlaybookRuns } from "../features/playbooks/playbook-runner";
import { writeHealthTrendDays } from "../features/portfolio/health-trend-days.queries";
import { trendWindowOf } from "../features/portfolio/portfolio.service";
import { applyUsageRetention } from "../features/usage/usage-retention";
import { deliverDueWebhooks } from "../features/webhooks/webhook-delivery";
import { listWorkspaces } from "../features/workspaces/workspaces.queries";
import { utcDay } from "../lib/days";
import { drainDirtyAccounts, recomputeAllAccounts } from "../recompute";
import type { Job, LastRunStore } from "./job-runner";

/** Queue names (pg-boss) and job names in logs. */
export const jobNames = {
  recomputeDirty: "recompute-dirty",
  recomputeAll: "recompute-all",
  usageRetention: "usage-retention",
  maintainEmbeddedDatabase: "maintain-embedded-database",
  deliverWebhooks: "deliver-webhooks",
  dispatchAccountEvents: "dispatch-account-events",
  runPlaybooks: "run-playbooks",
  playbookDailySweep: "playbook-daily-sweep",
} as const;

/** What the playbook jobs need (issue 17): the outbound mailer, links, tokens, the URL guard. */
export type PlaybookJobSettings = RunnerDeps & {
  /** Seconds between dispatcher passes and between runner passes. */
  intervalSeconds?: number;
};

/**
 * The outbox's dispatcher and the playbook runner every few seconds, and the
 * date-based sweep once a day, after the full recompute and the retention.
 */
const playbookJobs = (db: Db, settings: PlaybookJobSettings, dailyHourUtc: number): Job[] => {
  const seconds = settings.intervalSeconds ?? 5;
  return [
    {
      name: jobNames.dispatchAccountEvents,
      schedule: { kind: "interval", seconds },
      run: () => dispatchPendingAccountEvents(db, { baseURL: settings.baseURL }),
    },
    {
      name: jobNames.runPlaybooks,
      schedule: { kind: "interval", seconds },
      run: () => runAllDuePlaybookRuns(db, settings),
    },
    {
      name: jobNames.playbookDailySweep,
      schedule: { kind: "daily", hour: dailyHourUtc, minute: 45 },
      run: () => sweepDatePlaybooks(db, { baseURL: settings.baseURL }),
    },
  ];
};

/** Due webhook deliveries are looked for this often (a first attempt waits at most this). */
const WEBHOOK_DELIVERY_INTERVAL_SECONDS = 5;

/** As often as autovacuum looks, near enough: its default naptime is a minute. */
const MAINTENANCE_INTERVAL_SECONDS = 5 * 60;

/** Every account of the given workspaces (default: all), one workspace after another. */
export const recomputeWorkspaces = async (
  db: Db,
  params: { workspaceIds?: readonly string[]; at?: Date } = {},
): Promise<{ workspaces: number; accounts: number }> => {
  const workspaceIds = params.workspaceIds ?? (await listWorkspaces(db)).map((w) => w.id);
  let accounts = 0;
  const today = utcDay(params.at ?? new Date());
  for (const workspaceId of workspaceIds) {
    // An end date passing turns a customer into a churned one without any write.
    await refreshContractChurn(db, { workspaceId, today });
    accounts += await recomputeAllAccounts(db, {
      workspaceId,
      ...(params.at ? { at: params.at } : {}),
    });
    // Yesterday's trend day now, so that no one's portfolio read waits for it.
    await writeHealthTrendDays(db, { workspaceId, ...trendWindowOf(today) });
  }
  return { workspaces: workspaceIds.length, accounts };
};

/**
 * The recurring jobs: dirty accounts every few seconds (new events show in
 * health within the interval), a full recompute once a day (measures such as
 * "days since last login" change without events), and raw-event retention
 * half an hour later. On PGlite also the vacuum and analyze that
 * PostgreSQL's autovacuum does (maintainEmbeddedDatabase).
 */
export const michiJobs = (
  db: Db,
  settings: {
    dirtyIntervalSeconds: number;
    dailyHourUtc: number;
    webhooksAllowPrivate?: boolean;
    /** Without it, no playbook jobs (tests of the other jobs). */
    playbooks?: PlaybookJobSettings;
  },
): Job[] => [
  {
    name: jobNames.recomputeDirty,
    schedule: { kind: "interval", seconds: settings.dirtyIntervalSeconds },
    run: () => drainDirtyAccounts(db),
  },
  {
    name: jobNames.recomputeAll,
    schedule: { kind: "daily", hour: settings.dailyHourUtc, minute: 0 },
    run: () => recomputeWorkspaces(db),
  },
  {
    name: jobNames.usageRetention,
    schedule: { kind: "daily", hour: settings.dailyHourUtc, minute: 30 },
    run: () => applyUsageRetention(db),
  },
  {
    name: jobNames.deliverWebhooks,
    schedule: { kind: "interval", seconds: WEBHOOK_DELIVERY_INTERVAL_SECONDS },
    run: () => deliverDueWebhooks(db, { allowPrivate: settings.webhooksAllowPrivate ?? false }),
  },
  ...(settings.playbooks ? playbookJobs(db, settings.playbooks, settings.dailyHourUtc) : []),
  ...(databaseKindOf(db) === "pglite"
    ? [
        {
          name: jobNames.maintainEmbeddedDatabase,
          schedule: { kind: "interval", seconds: MAINTENANCE_INTERVAL_SECONDS } as const,
          run: () => maintainEmbeddedDatabase(db),
        },
      ]
    : []),
];

const lastRunKey = (job: string) => `job-last-run:${job}`;

/** Last successful runs of daily jobs, in instance_settings (the in-process runner's memory). */
export const lastRunsInDatabase = (db: Db): LastRunStore => ({
  read: async (job) => {
    const [row] = await db
      .select({ value: instanceSettings.value })
      .from(instanceSettings)
      .where(eq(instanceSettings.key, lastRunKey(job)));
    return row ? new Date(row.value) : null;
  },
  write: async (job, at) => {
    await db
      .insert(instanceSettings)
      .values({ key: lastRunKey(job), value: at.toISOString() })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value: at.toISOString() } });
  },
});
