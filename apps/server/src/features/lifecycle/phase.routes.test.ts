import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { buildAccount } from "../../test/factories";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const setUp = async (role: "csm" | "viewer" = "csm") => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const { headers } = await buildUser(ctx, { workspaceId, role });
  const account = await buildAccount(ctx.db, { workspaceId, externalId: `org-${uniqueSuffix()}` });
  return { workspaceId, headers, account, path: `/api/v1/accounts/${account.id}/phase` };
};

describe("GET /accounts/{id}/phase", () => {
  it("puts a new account in proposal since its creation, with its exit criteria", async () => {
    const { headers, path, account } = await setUp();
    const res = await call(ctx, "GET", path, { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      accountId: account.id,
      phase: { key: "proposal", name: "提案" },
      daysInPhase: 0,
      allHold: false,
      action: "stay",
      history: [{ phaseKey: "proposal", until: null }],
    });
    expect(res.json.nextPhase.key).toBeTruthy();
    expect(res.json.criteria.length).toBeGreaterThan(0);
    expect(res.json.criteria[0]).toMatchObject({
      key: expect.any(String),
      name: expect.any(String),
      holds: expect.any(Boolean),
    });
    const en = await call(ctx, "GET", `${path}?lang=en`, { headers });
    expect(en.json.phase.name).toBe("Proposal");
  });

  it("answers 404 for another workspace's account", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    const res = await call(ctx, "GET", theirs.path, { headers: mine.headers });
    expect(res.status).toBe(404);
    const put = await call(ctx, "PUT", theirs.path, {
      headers: mine.headers,
      body: { phaseKey: "proposal" },
    });
    expect(put.status).toBe(404);
  });
});

describe("PUT /accounts/{id}/phase", () => {
  it("moves the account by hand and records the history", async () => {
    const { headers, path } = await setUp();
    const next = (await call(ctx, "GET", path, { headers })).json.nextPhase.key as string;
    const moved = await call(ctx, "PUT", path, { headers, body: { phaseKey: next } });
    expect(moved.status).toBe(200);
    expect(moved.json.phase.key).toBe(next);
    expect(moved.json.history).toHaveLength(2);
    expect(moved.json.history[0]).toMatchObject({
      phaseKey: "proposal",
      until: expect.any(String),
    });
    expect(moved.json.history[1]).toMatchObject({ phaseKey: next, until: null });
    expect(moved.json.since).toBe(moved.json.history[1].since);

    const back = await call(ctx, "PUT", path, { headers, body: { phaseKey: "proposal" } });
    expect(back.status).toBe(200);
    expect(back.json.history.map((stay: { phaseKey: string }) => stay.phaseKey)).toEqual([
      "proposal",
      next,
      "proposal",
    ]);
    expect(
      back.json.history.filter((stay: { until: unknown }) => stay.until === null),
    ).toHaveLength(1);
  });

  it("forbids a viewer (403)", async () => {
    const { headers, path } = await setUp("viewer");
    const res = await call(ctx, "PUT", path, { headers, body: { phaseKey: "proposal" } });
    expect(res.status).toBe(403);
    expect((await call(ctx, "GET", path, { headers })).status).toBe(200);
  });

  it("answers 422 for an unknown phase key and moves nothing", async () => {
    const { headers, path } = await setUp();
    const res = await call(ctx, "PUT", path, { headers, body: { phaseKey: "no-such-phase" } });
    expect(res.status).toBe(422);
    const after = await call(ctx, "GET", path, { headers });
    expect(after.json.history).toHaveLength(1);
  });
});
