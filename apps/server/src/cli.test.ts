import { type ChildProcess, execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanEnv,
  freePort,
  mainPath,
  repoRoot,
  type ServerProcess,
  startServer,
  stopServer,
  tsx,
} from "./test/server-process";

/**
 * The real CLI and server as subprocesses, on a temporary data folder: first
 * with no server (the CLI opens PGlite itself), then with the server holding
 * the folder (the CLI hands commands over its socket). Each subprocess costs
 * seconds, so there are few of them; the commands' own behaviour is tested
 * in-process in cli/commands.test.ts.
 */
const cliPath = path.join(repoRoot, "apps/server/src/cli.ts");
// Each test runs several CLI processes (tsx, PGlite, migrations): generous, so a busy
// machine slows them without failing them. Tests assert behaviour; the bench measures time.
const SLOW = 240_000;

type Run = { code: number; stdout: string; stderr: string };

const cli = (args: string[], env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    execFile(tsx, [cliPath, ...args], { cwd: repoRoot, env: cleanEnv(env) }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
    );
  });

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(pgUrl)("the CLI on PGlite", () => {
  let dataDir: string;
  let env: Record<string, string>;
  let keyFromCli: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "michi-cli-"));
    env = { MICHI_DATA_DIR: dataDir, MICHI_DEMO: "0" };
  });
  afterAll(async () => {
    if (server) await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a bad command or argument with a message, before opening anything", async () => {
    const [unknown, badRole, badKeyRole, missingFile, badEnv] = await Promise.all([
      cli(["frobnicate"], env),
      cli(["user", "create", "--email", "a@example.test", "--role", "x"], env),
      cli(["api-key", "create", "--name", "k", "--role", "owner"], env),
      cli(["import", "accounts", "no-such.csv"], env),
      cli(["migrate"], { ...env, PORT: "http" }),
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain("Allowed choices are admin, manager, csm, viewer");
    expect(badKeyRole.code).not.toBe(0);
    expect(badKeyRole.stderr).toContain("Allowed choices are admin, manager, csm, viewer");
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toContain("there is no such file");
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain("PORT: must be a port number");
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
  });

  it(
    "works with no server running: workspace, API key, user, and a clear error",
    async () => {
      const workspace = await cli(["workspace", "create", "--name", "Acme", "--slug", "acme"], env);
      expect(workspace).toMatchObject({ code: 0, stderr: "" });
      expect(workspace.stdout).toContain('Created workspace "Acme" (acme)');

      const key = await cli(
        ["api-key", "create", "--name", "ci", "--role", "admin", "--workspace", "acme"],
        env,
      );
      expect(key).toMatchObject({ code: 0, stderr: "" });
      expect(key.stdout).toContain("with the admin role");
      keyFromCli = lastLine(key.stdout);
      expect(keyFromCli).toMatch(/^michi_[\w-]{43}$/);

      const unknown = await cli(
        ["user", "create", "--email", "a@example.test", "--role", "csm", "-w", "nope"],
        env,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe(
        'Error: There is no workspace with the slug "nope". Known: acme.\n',
      );
      // The lock is gone once a command has finished.
      expect(existsSync(path.join(dataDir, "michi.lock"))).toBe(false);
    },
    SLOW,
  );

  it(
    "recomputes with no server running; a bad slug is refused",
    async () => {
      const csvFile = path.join(dataDir, "accounts.csv");
      writeFileSync(csvFile, "externalId,name\nr-1,Recompute One\nr-2,Recompute Two\n");
      expect((await cli(["import", "accounts", csvFile, "-w", "acme"], env)).code).toBe(0);
      const done = await cli(["recompute", "--workspace", "acme"], env);
      expect(done).toMatchObject({ code: 0, stderr: "" });
      expect(done.stdout).toMatch(/^Recomputed 2 accounts in 1 workspace in \d+\.\d s\.\n$/);
      const bad = await cli(["recompute", "--workspace", "nope"], env);
      expect(bad).toMatchObject({ code: 1, stdout: "" });
      expect(bad.stderr).toBe('Error: There is no workspace with the slug "nope". Known: acme.\n');
    },
    SLOW,
  );

  it(
    "hands commands to a running server, whose API then accepts the key",
    async () => {
      const port = await freePort();
      server = await startServer({ ...env, PORT: String(port) });
      const baseURL = `http://127.0.0.1:${port}`;
      const me = (key: string) =>
        fetch(`${baseURL}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });

      const recompute = (key: string) =>
        fetch(`${baseURL}/api/v1/health/recompute?wait=true`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
        });

      // The admin key made with --role admin runs what only admins and managers may.
      const admin = await me(keyFromCli);
      expect(admin.status).toBe(200);
      expect(((await admin.json()) as { role: string }).role).toBe("admin");
      expect((await recompute(keyFromCli)).status).toBe(200);

      const created = await cli(["api-key", "create", "--name", "live"], env);
      expect(created).toMatchObject({ code: 0, stderr: "" });
      const res = await me(lastLine(created.stdout));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { workspace: { slug: string }; role: string };
      expect(body.workspace.slug).toBe("acme");
      // Without --role, a key is a csm, as every key was before roles.
      expect(body.role).toBe("csm");
      expect((await recompute(lastLine(created.stdout))).status).toBe(403);

      const workspace = await cli(["workspace", "create", "--name", "Beta", "--slug", "beta"], env);
      expect(workspace).toMatchObject({ code: 0, stderr: "" });
      const email = "live@example.test";
      const user = await cli(
        ["user", "create", "--email", email, "--role", "admin", "-w", "beta"],
        env,
      );
      expect(user).toMatchObject({ code: 0, stderr: "" });
      const password = lastLine(user.stdout).split(": ")[1];
      const signIn = await fetch(`${baseURL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseURL },
        body: JSON.stringify({ email, password }),
      });
      expect(signIn.status).toBe(200);

      const taken = await cli(["workspace", "create", "--name", "Beta", "--slug", "beta"], env);
      expect(taken).toMatchObject({ code: 1, stdout: "" });
      expect(taken.stderr).toBe('Error: A workspace with the slug "beta" already exists.\n');
    },
    SLOW,
  );

  it(
    "hands a full recompute of every workspace to the running server",
    async () => {
      if (!server) throw new Error("needs the server of the previous test");
      const done = await cli(["recompute"], env);
      expect(done).toMatchObject({ code: 0, stderr: "" });
      expect(done.stdout).toMatch(/^Recomputed 2 accounts in 2 workspaces in \d+\.\d s\.\n$/);
    },
    SLOW,
  );

  it(
    "refuses a second server on the same folder, and cleans up on SIGTERM",
    async () => {
      if (!server) throw new Error("needs the server of the previous test");
      const port = String(await freePort());
      const second = await new Promise<Run>((resolve) =>
        execFile(
          tsx,
          [mainPath],
          { cwd: repoRoot, env: cleanEnv({ ...env, PORT: port }) },
          (error, out, err) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
        ),
      );
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`the data folder ${dataDir} is in use by a Michi server`);

      expect(await stopServer(server.child)).toBe(0);
      server = undefined;
      expect(existsSync(path.join(dataDir, "michi.lock"))).toBe(false);
      expect(existsSync(path.join(dataDir, "michi.sock"))).toBe(false);
      // The folder is intact and free again: the CLI opens it itself.
      const list = await cli(["api-key", "list", "-w", "acme"], env);
      expect(list.code).toBe(0);
      expect(list.stdout.match(/ active/g)).toHaveLength(2);
      expect(list.stdout).toMatch(/ active +admin +ci\n/);
      expect(list.stdout).toMatch(/ active +csm +live\n/);
    },
    SLOW,
  );
});

describe.skipIf(!pgUrl)("the CLI on PostgreSQL", () => {
  it(
    "two server processes on one database share the login lockout",
    async () => {
      const name = `michi_auth_${crypto.randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(pgUrl as string);
      url.pathname = `/${name}`;
      const email = "lock@example.test";
      const password = "right-password-123";
      const env = {
        DATABASE_URL: url.toString(),
        MICHI_DEMO: "0",
        MICHI_ADMIN_EMAIL: email,
        MICHI_ADMIN_PASSWORD: password,
      };
      const children: ChildProcess[] = [];
      try {
        const ports: number[] = [];
        // One after the other: the first migrates and creates the admin.
        for (let i = 0; i < 2; i++) {
          const port = await freePort();
          children.push((await startServer({ ...env, PORT: String(port) })).child);
          ports.push(port);
        }
        const signIn = (port: number, tried: string) =>
          fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
            body: JSON.stringify({ email, password: tried }),
          });
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          statuses.push((await signIn(ports[i % 2] as number, "wrong-password")).status);
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
        for (const port of ports) {
          const locked = await signIn(port, password);
          expect(locked.status).toBe(429);
          expect(locked.headers.get("content-type")).toContain("application/problem+json");
          expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
        }
        // Counted under the connection's address (no proxy trusted), in the database.
        const db = new pg.Client({ connectionString: env.DATABASE_URL });
        await db.connect();
        try {
          const { rows } = await db.query(
            "select key, failures from login_throttles where key like 'address:%'",
          );
          expect(rows).toEqual([{ key: "address:127.0.0.1", failures: 5 }]);
        } finally {
          await db.end();
        }
      } finally {
        for (const child of children) await stopServer(child);
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    SLOW,
  );

  it(
    "connects directly with DATABASE_URL",
    async () => {
      const env = { DATABASE_URL: pgUrl as string, MICHI_DATA_DIR: "/nonexistent/never-used" };
      const slug = `cli-${crypto.randomUUID().slice(0, 8)}`;
      const workspace = await cli(["workspace", "create", "--name", "PG", "--slug", slug], env);
      expect(workspace).toMatchObject({ code: 0, stderr: "" });
      const key = await cli(
        ["api-key", "create", "--name", "pg", "--role", "admin", "-w", slug],
        env,
      );
      expect(key.code).toBe(0);
      expect(key.stdout).toContain("with the admin role");
      expect(lastLine(key.stdout)).toMatch(/^michi_/);
      expect(existsSync("/nonexistent")).toBe(false);
    },
    SLOW,
  );

  it(
    "the server runs its jobs through pg-boss, recompute works beside it, and SIGTERM leaves no connection",
    async () => {
      // A database of its own: the server's jobs would otherwise drain the shared test database.
      const name = `michi_jobs_${crypto.randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(pgUrl as string);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), MICHI_DEMO: "0" };
      let child: ChildProcess | undefined;
      try {
        const started = await startServer({
          ...env,
          PORT: String(await freePort()),
          MICHI_HEALTH_JOB_INTERVAL_SECONDS: "1",
        });
        child = started.child;
        const done = await cli(["recompute"], env);
        expect(done).toMatchObject({ code: 0, stderr: "" });
        expect(done.stdout).toMatch(/^Recomputed 0 accounts in 1 workspace in \d+\.\d s\.\n$/);

        const jobsDb = new pg.Client({ connectionString: env.DATABASE_URL });
        await jobsDb.connect();
        try {
          const { rows: queues } = await jobsDb.query(
            "select name, policy from pgboss.queue where name not like '__pgboss%' order by name",
          );
          expect(queues).toEqual([
            { name: "deliver-webhooks", policy: "stately" },
            { name: "dispatch-account-events", policy: "stately" },
            { name: "playbook-daily-sweep", policy: "stately" },
            { name: "recompute-all", policy: "stately" },
            { name: "recompute-dirty", policy: "stately" },
            { name: "run-playbooks", policy: "stately" },
            { name: "usage-retention", policy: "stately" },
          ]);
          // The dirty job is sent at start; wait for it to have run once.
          for (;;) {
            const { rows } = await jobsDb.query(
              "select count(*)::int as n from pgboss.job where name = 'recompute-dirty' and state = 'completed'",
            );
            if (rows[0].n > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        } finally {
          await jobsDb.end();
        }
        expect(await stopServer(child)).toBe(0);
        child = undefined;
        // No backend of the server outlives it.
        const { rows } = await admin.query(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
          [name],
        );
        expect(rows[0].n).toBe(0);
      } finally {
        if (child) await stopServer(child);
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    SLOW,
  );
});
