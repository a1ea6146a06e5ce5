import { beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
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

const PATH = "/api/v1/account-views";

describe("saved views of the accounts list", () => {
  it("are kept per person: saved, listed by name, deleted", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const sato = await buildUser(ctx, { workspaceId, role: "csm" });
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const renewals = await call(ctx, "POST", PATH, {
      headers: sato.headers,
      body: { name: "更新が近い順", search: { sort: "renewalOn", band: "red" } },
    });
    expect(renewals.status).toBe(201);
    expect(renewals.json).toMatchObject({
      name: "更新が近い順",
      search: { sort: "renewalOn", band: "red" },
    });
    await call(ctx, "POST", PATH, {
      headers: sato.headers,
      body: { name: "MRR 上位", search: { sort: "-mrr" } },
    });
    // A viewer keeps views too (they are not workspace data).
    const mine = await call(ctx, "POST", PATH, {
      headers: viewer.headers,
      body: { name: "赤", search: { band: "red" } },
    });
    expect(mine.status).toBe(201);

    const listed = await call(ctx, "GET", PATH, { headers: sato.headers });
    expect(listed.json.data.map((v: { name: string }) => v.name)).toEqual([
      "MRR 上位",
      "更新が近い順",
    ]);
    // Someone else's view is not there to delete.
    const other = await call(ctx, "DELETE", `${PATH}/${mine.json.id}`, { headers: sato.headers });
    expect(other.status).toBe(404);
    const gone = await call(ctx, "DELETE", `${PATH}/${renewals.json.id}`, {
      headers: sato.headers,
    });
    expect(gone.status).toBe(204);
    const after = await call(ctx, "GET", PATH, { headers: sato.headers });
    expect(after.json.data.map((v: { name: string }) => v.name)).toEqual(["MRR 上位"]);
    expect((await call(ctx, "GET", PATH, { headers: viewer.headers })).json.data).toHaveLength(1);
  });

  it("refuse a second view of the same name, bad filters, and callers that are not a person", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    const body = { name: "赤い顧客", search: { band: "red" } };
    expect((await call(ctx, "POST", PATH, { headers: csm.headers, body })).status).toBe(201);
    const twice = await call(ctx, "POST", PATH, { headers: csm.headers, body });
    expect(twice.status).toBe(409);
    expect(twice.headers.get("content-type")).toContain("application/problem+json");
    for (const bad of [
      { name: "", search: {} },
      { name: "x", search: { sort: "score" } },
      { name: "x", search: { band: "blue" } },
      { name: "x", search: { unknown: "1" } },
      { name: "x" },
    ]) {
      const res = await call(ctx, "POST", PATH, { headers: csm.headers, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    const key = await buildApiKey(ctx, { workspaceId });
    const byKey = await call(ctx, "GET", PATH, key);
    expect(byKey.status).toBe(403);
    expect((await call(ctx, "GET", PATH, {})).status).toBe(401);
    expect((await call(ctx, "GET", PATH, { headers: csm.headers })).json.data).toHaveLength(1);
  });
});
