import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount, buildContract } from "../../seed/factories";
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

const listContracts = async (accountId: string, headers: Record<string, string>) => {
  const res = await call(ctx, "GET", `/api/v1/accounts/${accountId}/contracts`, { headers });
  expect(res.status).toBe(200);
  return res.json.data as { id: string; product: string; mrrMinor: number }[];
};

describe("contracts API", () => {
  it("creates with defaults, lists, reads, updates and deletes a contract", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const url = `/api/v1/accounts/${account.id}/contracts`;
    const created = await call(ctx, "POST", url, {
      headers: csm.headers,
      body: { product: "Michi Cloud", mrrMinor: 120_000, startDate: "2026-04-01" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      accountId: account.id,
      externalId: null,
      product: "Michi Cloud",
      mrrMinor: 120_000,
      currency: "JPY",
      startDate: "2026-04-01",
      endDate: null,
      status: "active",
      seats: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.json.id;

    const usd = await call(ctx, "POST", url, {
      headers: csm.headers,
      body: {
        product: "Michi Analytics",
        externalId: "sf-k-1",
        mrrMinor: 9950,
        currency: "USD",
        startDate: "2025-10-01",
        endDate: "2026-09-30",
        status: "pending",
      },
    });
    expect(usd.status).toBe(201);
    expect(usd.json).toMatchObject({ currency: "USD", status: "pending", endDate: "2026-09-30" });
    expect((await listContracts(account.id, csm.headers)).map((c) => c.product)).toEqual([
      "Michi Analytics",
      "Michi Cloud",
    ]);

    const read = await call(ctx, "GET", `/api/v1/contracts/${id}`, { headers: csm.headers });
    expect(read.json.mrrMinor).toBe(120_000);

    const updated = await call(ctx, "PATCH", `/api/v1/contracts/${id}`, {
      headers: csm.headers,
      body: { mrrMinor: 150_000, endDate: "2027-03-31", status: "active" },
    });
    expect(updated.status).toBe(200);
    // A PATCH leaves out currency: it must keep the stored one, not fall back to a default.
    expect(updated.json).toMatchObject({ mrrMinor: 150_000, endDate: "2027-03-31" });
    const usdPatched = await call(ctx, "PATCH", `/api/v1/contracts/${usd.json.id}`, {
      headers: csm.headers,
      body: { mrrMinor: 10_000 },
    });
    expect(usdPatched.json).toMatchObject({ currency: "USD", status: "pending" });

    const deleted = await call(ctx, "DELETE", `/api/v1/contracts/${id}`, { headers: csm.headers });
    expect(deleted.status).toBe(204);
    expect(
      (await call(ctx, "GET", `/api/v1/contracts/${id}`, { headers: csm.headers })).status,
    ).toBe(404);
    expect(await listContracts(account.id, csm.headers)).toHaveLength(1);
  });

  it("answers bad input with problem+json and stores nothing", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const url = `/api/v1/accounts/${account.id}/contracts`;
    const valid = { product: "P", mrrMinor: 1000, startDate: "2026-04-01" };
    const cases = [
      { body: { ...valid, product: "" }, pointer: "/product" },
      { body: { ...valid, mrrMinor: -1 }, pointer: "/mrrMinor" },
      { body: { ...valid, mrrMinor: 10.5 }, pointer: "/mrrMinor" },
      { body: { ...valid, mrrMinor: "1000" }, pointer: "/mrrMinor" },
      { body: { ...valid, currency: "yen" }, pointer: "/currency" },
      { body: { ...valid, currency: "ABC" }, pointer: "/currency" },
      { body: { ...valid, startDate: "2026-02-30" }, pointer: "/startDate" },
      { body: { ...valid, startDate: "2026/04/01" }, pointer: "/startDate" },
      { body: { ...valid, endDate: "2026-03-31" }, pointer: "/endDate" },
      { body: { ...valid, status: "cancelled" }, pointer: "/status" },
      { body: { ...valid, seats: -1 }, pointer: "/seats" },
      { body: { ...valid, seats: 12.5 }, pointer: "/seats" },
      { body: { ...valid, seats: "50" }, pointer: "/seats" },
      // An unknown property is named at its own pointer (decision 0022).
      { body: { ...valid, unknown: true }, pointer: "/unknown" },
      { body: { product: "P", mrrMinor: 1000 }, pointer: "/startDate" },
    ];
    for (const { body, pointer } of cases) {
      const res = await call(ctx, "POST", url, { headers: csm.headers, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const pointers = res.json.errors.map((e: { pointer: string }) => e.pointer);
      expect(pointers, JSON.stringify(body)).toContain(pointer);
    }
    expect(await listContracts(account.id, csm.headers)).toEqual([]);
  });

  it("stores licensed seats, changes and clears them, and refuses bad counts on PATCH", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const created = await call(ctx, "POST", `/api/v1/accounts/${account.id}/contracts`, {
      headers: csm.headers,
      body: { product: "Michi Cloud", mrrMinor: 300_000, startDate: "2026-04-01", seats: 120 },
    });
    expect(created.status).toBe(201);
    expect(created.json.seats).toBe(120);
    const url = `/api/v1/contracts/${created.json.id}`;
    expect((await call(ctx, "GET", url, { headers: csm.headers })).json.seats).toBe(120);

    for (const seats of [-3, 0.5]) {
      const bad = await call(ctx, "PATCH", url, { headers: csm.headers, body: { seats } });
      expect(bad.status).toBe(422);
      expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/seats"]);
    }
    // A PATCH without seats keeps them; null clears them.
    const other = await call(ctx, "PATCH", url, { headers: csm.headers, body: { mrrMinor: 1 } });
    expect(other.json.seats).toBe(120);
    const grown = await call(ctx, "PATCH", url, { headers: csm.headers, body: { seats: 150 } });
    expect(grown.json.seats).toBe(150);
    const cleared = await call(ctx, "PATCH", url, { headers: csm.headers, body: { seats: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.seats).toBeNull();
    const list = await call(ctx, "GET", `/api/v1/accounts/${account.id}/contracts`, {
      headers: csm.headers,
    });
    expect(list.json.data.map((c: { seats: number | null }) => c.seats)).toEqual([null]);
  });

  it("checks the period a PATCH leaves, against the stored dates", async () => {
    const contract = await buildContract(ctx.db, {
      workspaceId,
      startDate: "2026-04-01",
      endDate: "2027-03-31",
    });
    const url = `/api/v1/contracts/${contract.id}`;
    const earlyEnd = await call(ctx, "PATCH", url, {
      headers: csm.headers,
      body: { endDate: "2026-01-01" },
    });
    expect(earlyEnd.status).toBe(422);
    expect(earlyEnd.json.errors).toEqual([
      { pointer: "/endDate", message: "must not be before startDate", code: "end-before-start" },
    ]);
    const lateStart = await call(ctx, "PATCH", url, {
      headers: csm.headers,
      body: { startDate: "2027-04-01" },
    });
    expect(lateStart.status).toBe(422);
    expect(lateStart.json.errors[0].pointer).toBe("/startDate");
    const both = await call(ctx, "PATCH", url, {
      headers: csm.headers,
      body: { startDate: "2027-04-01", endDate: "2028-03-31" },
    });
    expect(both.status).toBe(200);
    const openEnded = await call(ctx, "PATCH", url, {
      headers: csm.headers,
      body: { endDate: null, startDate: "2030-01-01" },
    });
    expect(openEnded.json).toMatchObject({ startDate: "2030-01-01", endDate: null });
  });

  it("rejects an externalId another contract has with 409", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const body = { product: "P", mrrMinor: 1, startDate: "2026-01-01", externalId: "k-dup" };
    const url = `/api/v1/accounts/${account.id}/contracts`;
    expect((await call(ctx, "POST", url, { headers: csm.headers, body })).status).toBe(201);
    const again = await call(ctx, "POST", url, { headers: csm.headers, body });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].pointer).toBe("/externalId");
    const other = await buildContract(ctx.db, { workspaceId, accountId: account.id });
    const patch = await call(ctx, "PATCH", `/api/v1/contracts/${other.id}`, {
      headers: csm.headers,
      body: { externalId: "k-dup" },
    });
    expect(patch.status).toBe(409);
  });

  it("documents its endpoints in the OpenAPI document", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    for (const path of [
      "/api/v1/accounts/{id}/contracts",
      "/api/v1/contracts/{id}",
      "/api/v1/accounts/{id}/contacts",
      "/api/v1/contacts/{id}",
    ]) {
      expect(Object.keys(doc.json.paths)).toContain(path);
    }
    const { ContractInput, Contract } = doc.json.components.schemas;
    expect(ContractInput.properties.currency.default).toBe("JPY");
    expect(ContractInput.properties.seats).toMatchObject({ type: ["integer", "null"], minimum: 0 });
    expect(Contract.required).toContain("seats");
  });
});

describe("contracts: roles and tenant isolation", () => {
  it("lets a viewer read but not write", async () => {
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const contract = await buildContract(ctx.db, { workspaceId, mrrMinor: 5000 });
    const url = `/api/v1/contracts/${contract.id}`;
    expect((await call(ctx, "GET", url, { headers: viewer.headers })).status).toBe(200);
    const writes = [
      call(ctx, "POST", `/api/v1/accounts/${contract.accountId}/contracts`, {
        headers: viewer.headers,
        body: { product: "Nope", mrrMinor: 1, startDate: "2026-01-01" },
      }),
      call(ctx, "PATCH", url, { headers: viewer.headers, body: { mrrMinor: 1 } }),
      call(ctx, "DELETE", url, { headers: viewer.headers }),
    ];
    for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
    const list = await listContracts(contract.accountId, viewer.headers);
    expect(list.map((c) => c.mrrMinor)).toEqual([5000]);
  });

  it("gives workspace A's user and key 404 for every contract of workspace B", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const userA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const contractB = await buildContract(ctx.db, { workspaceId: b, mrrMinor: 777 });
    for (const headers of [userA.headers, keyA.headers]) {
      const url = `/api/v1/contracts/${contractB.id}`;
      expect((await call(ctx, "GET", url, { headers })).status).toBe(404);
      expect((await call(ctx, "PATCH", url, { headers, body: { mrrMinor: 1 } })).status).toBe(404);
      expect((await call(ctx, "DELETE", url, { headers })).status).toBe(404);
      const accountUrl = `/api/v1/accounts/${contractB.accountId}/contracts`;
      expect((await call(ctx, "GET", accountUrl, { headers })).status).toBe(404);
      const create = await call(ctx, "POST", accountUrl, {
        headers,
        body: { product: "Intruder", mrrMinor: 1, startDate: "2026-01-01" },
      });
      expect(create.status).toBe(404);
    }
    const keyB = await buildApiKey(ctx, { workspaceId: b });
    const list = await listContracts(contractB.accountId, keyB.headers);
    expect(list.map((c) => c.mrrMinor)).toEqual([777]);
  });
});
