import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "./client";

describe("the embedded database", () => {
  it("keeps its WAL to 64 MB (PGlite's default would let it grow to 1 GB)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "michi-client-"));
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const rows = await rowsOf<{ name: string; setting: string }>(
        database.db,
        sql`select name, setting from pg_settings
          where name in ('max_wal_size', 'min_wal_size') order by name`,
      );
      expect(rows).toEqual([
        { name: "max_wal_size", setting: "64" },
        { name: "min_wal_size", setting: "32" },
      ]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
