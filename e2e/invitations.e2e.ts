import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale file, so the test reads what a Japanese CS team reads.
const browser = useBrowser();
const inv = ja.invitations;

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

it("an admin invites a new person, who sets a password and lands in the workspace", async () => {
  const admin = await browser.newPage();
  await logIn(admin);
  await admin.goto("/settings?tab=users");
  const email = `invitee-${Date.now()}@e2e.michi.example`;

  await admin.getByRole("button", { name: inv.invite }).click();
  const form = admin.getByRole("dialog", { name: inv.inviteTitle });
  await form.getByRole("textbox", { name: new RegExp(`^${ja.users.email}`) }).fill(email);
  await form.getByRole("button", { name: inv.send }).click();

  const shown = admin.getByRole("dialog", { name: inv.linkTitle.replace("{{email}}", email) });
  const link = await shown.getByRole("textbox", { name: inv.linkLabel }).inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);
  // No SMTP in this run: the page says the link was not emailed.
  await shown.getByText(inv.linkNotEmailed).waitFor();
  await screenshot(admin, "invitations-link-ja");
  await shown.getByRole("button", { name: ja.common.close }).click();
  const pending = admin.getByRole("table", { name: inv.pendingTitle });
  await pending.getByRole("row", { name: new RegExp(email) }).waitFor();

  // The invitee, in a browser of their own (no session), opens the link.
  const invitee = await browser.newPage();
  await invitee.goto(new URL(link).pathname);
  await invitee.getByRole("heading", { name: /「.+」への招待/ }).waitFor();
  await invitee.getByText(email).waitFor();
  await invitee.getByLabel(new RegExp(`^${ja.users.name}`)).fill("招待 花子");
  await invitee.getByLabel(new RegExp(`^${inv.choosePassword}`)).fill("invitee-password-1");
  await screenshot(invitee, "invitations-accept-ja");
  await invitee.getByRole("button", { name: inv.createAndJoin }).click();
  await invitee.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();

  // Logged in as the new member, in the admin's workspace, with the invited role.
  const me = (await (await invitee.request.get("/api/v1/me")).json()) as {
    user: { email: string; name: string };
    role: string;
    workspace: { id: string };
  };
  const adminMe = (await (await admin.request.get("/api/v1/me")).json()) as {
    workspace: { id: string };
  };
  expect(me).toMatchObject({ user: { email, name: "招待 花子" }, role: "csm" });
  expect(me.workspace.id).toBe(adminMe.workspace.id);

  // The admin sees them among the members, and no longer among the invitations.
  await admin.reload();
  await admin.getByRole("cell", { name: "招待 花子", exact: true }).waitFor();
  await expect.poll(() => pending.getByRole("row", { name: new RegExp(email) }).count()).toBe(0);

  // The link works once: opened again, it says so.
  const late = await browser.newPage();
  await late.goto(new URL(link).pathname);
  await late.getByRole("heading", { name: inv.unusableTitle }).waitFor();
  await late.getByText(inv.unusable.accepted).waitFor();
  await screenshot(late, "invitations-used-link-ja");
});
