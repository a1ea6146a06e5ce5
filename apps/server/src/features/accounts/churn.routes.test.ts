import { addCalendarDays } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => addCalendarDays(today, -n);

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const csm = await buildUser(ctx, { workspaceId, role: "csm" });
  const admin = await buildUser(ctx, { workspaceId, role: "admin" });
  return { workspaceId, csm: csm.headers, admin: admin.headers };
};

const addContract = (
  headers: Record<string, string>,
  accountId: string,
  body: Record<string, unknown>,
) =>
  call(ctx, "POST", `/api/v1/accounts/${accountId}/contracts`, {
    headers,
    body: { product: "Michi", mrrMinor: 100_000, ...body },
  });

const listIds = async (headers: Record<string, string>, status?: string) => {
  const res = await call(ctx, "GET", `/api/v1/accounts${status ? `?status=${status}` : ""}`, {
    headers,
  });
  expect(res.status).toBe(200);
  return res.json.data.map((a: { id: string }) => a.id).sort();
};

describe("churn from contracts", () => {
  it("churns an account whose last contract ended with nothing after it, and brings it back on renewal", async () => {
    const { workspaceId, csm } = await setUp();
    const staying = await buildAccount(ctx.db, { workspaceId });
    const leaving = await buildAccount(ctx.db, { workspaceId });
    expect((await addContract(csm, staying.id, { startDate: daysAgo(100) })).status).toBe(201);
    const ended = await addContract(csm, leaving.id, {
      startDate: daysAgo(400),
      endDate: daysAgo(30),
      status: "expired",
    });
    expect(ended.status).toBe(201);

    const churn = await call(ctx, "GET", `/api/v1/accounts/${leaving.id}/churn`, { headers: csm });
    expect(churn.status).toBe(200);
    expect(churn.json.churn).toEqual({
      churnedOn: daysAgo(30),
      source: "contracts",
      reason: null,
      note: "",
    });
    expect(churn.json.mrrChanges.map((c: { kind: string }) => c.kind)).toEqual(["new", "churn"]);
    // Lists of customers leave it out; it can still be found.
    expect(await listIds(csm)).toEqual([staying.id]);
    expect(await listIds(csm, "churned")).toEqual([leaving.id]);
    expect(await listIds(csm, "all")).toEqual([staying.id, leaving.id].sort());
    const read = await call(ctx, "GET", `/api/v1/accounts/${leaving.id}`, { headers: csm });
    expect(read.json.churn.source).toBe("contracts");
    const portfolio = await call(ctx, "GET", "/api/v1/portfolio", { headers: csm });
    expect(portfolio.json.accounts).toBe(1);

    // A successor, smaller: a customer again (a downgrade on the way).
    const renewed = await addContract(csm, leaving.id, {
      startDate: daysAgo(29),
      mrrMinor: 60_000,
    });
    expect(renewed.status).toBe(201);
    const after = await call(ctx, "GET", `/api/v1/accounts/${leaving.id}/churn`, { headers: csm });
    expect(after.json.churn).toBeNull();
    expect(after.json.mrrChanges).toEqual([
      { day: daysAgo(400), before: 0, after: 100_000, kind: "new" },
      { day: daysAgo(29), before: 100_000, after: 60_000, kind: "contraction" },
    ]);
    expect(await listIds(csm)).toEqual([staying.id, leaving.id].sort());
  });

  it("refreshes when the contracts come from a CSV import", async () => {
    const { workspaceId, admin } = await setUp();
    const account = await buildAccount(ctx.db, { workspaceId, externalId: "crm-1" });
    const csv = [
      "externalId,accountExternalId,product,mrr,currency,startDate,endDate,status,seats",
      `k-1,crm-1,Michi,1000,JPY,${daysAgo(300)},${daysAgo(10)},expired,5`,
    ].join("\n");
    const res = await call(ctx, "POST", "/api/v1/import/contracts", {
      headers: { ...admin, "content-type": "text/csv" },
      rawBody: csv,
    });
    expect(res.status).toBe(200);
    expect(await listIds(admin, "churned")).toEqual([account.id]);
  });
});

describe("churn marked by a person", () => {
  it("marks with a reason of the workspace's list, and takes the mark away", async () => {
    const { workspaceId, csm } = await setUp();
    const account = await buildAccount(ctx.db, { workspaceId });
    await addContract(csm, account.id, { startDate: daysAgo(200) });
    const marked = await call(ctx, "PUT", `/api/v1/accounts/${account.id}/churn`, {
      headers: csm,
      body: { churnedOn: daysAgo(3), reason: "champion-left", note: "推進者が退職" },
    });
    expect(marked.status).toBe(200);
    expect(marked.json.churn).toEqual({
      churnedOn: daysAgo(3),
      source: "manual",
      reason: "champion-left",
      note: "推進者が退職",
    });
    expect(await listIds(csm)).toEqual([]);
    // The contracts, which still run, do not take the mark away.
    await addContract(csm, account.id, { startDate: daysAgo(1) });
    expect(await listIds(csm, "churned")).toEqual([account.id]);

    const unmarked = await call(ctx, "DELETE", `/api/v1/accounts/${account.id}/churn`, {
      headers: csm,
    });
    expect(unmarked.status).toBe(200);
    expect(unmarked.json.churn).toBeNull();
    expect(await listIds(csm)).toEqual([account.id]);
  });

  it("refuses an unknown reason, a day to come, a viewer, and another workspace's account", async () => {
    const { workspaceId, csm } = await setUp();
    const account = await buildAccount(ctx.db, { workspaceId });
    const put = (headers: Record<string, string>, body: unknown, id = account.id) =>
      call(ctx, "PUT", `/api/v1/accounts/${id}/churn`, { headers, body });
    const unknown = await put(csm, { churnedOn: today, reason: "bored" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].pointer).toBe("/reason");
    const future = await put(csm, { churnedOn: addCalendarDays(today, 1), reason: "price" });
    expect(future.status).toBe(422);
    expect(future.json.errors[0].pointer).toBe("/churnedOn");
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    expect((await put(viewer.headers, { churnedOn: today, reason: "price" })).status).toBe(403);
    const other = await buildAccount(ctx.db, { workspaceId: (await buildWorkspace(ctx)).id });
    expect((await put(csm, { churnedOn: today, reason: "price" }, other.id)).status).toBe(404);
    expect(await listIds(csm)).toEqual([account.id]);
  });
});

describe("churn reasons", () => {
  it("are core's list until the workspace sets its own, in both languages", async () => {
    const { workspaceId, admin, csm } = await setUp();
    const read = await call(ctx, "GET", "/api/v1/settings/churn-reasons", { headers: csm });
    expect(read.status).toBe(200);
    expect(read.json.custom).toBe(false);
    expect(read.json.reasons[0].label).toEqual({
      ja: "成果が出なかった・定着しなかった",
      en: "No value realised / not adopted",
    });
    const reasons = [{ key: "merger", label: { ja: "合併", en: "Merger" } }];
    expect(
      (
        await call(ctx, "PUT", "/api/v1/settings/churn-reasons", {
          headers: csm,
          body: { reasons },
        })
      ).status,
    ).toBe(403);
    const saved = await call(ctx, "PUT", "/api/v1/settings/churn-reasons", {
      headers: admin,
      body: { reasons },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ custom: true, reasons });
    const repeated = await call(ctx, "PUT", "/api/v1/settings/churn-reasons", {
      headers: admin,
      body: { reasons: [...reasons, ...reasons] },
    });
    expect(repeated.status).toBe(422);
    expect(repeated.json.errors[0].pointer).toBe("/reasons/1/key");
    const account = await buildAccount(ctx.db, { workspaceId });
    const marked = await call(ctx, "PUT", `/api/v1/accounts/${account.id}/churn`, {
      headers: csm,
      body: { churnedOn: today, reason: "merger" },
    });
    expect(marked.status).toBe(200);
    const back = await call(ctx, "PUT", "/api/v1/settings/churn-reasons", {
      headers: admin,
      body: { reasons: null },
    });
    expect(back.json.custom).toBe(false);
  });
});
