import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { verifyUnsubscribeToken } from "../../lib/outbound/unsubscribe-token";
import { limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { findUnsubscribeContact, unsubscribeContact } from "./unsubscribe";

/*
 * The unsubscribe link of customer contacts' emails (decision 0029), outside
 * /api/v1 and without a session: the signed token says who. GET shows a page
 * with a button and changes nothing (mail scanners open links); POST
 * unsubscribes, from that button or as RFC 8058's one-click
 * (`List-Unsubscribe=One-Click`, sent by the mail client without a page).
 * Both languages on one page: the contact's language is not known.
 */

const page = (body: HtmlEscapedString | Promise<HtmlEscapedString>) =>
  html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>配信停止 / Unsubscribe</title>
<style>
body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.7; color: #1f2933; }
section { margin-bottom: 1.5rem; }
button { font: inherit; padding: .5rem 1.25rem; border-radius: .375rem; border: 1px solid #0b7285; background: #0b7285; color: #fff; cursor: pointer; }
</style>
</head>
<body>
${body}
</body>
</html>`;

const badToken = () =>
  page(
    html`<section lang="ja"><h1>リンクが正しくありません</h1><p>この配信停止リンクは使えません。メールのリンクをもう一度そのまま開くか、送信者に返信してお知らせください。</p></section>
<section lang="en"><h1>This link is not valid</h1><p>This unsubscribe link cannot be used. Open the link from the email again as it is, or reply to the sender.</p></section>`,
  );

const done = (workspaceName: string) =>
  html`<section lang="ja"><h1>配信を停止しました</h1><p>${workspaceName} からのご案内メールは今後お送りしません。</p></section>
<section lang="en"><h1>You are unsubscribed</h1><p>${workspaceName} will send you no more of these emails.</p></section>`;

const confirm = (workspaceName: string, token: string) =>
  html`<section lang="ja"><h1>配信停止の確認</h1><p>${workspaceName} からのご案内メールの配信を停止しますか？</p></section>
<section lang="en"><h1>Unsubscribe?</h1><p>Stop receiving these emails from ${workspaceName}?</p></section>
<form method="post" action="?token=${token}"><button type="submit">配信を停止する / Unsubscribe</button></form>`;

const tokenOf = (raw: string | undefined) => (raw && raw.length <= 2000 ? raw : undefined);

export const unsubscribeRouter = createRouter()
  .get("/", async (c) => {
    const { db, auth } = c.var.deps;
    const token = tokenOf(c.req.query("token"));
    const subject = token ? await verifyUnsubscribeToken(auth.options.secret, token) : undefined;
    const contact = subject ? await findUnsubscribeContact(db, subject) : undefined;
    if (!token || !contact) return c.html(badToken(), 400);
    c.header("cache-control", "no-store");
    if (contact.unsubscribedAt) return c.html(page(done(contact.workspaceName)), 200);
    return c.html(page(confirm(contact.workspaceName, token)), 200);
  })
  // No body is read (the one-click body only says "One-Click"); a large one is refused.
  .post("/", limitBody(4096), async (c) => {
    const { db, auth } = c.var.deps;
    const token = tokenOf(c.req.query("token"));
    const subject = token ? await verifyUnsubscribeToken(auth.options.secret, token) : undefined;
    const contact = subject ? await findUnsubscribeContact(db, subject) : undefined;
    if (!subject || !contact) return c.html(badToken(), 400);
    await unsubscribeContact(db, subject);
    c.header("cache-control", "no-store");
    return c.html(page(done(contact.workspaceName)), 200);
  });
