import type { PlaybookInput } from "@michi/core";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { playbooks } from "../../db/schema";
import { cachePerDatabase } from "../../lib/cache-per-database";

/*
 * The usage events a workspace's live playbooks listen for (`usageEvent`
 * triggers). Ingestion asks on every write, so the answer is kept a few
 * seconds per process: a playbook saved in another process starts hearing its
 * event within that time; one saved here at once (forgetUsageEventTriggers).
 */

const TTL_MS = 10_000;

const cache = cachePerDatabase<{ names: readonly string[] }>(TTL_MS);

export const forgetUsageEventTriggers = (db: DbOrTx, workspaceId: string) => {
  cache(db).delete(workspaceId);
};

export const usageEventTriggerNames = async (
  db: DbOrTx,
  workspaceId: string,
): Promise<readonly string[]> => {
  const hit = cache(db).get(workspaceId);
  if (hit) return hit.names;
  const rows = await db
    .select({ definition: playbooks.definition })
    .from(playbooks)
    .where(
      and(
        eq(playbooks.workspaceId, workspaceId),
        isNull(playbooks.archivedAt),
        sql`${playbooks.definition} -> 'trigger' ->> 'kind' = 'usageEvent'`,
      ),
    );
  const names = [
    ...new Set(
      rows.flatMap(({ definition }) => {
        const { trigger, paused } = definition as PlaybookInput;
        return trigger.kind === "usageEvent" && !paused ? [trigger.event] : [];
      }),
    ),
  ];
  cache(db).set(workspaceId, { names });
  return names;
};
