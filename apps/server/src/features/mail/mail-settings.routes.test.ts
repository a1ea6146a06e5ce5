import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundMailer } from "../../lib/outbound/mail";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

/** A real SMTP server on 127.0.0.1, keeping what it receives. */
const inbox: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  // The URL carries a password, as a real one does: accept it over the plain local connection.
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username });
  },
  onRcptTo(address, _session, callback) {
    // A mailbox that does not exist, for the refusal.
    if (address.address.startsWith("nobody@")) {
      callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      inbox.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("latin1"),
      });
      callback();
    });
  },
});

let ctx: TestContext;
let unconfigured: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailer = createOutboundMailer({
    url: `smtp://user:s3cret-pass@127.0.0.1:${port}`,
    from: "ミチ <michi@example.test>",
  });
  ctx = await createTestContext({ mailer });
  unconfigured = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin" });
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const parse = (raw: string) => simpleParser(Buffer.from(raw, "latin1"));

describe("mail settings", () => {
  it("say whether mail is configured and its From address, never the SMTP URL", async () => {
    const res = await call(ctx, "GET", "/api/v1/settings/mail", admin);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ configured: true, from: "ミチ <michi@example.test>" });
    expect(res.text).not.toContain("s3cret");

    const otherWorkspace = (await buildWorkspace(unconfigured)).id;
    const other = await buildUser(unconfigured, { workspaceId: otherWorkspace, role: "admin" });
    const none = await call(unconfigured, "GET", "/api/v1/settings/mail", other);
    expect(none.json).toEqual({ configured: false, from: null });
    const test = await call(unconfigured, "POST", "/api/v1/settings/mail/test", {
      ...other,
      body: {},
    });
    expect(test.status).toBe(409);
    expect(test.json.code).toBe("mail-not-configured");
  });

  it("send a test email to the caller, in Japanese, with the subject decoded right", async () => {
    const res = await call(ctx, "POST", "/api/v1/settings/mail/test", {
      ...admin,
      body: { language: "ja" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "sent", to: admin.email });
    const received = inbox.find((mail) => mail.to.includes(admin.email));
    expect(received).toBeDefined();
    const parsed = await parse(received?.raw ?? "");
    expect(parsed.subject).toBe("Michi: テストメール（メール設定の確認）");
    expect(parsed.text).toContain("Michi のメール設定は正しく動いています。");
    expect(parsed.from?.value[0]).toEqual({ address: "michi@example.test", name: "ミチ" });
  });

  it("send in English by Accept-Language, to another address when given", async () => {
    const res = await call(ctx, "POST", "/api/v1/settings/mail/test", {
      headers: { ...admin.headers, "accept-language": "en-US,en;q=0.9,ja;q=0.5" },
      body: { to: "ops@example.test" },
    });
    expect(res.json).toMatchObject({ status: "sent", to: "ops@example.test" });
    const parsed = await parse(
      inbox.find((mail) => mail.to.includes("ops@example.test"))?.raw ?? "",
    );
    expect(parsed.subject).toBe("Michi: test email (checking the mail settings)");
  });

  it("answer the SMTP server's refusal as a result, not an error", async () => {
    const res = await call(ctx, "POST", "/api/v1/settings/mail/test", {
      ...admin,
      body: { to: "nobody@example.test" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "failed",
      to: "nobody@example.test",
      responseCode: 550,
    });
  });

  it("validate the address, and ask an API key where to send", async () => {
    const bad = await call(ctx, "POST", "/api/v1/settings/mail/test", {
      ...admin,
      body: { to: "not an address" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].pointer).toBe("/to");
    const key = await buildApiKey(ctx, { workspaceId, role: "admin" });
    const keyed = await call(ctx, "POST", "/api/v1/settings/mail/test", { ...key, body: {} });
    expect(keyed.status).toBe(422);
    expect(keyed.json.errors[0]).toMatchObject({ pointer: "/to", code: "required" });
  });

  it("are for admins and managers", async () => {
    const manager = await buildUser(ctx, { workspaceId, role: "manager" });
    expect((await call(ctx, "GET", "/api/v1/settings/mail", manager)).status).toBe(200);
    for (const role of ["csm", "viewer"] as const) {
      const user = await buildUser(ctx, { workspaceId, role });
      expect((await call(ctx, "GET", "/api/v1/settings/mail", user)).status).toBe(403);
      const test = await call(ctx, "POST", "/api/v1/settings/mail/test", { ...user, body: {} });
      expect(test.status).toBe(403);
    }
  });
});
