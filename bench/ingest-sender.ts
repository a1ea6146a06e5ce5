/**
 * The senders of the ingest benchmark, in their own process so that the
 * server's CPU time is measured apart from theirs: generates the same events
 * as the parent (same seed), says "ready", waits for a line on stdin, then
 * POSTs 500-event batches to /batch with 4 senders at once and prints
 * { seconds, cpu } as JSON.
 */
import { Agent, request } from "node:http";
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

const bodies: Buffer[] = [];
let batch: unknown[] = [];
for (const event of generateBenchEvents({ seed, events })) {
  batch.push(event);
  if (batch.length === batchSize) {
    bodies.push(Buffer.from(JSON.stringify({ batch })));
    batch = [];
  }
}
if (batch.length > 0) bodies.push(Buffer.from(JSON.stringify({ batch })));

const authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const lines = createInterface({ input: process.stdin });
console.log("ready");
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();

/*
 * node:http with keep-alive, not fetch: the senders stand in for other
 * machines, and undici's fetch cost ~1 s of CPU per 100,000 events on the
 * two cores the server and the database share.
 */
const agent = new Agent({ keepAlive: true, maxSockets: senders });
const target = new URL("/api/v1/batch", url);
const post = (body: Buffer) =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      target,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          authorization,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode === 200) resolve();
          else
            reject(
              new Error(
                `POST /batch answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`,
              ),
            );
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });

let next = 0;
const sender = async () => {
  while (next < bodies.length) await post(bodies[next++] as Buffer);
};
const cpu = process.cpuUsage();
const started = performance.now();
await Promise.all(Array.from({ length: senders }, sender));
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ seconds, cpu: (used.user + used.system) / 1e6 }));
