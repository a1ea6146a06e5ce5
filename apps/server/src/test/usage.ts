import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { usageEvents } from "../db/schema";
import { usageMessageKey } from "../features/usage/usage.queries";

/**
 * Which of `sent` messageIds a workspace's usage_events hold, sorted.
 * usage_events keeps a key per messageId (usageMessageKey), not the id, so
 * tests name the ids they may have sent; a stored key that is none of them
 * fails the test.
 */
export const storedMessageIds = async (
  db: DbOrTx,
  workspaceId: string,
  sent: readonly string[],
): Promise<string[]> => {
  const idOf = new Map(sent.map((id) => [usageMessageKey(workspaceId, id), id]));
  const rows = await db
    .select({ key: usageEvents.messageKey })
    .from(usageEvents)
    .where(eq(usageEvents.workspaceId, workspaceId));
  return rows
    .map((row) => {
      const id = idOf.get(row.key);
      if (id === undefined) throw new Error(`a stored key of no sent messageId: ${row.key}`);
      return id;
    })
    .sort();
};

/** The messageIds of sent whose key is in `keys` (a pending row's list, say), sorted. */
export const messageIdsOfKeys = (
  workspaceId: string,
  keys: readonly string[],
  sent: readonly string[],
): string[] => {
  const idOf = new Map(sent.map((id) => [usageMessageKey(workspaceId, id), id]));
  return keys
    .map((key) => {
      const id = idOf.get(key);
      if (id === undefined) throw new Error(`a key of no sent messageId: ${key}`);
      return id;
    })
    .sort();
};
