import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/**
 * The real server (main.ts) as a subprocess, for tests of what only a process
 * shows: start-up, locks, signals (cli.test.ts, startup.test.ts).
 */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
export const mainPath = path.join(repoRoot, "apps/server/src/main.ts");

/** The environment without anything that would point the subprocess elsewhere. */
export const cleanEnv = (extra: Record<string, string>) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith("MICHI_") || key.endsWith("DATABASE_URL")) continue;
    if (key === "INIT_CWD" || key === "PORT" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return { ...env, LOG_LEVEL: "warn", ...extra };
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

export type ServerProcess = { child: ChildProcess; output: () => string };

/** Starts main.ts and resolves once it prints its "running" line; rejects if it exits first. */
export const startServer = (env: Record<string, string>) =>
  new Promise<ServerProcess>((resolve, reject) => {
    const child = spawn(tsx, [mainPath], { cwd: repoRoot, env: cleanEnv(env) });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Michi is running")) resolve({ child, output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });

export const stopServer = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });

/** An empty PostgreSQL database of its own for `fn` (a first deploy), dropped after. */
export const withEmptyDatabase = async <T>(
  adminUrl: string,
  prefix: string,
  fn: (url: string) => Promise<T>,
): Promise<T> => {
  const name = `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
};

/** Signs in over HTTP as a browser on that origin would; the session cookie. */
export const signInOver = async (base: string, email: string, password: string) => {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
};
