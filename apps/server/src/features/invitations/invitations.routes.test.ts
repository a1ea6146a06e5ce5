import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, workspaceMembers, workspaces } from "../../db/schema";
import { createOutboundMailer } from "../../lib/outbound/mail";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  signIn,
  TEST_PASSWORD,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";

/** Mail as an SMTP server received it: recipients and the raw message. */
type Received = { to: string[]; raw: string };
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      inbox.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

let ctx: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailer = createOutboundMailer({
    url: `smtp://127.0.0.1:${port}`,
    from: "Michi <michi@example.test>",
  });
  ctx = await createTestContext({ mailer });
  workspaceId = (await buildWorkspace(ctx, { name: "招待テスト" })).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin", name: "Admin Aiko" });
});

afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const newEmail = () => `invitee-${uniqueSuffix()}@example.test`;
const tokenOf = (link: string) => link.split("/invite/")[1] ?? "";

const invite = (headers: Record<string, string>, body: { email: string; role: string }) =>
  call(ctx, "POST", "/api/v1/invitations", { headers, body });

const accept = (token: string, options: { headers?: Record<string, string>; body?: object } = {}) =>
  call(ctx, "POST", `/api/v1/invitation-links/${token}/accept`, {
    ...(options.headers ? { headers: options.headers } : {}),
    body: options.body ?? {},
  });

const membersOf = async (id: string) =>
  (await ctx.db.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, id))).map(
    (m) => ({ userId: m.userId, role: m.role }),
  );

describe("inviting", () => {
  it("answers the same for an address with an account elsewhere and an unknown one", async () => {
    const elsewhere = await buildWorkspace(ctx);
    const known = await buildUser(ctx, {
      workspaceId: elsewhere.id,
      role: "admin",
      name: "Secret Name",
    });
    const unknown = newEmail();
    const a = await invite(admin.headers, { email: known.email, role: "csm" });
    const b = await invite(admin.headers, { email: unknown, role: "csm" });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    // Same shape and the same values but for the id, address, token and instants.
    const mask = (json: any) => ({
      ...json,
      invitation: { ...json.invitation, id: "x", email: "x", createdAt: "x", expiresAt: "x" },
      link: json.link.replace(/[^/]+$/, "TOKEN"),
    });
    expect(mask(a.json)).toEqual(mask(b.json));
    expect(a.json.invitation).toMatchObject({ email: known.email, role: "csm", state: "pending" });
    expect(a.text).not.toContain("Secret Name");
    expect(a.json.invitation.invitedBy).toBe("Admin Aiko");
    // Nobody joined by being invited.
    expect((await membersOf(workspaceId)).map((m) => m.userId)).not.toContain(known.user.id);
  });

  it("emails the link (Japanese and English) and lists the invitation without its token", async () => {
    const email = newEmail();
    const res = await invite(admin.headers, { email, role: "viewer" });
    expect(res.status).toBe(201);
    expect(res.json.emailSent).toBe(true);
    expect(res.json.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite\/[\w-]{43}$/);
    const mail = inbox.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    // The parts are base64 (decision 0029): read them as a mail client would.
    const parsed = await simpleParser(mail?.raw ?? "");
    expect(parsed.text).toContain(res.json.link);
    expect(parsed.text).toContain("招待テスト");
    expect(parsed.from?.value[0]).toEqual({ address: "michi@example.test", name: "Michi" });

    const list = await call(ctx, "GET", "/api/v1/invitations", admin);
    expect(list.status).toBe(200);
    const listed = list.json.data.find((i: { email: string }) => i.email === email);
    expect(listed).toMatchObject({ role: "viewer", state: "pending", invitedBy: "Admin Aiko" });
    expect(list.text).not.toContain(tokenOf(res.json.link));
    const [row] = await ctx.db.select().from(invitations).where(eq(invitations.id, listed.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(tokenOf(res.json.link));
  });

  it("lets a csm or viewer invite no one, and a manager invite no admin", async () => {
    for (const role of ["csm", "viewer"] as const) {
      const who = await buildUser(ctx, { workspaceId, role });
      const res = await invite(who.headers, { email: newEmail(), role: "viewer" });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await call(ctx, "GET", "/api/v1/invitations", who)).status).toBe(403);
    }
    const manager = await buildUser(ctx, { workspaceId, role: "manager" });
    const asAdmin = await invite(manager.headers, { email: newEmail(), role: "admin" });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.json.errors[0].pointer).toBe("/role");
    expect((await invite(manager.headers, { email: newEmail(), role: "manager" })).status).toBe(
      201,
    );
    // Nor revoke an admin's invitation to an admin.
    const adminInvite = await invite(admin.headers, { email: newEmail(), role: "admin" });
    const revoke = await call(
      ctx,
      "DELETE",
      `/api/v1/invitations/${adminInvite.json.invitation.id}`,
      manager,
    );
    expect(revoke.status).toBe(403);
    // An admin API key is no person: it may not invite.
    const key = await buildApiKey(ctx, { workspaceId, role: "admin" });
    expect((await invite(key.headers, { email: newEmail(), role: "viewer" })).status).toBe(403);
  });

  it("refuses to invite a member of the workspace", async () => {
    const member = await buildUser(ctx, { workspaceId, role: "csm" });
    const res = await invite(admin.headers, { email: member.email.toUpperCase(), role: "viewer" });
    expect(res.status).toBe(409);
    expect(res.json.errors[0].pointer).toBe("/email");
  });

  it("no longer adds an existing user through the old POST /users", async () => {
    const elsewhere = await buildWorkspace(ctx);
    const other = await buildUser(ctx, { workspaceId: elsewhere.id, role: "csm", name: "Other" });
    const res = await call(ctx, "POST", "/api/v1/users", {
      headers: admin.headers,
      body: { email: other.email, name: "x", role: "admin" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.text).not.toContain("Other");
    expect((await membersOf(workspaceId)).map((m) => m.userId)).not.toContain(other.user.id);
  });
});

describe("accepting", () => {
  it("an existing user of another workspace logs in and joins with the invited role", async () => {
    const elsewhere = await buildWorkspace(ctx);
    const invitee = await buildUser(ctx, { workspaceId: elsewhere.id, role: "admin" });
    const res = await invite(admin.headers, { email: invitee.email, role: "manager" });
    const token = tokenOf(res.json.link);

    const link = await call(ctx, "GET", `/api/v1/invitation-links/${token}`);
    expect(link.status).toBe(200);
    expect(link.json).toEqual({
      workspaceName: "招待テスト",
      email: invitee.email,
      role: "manager",
      expiresAt: res.json.invitation.expiresAt,
    });
    // Not logged in and no new account asked for: 401. Logged in as someone else: 403.
    expect((await accept(token)).status).toBe(401);
    const stranger = await buildUser(ctx, { workspaceId: elsewhere.id, role: "csm" });
    expect((await accept(token, { headers: stranger.headers })).status).toBe(403);
    // Creating an account for an address that has one: log in instead; the link stays usable.
    const create = await accept(token, { body: { name: "X", password: "a-long-password" } });
    expect(create.status).toBe(409);

    const joined = await accept(token, { headers: invitee.headers });
    expect(joined.status).toBe(200);
    expect(joined.json).toEqual({
      workspace: { id: workspaceId, name: "招待テスト" },
      role: "manager",
    });
    expect(await membersOf(workspaceId)).toContainEqual({
      userId: invitee.user.id,
      role: "manager",
    });
    // The session lands in the new workspace; the old one is still theirs.
    const me = await call(ctx, "GET", "/api/v1/me", invitee);
    expect(me.json).toMatchObject({ workspace: { id: workspaceId }, role: "manager" });
    expect(me.json.workspaces).toHaveLength(2);
    // Accepted invitations leave the pending list.
    const list = await call(ctx, "GET", "/api/v1/invitations", admin);
    expect(list.json.data.map((i: { email: string }) => i.email)).not.toContain(invitee.email);
  });

  it("a new person sets a name and password, and is logged in to the workspace", async () => {
    const email = newEmail();
    const res = await invite(admin.headers, { email, role: "csm" });
    const token = tokenOf(res.json.link);
    const short = await accept(token, { body: { name: "新人 花子", password: "short" } });
    expect(short.status).toBe(422);
    expect(short.json.errors[0].pointer).toBe("/password");
    expect((await accept(token, { body: { name: "新人 花子" } })).status).toBe(422);

    const joined = await accept(token, { body: { name: " 新人 花子 ", password: TEST_PASSWORD } });
    expect(joined.status).toBe(200);
    expect(joined.json.role).toBe("csm");
    const cookie = joined.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).toContain("session_token");
    const me = await call(ctx, "GET", "/api/v1/me", { headers: { cookie } });
    expect(me.json).toMatchObject({
      user: { name: "新人 花子", email },
      workspace: { id: workspaceId },
      role: "csm",
    });
    expect(await signIn(ctx, email, TEST_PASSWORD)).toContain("session_token");
  });
});

describe("links that cannot be used", () => {
  const expectGone = async (token: string, reason: string) => {
    const read = await call(ctx, "GET", `/api/v1/invitation-links/${token}`);
    expect(read.status).toBe(409);
    expect(read.headers.get("content-type")).toContain("application/problem+json");
    expect(read.json.errors[0]).toEqual({ pointer: "/token", message: reason });
    const used = await accept(token, { body: { name: "Late", password: TEST_PASSWORD } });
    expect(used.status).toBe(409);
  };

  it("refuses a link used twice", async () => {
    const res = await invite(admin.headers, { email: newEmail(), role: "viewer" });
    const token = tokenOf(res.json.link);
    expect((await accept(token, { body: { name: "One", password: TEST_PASSWORD } })).status).toBe(
      200,
    );
    await expectGone(token, "accepted");
  });

  it("lets only one of two simultaneous acceptances through", async () => {
    const res = await invite(admin.headers, { email: newEmail(), role: "viewer" });
    const token = tokenOf(res.json.link);
    const body = { name: "Twice", password: TEST_PASSWORD };
    const results = await Promise.all([accept(token, { body }), accept(token, { body })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("refuses an expired link", async () => {
    const res = await invite(admin.headers, { email: newEmail(), role: "viewer" });
    await ctx.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, res.json.invitation.id));
    const list = await call(ctx, "GET", "/api/v1/invitations", admin);
    expect(list.json.data.find((i: { id: string }) => i.id === res.json.invitation.id)?.state).toBe(
      "expired",
    );
    await expectGone(tokenOf(res.json.link), "expired");
  });

  it("refuses a revoked link, and one replaced by a newer invitation", async () => {
    const email = newEmail();
    const first = await invite(admin.headers, { email, role: "viewer" });
    const second = await invite(admin.headers, { email, role: "csm" });
    await expectGone(tokenOf(first.json.link), "revoked");
    const url = `/api/v1/invitations/${second.json.invitation.id}`;
    expect((await call(ctx, "DELETE", url, admin)).status).toBe(204);
    expect((await call(ctx, "DELETE", url, admin)).status).toBe(404);
    await expectGone(tokenOf(second.json.link), "revoked");
    const list = await call(ctx, "GET", "/api/v1/invitations", admin);
    expect(list.json.data.map((i: { email: string }) => i.email)).not.toContain(email);
  });

  it("answers an unknown token 404 and a malformed one 400", async () => {
    const unknown = await call(ctx, "GET", `/api/v1/invitation-links/${"a".repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(ctx, "GET", "/api/v1/invitation-links/short")).status).toBe(400);
  });

  it("keeps another workspace's admin from revoking this one's invitation", async () => {
    const res = await invite(admin.headers, { email: newEmail(), role: "viewer" });
    const otherAdmin = await buildUser(ctx, {
      workspaceId: (await buildWorkspace(ctx)).id,
      role: "admin",
    });
    const url = `/api/v1/invitations/${res.json.invitation.id}`;
    expect((await call(ctx, "DELETE", url, otherAdmin)).status).toBe(404);
    expect(
      (await call(ctx, "GET", `/api/v1/invitation-links/${tokenOf(res.json.link)}`)).status,
    ).toBe(200);
  });
});

describe("better-auth's organization endpoints", () => {
  it("refuse a manager renaming the workspace, and everyone else, with 403", async () => {
    const manager = await buildUser(ctx, { workspaceId, role: "manager" });
    for (const who of [manager, admin]) {
      const rename = await call(ctx, "POST", "/api/auth/organization/update", {
        headers: who.headers,
        body: { organizationId: workspaceId, data: { name: "Renamed" } },
      });
      expect(rename.status).toBe(403);
      expect(rename.headers.get("content-type")).toContain("application/problem+json");
    }
    const sneaky = await call(ctx, "POST", "/api/auth//organization/update", {
      headers: manager.headers,
      body: { organizationId: workspaceId, data: { name: "Renamed" } },
    });
    expect(sneaky.status).toBe(403);
    const [workspace] = await ctx.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    expect(workspace?.name).toBe("招待テスト");

    for (const [method, path] of [
      ["POST", "/api/auth/organization/invite-member"],
      ["POST", "/api/auth/organization/accept-invitation"],
      ["POST", "/api/auth/organization/remove-member"],
      ["POST", "/api/auth/organization/update-member-role"],
      ["POST", "/api/auth/organization/delete"],
      ["POST", "/api/auth/organization/set-active"],
      ["GET", "/api/auth/organization/list-members"],
    ] as const) {
      const res = await call(ctx, method, path, {
        headers: manager.headers,
        ...(method === "POST" ? { body: {} } : {}),
      });
      expect(res.status, path).toBe(403);
    }
    // The rest of better-auth still works: the session is there.
    const session = await call(ctx, "GET", "/api/auth/get-session", manager);
    expect(session.status).toBe(200);
  });
});
