import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
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
