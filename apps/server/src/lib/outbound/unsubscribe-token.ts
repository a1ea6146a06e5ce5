import { hkdfSync } from "node:crypto";
import { sign, verify } from "hono/jwt";
import { z } from "zod";

/**
 * The token in a customer contact's unsubscribe link: which workspace and contact, signed so
 * nobody can unsubscribe someone else by editing the link. A JWT (HS256, Hono's jwt helper)
 * rather than a format of our own; no expiry, since a link in an old email must still work.
 *
 * The key is derived from the instance's auth secret (`ensureAuthSecret`: MICHI_AUTH_SECRET or
 * the one kept in the database, the same for every process) with HKDF, so the session-signing
 * secret itself signs nothing else, and rotating it invalidates old links too.
 */

const AUDIENCE = "michi:unsubscribe";

const keyOf = (authSecret: string) =>
  Buffer.from(hkdfSync("sha256", authSecret, "michi", "unsubscribe-token v1", 32)).toString(
    "base64url",
  );

const claimsSchema = z.object({
  aud: z.literal(AUDIENCE),
  wid: z.string().min(1),
  cid: z.string().min(1),
});

export type UnsubscribeSubject = { workspaceId: string; contactId: string };

export const createUnsubscribeToken = (
  authSecret: string,
  subject: UnsubscribeSubject,
  now: Date = new Date(),
): Promise<string> =>
  sign(
    {
      aud: AUDIENCE,
      wid: subject.workspaceId,
      cid: subject.contactId,
      iat: Math.floor(now.getTime() / 1000),
    },
    keyOf(authSecret),
    "HS256",
  );

/** The workspace and contact of a genuine token; undefined for anything else. */
export const verifyUnsubscribeToken = async (
  authSecret: string,
  token: string,
): Promise<UnsubscribeSubject | undefined> => {
  try {
    const payload = await verify(token, keyOf(authSecret), { alg: "HS256", aud: AUDIENCE });
    const claims = claimsSchema.safeParse(payload);
    return claims.success
      ? { workspaceId: claims.data.wid, contactId: claims.data.cid }
      : undefined;
  } catch {
    return undefined;
  }
};
