// The decide worker's entry: a worker thread does not take the tsx loader Michi runs
// under, so it registers tsx before it loads the TypeScript (decide-worker.ts).
import { register } from "tsx/esm/api";

register();
await import("./decide-thread.ts");
