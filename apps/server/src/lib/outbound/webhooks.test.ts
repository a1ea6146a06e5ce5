import type dns from "node:dns";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { postChatMessage } from "./chat";
import { RESPONSE_SNIPPET_CHARS } from "./post-json";
import type { LookupFunction } from "./url-guard";
import { deliverWebhook, generateWebhookSecret, type WebhookEvent } from "./webhooks";

type Hit = { path: string; headers: IncomingMessage["headers"]; body: string };

/** A receiver on 127.0.0.1; each test sets how it answers. */
const hits: Hit[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    hits.push({
      path: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    answer(req, res);
  });
});
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
  hits.length = 0;
  answer = (_req, res) => res.end("ok");
});

/** The tests post to 127.0.0.1, as a self-hosted install with the flag does. */
const allowPrivate = parseEnv({ MICHI_WEBHOOKS_ALLOW_PRIVATE: "1" }).MICHI_WEBHOOKS_ALLOW_PRIVATE;

const event: WebhookEvent = {
  id: "evt_01JXAMPLE",
  type: "account.health_band_changed",
  occurredAt: new Date("2026-12-07T09:00:00Z"),
  data: { accountId: "a1", accountName: "株式会社サンプル", from: "green", to: "red" },
};

/** The signed headers, as a receiver framework hands them to Webhook.verify. */
const signedHeadersOf = (hit: Hit) => ({
  "webhook-id": String(hit.headers["webhook-id"]),
  "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
  "webhook-signature": String(hit.headers["webhook-signature"]),
});

describe("deliverWebhook", () => {
  it("posts the event signed per Standard Webhooks, verifiable with its library", async () => {
    const secret = generateWebhookSecret();
    const result = await deliverWebhook({ url: `${base}/hooks/michi`, secret }, event, {
      allowPrivate,
    });
    expect(result).toMatchObject({ ok: true, status: 200, responseSnippet: "ok" });

    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit!.path).toBe("/hooks/michi");
    expect(hit!.headers["content-type"]).toBe("application/json");
    expect(hit!.headers["webhook-id"]).toBe(event.id);
    const verified = new Webhook(secret).verify(hit!.body, signedHeadersOf(hit!));
    expect(verified).toEqual({
      type: "account.health_band_changed",
      timestamp: "2026-12-07T09:00:00.000Z",
      data: event.data,
    });
    // Signed with another endpoint's secret, or with the body changed, it does not verify.
    expect(() =>
      new Webhook(generateWebhookSecret()).verify(hit!.body, signedHeadersOf(hit!)),
    ).toThrow();
    expect(() =>
      new Webhook(secret).verify(hit!.body.replace("red", "green"), signedHeadersOf(hit!)),
    ).toThrow();
  });

  it("makes secrets in the spec's whsec_ format, each new", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("answers not ok, worth retrying, when the receiver answers 500", async () => {
    answer = (_req, res) => {
      res.statusCode = 500;
      res.end("内部エラー: database down");
    };
    const result = await deliverWebhook(
      { url: `${base}/hook`, secret: generateWebhookSecret() },
      event,
      { allowPrivate },
    );
    expect(result).toMatchObject({
      ok: false,
      error: "http",
      status: 500,
      responseSnippet: "内部エラー: database down",
      retryable: true,
    });
  });

  it("answers a secret the library cannot sign with as final, sending nothing", async () => {
    const before = hits.length;
    const result = await deliverWebhook({ url: `${base}/hook`, secret: "not-a-secret" }, event, {
      allowPrivate,
    });
    expect(result).toMatchObject({ ok: false, error: "refused", status: null, retryable: false });
    expect(hits.length).toBe(before);
  });

  it("takes 410 Gone as final", async () => {
    answer = (_req, res) => {
      res.statusCode = 410;
      res.end();
    };
    const result = await postChatMessage(`${base}/gone`, { text: "x" }, { allowPrivate });
    expect(result).toMatchObject({ ok: false, status: 410, retryable: false });
  });

  it("does not follow a redirect", async () => {
    answer = (req, res) => {
      if (req.url === "/moved") {
        res.statusCode = 307;
        res.setHeader("location", `${base}/elsewhere`);
      }
      res.end();
    };
    const result = await deliverWebhook(
      { url: `${base}/moved`, secret: generateWebhookSecret() },
      event,
      { allowPrivate },
    );
    expect(result).toMatchObject({ ok: false, error: "http", status: 307 });
    expect(hits.map((h) => h.path)).toEqual(["/moved"]);
  });

  it("keeps only the start of a long answer", async () => {
    answer = (_req, res) => res.end("あ".repeat(5000));
    const result = await deliverWebhook(
      { url: `${base}/long`, secret: generateWebhookSecret() },
      event,
      { allowPrivate },
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.responseSnippet).toBe("あ".repeat(RESPONSE_SNIPPET_CHARS));
  });

  it("gives up on a receiver that does not answer in time", async () => {
    answer = () => {}; // never answers
    const result = await deliverWebhook(
      { url: `${base}/slow`, secret: generateWebhookSecret() },
      event,
      { allowPrivate, timeoutMs: 300 },
    );
    expect(result).toMatchObject({ ok: false, error: "timeout", status: null, retryable: true });
    expect(hits).toHaveLength(1);
  });

  it("answers a connection error when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await deliverWebhook(
      { url: `http://127.0.0.1:${port}/`, secret: generateWebhookSecret() },
      event,
      { allowPrivate },
    );
    expect(result).toMatchObject({ ok: false, error: "connection", retryable: true });
  });
});

describe("the guard, when delivering without MICHI_WEBHOOKS_ALLOW_PRIVATE", () => {
  it.each([
    "http://127.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "ftp://files.example.com/",
  ])("refuses %s without connecting", async (url) => {
    const result = await deliverWebhook({ url, secret: generateWebhookSecret() }, event, {
      allowPrivate: false,
    });
    expect(result).toMatchObject({ ok: false, error: "refused", status: null, retryable: false });
  });

  it("refuses the local receiver by its address and by the name localhost", async () => {
    const port = new URL(base).port;
    for (const url of [`${base}/hook`, `http://localhost:${port}/hook`]) {
      const result = await postChatMessage(url, { text: "hello" }, { allowPrivate: false });
      expect(result).toMatchObject({ ok: false, error: "refused" });
    }
    expect(hits).toHaveLength(0);
  });

  it("refuses a name that turns into 127.0.0.1 between the check and the connection", async () => {
    // DNS rebinding: the first answer is public, the next one loopback.
    let calls = 0;
    const rebinding = ((
      _host: string,
      options: { all?: boolean },
      callback: (e: null, a: string | dns.LookupAddress[], f?: number) => void,
    ) => {
      calls += 1;
      const address = calls === 1 ? "93.184.215.14" : "127.0.0.1";
      if (options.all) callback(null, [{ address, family: 4 }]);
      else callback(null, address, 4);
    }) as unknown as LookupFunction;
    const port = new URL(base).port;
    const result = await deliverWebhook(
      { url: `http://rebind.example:${port}/hook`, secret: generateWebhookSecret() },
      event,
      { allowPrivate: false, lookup: rebinding },
    );
    expect(calls).toBe(2);
    expect(result).toMatchObject({ ok: false, error: "refused", retryable: false });
    expect(hits).toHaveLength(0);
  });
});

describe("postChatMessage", () => {
  it("posts Slack-compatible JSON, unsigned", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*赤* になりました" } }];
    const result = await postChatMessage(
      `${base}/services/T000/B000/XXXX`,
      { text: "株式会社サンプルのヘルスが赤になりました", blocks },
      { allowPrivate },
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    const [hit] = hits;
    expect(JSON.parse(hit!.body)).toEqual({
      text: "株式会社サンプルのヘルスが赤になりました",
      blocks,
    });
    expect(hit!.headers["webhook-signature"]).toBeUndefined();
    expect(JSON.parse((await postAndRead("plain")).body)).toEqual({ text: "plain" });
  });
});

const postAndRead = async (text: string) => {
  hits.length = 0;
  await postChatMessage(`${base}/chat`, { text }, { allowPrivate });
  return hits[0]!;
};
