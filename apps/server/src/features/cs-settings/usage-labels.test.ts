import { beforeAll, describe, expect, it } from "vitest";
import { usageDailyRollups } from "../../db/schema";
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

const LABELS = "/api/v1/settings/usage-labels";
const labels = {
  events: {
    document_created: { ja: "文書作成", en: "Document created" },
    login: { ja: "ログイン" },
  },
  products: { docs: { ja: "Michi 文書", en: "Michi Docs" } },
};

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const admin = await buildUser(ctx, { workspaceId, role: "admin" });
  const csm = await buildUser(ctx, { workspaceId, role: "csm" });
  const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
  return { workspaceId, admin, csm, viewer };
};

describe("usage labels", () => {
  it("start empty, offering the events sent lately and the products of the models", async () => {
    const { workspaceId, csm } = await setUp();
    const account = await buildAccount(ctx.db, { workspaceId });
    await ctx.db.insert(usageDailyRollups).values([
      { workspaceId, accountId: account.id, day: daysAgo(1), eventCounts: { login: 3 } },
      { workspaceId, accountId: account.id, day: daysAgo(2), eventCounts: { report_exported: 1 } },
      // Sent long ago only: not offered.
      { workspaceId, accountId: account.id, day: daysAgo(200), eventCounts: { old_event: 1 } },
    ]);
    const res = await call(ctx, "GET", LABELS, { headers: csm.headers });
    expect(res.status).toBe(200);
    expect(res.json.events).toEqual({});
    expect(res.json.products).toEqual({});
    expect(res.json.known.events).toEqual(["login", "report_exported"]);
    // Core's default maturity model until the workspace writes its own.
    expect(res.json.known.products.length).toBe(1);
  });

  it("are set by an admin only, checked, and read by everyone of the workspace alone", async () => {
    const { admin, csm, viewer } = await setUp();
    for (const who of [csm, viewer]) {
      const refused = await call(ctx, "PUT", LABELS, { headers: who.headers, body: labels });
      expect(refused.status).toBe(403);
    }
    const saved = await call(ctx, "PUT", LABELS, { headers: admin.headers, body: labels });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject(labels);
    // Labelled names are offered even before anything is sent.
    expect(saved.json.known.events).toEqual(["document_created", "login"]);
    expect(saved.json.known.products).toContain("docs");
    expect((await call(ctx, "GET", LABELS, { headers: viewer.headers })).json).toMatchObject(
      labels,
    );

    const bad = await call(ctx, "PUT", LABELS, {
      headers: admin.headers,
      body: { events: { login: { ja: "" } }, products: { "my docs": { en: "Docs" } } },
    });
    expect(bad.status).toBe(422);
    const pointers = bad.json.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain("/events/login/ja");
    expect(pointers.some((pointer: string) => pointer.startsWith("/products"))).toBe(true);
    expect(bad.json.errors.every((e: { code?: string }) => typeof e.code === "string")).toBe(true);
    const missing = await call(ctx, "PUT", LABELS, {
      headers: admin.headers,
      body: { events: {} },
    });
    expect(missing.status).toBe(422);
    expect((await call(ctx, "GET", LABELS, { headers: csm.headers })).json).toMatchObject(labels);

    const other = await setUp();
    const theirs = await call(ctx, "GET", LABELS, { headers: other.admin.headers });
    expect(theirs.json.events).toEqual({});
    expect(theirs.json.known.events).toEqual([]);
  });

  it("word an account's maturity conditions with the labels", async () => {
    const { workspaceId, admin, csm } = await setUp();
    const models = await call(ctx, "PUT", "/api/v1/settings/maturity-models", {
      headers: admin.headers,
      body: {
        models: [
          {
            product: "docs",
            levels: [
              {
                level: 1,
                name: { ja: "試行", en: "Trying" },
                rule: { metric: "eventCount:30d:document_created", op: ">=", value: 1 },
              },
            ],
          },
        ],
      },
    });
    expect(models.status).toBe(200);
    await call(ctx, "PUT", LABELS, { headers: admin.headers, body: labels });
    const account = await buildAccount(ctx.db, { workspaceId });
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/maturity?lang=ja`, {
      headers: csm.headers,
    });
    expect(res.status).toBe(200);
    const [docs] = res.json.products;
    expect(docs.name).toBe("Michi 文書");
    expect(docs.levels[0].rule).toBe("30日間の「文書作成」の回数 ≥ 1");
    expect(docs.next.unmet[0].label).toBe("30日間の「文書作成」の回数");
    const known = await call(ctx, "GET", LABELS, { headers: csm.headers });
    expect(known.json.known.events).toContain("document_created");
  });
});
