/**
 * Playbooks at scale (issue 17): a full recompute of 10,000 accounts in which
 * 1,000 change band, timed with no playbook and with one that every band
 * change fires (alternating, four times each: the recompute only writes the
 * change to the outbox, so the two should not differ); then the time from
 * each band change (its account event) to its task, with the dispatcher and
 * the runner scheduled by the in-process job runner as the server runs them
 * on PGlite (on PostgreSQL the server uses pg-boss; the passes are the same).
 *
 * How 1,000 accounts change band: after a warm recompute, the latest band of
 * 1,000 scored accounts is set to another band as of the day before; the
 * timed recompute then writes the real band, which the trigger on
 * account_health_latest records as a change.
 *
 * BENCH_PLAYBOOK_ACCOUNTS  accounts (default 10,000)
 * BENCH_PLAYBOOK_CHANGES   accounts that change band (default 1,000)
 */
import { sql } from "drizzle-orm";
import type { Database, Db } from "../apps/server/src/db/client";
import { accounts, playbooks, users } from "../apps/server/src/db/schema";
import { dispatchPendingAccountEvents } from "../apps/server/src/features/playbooks/playbook-dispatcher";
import {
  type RunnerDeps,
  runAllDuePlaybookRuns,
} from "../apps/server/src/features/playbooks/playbook-runner";
import { addWorkspaceMember } from "../apps/server/src/features/users/users.service";
import { createInProcessRunner } from "../apps/server/src/jobs/job-runner";
import { createOutboundMailer } from "../apps/server/src/lib/outbound/mail";
import { recomputeAllAccounts } from "../apps/server/src/recompute";
import { AS_OF, AT, prepareRecomputeData } from "./recompute";
import { log, machineLine, percentile, positiveInt, results, rowsOf } from "./shared";

const DAY_BEFORE = new Date(Date.parse(AS_OF) - 86_400_000).toISOString().slice(0, 10);
/** The server's default interval of both jobs (michi-jobs.ts). */
const JOB_SECONDS = 5;

const runnerDeps: RunnerDeps = {
  mailer: createOutboundMailer(undefined),
  baseURL: "http://127.0.0.1:3000",
  authSecret: "bench-secret-bench-secret-bench-secret",
  allowPrivate: false,
};

/** Today's scores removed and 1,000 latest bands set to another band as of yesterday. */
const arrangeChanges = async (db: Db, workspaceId: string, changes: number) => {
  await db.execute(
    sql`delete from health_scores where workspace_id = ${workspaceId} and day = ${AS_OF}::date`,
  );
  await db.execute(sql`update account_health_latest set day = ${DAY_BEFORE}::date
    where workspace_id = ${workspaceId}`);
  const [flipped] = await rowsOf<{ n: number }>(
    db,
    sql`with picked as (
        select account_id from account_health_latest
        where workspace_id = ${workspaceId} and band is not null
        order by account_id limit ${changes})
      update account_health_latest l
        set band = case when l.band = 'red' then 'green' else 'red' end
      from picked p where l.workspace_id = ${workspaceId} and l.account_id = p.account_id
      returning 1`,
  ).then((rows) => [{ n: rows.length }]);
  // The flip is itself a band change to the trigger: its events go, with the last round's work.
  for (const table of [
    "account_tasks",
    "playbook_runs",
    "account_interactions",
    "account_events",
  ]) {
    await db.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
  }
  await db.execute(sql`vacuum health_scores`);
  return flipped?.n ?? 0;
};

const timedRecompute = async (db: Db, workspaceId: string) => {
  const started = performance.now();
  await recomputeAllAccounts(db, { workspaceId, at: AT });
  return (performance.now() - started) / 1000;
};

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export const benchPlaybooks = async (label: string, database: Database) => {
  const accountCount = positiveInt("BENCH_PLAYBOOK_ACCOUNTS", 10_000);
  const changes = positiveInt("BENCH_PLAYBOOK_CHANGES", 1_000);
  log(`playbooks ${label}: ${accountCount} accounts, ${changes} band changes; ${machineLine()}`);
  const { db } = database;
  const data = await prepareRecomputeData(database, {
    accounts: accountCount,
    perAccount: 10,
    reuse: database.kind === "postgres",
  });
  const { workspaceId } = data;
  // Every account has an owner, who gets the tasks.
  const ownerId = crypto.randomUUID();
  await db
    .insert(users)
    .values({ id: ownerId, name: "Owner", email: `owner-${ownerId}@bench.michi.local` });
  await addWorkspaceMember(db, { workspaceId, userId: ownerId, role: "csm" });
  await db
    .update(accounts)
    .set({ ownerUserId: ownerId })
    .where(sql`${accounts.workspaceId} = ${workspaceId}`);
  await db.delete(playbooks).where(sql`${playbooks.workspaceId} = ${workspaceId}`);
  await recomputeAllAccounts(db, { workspaceId, at: AT }); // warm

  const without: number[] = [];
  const withPlaybook: number[] = [];
  let flipped = 0;
  for (const round of [0, 1, 2, 3]) {
    for (const playbookOn of [false, true]) {
      await db.delete(playbooks).where(sql`${playbooks.workspaceId} = ${workspaceId}`);
      if (playbookOn) {
        await db.insert(playbooks).values({
          workspaceId,
          definition: {
            name: "Band changed: call",
            trigger: { kind: "healthBandChanged" },
            steps: [
              {
                kind: "createTask",
                title: "{{account.name}}: {{signal.summary}}",
                owner: { kind: "accountOwner" },
                dueInBusinessDays: 2,
              },
            ],
          },
        });
      }
      flipped = await arrangeChanges(db, workspaceId, changes);
      const seconds = await timedRecompute(db, workspaceId);
      (playbookOn ? withPlaybook : without).push(seconds);
      log(
        `playbooks ${label}: round ${round + 1}, ${playbookOn ? "with" : "without"} the playbook: recompute ${seconds.toFixed(1)} s`,
      );
    }
  }
  const [events] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from account_events where workspace_id = ${workspaceId}
      and type = 'account.health_band_changed'`,
  );

  // The last timed run had the playbook: its band changes go out through the jobs.
  const started = performance.now();
  const runner = createInProcessRunner({
    jobs: [
      {
        name: "dispatch-account-events",
        schedule: { kind: "interval", seconds: JOB_SECONDS },
        run: () => dispatchPendingAccountEvents(db, { baseURL: runnerDeps.baseURL }),
      },
      {
        name: "run-playbooks",
        schedule: { kind: "interval", seconds: JOB_SECONDS },
        run: () => runAllDuePlaybookRuns(db, runnerDeps),
      },
    ],
    lastRuns: { read: async () => null, write: async () => {} },
  });
  await runner.start();
  const taskCount = async () =>
    (
      await rowsOf<{ n: number }>(
        db,
        sql`select count(*)::int as n from account_tasks where workspace_id = ${workspaceId}`,
      )
    )[0]?.n ?? 0;
  const deadline = performance.now() + 15 * 60_000;
  while ((await taskCount()) < (events?.n ?? 0) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await runner.stop();
  const allIn = (performance.now() - started) / 1000;
  const delays = (
    await rowsOf<{ s: number }>(
      db,
      sql`select extract(epoch from t.created_at - e.occurred_at)::float8 as s
        from account_tasks t
        join playbook_runs r on r.workspace_id = t.workspace_id and r.id = t.playbook_run_id
        join account_events e on e.workspace_id = r.workspace_id and e.account_id = r.account_id
          and e.type = 'account.health_band_changed'
        where t.workspace_id = ${workspaceId}`,
    )
  )
    .map((row) => row.s)
    .sort((a, b) => a - b);

  const ratio = median(withPlaybook) / median(without);
  const tasks = await taskCount();
  log(
    `playbooks ${label}: ${flipped} flipped, ${events?.n ?? 0} band-change events, ${tasks} tasks in ${allIn.toFixed(0)} s; band change → task p50 ${percentile(delays, 50).toFixed(1)} s, p95 ${percentile(delays, 95).toFixed(1)} s, max ${(delays.at(-1) ?? 0).toFixed(1)} s`,
  );
  results.push({
    part: "playbooks",
    database: label,
    what: `full recompute, ${accountCount.toLocaleString("en-US")} accounts, ${changes.toLocaleString("en-US")} band changes: without / with a playbook (median of 4 each)`,
    figure: `${median(without).toFixed(1)} / ${median(withPlaybook).toFixed(1)} s`,
    note: `${ratio.toFixed(2)}× (goal ≤ 1.1×); runs: ${without.map((s) => s.toFixed(1)).join(", ")} / ${withPlaybook.map((s) => s.toFixed(1)).join(", ")} s`,
  });
  results.push({
    part: "playbooks",
    database: label,
    what: `band change → task, ${tasks.toLocaleString("en-US")} tasks (jobs every ${JOB_SECONDS} s)`,
    figure: `p95 ${percentile(delays, 95).toFixed(1)} s`,
    note: `p50 ${percentile(delays, 50).toFixed(1)} s, max ${(delays.at(-1) ?? 0).toFixed(1)} s (goal p95 ≤ 60 s); all in ${allIn.toFixed(0)} s`,
  });
};
