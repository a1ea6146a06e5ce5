/**
 * The senders of the ingest benchmark, in their own process so that the
 * server's CPU time is measured apart from theirs: generates the same events
 * as the parent (same seed), says "ready", waits for a line on stdin, then
 * POSTs 500-event batches to /batch with 4 senders at once and prints
 * { seconds } as JSON.
 */
import { createInterface } from "node:readline";
import { generateBenchEvents } from "./generate";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const url = env("BENCH_SENDER_URL");
const key = env("BENCH_SENDER_KEY");
const seed = Number(env("BENCH_SENDER_SEED"));
const events = Number(env("BENCH_SENDER_EVENTS"));
const batchSize = Number(process.env.BENCH_SENDER_BATCH ?? 500);
const senders = Number(process.env.BENCH_SENDER_CONCURRENCY ?? 4);

const bodies: string[] = [];
let batch: unknown[] = [];
for (const event of generateBenchEvents({ seed, events })) {
  batch.push(event);
  if (batch.length === batchSize) {
    bodies.push(JSON.stringify({ batch }));
    batch = [];
  }
}
if (batch.length > 0) bodies.push(JSON.stringify({ batch }));

const authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const lines = createInterface({ input: process.stdin });
console.log("ready");
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();

let next = 0;
const sender = async () => {
  while (next < bodies.length) {
    const body = bodies[next++] as string;
    const res = await fetch(`${url}/api/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body,
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST /batch answered ${res.status}: ${text}`);
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: senders }, sender));
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
