import { LRUCache } from "lru-cache";
import type { DbOrTx } from "../db/client";

/**
 * A small cache per database handle, made at its first use: what a process
 * remembers of one database (API keys, who a session is) never answers for
 * another (tests open many).
 */
export const cachePerDatabase = <V extends {}>(ttl: number) => {
  const caches = new WeakMap<DbOrTx, LRUCache<string, V>>();
  return (db: DbOrTx) => {
    let cache = caches.get(db);
    if (!cache) {
      cache = new LRUCache<string, V>({ max: 1_000, ttl });
      caches.set(db, cache);
    }
    return cache;
  };
};
