import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccount } from "../features/accounts/accounts.queries";
import { openDatabase } from "./client";
import { nameStatementOnPglite } from "./pglite-statements";

let client: PGlite;

beforeAll(async () => {
  client = await PGlite.create();
  await client.exec(`create table t (id int primary key, label text, tags text[], at date);
    insert into t values (1, 'it''s a \\ test', '{a,"b c"}', '2026-12-07'), (2, null, '{}', null)`);
});

afterAll(async () => {
  await client.close();
});

const preparedNames = async () =>
  (await client.query<{ name: string }>("select name from pg_prepared_statements")).rows.map(
    (row) => row.name,
  );

describe("named statements on PGlite", () => {
  it("runs a named read through EXECUTE with the same answers as unnamed", async () => {
    const text =
      "select id, label, tags, at from t where (label = $1 or $1 is null) and id = any($2::int[]) and at <= $3 order by id";
    const params = ["it's a \\ test", [1, 2], "2026-12-31"];
    const unnamed = await client.query(text, params, { rowMode: "array" });
    nameStatementOnPglite(client, text, "michi_test_read");
    expect(await preparedNames()).not.toContain("michi_test_read");
    const named = await client.query(text, params, { rowMode: "array" });
    expect(await preparedNames()).toContain("michi_test_read");
    expect(named.rows).toEqual(unnamed.rows);
    expect(named.rows).toEqual([[1, "it's a \\ test", ["a", "b c"], expect.any(Date)]]);
    // A null value and an array with quotes and backslashes go as literals too.
    const tags = await client.query("select $1::text[] as tags", [['x"y', "z\\w", null]]);
    nameStatementOnPglite(client, "select $1::text[] as tags", "michi_test_array");
    expect((await client.query("select $1::text[] as tags", [['x"y', "z\\w", null]])).rows).toEqual(
      tags.rows,
    );
    expect((await client.query(text, [null, [2], null], { rowMode: "array" })).rows).toEqual([]);
  });

  it("runs unnamed what it cannot write as literals, or cannot prepare", async () => {
    const text = "select $1::jsonb ->> 'a' as a";
    nameStatementOnPglite(client, text, "michi_test_json");
    expect((await client.query(text, [{ a: "b" }])).rows).toEqual([{ a: "b" }]);
    expect(await preparedNames()).not.toContain("michi_test_json");

    // A statement PREPARE refuses (here: a name that is not one) still runs as the driver runs it.
    const bad = "select 1 as one where $1::int = 1";
    nameStatementOnPglite(client, bad, "1 not a name");
    expect((await client.query(bad, [1])).rows).toEqual([{ one: 1 }]);
    expect((await client.query(bad, [1])).rows).toEqual([{ one: 1 }]);
  });

  it("prepares once when the first uses come together, and keeps the name", async () => {
    const text = "select $1::int + 1 as next";
    nameStatementOnPglite(client, text, "michi_test_race");
    const answers = await Promise.all([1, 2, 3].map((n) => client.query(text, [n])));
    expect(answers.map((answer) => answer.rows)).toEqual([
      [{ next: 2 }],
      [{ next: 3 }],
      [{ next: 4 }],
    ]);
    // Still sent by name: with the statement gone, EXECUTE says so.
    await client.exec("deallocate michi_test_race");
    await expect(client.query(text, [1])).rejects.toThrow(/michi_test_race/);
  });
  it("reports a database error of a named statement as the driver does", async () => {
    const text = "select 1 / $1::int as q";
    nameStatementOnPglite(client, text, "michi_test_error");
    await expect(client.query(text, [0])).rejects.toThrow(/division by zero/);
    expect((await client.query(text, [1])).rows).toEqual([{ q: 1 }]);
  });
});

describe("the prepared reads on PGlite", () => {
  it("run as named statements through drizzle", async () => {
    const database = await openDatabase({ kind: "pglite", dataDir: undefined });
    try {
      await database.migrate();
      await findAccount(database.db, {
        workspaceId: "w",
        id: "00000000-0000-4000-8000-000000000000",
      });
      const pglite = (database.db as unknown as { $client: PGlite }).$client;
      const names = (
        await pglite.query<{ name: string }>("select name from pg_prepared_statements")
      ).rows;
      expect(names.some((row) => row.name.startsWith("michi_"))).toBe(true);
    } finally {
      await database.close();
    }
  });
});
