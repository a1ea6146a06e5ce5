/**
 * Event-to-health latency: a real server process (apps/server/src/main.ts,
 * its recompute job every MICHI_HEALTH_JOB_INTERVAL_SECONDS = 5), a steady
 * 2,000 events/s through /batch (a batch every 100 ms, events of today) over
 * many accounts. For sampled (account, send time) pairs the latency is the
 * first health row of that account computed at or after the send time. On
 * PostgreSQL the bench polls health_scores every 500 ms; on PGlite only the
 * server may open the folder, so it polls GET /api/v1/accounts/{id}/health
 * (computedAt). Every account has today's score before sending starts, so a
 * read never computes one itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../apps/server/src/db/client";
import { createApiKey } from "../apps/server/src/features/api-keys/api-keys.queries";
import { recomputeAllAccounts } from "../apps/server/src/recompute";
import { fork, pareto } from "../apps/server/src/seed/random";
import {
  freshWorkspace,
  log,
  machineLine,
  percentile,
  positiveInt,
  postgresUrl,
  results,
  rowsOf,
  SEED,
} from "./shared";

const root = path.resolve(import.meta.dirname, "..");
const PORTS = { pglite: 3412, postgres: 3415 } as const;
const JOB_INTERVAL_SECONDS = 5;
const TICK_MS = 100;
const POLL_MS = 500;
/** A sample every this many batches (2 a second at the default rate). */
const SAMPLE_EVERY = 5;
/** How long after the last send a sample may still wait for its health row. */
const DRAIN_MS = 120_000;

type Sample = { accountId: string; sentAt: number; seenAt?: number };

const startServer = async (kind: "pglite" | "postgres", env: Record<string, string>) => {
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [path.join(root, "apps/server/src/main.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        PORT: String(PORTS[kind]),
        HOST: "127.0.0.1",
        MICHI_DEMO: "0",
        MICHI_ADMIN_EMAIL: "admin@bench.michi.example",
        MICHI_ADMIN_PASSWORD: "bench-password-1234",
        MICHI_AUTH_SECRET: "bench-secret-bench-secret-bench-secret!",
        MICHI_HEALTH_JOB_INTERVAL_SECONDS: String(JOB_INTERVAL_SECONDS),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Michi is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${PORTS[kind]}`,
    stop: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
};

/** Accounts, a write key, and today's health of every account; on the database given. */
const seed = async (database: Database, accounts: number) => {
  await database.migrate();
  const shape = fork(SEED, 7);
  const list = Array.from({ length: accounts }, (_, a) => ({
    externalId: `live-${SEED}-${a}`,
    name: `Live account ${a}`,
    users: Math.round(pareto(shape, 2, 500, 1.1)),
  }));
  const suffix = crypto.randomUUID().slice(0, 8);
  const ws = await freshWorkspace(database.db, {
    slug: `bench-latency-${suffix}`,
    name: `Bench latency ${suffix}`,
    accounts: list,
  });
  const { key } = await createApiKey(database.db, { workspaceId: ws.workspaceId, name: "bench" });
  await recomputeAllAccounts(database.db, { workspaceId: ws.workspaceId });
  return { ...ws, key, list };
};

export const benchLatency = async (kind: "pglite" | "postgres") => {
  const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
  const seconds = positiveInt("BENCH_LATENCY_SECONDS", 90);
  const rate = positiveInt("BENCH_LATENCY_RATE", 2_000);
  const accountCount = positiveInt("BENCH_LATENCY_ACCOUNTS", 2_000);
  log(
    `latency ${label}: ${rate} events/s for ${seconds} s over ${accountCount} accounts; ${machineLine()}`,
  );

  const dataDir = kind === "pglite" ? mkdtempSync(path.join(tmpdir(), "michi-bench-")) : undefined;
  const url = postgresUrl();
  const database =
    kind === "pglite"
      ? await openDatabase({ kind, dataDir: path.join(dataDir as string) })
      : await openDatabase({ kind, url, poolSize: 2 });
  let poll: Database | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const data = await seed(database, accountCount);
    if (kind === "pglite") await database.close();
    else poll = database;
    server = await startServer(
      kind,
      kind === "pglite" ? { MICHI_DATA_DIR: dataDir as string } : { DATABASE_URL: url },
    );
    const base = server.baseUrl;
    const authorization = `Basic ${Buffer.from(`${data.key}:`).toString("base64")}`;

    // Accounts drawn by their users (power law): big accounts send most events.
    const cumulative: number[] = [];
    let total = 0;
    for (const a of data.list) {
      total += a.users;
      cumulative.push(total);
    }
    const draw = fork(SEED, 8);
    const pickAccount = () => {
      const u = draw() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      return data.list[lo] as (typeof data.list)[number];
    };

    const samples: Sample[] = [];
    let sent = 0;
    let failed = 0;
    let inFlight = 0;
    let batchNo = 0;
    const perBatch = Math.max(1, Math.round((rate * TICK_MS) / 1000));
    const sendBatch = async () => {
      const now = new Date();
      const events = Array.from({ length: perBatch }, (_, i) => {
        const account = pickAccount();
        return {
          type: "track",
          messageId: `live-${batchNo}-${i}-${crypto.randomUUID()}`,
          event: i % 3 === 0 ? "Report Viewed" : "Page Viewed",
          userId: `${account.externalId}-u${Math.floor(account.users * draw() ** 2)}`,
          timestamp: now.toISOString(),
          context: { groupId: account.externalId },
        };
      });
      if (batchNo % SAMPLE_EVERY === 0) {
        const externalId = events[0]?.context.groupId as string;
        const accountId = data.accountIds.get(externalId) as string;
        samples.push({ accountId, sentAt: now.getTime() });
      }
      batchNo += 1;
      inFlight += 1;
      try {
        const res = await fetch(`${base}/api/v1/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization },
          body: JSON.stringify({ batch: events }),
        });
        const text = await res.text();
        if (res.status === 200) sent += events.length;
        else {
          failed += events.length;
          if (failed === events.length)
            log(`latency ${label}: a batch answered ${res.status}: ${text.slice(0, 300)}`);
        }
      } catch (error) {
        if (failed === 0) log(`latency ${label}: a batch failed: ${(error as Error).message}`);
        failed += events.length;
      } finally {
        inFlight -= 1;
      }
    };

    const pending = () => samples.filter((s) => s.seenAt === undefined);
    /** The latest computedAt of each pending sample's account, by DB or API. */
    const computedAtOf = async (accountIds: string[]): Promise<Map<string, number>> => {
      if (poll) {
        const rows = await rowsOf<{ accountId: string; at: string }>(
          poll.db,
          sql`select account_id as "accountId", max(computed_at)::text as at from health_scores
            where workspace_id = ${data.workspaceId}
              and account_id = any(${sql.param(accountIds)}::uuid[])
            group by account_id`,
        );
        return new Map(rows.map((r) => [r.accountId, Date.parse(r.at)]));
      }
      const answers = await Promise.all(
        accountIds.map(async (id) => {
          const res = await fetch(`${base}/api/v1/accounts/${id}/health`, {
            headers: { authorization },
          });
          const body = (await res.json()) as { computedAt?: string };
          return [id, body.computedAt ? Date.parse(body.computedAt) : 0] as const;
        }),
      );
      return new Map(answers);
    };
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const open = pending();
        if (open.length > 0) {
          const at = await computedAtOf([...new Set(open.map((s) => s.accountId))]);
          for (const s of open) {
            const computed = at.get(s.accountId) ?? 0;
            if (computed >= s.sentAt) s.seenAt = computed;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    })();

    const started = performance.now();
    const ticks = Math.round((seconds * 1000) / TICK_MS);
    let behind = 0;
    for (let tick = 0; tick < ticks; tick++) {
      // A new batch every tick, however long the last one takes (up to 16 in flight).
      if (inFlight < 16) void sendBatch();
      else behind += 1;
      const due = started + (tick + 1) * TICK_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const sendSeconds = (performance.now() - started) / 1000;
    const drainUntil = Date.now() + DRAIN_MS;
    while (pending().length > 0 && Date.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    polling = false;
    await poller;

    // A sample never seen counts as slower than any seen one.
    const latencies = samples
      .map((s) =>
        s.seenAt === undefined ? Number.POSITIVE_INFINITY : (s.seenAt - s.sentAt) / 1000,
      )
      .sort((a, b) => a - b);
    const unseen = samples.filter((s) => s.seenAt === undefined).length;
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const achieved = Math.round(sent / sendSeconds);
    log(
      `latency ${label}: ${achieved} events/s achieved (${failed} failed, ${behind} ticks skipped), ${samples.length} samples, p50 ${p50.toFixed(1)} s, p95 ${p95.toFixed(1)} s, ${unseen} not seen within ${DRAIN_MS / 1000} s`,
    );
    results.push({
      part: "latency",
      database: label,
      what: `event-to-health p50 / p95 (${achieved.toLocaleString("en-US")} events/s achieved of ${rate.toLocaleString("en-US")}, ${seconds} s, ${accountCount.toLocaleString("en-US")} accounts, job every ${JOB_INTERVAL_SECONDS} s)`,
      figure: `${p50.toFixed(1)} s / ${p95.toFixed(1)} s`,
      note: `${samples.length} samples${unseen ? `, ${unseen} not seen within ${DRAIN_MS / 1000} s (counted as slowest)` : ""}${failed ? `, ${failed} events refused` : ""}`,
    });
  } finally {
    await server?.stop();
    if (kind === "postgres") await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
};
