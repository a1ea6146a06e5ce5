/**
 * Reads against a real server process with the demo data: each read alone
 * (sequential requests, p50/p95), then a mixed load at a fixed rate
 * (autocannon: account list, account, account health, plan), p50/p99.
 * Part of `npm run bench` (BENCH_ONLY=reads).
 *
 * BENCH_READS_RATE     requests per second of the mixed load (default 200)
 * BENCH_READS_SECONDS  seconds of mixed load (default 30)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { log, percentile, positiveInt, results } from "./shared";

const root = path.resolve(import.meta.dirname, "..");
const PORT = 3414;
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = "bench@michi.local";
const PASSWORD = "bench-password-reads";

type Target = { label: string; env: Record<string, string>; cleanup: () => Promise<void> };

/** The server as `npm start` runs it, on a fresh database it seeds with the demo. */
const startServer = async (target: Target) => {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: path.join(root, "apps/server"),
    env: {
      ...process.env,
      ...target.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      MICHI_DEMO: "1",
      MICHI_ADMIN_EMAIL: EMAIL,
      MICHI_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`))),
  );
  const up = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${BASE}/api/health`)).ok) return;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  await Promise.race([up, exited]);
  return child;
};

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const signIn = async () => {
  const res = await fetch(`${BASE}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
};

const getJson = async (cookie: string, url: string) => {
  const res = await fetch(`${BASE}${url}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json() as Promise<any>;
};

/** The reads of the mixed load: every account, its health, every plan. */
const readPaths = async (cookie: string) => {
  const accounts: string[] = (await getJson(cookie, "/api/v1/accounts?limit=100")).data.map(
    (a: { id: string }) => a.id,
  );
  const plans: string[] = [];
  for (const id of accounts) {
    const list = await getJson(cookie, `/api/v1/accounts/${id}/plans`);
    plans.push(...list.data.map((p: { id: string }) => p.id));
  }
  return {
    list: ["/api/v1/accounts?limit=50"],
    account: accounts.map((id) => `/api/v1/accounts/${id}`),
    health: accounts.map((id) => `/api/v1/accounts/${id}/health`),
    plan: plans.map((id) => `/api/v1/plans/${id}`),
    portfolio: ["/api/v1/portfolio"],
  };
};

const timeAlone = async (cookie: string, paths: string[], runs: number) => {
  const ms: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const started = performance.now();
    const res = await fetch(`${BASE}${paths[i % paths.length]}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${paths[i % paths.length]}: ${res.status}`);
    if (i >= 10) ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b);
};

const mixedLoad = (cookie: string, mix: string[], rate: number, seconds: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    let next = 0;
    autocannon(
      {
        url: BASE,
        connections: 20,
        overallRate: rate,
        duration: seconds,
        headers: { cookie },
        requests: [
          {
            setupRequest: (request) => {
              request.path = mix[next++ % mix.length] as string;
              return request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });

const benchTarget = async (target: Target) => {
  log(`reads on ${target.label}: starting the server and seeding the demo`);
  const child = await startServer(target);
  try {
    const cookie = await signIn();
    const paths = await readPaths(cookie);
    for (const [name, list] of Object.entries(paths)) {
      const ms = await timeAlone(cookie, list, name === "portfolio" ? 50 : 200);
      const p50 = percentile(ms, 50);
      const p95 = percentile(ms, 95);
      log(`  ${name} alone: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      results.push({
        part: "reads",
        database: target.label,
        what: `${name}, one request at a time, p50 / p95`,
        figure: `${p50.toFixed(1)} / ${p95.toFixed(1)} ms`,
        note: name === "portfolio" ? "demo, ~60 accounts" : "goal ≤ 5 ms",
      });
    }
    const rate = positiveInt("BENCH_READS_RATE", 200);
    const seconds = positiveInt("BENCH_READS_SECONDS", 30);
    // Interleaved: a list, an account, its health and a plan, round after round.
    const mix = paths.account.flatMap((account, i) => [
      paths.list[0] as string,
      account,
      paths.health[i] as string,
      paths.plan[i % Math.max(paths.plan.length, 1)] ?? account,
    ]);
    const load = await mixedLoad(cookie, mix, rate, seconds);
    const line = `${load.requests.total} requests, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.errors} errors, ${load.non2xx} not 2xx`;
    log(`  mixed load at ${rate} rps for ${seconds} s: ${line}`);
    results.push({
      part: "reads",
      database: target.label,
      what: `mixed reads at ${rate} rps for ${seconds} s, p50 / p99`,
      figure: `${load.latency.p50} / ${load.latency.p99} ms, ${load.errors + load.non2xx} errors`,
      note: "goal p99 ≤ 50 ms on PostgreSQL",
    });
  } finally {
    await stopServer(child);
    await target.cleanup();
  }
};

export const benchReadsPglite = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "michi-bench-reads-"));
  await benchTarget({
    label: "PGlite",
    env: { MICHI_DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  });
};

/** PostgreSQL: a database of its own next to `url`'s, made empty for the run. */
export const benchReadsPostgres = async (url: string) => {
  const readsUrl = new URL(url);
  const name = `${decodeURIComponent(readsUrl.pathname.slice(1))}_reads`;
  readsUrl.pathname = `/${name}`;
  readsUrl.search = "";
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  await benchTarget({
    label: "PostgreSQL",
    env: { DATABASE_URL: readsUrl.toString() },
    cleanup: async () => {},
  });
};
