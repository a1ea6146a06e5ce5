import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "./client";

/**
 * PGlite runs PostgreSQL as its standalone backend, which starts no
 * autovacuum (checked: 19,000 deleted rows of a table were still there,
 * never vacuumed nor analyzed, 70 s later). Without this, rows deleted or
 * updated by Michi's own churn (dirty marks, pending rows, rollups, today's
 * scores) would never be reclaimed, and plans would run on default
 * estimates. So the embedded database runs this as a job: it picks tables as
 * autovacuum does with its default settings, from the statistics PGlite
 * keeps (kept in memory: after a restart they start again from zero, and a
 * table never analyzed is analyzed at the first run). PostgreSQL has
 * autovacuum and does not run this.
 */
export const maintainEmbeddedDatabase = async (
  db: Db,
): Promise<{ vacuumed: string[]; analyzed: string[] }> => {
  const tables = await rowsOf<{ name: string; vacuum: boolean; analyze: boolean }>(
    db,
    // autovacuum's defaults: vacuum at 50 + 20% dead rows, or when the table's
    // oldest xid nears wraparound; analyze at 50 + 10% changed. Not its vacuum of
    // insert-only tables (for the visibility map): here a vacuum holds the one
    // connection, and after an import of events it would scan them all at once.
    sql`select s.relname as name,
        s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
          or age(c.relfrozenxid) > current_setting('autovacuum_freeze_max_age')::bigint
          as vacuum,
        s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
          or (c.reltuples < 0 and pg_relation_size(s.relid) > 0)
          as analyze
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = 'public'
      order by s.relname`,
  );
  const vacuumed: string[] = [];
  const analyzed: string[] = [];
  for (const table of tables) {
    // One table a statement: VACUUM cannot run in a transaction, and other
    // statements wait only for one table at a time.
    if (table.vacuum) {
      await db.execute(sql`vacuum (analyze) ${sql.identifier(table.name)}`);
      vacuumed.push(table.name);
      analyzed.push(table.name);
    } else if (table.analyze) {
      await db.execute(sql`analyze ${sql.identifier(table.name)}`);
      analyzed.push(table.name);
    }
  }
  return { vacuumed, analyzed };
};
