/**
 * The worker thread of decide-worker.ts: counts a full recompute's window
 * rows and decides its batches, while PGlite runs SQL on the main thread.
 * Only pure modules are loaded here.
 */
import { parentPort } from "node:worker_threads";
import type { CsModel } from "./cs-model";
import { type BatchInputs, decideBatch } from "./decide-batch";
import { windowRowsCounter } from "./window-rows";
import type { AccountWindowTotals, WindowTotalsNeeds } from "./window-totals";

export type DecideRequest =
  | {
      kind: "start";
      run: number;
      model: CsModel;
      at: Date;
      needs: { asOf: string } & WindowTotalsNeeds;
    }
  | { kind: "rows"; run: number; text: string }
  | { kind: "counted"; run: number; id: number }
  | {
      kind: "decide";
      run: number;
      id: number;
      accountIds: readonly string[];
      inputs: BatchInputs;
    }
  | { kind: "end"; run: number };

export type DecideReply = { id: number; error?: string; value?: unknown };

type Run = {
  model: CsModel;
  at: Date;
  counter: ReturnType<typeof windowRowsCounter>;
  totals: Map<string, AccountWindowTotals> | null;
  /** A failure of a message that has no answer, told at the next answer. */
  failed: string | null;
};

const runs = new Map<number, Run>();
const port = parentPort;
if (!port) throw new Error("decide-thread.ts runs as a worker thread");

const runOf = (run: number) => {
  const state = runs.get(run);
  if (!state) throw new Error(`no recompute ${run} in the decide worker`);
  if (state.failed) throw new Error(state.failed);
  return state;
};

/** The answer of a message with an id. */
const answer = (request: DecideRequest & { kind: "counted" | "decide" }): unknown => {
  const state = runOf(request.run);
  if (request.kind === "counted") {
    state.totals = new Map(state.counter.totals().map((t) => [t.accountId, t]));
    // The accounts with an active day in the windows; the main thread probes the others'.
    return [...state.totals.values()].flatMap((t) => (t.lastActiveDay ? [t.accountId] : []));
  }
  const { usage } = request.inputs;
  for (const accountId of request.accountIds) {
    const totals = state.totals?.get(accountId);
    if (!totals) continue;
    usage.windowsOf.set(accountId, totals.windows);
    if (totals.lastActiveDay !== null) usage.lastSeenOf.set(accountId, totals.lastActiveDay);
    state.totals?.delete(accountId);
  }
  return decideBatch(state.model, state.at, request.accountIds, request.inputs);
};

port.on("message", (request: DecideRequest) => {
  switch (request.kind) {
    case "start":
      runs.set(request.run, {
        model: request.model,
        at: request.at,
        counter: windowRowsCounter(request.needs),
        totals: null,
        failed: null,
      });
      return;
    case "rows": {
      const state = runs.get(request.run);
      if (!state || state.failed) return;
      try {
        state.counter.add(request.text);
      } catch (error) {
        state.failed = String(error);
      }
      return;
    }
    case "end":
      runs.delete(request.run);
      return;
    default:
      try {
        port.postMessage({ id: request.id, value: answer(request) } satisfies DecideReply);
      } catch (error) {
        port.postMessage({
          id: request.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies DecideReply);
      }
  }
});

port.postMessage({ id: 0, value: "ready" } satisfies DecideReply);
