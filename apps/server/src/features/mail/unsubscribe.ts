import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { contacts, workspaces } from "../../db/schema";
import {
  createUnsubscribeToken,
  type UnsubscribeSubject,
} from "../../lib/outbound/unsubscribe-token";

/** Where a contact's unsubscribe link and its one-click POST (RFC 8058) go, outside /api/v1. */
export const UNSUBSCRIBE_PATH = "/unsubscribe";

/**
 * The unsubscribe link of a customer contact's email: the app's public URL (MICHI_BASE_URL),
 * /unsubscribe and a signed token. `secret` is the instance's auth secret. The email sends it as
 * `List-Unsubscribe: <url>` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
 * (createOutboundMailer's `unsubscribeUrl` sets both) and may show it in the text as well.
 */
export const unsubscribeUrlFor = async (
  baseUrl: string,
  secret: string,
  subject: UnsubscribeSubject,
): Promise<string> => {
  const token = await createUnsubscribeToken(secret, subject);
  const url = new URL(UNSUBSCRIBE_PATH, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.searchParams.set("token", token);
  return url.toString();
};

/** The contact and its workspace's name, for the page; undefined when the contact is gone. */
export const findUnsubscribeContact = async (db: DbOrTx, subject: UnsubscribeSubject) => {
  const [row] = await db
    .select({
      name: contacts.name,
      unsubscribedAt: contacts.unsubscribedAt,
      workspaceName: workspaces.name,
    })
    .from(contacts)
    .innerJoin(workspaces, eq(workspaces.id, contacts.workspaceId))
    .where(and(eq(contacts.workspaceId, subject.workspaceId), eq(contacts.id, subject.contactId)));
  return row;
};

/** Marks the contact unsubscribed (the first time counts); false when there is no such contact. */
export const unsubscribeContact = async (
  db: DbOrTx,
  subject: UnsubscribeSubject,
  now: Date = new Date(),
): Promise<boolean> => {
  const rows = await db
    .update(contacts)
    .set({
      unsubscribedAt: sql`coalesce(${contacts.unsubscribedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(and(eq(contacts.workspaceId, subject.workspaceId), eq(contacts.id, subject.contactId)))
    .returning({ id: contacts.id });
  return rows.length > 0;
};
