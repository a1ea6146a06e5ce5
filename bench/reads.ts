/**
 * Reads against a real server process with the demo data: each read alone
 * (sequential requests, p50/p95), then a mixed load (account list, account,
 * account health, plan) at a fixed rate, p50/p99, two ways:
 *  - paced: one request every 1/rate s, whatever the answers (open loop), each
 *    timed from when it was due, so a server that falls behind is not hidden;
 *  - autocannon's rate limit, as issue 15 measured: each connection sends its
 *    quota of the second as fast as it can at the second's start, so this is
 *    how fast a burst of `rate` requests drains, not latency at that rate.
 * Part of `npm run bench` (BENCH_ONLY=reads).
 *
 * BENCH_READS_RATE     requests per second of the mixed load (default 200)
 * BENCH_READS_SECONDS  seconds of mixed load (default 30)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
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

/**
 * GET over node:http with a keep-alive agent, resolving to the status once
 * the body is read. Not fetch: undici's client costs ~0.5–1 ms a request on
 * the same two cores as the server, which a single read's time would carry.
 */
const httpGetter = (cookie: string, agent: Agent) => (path: string) =>
  new Promise<number>((resolve) => {
    const req = request(`${BASE}${path}`, { agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end();
  });

/**
 * Requests before the timed ones: a server runs for days, so its code is
 * compiled (JIT) and its statements planned; a hundred of each read gets a
 * fresh process there (ten left the list's first timed ones in the JIT's warm-up).
 */
const WARM_UP = 100;

const timeAlone = async (cookie: string, paths: string[], runs: number) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = httpGetter(cookie, agent);
  const ms: number[] = [];
  try {
    for (let i = 0; i < runs + WARM_UP; i++) {
      const path = paths[i % paths.length] as string;
      const started = performance.now();
      const status = await get(path);
      if (status !== 200) throw new Error(`${path}: ${status}`);
      if (i >= WARM_UP) ms.push(performance.now() - started);
    }
  } finally {
    agent.destroy();
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

/**
 * Open-loop load, written here: autocannon and the packages like it pace by
 * connection (a quota a second, or the next request after an answer), which
 * either bursts or waits for the server. Latency counts from when each request
 * was due, not sent, so a generator that falls behind shows as latency.
 */
const pacedLoad = async (cookie: string, mix: string[], rate: number, seconds: number) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const get = httpGetter(cookie, agent);
  const total = rate * seconds;
  const latencies: number[] = [];
  let failed = 0;
  const answers: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(
      get(mix[i % mix.length] as string).then((status) => {
        latencies.push(performance.now() - due);
        if (status !== 200) failed++;
      }),
    );
  }
  await Promise.all(answers);
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), failed };
};

const benchTarget = async (target: Target) => {
  log(`reads on ${target.label}: starting the server and seeding the demo`);
  const child = await startServer(target);
  try {
    const cookie = await signIn();
    const paths = await readPaths(cookie);
    // The floor: a request that reads nothing, through the same server and client.
    const floor = await timeAlone(cookie, ["/api/health"], 200);
    log(`  /api/health alone: p50 ${percentile(floor, 50).toFixed(1)} ms`);
    results.push({
      part: "reads",
      database: target.label,
      what: "/api/health (no read), one request at a time, p50 / p95",
      figure: `${percentile(floor, 50).toFixed(1)} / ${percentile(floor, 95).toFixed(1)} ms`,
      note: "what HTTP itself costs here",
    });
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
    const paced = await pacedLoad(cookie, mix, rate, seconds);
    const p50 = percentile(paced.latencies, 50).toFixed(1);
    const p99 = percentile(paced.latencies, 99).toFixed(1);
    log(
      `  mixed load paced at ${rate} rps for ${seconds} s: p50 ${p50} ms, p99 ${p99} ms, ${paced.failed} not 200`,
    );
    results.push({
      part: "reads",
      database: target.label,
      what: `mixed reads paced at ${rate} rps for ${seconds} s, p50 / p99`,
      figure: `${p50} / ${p99} ms, ${paced.failed} errors`,
      note: "goal p99 ≤ 50 ms on PostgreSQL",
    });
    const load = await mixedLoad(cookie, mix, rate, seconds);
    const line = `${load.requests.total} requests, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.errors} errors, ${load.non2xx} not 2xx`;
    log(`  mixed load by autocannon at ${rate} rps for ${seconds} s: ${line}`);
    results.push({
      part: "reads",
      database: target.label,
      what: `same, autocannon (a burst of ${rate} each second), p50 / p99`,
      figure: `${load.latency.p50} / ${load.latency.p99} ms, ${load.errors + load.non2xx} errors`,
      note: "how fast a burst drains",
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
