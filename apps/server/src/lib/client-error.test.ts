import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientErrors } from "./client-error";

/** The raw answer of the server to raw request bytes. */
const rawExchange = (port: number, request: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
    });
    socket.on("end", () => resolve(answer));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.write(request);
  });

let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  const app = new Hono().get("/", (c) => c.text("ok"));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  answerClientErrors(server as Parameters<typeof answerClientErrors>[0]);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));

describe("requests Node's parser refuses", () => {
  it("answers headers over the limit with 431 problem+json", async () => {
    const answer = await rawExchange(
      port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
    expect(bodyOf(answer)).toMatchObject({
      type: "https://michi.dev/problems/request-header-fields-too-large",
      title: "Request header fields too large",
      status: 431,
    });
  });

  it("answers a malformed request with 400 problem+json, and serves good ones as before", async () => {
    const answer = await rawExchange(port, "NOT HTTP AT ALL\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(answer)).toMatchObject({
      status: 400,
      type: expect.stringMatching(/bad-request/),
    });
    const ok = await fetch(`http://127.0.0.1:${port}/`);
    expect(await ok.text()).toBe("ok");
  });
});
