import { beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
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

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const { headers } = await buildApiKey(ctx, { workspaceId });
  const externalId = `org-${uniqueSuffix()}`;
  const account = await buildAccount(ctx.db, { workspaceId, externalId });
  return { headers, account, externalId };
};

describe("GET /accounts/{id}/maturity", () => {
  it("is level 0 without usage and Lv.1 once someone uses the product, with what Lv.2 needs", async () => {
    const { headers, account, externalId } = await setUp();
    const path = `/api/v1/accounts/${account.id}/maturity`;
    const before = await call(ctx, "GET", path, { headers });
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ level: 0, name: null, next: { level: 1 } });

    const track = await call(ctx, "POST", "/api/v1/track", {
      headers,
      body: {
        event: "document_created",
        userId: "u-1",
        context: { groupId: externalId },
        messageId: crypto.randomUUID(),
      },
    });
    expect(track.status).toBe(200);
    const after = await call(ctx, "GET", path, { headers });
    expect(after.json.level).toBe(1);
    expect(after.json.levels[0]).toMatchObject({
      level: 1,
      holds: true,
      parts: [{ metric: "activeUsers:30d", op: ">=", value: 1, actual: 1, holds: true }],
    });
    expect(after.json.next.level).toBe(2);
    expect(after.json.next.unmet.map((part: { metric: string }) => part.metric)).toContain(
      "distinctEvents:30d",
    );
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
