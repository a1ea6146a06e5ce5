import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { createOutboundMailer, mailConfigOf } from "./mail";

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on 127.0.0.1; `hooks` make it refuse where a test wants. */
const startSmtp = async (hooks: Partial<SMTPServerOptions> = {}) => {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("latin1"),
        });
        callback();
      });
    },
    ...hooks,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    inbox,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** An SMTP error reply, as smtp-server takes it from a hook. */
const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const japanese = {
  to: "tanaka@example.test",
  subject: "【ご案内】ヘルススコアが「要注意」になりました：株式会社サンプル様の利用状況について",
  text: "田中様\n\nいつもお世話になっております。\n利用状況のご報告です。ログイン数が先月より減っています。",
  html: "<p>田中様</p><p>いつもお世話になっております。<br>利用状況のご報告です。</p>",
};

describe("sending mail", () => {
  it("delivers a Japanese subject and both parts intact, in UTF-8 with ASCII-only headers", async () => {
    const mailer = createOutboundMailer({ url: smtp.url, from: "ミチ <michi@example.test>" });
    const result = await mailer.send(japanese);
    expect(result).toMatchObject({ status: "sent" });

    const received = smtp.inbox.at(-1)!;
    expect(received.to).toEqual(["tanaka@example.test"]);
    expect(received.from).toBe("michi@example.test");
    const headerBlock = received.raw.slice(0, received.raw.indexOf("\r\n\r\n"));
    // 7-bit headers: the subject and the sender's name as encoded words.
    expect(headerBlock).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?B\?/im);
    expect(received.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(received.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(received.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    expect(received.raw).toMatch(/Content-Transfer-Encoding: base64/i);
    expect(received.raw).not.toMatch(/List-Unsubscribe/i);

    const parsed = await simpleParser(Buffer.from(received.raw, "latin1"));
    expect(parsed.subject).toBe(japanese.subject);
    expect(parsed.text?.trim()).toBe(japanese.text);
    expect(parsed.html).toContain(japanese.html);
    expect(parsed.from?.value[0]).toMatchObject({ name: "ミチ", address: "michi@example.test" });
  });

  it("adds List-Unsubscribe with one-click when an unsubscribe URL is given", async () => {
    const mailer = createOutboundMailer({ url: smtp.url, from: "michi@example.test" });
    const unsubscribeUrl = "https://michi.example.test/unsubscribe/abc.def";
    expect(await mailer.send({ ...japanese, unsubscribeUrl })).toMatchObject({ status: "sent" });

    const { raw } = smtp.inbox.at(-1)!;
    expect(raw).toContain(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    // mailparser gathers List-* headers under "list".
    const parsed = await simpleParser(Buffer.from(raw, "latin1"));
    expect(parsed.headers.get("list")).toMatchObject({ unsubscribe: { url: unsubscribeUrl } });
  });

  it("sends plain text alone when there is no HTML", async () => {
    const mailer = createOutboundMailer({ url: smtp.url, from: "michi@example.test" });
    await mailer.send({ to: "a@example.test", subject: "件名", text: "本文だけ" });
    const parsed = await simpleParser(Buffer.from(smtp.inbox.at(-1)!.raw, "latin1"));
    expect(parsed.text?.trim()).toBe("本文だけ");
    expect(parsed.html).toBe(false);
  });
});

describe("when mail cannot go out", () => {
  it("answers notConfigured without SMTP settings, and sends nothing", async () => {
    const before = smtp.inbox.length;
    const config = mailConfigOf(parseEnv({}));
    expect(config).toBeUndefined();
    expect(await createOutboundMailer(config).send(japanese)).toEqual({ status: "notConfigured" });
    expect(smtp.inbox).toHaveLength(before);
  });

  it("reads the settings from the environment", () => {
    const env = parseEnv({ MICHI_SMTP_URL: smtp.url, MICHI_MAIL_FROM: "michi@example.test" });
    expect(mailConfigOf(env)).toEqual({ url: smtp.url, from: "michi@example.test" });
  });

  it("answers failed, not worth retrying, when the server refuses the recipient (5xx)", async () => {
    const refusing = await startSmtp({
      onRcptTo: (_address, _session, callback) => callback(smtpError("No such user here", 550)),
    });
    try {
      const mailer = createOutboundMailer({ url: refusing.url, from: "michi@example.test" });
      const result = await mailer.send(japanese);
      expect(result).toMatchObject({ status: "failed", responseCode: 550, retryable: false });
      expect(result.status === "failed" && result.error).toContain("No such user here");
      expect(refusing.inbox).toHaveLength(0);
    } finally {
      await refusing.close();
    }
  });

  it("answers failed, worth retrying, on a temporary refusal (4xx)", async () => {
    const busy = await startSmtp({
      onMailFrom: (_address, _session, callback) => callback(smtpError("Too busy, try later", 451)),
    });
    try {
      const mailer = createOutboundMailer({ url: busy.url, from: "michi@example.test" });
      expect(await mailer.send(japanese)).toMatchObject({
        status: "failed",
        responseCode: 451,
        retryable: true,
      });
    } finally {
      await busy.close();
    }
  });

  it("answers failed, worth retrying, when nothing listens", async () => {
    // A port that was free a moment ago.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const mailer = createOutboundMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: "michi@example.test",
    });
    expect(await mailer.send(japanese)).toMatchObject({
      status: "failed",
      responseCode: null,
      retryable: true,
    });
  });
});
