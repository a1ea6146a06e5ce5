import { findPlaybookTemplate } from "@michi/core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  freePort,
  type ServerProcess,
  signInOver,
  startServer,
  stopServer,
  withEmptyDatabase,
} from "../../test/server-process";

const pgUrl = process.env.TEST_DATABASE_URL;

/** Seconds each with tsx, migrations and pg-boss, then the jobs' intervals; generous for a busy machine. */
const SLOW = 300_000;

describe.skipIf(!pgUrl)("playbooks with two server processes on one PostgreSQL", () => {
  it(
    "fire once for one band change: one run, one task",
    () =>
      withEmptyDatabase(pgUrl as string, "michi_pb", async (databaseUrl) => {
        const email = "admin@playbooks.michi.example";
        const password = "playbooks-password-1234";
        const env = {
          DATABASE_URL: databaseUrl,
          MICHI_DEMO: "0",
          MICHI_ADMIN_EMAIL: email,
          MICHI_ADMIN_PASSWORD: password,
        };
        const started: ServerProcess[] = [];
        const db = new pg.Client({ connectionString: databaseUrl });
        try {
          // One starts first (starting together is startup.test.ts's), the other beside it.
          const ports = [await freePort(), await freePort()];
          for (const port of ports) started.push(await startServer({ ...env, PORT: String(port) }));
          const base = `http://127.0.0.1:${ports[0]}`;
          const cookie = await signInOver(base, email, password);
          const post = async (path: string, body: unknown) => {
            const res = await fetch(`${base}${path}`, {
              method: "POST",
              headers: { "content-type": "application/json", origin: base, cookie },
              body: JSON.stringify(body),
            });
            return { status: res.status, json: (await res.json()) as { id: string } };
          };
          const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as {
            user: { id: string };
          };

          const template = findPlaybookTemplate("health-red-high-touch");
          expect(template).toBeDefined();
          const playbook = await post("/api/v1/playbooks", {
            definition: template?.playbook,
            templateKey: template?.key,
          });
          expect(playbook.status).toBe(201);
          const account = await post("/api/v1/accounts", {
            name: "株式会社レッド",
            ownerUserId: me.user.id,
            touchModel: "high",
          });
          expect(account.status).toBe(201);

          // The account's first score is red: the band changes from none to red.
          await db.connect();
          await db.query(
            `insert into health_scores (workspace_id, account_id, day, score, band, coverage, measures)
             select workspace_id, id, (now() at time zone 'UTC')::date, 20, 'red', 1, '[]'
             from accounts where id = $1`,
            [account.json.id],
          );
          const count = async (table: string) =>
            (
              await db.query(`select count(*)::int as n from ${table} where account_id = $1`, [
                account.json.id,
              ])
            ).rows[0].n as number;
          await expect
            .poll(() => count("account_tasks"), { timeout: 120_000, interval: 1_000 })
            .toBe(1);
          // A few more job intervals on both processes: still one.
          await new Promise((resolve) => setTimeout(resolve, 15_000));
          expect(await count("playbook_runs")).toBe(1);
          expect(await count("account_tasks")).toBe(1);
        } finally {
          await db.end().catch(() => {});
          await Promise.all(started.map((server) => stopServer(server.child)));
        }
      }),
    SLOW,
  );
});
