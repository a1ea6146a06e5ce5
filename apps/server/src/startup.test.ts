import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  freePort,
  type ServerProcess,
  signInOver,
  startServer,
  stopServer,
  withEmptyDatabase,
} from "./test/server-process";

const pgUrl = process.env.TEST_DATABASE_URL;

/** Seconds each with tsx, migrations and pg-boss; generous for a busy machine. */
const SLOW = 240_000;

describe.skipIf(!pgUrl)("several server processes on one PostgreSQL", () => {
  it(
    "start together on an empty database: one first start, both serve",
    () =>
      // An empty database of its own: the first deploy of two replicas.
      withEmptyDatabase(pgUrl as string, "michi_start", async (databaseUrl) => {
        const email = "admin@start.michi.example";
        const password = "start-password-1234";
        const env = {
          DATABASE_URL: databaseUrl,
          MICHI_DEMO: "0",
          MICHI_ADMIN_EMAIL: email,
          MICHI_ADMIN_PASSWORD: password,
        };
        const started: ServerProcess[] = [];
        try {
          const ports = [await freePort(), await freePort()];
          const results = await Promise.allSettled(
            ports.map((port) =>
              startServer({ ...env, PORT: String(port) }).then((server) => {
                started.push(server);
                return server;
              }),
            ),
          );
          for (const result of results) {
            if (result.status === "rejected") throw result.reason;
          }
          // Printed just after the "running" line, by the process that made the admin.
          const firstStarts = () => started.filter((s) => s.output().includes("First start:"));
          await expect.poll(() => firstStarts().length).toBe(1);

          for (const port of ports) {
            const health = await fetch(`http://127.0.0.1:${port}/api/health`);
            expect(health.status).toBe(200);
          }

          const db = new pg.Client({ connectionString: databaseUrl });
          await db.connect();
          try {
            const count = async (table: string) =>
              (await db.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;
            expect(await count("users")).toBe(1);
            expect(await count("workspaces")).toBe(1);
            expect(await count("workspace_members")).toBe(1);
            expect(await count("instance_settings where key = 'auth-secret'")).toBe(1);
          } finally {
            await db.end();
          }

          // One secret: a session made through one process is good on the other.
          const [first, second] = ports.map((port) => `http://127.0.0.1:${port}`);
          const cookie = await signInOver(first as string, email, password);
          const me = await fetch(`${second}/api/v1/me`, { headers: { cookie } });
          expect(me.status).toBe(200);
          expect(((await me.json()) as { role: string }).role).toBe("admin");
          expect(firstStarts()).toHaveLength(1);
        } finally {
          await Promise.all(started.map((server) => stopServer(server.child)));
        }
      }),
    SLOW,
  );
});
