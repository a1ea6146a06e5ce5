/**
 * Ingest: the same events through HTTP POST /api/v1/batch (500-event batches,
 * 4 senders in a separate process) and by the database's own fastest path
 * (COPY), on PGlite and PostgreSQL. HTTP and COPY runs alternate, each HTTP
 * run compared with the COPY runs before and after it, so that a change of
 * load on a shared machine falls on both sides (see benchIngest). CPU seconds (this process + the PostgreSQL
 * backends of its pool, and the senders') are printed too: they move much
 * less with load.
 * Ingest leaves the rollups to a fold (decision 0006): the HTTP figure is
 * until the last 2xx (the goal's), and the fold of the events the HTTP part
 * left pending is timed after it and printed with both ratios (CPU too).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { createApp } from "../apps/server/src/app";
import type { Database, Db } from "../apps/server/src/db/client";
import { createApiKey } from "../apps/server/src/features/api-keys/api-keys.queries";
import { createAuth } from "../apps/server/src/features/auth/auth";
import { foldUsageEvents } from "../apps/server/src/recompute";
import { generateBenchAccounts, generateBenchEvents } from "./generate";
import {
  copyChunks,
  copyPglite,
  copyPostgres,
  cpuMeter,
  freshWorkspace,
  log,
  machineLine,
  percentile,
  results,
  rowsOf,
  SEED,
} from "./shared";

const INGEST_PORT = 3413;
const root = path.resolve(import.meta.dirname, "..");

const count = async (db: Db, workspaceId: string) =>
  (
    await rowsOf<{ n: number }>(
      db,
      sql`select count(*)::int as n from usage_events where workspace_id = ${workspaceId}`,
    )
  )[0]?.n ?? 0;

/** Starts the sender process; resolves once it has generated its bodies. */
const startSenders = async (params: { key: string; events: number }) => {
  const child = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [path.join(root, "bench/ingest-sender.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        BENCH_SENDER_URL: `http://127.0.0.1:${INGEST_PORT}`,
        BENCH_SENDER_KEY: params.key,
        BENCH_SENDER_SEED: String(SEED),
        BENCH_SENDER_EVENTS: String(params.events),
      },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`sender exited with ${code}`)));
    });
  const ready = await next();
  if (ready !== "ready") throw new Error(`sender said ${ready}`);
  return {
    /** Sends everything; resolves with the senders' own seconds. */
    go: async () => {
      const done = next();
      child.stdin.write("go\n");
      const result = JSON.parse(await done) as { seconds: number; cpu: number };
      child.stdin.end();
      return result;
    },
  };
};

const timedCopy = async (
  database: Database,
  params: { label: string; events: number; backendPids: () => Promise<number[]> },
) => {
  const accounts = generateBenchAccounts({ seed: SEED, events: params.events });
  const suffix = crypto.randomUUID().slice(0, 8);
  const load = await freshWorkspace(database.db, {
    slug: `bench-copy-${suffix}`,
    name: `Bench COPY ${suffix}`,
    accounts,
  });
  // Generated before the clock starts, as the HTTP senders' bodies are.
  const chunks = [
    ...copyChunks(
      generateBenchEvents({ seed: SEED, events: params.events }),
      load.workspaceId,
      load.accountIds,
      database.kind === "postgres" ? 1_000 : 5_000,
    ),
  ];
  const meter = cpuMeter(params.backendPids);
  await meter.start();
  const started = performance.now();
  if (database.kind === "postgres") await copyPostgres(database.db, chunks);
  else await copyPglite(database.db, chunks);
  const seconds = (performance.now() - started) / 1000;
  const cpu = await meter.stop();
  const stored = await count(database.db, load.workspaceId);
  if (stored !== params.events)
    throw new Error(`${params.label} COPY: ${stored} rows stored, ${params.events} loaded`);
  return { seconds, cpu };
};

const timedHttp = async (
  database: Database,
  params: { label: string; events: number; backendPids: () => Promise<number[]> },
) => {
  const accounts = generateBenchAccounts({ seed: SEED, events: params.events });
  const suffix = crypto.randomUUID().slice(0, 8);
  const http = await freshWorkspace(database.db, {
    slug: `bench-http-${suffix}`,
    name: `Bench HTTP ${suffix}`,
    accounts,
  });
  const auth = createAuth({
    db: database.db,
    secret: "bench-secret-bench-secret-bench-secret!",
    baseURL: `http://127.0.0.1:${INGEST_PORT}`,
  });
  const app = createApp({ db: database.db, auth, baseURL: `http://127.0.0.1:${INGEST_PORT}` });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: INGEST_PORT });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const { key } = await createApiKey(database.db, {
      workspaceId: http.workspaceId,
      name: "bench",
    });
    const senders = await startSenders({ key, events: params.events });
    const meter = cpuMeter(params.backendPids);
    await meter.start();
    const { seconds, cpu: sendersCpu } = await senders.go();
    const cpu = await meter.stop();
    const stored = await count(database.db, http.workspaceId);
    if (stored !== params.events)
      throw new Error(`${params.label} HTTP: ${stored} rows stored, ${params.events} sent`);
    // The work ingest leaves for later (the health job does it): fold the pending events.
    const [{ pending } = { pending: 0 }] = await rowsOf<{ pending: number }>(
      database.db,
      sql`select coalesce(sum(cardinality(message_keys)), 0)::int as pending
      from usage_rollup_pending where workspace_id = ${http.workspaceId}`,
    );
    const foldMeter = cpuMeter(params.backendPids);
    await foldMeter.start();
    const foldStarted = performance.now();
    const rollups = await foldUsageEvents(database.db, { workspaceId: http.workspaceId });
    const foldSeconds = (performance.now() - foldStarted) / 1000;
    const foldCpu = await foldMeter.stop();
    return {
      seconds,
      cpu,
      sendersCpu,
      fold: { seconds: foldSeconds, cpu: foldCpu, pending, rollups },
    };
  } finally {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }
};

const perSecond = (events: number, seconds: number) =>
  `${Math.round(events / seconds).toLocaleString("en-US")} ev/s`;

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

/**
 * COPY, then ROUNDS × (HTTP, COPY): each HTTP run is compared with the mean of
 * the COPY runs just before and after it, and the median of those ratios is
 * the figure. On this shared 2-core machine one run's ratio moved by ±10
 * points between minutes; the median of alternating rounds moves much less.
 */
export const benchIngest = async (
  label: string,
  database: Database,
  params: { events: number; rounds: number; backendPids: () => Promise<number[]> },
) => {
  const { events } = params;
  log(`ingest ${label}: ${events.toLocaleString("en-US")} events (seed ${SEED}); ${machineLine()}`);
  const copies = [await timedCopy(database, { label, ...params })];
  log(`ingest ${label}: COPY ${copies[0]?.seconds.toFixed(2)} s`);
  const https: Awaited<ReturnType<typeof timedHttp>>[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < params.rounds; round++) {
    const http = await timedHttp(database, { label, ...params });
    https.push(http);
    const copy = await timedCopy(database, { label, ...params });
    const copyBefore = copies[copies.length - 1] as (typeof copies)[number];
    copies.push(copy);
    const ratio = (copyBefore.seconds + copy.seconds) / 2 / http.seconds;
    ratios.push(ratio);
    log(
      `ingest ${label}: HTTP ${http.seconds.toFixed(2)} s (CPU: server ${http.cpu.node.toFixed(1)}, db ${http.cpu.database.toFixed(1)}, senders ${http.sendersCpu.toFixed(1)}); COPY ${copy.seconds.toFixed(2)} s; ${percent(ratio)}; ${machineLine()}`,
    );
  }
  const http = https[ratios.indexOf(median(ratios))] ?? (https[0] as (typeof https)[number]);
  const copySeconds = median(copies.map((c) => c.seconds));
  const httpSeconds = median(https.map((h) => h.seconds));
  const copyCpu = median(copies.map((c) => c.cpu.node + c.cpu.database));
  const httpCpu = median(https.map((h) => h.cpu.node + h.cpu.database));
  const { fold } = http;
  const foldCpu = fold.cpu.node + fold.cpu.database;
  const own = database.kind === "postgres" ? "COPY FROM STDIN" : "COPY FROM '/dev/blob'";
  const range = `${percent(Math.min(...ratios))}–${percent(Math.max(...ratios))}`;
  results.push({
    part: "ingest",
    database: label,
    what: `HTTP /batch (${events.toLocaleString("en-US")} events, 500 × 4 senders; median of ${params.rounds} runs)`,
    figure: perSecond(events, httpSeconds),
    note: `${percent(median(ratios))} of ${own} by wall clock (the goal's figure; runs ${range}); CPU ${httpCpu.toFixed(1)} s (server ${http.cpu.node.toFixed(1)} + db ${http.cpu.database.toFixed(1)}), senders' ${http.sendersCpu.toFixed(1)} s`,
  });
  results.push({
    part: "ingest",
    database: label,
    what: "HTTP /batch + folding its events into rollups after (the median run)",
    figure: perSecond(events, http.seconds + fold.seconds),
    note: `${percent(copySeconds / (http.seconds + fold.seconds))} of ${own}; fold ${fold.seconds.toFixed(2)} s, CPU ${foldCpu.toFixed(1)} s (${fold.pending.toLocaleString("en-US")} events → ${fold.rollups.toLocaleString("en-US")} rollup rows); by CPU ${percent(copyCpu / (httpCpu + foldCpu))} of COPY`,
  });
  results.push({
    part: "ingest",
    database: label,
    what: `${own} (median of ${copies.length} runs)`,
    figure: perSecond(events, copySeconds),
    note: `${copies.map((c) => c.seconds.toFixed(2)).join(" / ")} s; CPU ${copyCpu.toFixed(1)} s; by CPU HTTP is ${percent(copyCpu / httpCpu)} of COPY`,
  });
};
