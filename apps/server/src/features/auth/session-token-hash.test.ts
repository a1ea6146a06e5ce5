import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../app";
import { ensureAuthSecret } from "../../bootstrap";
import { instanceSettings, sessions } from "../../db/schema";
import { buildUser, buildWorkspace, createTestContext, TEST_PASSWORD } from "../../test/context";
import { addWorkspaceMember } from "../users/users.service";
import { createAuth } from "./auth";
import { hashSessionToken } from "./session-token-hash";

const ctx = await createTestContext();
// The secret kept in the database, as `npm start` does without MICHI_AUTH_SECRET.
const auth = createAuth({
  db: ctx.db,
  secret: await ensureAuthSecret(ctx.db),
  baseURL: ctx.baseURL,
});
const app = createApp({ db: ctx.db, auth, baseURL: ctx.baseURL });

const COOKIE = "better-auth.session_token";

const request = (path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) =>
  app.request(path, {
    method: init.method ?? "GET",
    headers: {
      origin: ctx.baseURL,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

const logIn = async (email: string) => {
  const res = await request("/api/auth/sign-in/email", {
    method: "POST",
    body: { email, password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.startsWith(`${COOKIE}=`));
  if (!cookie) throw new Error("no session cookie");
  const signed = decodeURIComponent(cookie.slice(COOKIE.length + 1));
  return { cookie, token: signed.slice(0, signed.lastIndexOf(".")) };
};

/** A cookie as better-auth signs it (HMAC-SHA256, base64), forged with a known secret. */
const forgeCookie = (value: string, secret: string) =>
  `${COOKIE}=${encodeURIComponent(`${value}.${createHmac("sha256", secret).update(value).digest("base64")}`)}`;

const meStatus = async (cookie: string) => (await request("/api/v1/me", { cookie })).status;

const newUser = async () => {
  const workspace = await buildWorkspace(ctx);
  const built = await buildUser(ctx, { workspaceId: workspace.id, role: "csm" });
  return { ...built, workspace };
};

const sessionRowsOf = (userId: string) =>
  ctx.db.select().from(sessions).where(eq(sessions.userId, userId));

describe("session tokens at rest", () => {
  it("keeps only a hash, so a copy of the database logs nobody in", async () => {
    const { user, email } = await newUser();
    const { cookie, token } = await logIn(email);
    expect(await meStatus(cookie)).toBe(200);

    // What a thief with a backup has: the session rows and the stored secret.
    const rows = await sessionRowsOf(user.id);
    const [stolenSecret] = await ctx.db
      .select()
      .from(instanceSettings)
      .where(eq(instanceSettings.key, "auth-secret"));
    if (!stolenSecret) throw new Error("no stored secret");
    expect(rows.map((r) => r.token)).toContain(hashSessionToken(token));
    expect(rows.map((r) => r.token)).not.toContain(token);

    for (const row of rows) {
      expect(await meStatus(`${COOKIE}=${encodeURIComponent(row.token)}`)).toBe(401);
      expect(await meStatus(forgeCookie(row.token, stolenSecret.value))).toBe(401);
      const session = await request("/api/auth/get-session", {
        cookie: forgeCookie(row.token, stolenSecret.value),
      });
      expect(await session.json()).toBeNull();
    }
    // The forgery itself is sound: with the token (never stored) it would log in.
    expect(await meStatus(forgeCookie(token, stolenSecret.value))).toBe(200);
  });

  it("keeps a login across requests and refreshes, switches workspace, and ends on sign-out", async () => {
    const { user, email } = await newUser();
    const { cookie, token } = await logIn(email);
    expect(await meStatus(cookie)).toBe(200);
    expect(await meStatus(cookie)).toBe(200);

    // A session a week old is refreshed by get-session: a new expiry and cookie, same token.
    const stale = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await ctx.db
      .update(sessions)
      .set({ expiresAt: stale })
      .where(eq(sessions.token, hashSessionToken(token)));
    const refreshed = await request("/api/auth/get-session", { cookie });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie().join(";")).toContain(
      encodeURIComponent(token).slice(0, 16),
    );
    const [row] = await ctx.db
      .select()
      .from(sessions)
      .where(eq(sessions.token, hashSessionToken(token)));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(stale.getTime());
    expect(await meStatus(cookie)).toBe(200);

    // The session is pointed at another workspace as the web app does it (the organization
    // plugin's own set-active is closed: decision 0011).
    const other = await buildWorkspace(ctx);
    await addWorkspaceMember(ctx.db, { workspaceId: other.id, userId: user.id, role: "viewer" });
    const setActive = await request("/api/v1/me/workspace", {
      method: "PUT",
      cookie,
      body: { workspaceId: other.id },
    });
    expect(setActive.status).toBe(200);
    const me = await request("/api/v1/me", { cookie });
    expect(((await me.json()) as { workspace: { id: string } }).workspace.id).toBe(other.id);

    const out = await request("/api/auth/sign-out", { method: "POST", cookie, body: {} });
    expect(out.status).toBe(200);
    expect(await meStatus(cookie)).toBe(401);
    const left = await sessionRowsOf(user.id);
    expect(left.map((r) => r.token)).not.toContain(hashSessionToken(token));
  });

  it("lists sessions without a usable token, and revokes one, the others, or all", async () => {
    const { email } = await newUser();
    const first = await logIn(email);
    const second = await logIn(email);

    const listed = await request("/api/auth/list-sessions", { cookie: first.cookie });
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as { id: string; token: string }[];
    const tokens = list.map((s) => s.token);
    expect(tokens).not.toContain(first.token);
    expect(tokens).not.toContain(second.token);

    // Revoke the second session by what the list shows.
    const secondSession = (await (
      await request("/api/auth/get-session", { cookie: second.cookie })
    ).json()) as { session: { id: string } };
    const shown = list.find((s) => s.id === secondSession.session.id);
    if (!shown) throw new Error("second session not listed");
    const revoke = await request("/api/auth/revoke-session", {
      method: "POST",
      cookie: first.cookie,
      body: { token: shown.token },
    });
    expect(revoke.status).toBe(200);
    expect(await meStatus(second.cookie)).toBe(401);
    expect(await meStatus(first.cookie)).toBe(200);

    // Another user's listed value revokes nothing of theirs.
    const stranger = await newUser();
    const strangerLogin = await logIn(stranger.email);
    await request("/api/auth/revoke-session", {
      method: "POST",
      cookie: first.cookie,
      body: { token: hashSessionToken(strangerLogin.token) },
    });
    expect(await meStatus(strangerLogin.cookie)).toBe(200);

    const third = await logIn(email);
    const others = await request("/api/auth/revoke-other-sessions", {
      method: "POST",
      cookie: first.cookie,
      body: {},
    });
    expect(others.status).toBe(200);
    expect(await meStatus(third.cookie)).toBe(401);
    expect(await meStatus(first.cookie)).toBe(200);

    // Its own token, as get-session shows it, revokes the current session.
    const self = await request("/api/auth/revoke-session", {
      method: "POST",
      cookie: first.cookie,
      body: { token: first.token },
    });
    expect(self.status).toBe(200);
    expect(await meStatus(first.cookie)).toBe(401);
  });
});
