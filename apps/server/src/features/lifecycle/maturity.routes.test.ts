import { beforeAll, describe, expect, it } from "vitest";
import { recomputeAccounts } from "../../recompute";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const { headers } = await buildApiKey(ctx, { workspaceId });
  const externalId = `org-${uniqueSuffix()}`;
  const account = await buildAccount(ctx.db, { workspaceId, externalId });
  return { workspaceId, headers, account, externalId };
};

const track = (headers: Record<string, string>, groupId: string, userId = "u-1") =>
  call(ctx, "POST", "/api/v1/track", {
    headers,
    body: {
      event: "document_created",
      userId,
      context: { groupId },
      messageId: crypto.randomUUID(),
    },
  });

describe("GET /accounts/{id}/maturity", () => {
  it("is the stored level per product (0 before any), with every level judged now and the history", async () => {
    const { workspaceId, headers, account, externalId } = await setUp();
    const path = `/api/v1/accounts/${account.id}/maturity`;
    const before = await call(ctx, "GET", path, { headers });
    expect(before.status).toBe(200);
    expect(before.json.products).toHaveLength(1);
    expect(before.json.products[0]).toMatchObject({
      product: "default",
      name: "製品",
      level: 0,
      levelName: null,
      since: null,
      next: { level: 1, name: "試用", unmet: [{ metric: "activeUsers:30d", actual: 0 }] },
      history: [],
    });
    expect(before.json.products[0].levels[0]).toMatchObject({
      level: 1,
      name: "試用",
      holds: false,
      rule: expect.stringContaining("≥ 1"),
      parts: [{ metric: "activeUsers:30d", label: expect.any(String), op: ">=", value: 1 }],
    });

    expect((await track(headers, externalId)).status).toBe(200);
    // Judged now at once; stored when the recompute runs.
    const judged = await call(ctx, "GET", path, { headers });
    expect(judged.json.products[0].level).toBe(0);
    expect(judged.json.products[0].levels[0].holds).toBe(true);

    await recomputeAccounts(ctx.db, { workspaceId, accountIds: [account.id] });
    const after = await call(ctx, "GET", `${path}?lang=en`, { headers });
    const [product] = after.json.products;
    expect(product).toMatchObject({
      name: "Product",
      level: 1,
      levelName: "First use",
      since: expect.any(String),
      history: [{ level: 1, since: product.since, until: null }],
    });
    expect(product.next.level).toBe(2);
    expect(product.next.unmet.map((part: { metric: string }) => part.metric)).toContain(
      "distinctEvents:30d",
    );
  });

  it("follows the workspace's maturity models", async () => {
    const { workspaceId, account } = await setUp();
    const { headers } = await buildUser(ctx, { workspaceId, role: "admin" });
    const saved = await call(ctx, "PUT", "/api/v1/settings/maturity-models", {
      headers,
      body: {
        models: [
          {
            product: "invoice",
            name: { ja: "請求書", en: "Invoices" },
            levels: [
              { level: 1, name: "Pilot", rule: { metric: "activeUsers:30d", op: ">=", value: 1 } },
              { level: 2, name: "Wide", rule: { metric: "activeUsers:30d", op: ">=", value: 10 } },
            ],
          },
          {
            product: "docs",
            levels: [
              { level: 1, name: "Any", rule: { metric: "totalEvents:7d", op: ">", value: 0 } },
            ],
          },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/maturity?lang=en`, {
      headers,
    });
    expect(
      res.json.products.map((p: { product: string; name: string }) => [p.product, p.name]),
    ).toEqual([
      ["invoice", "Invoices"],
      ["docs", "docs"],
    ]);
    expect(res.json.products[0].levels.map((l: { name: string }) => l.name)).toEqual([
      "Pilot",
      "Wide",
    ]);
  });

  it("answers 404 for another workspace's account", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    const res = await call(ctx, "GET", `/api/v1/accounts/${theirs.account.id}/maturity`, {
      headers: mine.headers,
    });
    expect(res.status).toBe(404);
  });
});
