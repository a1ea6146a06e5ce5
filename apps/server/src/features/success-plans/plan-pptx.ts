import { LRUCache } from "lru-cache";
import { Piscina } from "piscina";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import type { PptxLanguage } from "./export-pptx";
import { loadPlanDocument, planNotFound } from "./plan-store";
import { findPlan } from "./plans.queries";

/*
 * The PowerPoint export, off the request path's critical section: the file is
 * built in one worker thread (piscina; exports queue there instead of taking
 * the main thread, which on PGlite runs every statement), and each plan
 * version's file is kept, so repeated or concurrent downloads of an unchanged
 * plan read neither its rows nor build it again.
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
  params: { id: string; lang: PptxLanguage },
): Promise<PlanPptx> => {
  const ids = { workspaceId: actor.workspaceId, planId: params.id };
  const plan = await findPlan(db, { workspaceId: actor.workspaceId, id: params.id });
  if (!plan) throw planNotFound();
  const key = `${plan.id}:${plan.version}:${params.lang}`;
  let file = files.get(key);
  if (!file) {
    // Cached before its first await: concurrent downloads of one version build it once.
    file = buildFile(db, ids, params.lang);
    files.set(key, file);
    file.catch(() => files.delete(key));
  }
  return { title: plan.title, file: await file };
};

const buildFile = async (
  db: Db,
  ids: { workspaceId: string; planId: string },
  lang: PptxLanguage,
): Promise<Uint8Array<ArrayBuffer>> => {
  const loaded = await loadPlanDocument(db, ids);
  if (!loaded) throw planNotFound();
  return pool.run({ document: loaded.document, lang });
};
