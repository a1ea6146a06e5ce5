import { beforeAll, describe, expect, it } from "vitest";
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

const PICKLISTS = "/api/v1/settings/account-picklists";
const picklists = {
  industry: [
    { value: "retail", label: { ja: "小売", en: "Retail" } },
    { value: "finance", label: { ja: "金融", en: "Finance" } },
  ],
  segment: [{ value: "smb", label: { ja: "中小企業", en: "SMB" } }],
};

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const admin = await buildUser(ctx, { workspaceId, role: "admin" });
  const csm = await buildUser(ctx, { workspaceId, role: "csm" });
  return { workspaceId, admin, csm };
};

describe("industry and segment picklists", () => {
  it("start empty (free text), are set by an admin, and refuse a repeated value", async () => {
    const { admin, csm } = await setUp();
    expect((await call(ctx, "GET", PICKLISTS, { headers: csm.headers })).json).toEqual({
      industry: [],
      segment: [],
    });
    const free = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: { name: "自由記述", industry: "なんでも" },
    });
    expect(free.json.industry).toBe("なんでも");

    expect(
      (await call(ctx, "PUT", PICKLISTS, { headers: csm.headers, body: picklists })).status,
    ).toBe(403);
    const saved = await call(ctx, "PUT", PICKLISTS, { headers: admin.headers, body: picklists });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual(picklists);
    expect((await call(ctx, "GET", PICKLISTS, { headers: csm.headers })).json).toEqual(picklists);

    const repeated = await call(ctx, "PUT", PICKLISTS, {
      headers: admin.headers,
      body: { industry: [...picklists.industry, { value: "Retail", label: "x" }], segment: [] },
    });
    expect(repeated.status).toBe(422);
    expect(repeated.json.errors[0].pointer).toBe("/industry/2/value");
    expect((await call(ctx, "GET", PICKLISTS, { headers: csm.headers })).json).toEqual(picklists);
  });

  it("store an account's value from a value or a label, and refuse anything else", async () => {
    const { admin, csm } = await setUp();
    await call(ctx, "PUT", PICKLISTS, { headers: admin.headers, body: picklists });
    const byLabel = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: { name: "株式会社みどり屋", industry: "小売", segment: "SMB" },
    });
    expect(byLabel.status).toBe(201);
    expect(byLabel.json).toMatchObject({ industry: "retail", segment: "smb" });
    const patched = await call(ctx, "PATCH", `/api/v1/accounts/${byLabel.json.id}`, {
      headers: csm.headers,
      body: { industry: "finance" },
    });
    expect(patched.json.industry).toBe("finance");
    const bad = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: { name: "x", industry: "物流", segment: "enterprise" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/industry",
      "/segment",
    ]);
    expect(bad.json.errors[0].message).toContain("retail, finance");
  });

  it("resolve a CSV's labels to values and name the rows with other words", async () => {
    const { workspaceId, admin, csm } = await setUp();
    await call(ctx, "PUT", PICKLISTS, { headers: admin.headers, body: picklists });
    const file =
      "外部ID,顧客名,業種,セグメント\r\na-1,みどり屋,小売,中小企業\r\na-2,あさなぎ銀行,Finance,smb\r\n";
    const upload = (body: string) =>
      ctx.app.request("/api/v1/import/accounts", {
        method: "POST",
        headers: { ...csm.headers, "content-type": "text/csv" },
        body,
      });
    const ok = await upload(file);
    expect(ok.status).toBe(200);
    const list = await call(ctx, "GET", "/api/v1/accounts?sort=name", { headers: csm.headers });
    expect(
      list.json.data.map((a: { industry: string; segment: string }) => [a.industry, a.segment]),
    ).toEqual([
      ["finance", "smb"],
      ["retail", "smb"],
    ]);
    const wrong = await upload("外部ID,顧客名,業種\r\na-3,かもめ倉庫,物流\r\n");
    const result = (await wrong.json()) as { errors: { row: number; field: string }[] };
    expect(result.errors).toMatchObject([{ row: 2, field: "industry" }]);
    expect(workspaceId).toBeTruthy();
  });
});
