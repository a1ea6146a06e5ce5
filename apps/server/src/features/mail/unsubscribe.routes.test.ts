import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts } from "../../db/schema";
import { createUnsubscribeToken } from "../../lib/outbound/unsubscribe-token";
import { buildContact } from "../../seed/factories";
import {
  buildWorkspace,
  createTestContext,
  TEST_SECRET,
  type TestContext,
} from "../../test/context";
import { unsubscribeUrlFor } from "./unsubscribe";

let ctx: TestContext;
let workspaceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx, { name: "株式会社ミチ" })).id;
});

const unsubscribedAtOf = async (id: string) => {
  const [row] = await ctx.db
    .select({ at: contacts.unsubscribedAt })
    .from(contacts)
    .where(eq(contacts.id, id));
  return row?.at ?? null;
};

/** The path and query of a contact's link, as the app is requested with. */
const linkOf = async (contactId: string) => {
  const url = new URL(
    await unsubscribeUrlFor(ctx.baseURL, TEST_SECRET, { workspaceId, contactId }),
  );
  return `${url.pathname}${url.search}`;
};

describe("unsubscribe links", () => {
  it("are the app's URL, /unsubscribe and a token", async () => {
    const contact = await buildContact(ctx.db, { workspaceId });
    const url = await unsubscribeUrlFor("https://michi.example.com/", TEST_SECRET, {
      workspaceId,
      contactId: contact.id,
    });
    expect(url).toMatch(
      /^https:\/\/michi\.example\.com\/unsubscribe\?token=[\w-]+\.[\w-]+\.[\w-]+$/,
    );
  });

  it("show a page with a button on GET, and unsubscribe nobody", async () => {
    const contact = await buildContact(ctx.db, { workspaceId });
    const res = await ctx.app.request(await linkOf(contact.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("株式会社ミチ");
    expect(page).toContain("配信停止の確認");
    expect(page).toMatch(/<form method="post" action="\?token=[\w.-]+">/);
    expect(await unsubscribedAtOf(contact.id)).toBeNull();
  });

  it("unsubscribe on POST, the page's or a one-click (RFC 8058) without cookie or Origin", async () => {
    const contact = await buildContact(ctx.db, { workspaceId });
    const link = await linkOf(contact.id);
    const res = await ctx.app.request(link, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("配信を停止しました");
    const at = await unsubscribedAtOf(contact.id);
    expect(at).toBeInstanceOf(Date);

    // Again (the page's button after a one-click): still unsubscribed, since the first time.
    const again = await ctx.app.request(link, {
      method: "POST",
      headers: { origin: "http://127.0.0.1:3000" },
    });
    expect(again.status).toBe(200);
    expect(await unsubscribedAtOf(contact.id)).toEqual(at);
    // The GET page now says so.
    expect(await (await ctx.app.request(link)).text()).toContain("配信を停止しました");
  });

  it("answer 400 to a bad, foreign or tampered token, and to a contact that is gone", async () => {
    const contact = await buildContact(ctx.db, { workspaceId });
    const foreign = await createUnsubscribeToken("another-instance-secret-0123456789abcdef", {
      workspaceId,
      contactId: contact.id,
    });
    const gone = await createUnsubscribeToken(TEST_SECRET, {
      workspaceId,
      contactId: crypto.randomUUID(),
    });
    for (const query of ["", "?token=", "?token=abc", `?token=${foreign}`, `?token=${gone}`]) {
      for (const method of ["GET", "POST"]) {
        const res = await ctx.app.request(`/unsubscribe${query}`, { method });
        expect(res.status, `${method} ${query}`).toBe(400);
        expect(await res.text()).toContain("This link is not valid");
      }
    }
    expect(await unsubscribedAtOf(contact.id)).toBeNull();
  });
});
