import { Worker } from "node:worker_threads";
import type { CsModel } from "./cs-model";
import type { BatchInputs, BatchWrites } from "./decide-batch";
import type { DecideReply, DecideRequest } from "./decide-thread";
import type { WindowTotalsNeeds } from "./window-totals";

/*
 * A full recompute on PGlite decides in a worker thread (decide-thread.ts):
 * PGlite runs SQL on this thread, so without one the JavaScript of counting
 * and deciding waits for the SQL and the SQL for the JavaScript, on one core
 * of two. One worker per process, kept between runs (starting one takes
 * about a second); it holds the process open only while it has work.
 */

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Shared = {
  worker: Worker;
  pending: Map<number, Pending>;
  nextId: number;
  /** Why the worker stopped: a question asked after that would wait forever. */
  stopped: Error | null;
};

let shared: Shared | null = null;
let nextRun = 1;

const sharedWorker = (): Shared => {
  if (shared) return shared;
  const worker = new Worker(new URL("./decide-thread.boot.mjs", import.meta.url));
  worker.unref();
  const state: Shared = { worker, pending: new Map(), nextId: 1, stopped: null };
  const failAll = (error: Error) => {
    if (shared === state) shared = null;
    state.stopped ??= error;
    for (const pending of state.pending.values()) pending.reject(error);
    state.pending.clear();
  };
  worker.on("message", (reply: DecideReply) => {
    const pending = state.pending.get(reply.id);
    if (!pending) return;
    state.pending.delete(reply.id);
    if (state.pending.size === 0) worker.unref();
    if (reply.error !== undefined) pending.reject(new Error(`decide worker: ${reply.error}`));
    else pending.resolve(reply.value);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the decide worker stopped (exit code ${code})`)));
  shared = state;
  return state;
};

const ask = <T>(state: Shared, request: DecideRequest & { id: number }) =>
  new Promise<T>((resolve, reject) => {
    if (state.stopped) {
      reject(state.stopped);
      return;
    }
    state.pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
    state.worker.ref();
    state.worker.postMessage(request);
  });

/** One full recompute's counting and deciding in the worker. */
export type DecideWorkerRun = {
  /** A text of window rows (windowRowsText) to count. */
  count: (text: string) => void;
  /** Once every text is sent: the accounts with an active day in the windows. */
  counted: () => Promise<Set<string>>;
  /** A batch decided; `inputs.usage` holds the probed last days of the accounts not counted. */
  decide: (accountIds: readonly string[], inputs: BatchInputs) => Promise<BatchWrites>;
  end: () => void;
};

export const startDecideRun = (params: {
  model: CsModel;
  at: Date;
  needs: { asOf: string } & WindowTotalsNeeds;
}): DecideWorkerRun => {
  const state = sharedWorker();
  const run = nextRun++;
  state.worker.postMessage({ kind: "start", run, ...params } satisfies DecideRequest);
  return {
    count: (text) => state.worker.postMessage({ kind: "rows", run, text } satisfies DecideRequest),
    counted: async () =>
      new Set(await ask<string[]>(state, { kind: "counted", run, id: state.nextId++ })),
    decide: (accountIds, inputs) =>
      ask<BatchWrites>(state, { kind: "decide", run, id: state.nextId++, accountIds, inputs }),
    end: () => state.worker.postMessage({ kind: "end", run } satisfies DecideRequest),
  };
};
