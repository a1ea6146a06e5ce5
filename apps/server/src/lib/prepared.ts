import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import type { DbOrTx } from "../db/client";
import { nameStatementOnPglite } from "../db/pglite-statements";

type Preparable<P> = { toSQL: () => { sql: string }; prepare: (name: string) => P };

/**
 * A query built once a database handle and shape, with placeholders for its
 * values, and prepared under a name derived from its SQL: drizzle builds the
 * SQL once, and PostgreSQL parses and plans it once a connection (node-postgres
 * keeps named statements per connection; PGlite's driver ignores the name, so
 * there db/pglite-statements.ts names it in SQL). `shape` tells apart the variants of one
 * query (which filters are on, the sort): each is its own statement.
 *
 * Only for reads that run often: a handle is remembered while it lives
 * (weakly), and each shape for as long.
 */
export const preparedQuery = <P>(build: (db: DbOrTx, shape: string) => Preparable<P>) => {
  const handles = new WeakMap<DbOrTx, Map<string, P>>();
  return (db: DbOrTx, shape = ""): P => {
    let shapes = handles.get(db);
    if (!shapes) {
      shapes = new Map();
      handles.set(db, shapes);
    }
    let prepared = shapes.get(shape);
    if (!prepared) {
      const query = build(db, shape);
      // PostgreSQL names are at most 63 bytes; one text, one name.
      const text = query.toSQL().sql;
      const digest = createHash("sha256").update(text).digest("hex").slice(0, 24);
      prepared = query.prepare(`michi_${digest}`);
      // The database's own client; a transaction's is not PGlite's (it runs unnamed).
      const client = (db as { $client?: unknown }).$client;
      if (client instanceof PGlite) nameStatementOnPglite(client, text, `michi_${digest}`);
      shapes.set(shape, prepared);
    }
    return prepared;
  };
};
