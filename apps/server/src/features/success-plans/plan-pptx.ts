import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { Piscina } from "piscina";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import type { ReportQuery } from "./report.schemas";
import { buildPlanReport } from "./report.service";

/*
 * The PowerPoint export, off the request path's critical section: the deck's
 * content is decided here (core, a few milliseconds), the file is drawn in
 * one worker thread (piscina; exports queue there instead of taking the main
 * thread, which on PGlite runs every statement). A file is kept by its
 * content, so repeated or concurrent downloads of an unchanged report draw it
 * once, and a changed plan, stage, finding or day never gets a stale file.
 */
const pool = new Piscina({
  filename: new URL("./pptx-thread.boot.mjs", import.meta.url).href,
  minThreads: 0,
  maxThreads: 1,
  // Starting the thread (tsx, pptxgenjs) costs about a second of CPU: once started, it
  // stays for half an hour of no exports rather than being paid for again and again.
  idleTimeout: 30 * 60_000,
});

const files = new LRUCache<string, Promise<Uint8Array<ArrayBuffer>>>({
  max: 50,
  ttl: 10 * 60_000,
});

export type PlanPptx = { title: string; file: Uint8Array<ArrayBuffer> };

export const exportPlanPptx = async (
  db: Db,
  actor: Actor,
  params: ReportQuery & { id: string },
): Promise<PlanPptx> => {
  const { title, deck } = await buildPlanReport(db, actor, params);
  const key = createHash("sha256").update(JSON.stringify(deck)).digest("base64url");
  let file = files.get(key);
  if (!file) {
    // Cached before its first await: concurrent downloads of one deck draw it once.
    file = pool.run({ deck }) as Promise<Uint8Array<ArrayBuffer>>;
    files.set(key, file);
    file.catch(() => files.delete(key));
  }
  return { title, file: await file };
};
