import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { forgetSessionActors } from "./session-actors";

let ctx: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin" });
});

const newAccount = (headers: Record<string, string>) =>
  call(ctx, "POST", "/api/v1/accounts", { headers, body: { name: "株式会社キャッシュ" } });

describe("who a session is, remembered for a few seconds", () => {
  it("answers from memory: a session gone from the database still works until forgotten", async () => {
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    expect((await call(ctx, "GET", "/api/v1/me", csm)).status).toBe(200);
    // As another process signing the user out would leave it: the row gone, this process unaware.
    await ctx.db.delete(sessions).where(eq(sessions.userId, csm.user.id));
    expect((await call(ctx, "GET", "/api/v1/me", csm)).status).toBe(200);
    forgetSessionActors(ctx.db);
    expect((await call(ctx, "GET", "/api/v1/me", csm)).status).toBe(401);
  });

  it("forgets at once what this process changes: a role, a removal, a sign-out", async () => {
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    expect((await newAccount(csm.headers)).status).toBe(201);

    const demoted = await call(ctx, "PATCH", `/api/v1/users/${csm.user.id}`, {
      ...admin,
      body: { role: "viewer" },
    });
    expect(demoted.status).toBe(200);
    expect((await newAccount(csm.headers)).status).toBe(403);

    const removed = await call(ctx, "DELETE", `/api/v1/users/${csm.user.id}`, admin);
    expect(removed.status).toBe(204);
    expect((await call(ctx, "GET", "/api/v1/me", csm)).status).toBe(403);

    const other = await buildUser(ctx, { workspaceId, role: "csm" });
    expect((await call(ctx, "GET", "/api/v1/me", other)).status).toBe(200);
    const out = await call(ctx, "POST", "/api/auth/sign-out", { ...other, body: {} });
    expect(out.status).toBe(200);
    expect((await call(ctx, "GET", "/api/v1/me", other)).status).toBe(401);
  });
});
