import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";
import { migrationsFolder, openDatabase } from "../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data folder; empty on PostgreSQL. */
    pgliteTemplate: string;
  }
}

/**
 * Migrates once per run instead of once per test file. PGlite: a fresh
 * in-memory database runs initdb (in a second WebAssembly instance) and then
 * every migration, seconds per file; loading a migrated data folder costs a
 * fraction of that, so each file starts from this tarball. PostgreSQL: the
 * shared test database is migrated here, before any file opens it.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ kind: "postgres", url, poolSize: 1 });
    try {
      // Each run starts from an empty database, as CI's does. What earlier runs
      // left on a developer's machine (3,300 workspaces, 20,000 heap blocks of
      // rollups after a day) made a test that reads the whole rollup table a
      // block at a time run past its timeout.
      await database.db.execute(
        sql.raw(
          "drop schema if exists public cascade; drop schema if exists drizzle cascade; " +
            "drop schema if exists pgboss cascade; create schema public",
        ),
      );
      await database.migrate();
    } finally {
      await database.close();
    }
    project.provide("pgliteTemplate", "");
    return;
  }
  const client = await PGlite.create();
  const dir = mkdtempSync(path.join(tmpdir(), "michi-test-template-"));
  try {
    await migrate(drizzle(client), { migrationsFolder });
    // Uncompressed: every file reads it, and gunzip would cost more than it saves.
    const tarball = await client.dumpDataDir("none");
    const file = path.join(dir, "pgdata.tar");
    writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()));
    project.provide("pgliteTemplate", file);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await client.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
