import { createHash, randomBytes } from "node:crypto";
import type { WorkspaceRole } from "@michi/core";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { apiKeys } from "../../db/schema";
import { cachePerDatabase } from "../../lib/cache-per-database";

const KEY_PREFIX = "michi_";

/** Keys are 256 random bits; a fast hash suffices (no password stretching needed). */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export const createApiKey = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    name: string;
    /** Left out: the column's default, csm. */
    role?: WorkspaceRole;
    createdByUserId?: string | null;
  },
) => {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: params.workspaceId,
      name: params.name,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashApiKey(key),
      ...(params.role ? { role: params.role } : {}),
      createdByUserId: params.createdByUserId ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return { key, apiKey: toPublicApiKey(row) };
};

type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * Active keys found in the last few seconds, per database, by hash: whole
 * rows, so the role a request acts with comes from here too (a key's role
 * never changes after it is made). A Segment sender makes many requests a
 * second with one key: the lookup was a statement per request (~0.6 ms of
 * PGlite's one thread, against ~13 ms for the 500 events it carries). A
 * revocation in this process clears it at once; another process (several
 * app processes on PostgreSQL) stops accepting a revoked key within
 * API_KEY_CACHE_MS (decision 0003).
 */
export const API_KEY_CACHE_MS = 5_000;

const activeKeysOf = cachePerDatabase<ApiKeyRow>(API_KEY_CACHE_MS);

export const findActiveApiKey = async (db: DbOrTx, key: string): Promise<ApiKeyRow | undefined> => {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const hash = hashApiKey(key);
  const cache = activeKeysOf(db);
  const cached = cache.get(hash);
  if (cached) return cached;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (row) cache.set(hash, row);
  return row;
};

const TOUCH_EVERY_MS = 60_000;
/** The keys whose use this process noted in the last minute, per database. */
const touchedRecentlyOf = cachePerDatabase<true>(TOUCH_EVERY_MS);

/**
 * Notes the key's use, at most once a minute: a write (and a commit) on one
 * hot row for every Segment request held concurrent requests up (bench). The
 * process skips the statement too while its own last note is recent: it was
 * a second query for every request (the key's lookup and this were ~8% of
 * the server's CPU in an ingest profile, and on PGlite every statement holds
 * the one thread). The condition in the statement keeps several processes to
 * one write a minute.
 */
export const touchApiKey = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const touched = touchedRecentlyOf(db);
  if (touched.has(params.id)) return;
  touched.set(params.id, true);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiKeys.workspaceId, params.workspaceId),
        eq(apiKeys.id, params.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
};

export const listApiKeys = async (db: DbOrTx, params: { workspaceId: string }) => {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, params.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toPublicApiKey);
};

/** Keys of a workspace with this id or visible prefix, revoked ones included. */
export const findApiKeys = async (
  db: DbOrTx,
  params: { workspaceId: string } & ({ id: string } | { prefix: string }),
) => {
  const match = "id" in params ? eq(apiKeys.id, params.id) : eq(apiKeys.prefix, params.prefix);
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, params.workspaceId), match))
    .limit(10);
  return rows.map(toPublicApiKey);
};

/** Revokes by id, or by the key's visible prefix (what the CLI user can see). */
export const revokeApiKey = async (
  db: DbOrTx,
  params: { workspaceId: string; id?: string; prefix?: string },
) => {
  const match = params.id ? eq(apiKeys.id, params.id) : eq(apiKeys.prefix, params.prefix ?? "");
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, params.workspaceId), match, isNull(apiKeys.revokedAt)))
    .returning();
  for (const row of rows) activeKeysOf(db).delete(row.keyHash);
  return rows.map(toPublicApiKey);
};

export const toPublicApiKey = ({ keyHash: _hash, ...rest }: ApiKeyRow) => ({
  ...rest,
  createdAt: rest.createdAt.toISOString(),
  lastUsedAt: rest.lastUsedAt?.toISOString() ?? null,
  revokedAt: rest.revokedAt?.toISOString() ?? null,
});
