import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import { createUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

const secret = "a-test-auth-secret-that-is-long-enough-0123";
const subject = { workspaceId: "ws_abc", contactId: "8f14e45f-ceea-467a-9b3c-2d1e5c0a7b11" };

describe("unsubscribe tokens", () => {
  it("carry the workspace and contact back, URL-safe", async () => {
    const token = await createUnsubscribeToken(secret, subject);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(await verifyUnsubscribeToken(secret, token)).toEqual(subject);
  });

  it("still work long after, as links in old emails must", async () => {
    const token = await createUnsubscribeToken(secret, subject, new Date("2020-01-01T00:00:00Z"));
    expect(await verifyUnsubscribeToken(secret, token)).toEqual(subject);
  });

  it("refuse a token signed with another instance's secret", async () => {
    const token = await createUnsubscribeToken(`${secret}-other`, subject);
    expect(await verifyUnsubscribeToken(secret, token)).toBeUndefined();
  });

  it("refuse an edited token", async () => {
    const token = await createUnsubscribeToken(secret, subject);
    const [header, , signature] = token.split(".");
    const otherPayload = Buffer.from(
      JSON.stringify({ aud: "michi:unsubscribe", wid: "ws_abc", cid: "someone-else" }),
    ).toString("base64url");
    expect(
      await verifyUnsubscribeToken(secret, `${header}.${otherPayload}.${signature}`),
    ).toBeUndefined();
    expect(await verifyUnsubscribeToken(secret, "garbage")).toBeUndefined();
    expect(await verifyUnsubscribeToken(secret, "")).toBeUndefined();
  });

  it("refuse a JWT signed with the auth secret itself", async () => {
    // The key is derived for this purpose alone; the session secret signs no unsubscribe.
    const raw = await sign({ aud: "michi:unsubscribe", wid: "w", cid: "c" }, secret, "HS256");
    expect(await verifyUnsubscribeToken(secret, raw)).toBeUndefined();
  });
});
