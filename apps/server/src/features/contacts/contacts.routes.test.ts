import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount, buildContact } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

const listNames = async (accountId: string, headers: Record<string, string>) => {
  const res = await call(ctx, "GET", `/api/v1/accounts/${accountId}/contacts`, { headers });
  expect(res.status).toBe(200);
  return res.json.data.map((c: { name: string }) => c.name) as string[];
};

describe("contacts API", () => {
  it("creates, lists, reads, updates and deletes a contact", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const url = `/api/v1/accounts/${account.id}/contacts`;
    const created = await call(ctx, "POST", url, {
      headers: csm.headers,
      body: {
        name: "山田 太郎",
        externalId: "crm-c-1",
        email: "yamada@example.co.jp",
        title: "物流部長",
        department: "物流部",
        notes: "最終評価者",
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      accountId: account.id,
      externalId: "crm-c-1",
      name: "山田 太郎",
      email: "yamada@example.co.jp",
      title: "物流部長",
      department: "物流部",
      notes: "最終評価者",
      unsubscribedAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const id = created.json.id;

    const second = await call(ctx, "POST", url, {
      headers: csm.headers,
      body: { name: "Abe Hanako" },
    });
    expect(second.json).toMatchObject({ email: null, externalId: null, title: null });
    expect(await listNames(account.id, csm.headers)).toEqual(["Abe Hanako", "山田 太郎"]);

    const read = await call(ctx, "GET", `/api/v1/contacts/${id}`, { headers: csm.headers });
    expect(read.json.name).toBe("山田 太郎");

    const updated = await call(ctx, "PATCH", `/api/v1/contacts/${id}`, {
      headers: csm.headers,
      body: { title: "執行役員", email: null },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ title: "執行役員", email: null, name: "山田 太郎" });
    expect(updated.json.updatedAt >= created.json.updatedAt).toBe(true);

    const deleted = await call(ctx, "DELETE", `/api/v1/contacts/${id}`, { headers: csm.headers });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const gone = await call(ctx, "GET", `/api/v1/contacts/${id}`, { headers: csm.headers });
    expect(gone.status).toBe(404);
    expect(await listNames(account.id, csm.headers)).toEqual(["Abe Hanako"]);
  });

  it("answers bad input with problem+json and stores nothing", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const url = `/api/v1/accounts/${account.id}/contacts`;
    const cases = [
      { rawBody: "{not json", status: 400 },
      { body: {}, status: 422, pointer: "/name" },
      { body: { name: "  " }, status: 422, pointer: "/name" },
      { body: { name: "X", email: "not-an-email" }, status: 422, pointer: "/email" },
      { body: { name: "X", accountId: account.id }, status: 422 },
      { body: { name: "X", phone: "03" }, status: 422 },
      { body: { name: 42 }, status: 422, pointer: "/name" },
    ];
    for (const { status, pointer, ...body } of cases) {
      const res = await call(ctx, "POST", url, { headers: csm.headers, ...body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json).toMatchObject({ status, title: expect.any(String) });
      if (pointer)
        expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    expect(await listNames(account.id, csm.headers)).toEqual([]);

    const contact = await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      name: "Kept",
    });
    const badPatch = await call(ctx, "PATCH", `/api/v1/contacts/${contact.id}`, {
      headers: csm.headers,
      body: { name: "", email: "x@" },
    });
    expect(badPatch.status).toBe(422);
    expect(await listNames(account.id, csm.headers)).toEqual(["Kept"]);

    const noAccount = await call(ctx, "POST", `/api/v1/accounts/${crypto.randomUUID()}/contacts`, {
      headers: csm.headers,
      body: { name: "Orphan" },
    });
    expect(noAccount.status).toBe(404);
    const badId = await call(ctx, "GET", "/api/v1/contacts/123", { headers: csm.headers });
    expect(badId.status).toBe(400);
  });

  it("rejects an externalId another contact has with 409", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const url = `/api/v1/accounts/${account.id}/contacts`;
    const body = { name: "Dup", externalId: "dup-contact" };
    expect((await call(ctx, "POST", url, { headers: csm.headers, body })).status).toBe(201);
    const again = await call(ctx, "POST", url, { headers: csm.headers, body });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].pointer).toBe("/externalId");

    const other = await buildContact(ctx.db, { workspaceId, accountId: account.id });
    const patch = await call(ctx, "PATCH", `/api/v1/contacts/${other.id}`, {
      headers: csm.headers,
      body: { externalId: "dup-contact" },
    });
    expect(patch.status).toBe(409);
  });

  it("lets another workspace reuse an externalId", async () => {
    const other = (await buildWorkspace(ctx)).id;
    await buildContact(ctx.db, { workspaceId: other, externalId: "shared-ext" });
    const account = await buildAccount(ctx.db, { workspaceId });
    const res = await call(ctx, "POST", `/api/v1/accounts/${account.id}/contacts`, {
      headers: csm.headers,
      body: { name: "Mine", externalId: "shared-ext" },
    });
    expect(res.status).toBe(201);
  });
});

describe("contacts: roles and tenant isolation", () => {
  it("lets a viewer read but not write", async () => {
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const contact = await buildContact(ctx.db, { workspaceId, name: "Read me" });
    const url = `/api/v1/contacts/${contact.id}`;
    expect((await call(ctx, "GET", url, { headers: viewer.headers })).status).toBe(200);
    expect(await listNames(contact.accountId, viewer.headers)).toEqual(["Read me"]);
    const writes = [
      call(ctx, "POST", `/api/v1/accounts/${contact.accountId}/contacts`, {
        headers: viewer.headers,
        body: { name: "Nope" },
      }),
      call(ctx, "PATCH", url, { headers: viewer.headers, body: { name: "Nope" } }),
      call(ctx, "DELETE", url, { headers: viewer.headers }),
    ];
    for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
    expect(await listNames(contact.accountId, viewer.headers)).toEqual(["Read me"]);
  });

  it("gives workspace A's user and key 404 for every contact of workspace B", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const userA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const contactB = await buildContact(ctx.db, { workspaceId: b, name: "B only" });
    for (const headers of [userA.headers, keyA.headers]) {
      const url = `/api/v1/contacts/${contactB.id}`;
      expect((await call(ctx, "GET", url, { headers })).status).toBe(404);
      expect((await call(ctx, "PATCH", url, { headers, body: { name: "x" } })).status).toBe(404);
      expect((await call(ctx, "DELETE", url, { headers })).status).toBe(404);
      const accountUrl = `/api/v1/accounts/${contactB.accountId}/contacts`;
      expect((await call(ctx, "GET", accountUrl, { headers })).status).toBe(404);
      const create = await call(ctx, "POST", accountUrl, { headers, body: { name: "Intruder" } });
      expect(create.status).toBe(404);
    }
    const keyB = await buildApiKey(ctx, { workspaceId: b });
    const stillThere = await call(ctx, "GET", `/api/v1/contacts/${contactB.id}`, keyB);
    expect(stillThere.json.name).toBe("B only");
    expect(await listNames(contactB.accountId, keyB.headers)).toEqual(["B only"]);
  });
});
