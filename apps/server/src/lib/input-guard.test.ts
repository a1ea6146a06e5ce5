import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { usageEvents } from "../db/schema";
import { buildAccount } from "../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../test/context";
import { findInputProblems, MAX_JSON_DEPTH, textProblemOf } from "./input-guard";

let ctx: TestContext;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof buildUser>>;
let accountId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  admin = await buildUser(ctx, { workspaceId, role: "admin" });
  accountId = (await buildAccount(ctx.db, { workspaceId })).id;
});

const NUL = "a\u0000b";
const LONE = "a\ud800b";

/** The problem+json of a refusal, with the pointers it names. */
const expectRefusal = (
  res: Awaited<ReturnType<typeof call>>,
  status: number,
  pointer: string,
  message: RegExp = /NUL|surrogate/,
) => {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.json).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(res.json.errors).toContainEqual(
    expect.objectContaining({ pointer, message: expect.stringMatching(message) }),
  );
  // The input rule's own problems carry its codes; Segment's time checks have none yet.
  if (pointer !== "/timestamp") {
    const problem = res.json.errors.find((p: { pointer: string }) => p.pointer === pointer);
    expect(problem.code).toMatch(/^(nul-character|lone-surrogate|too-deep)$/);
  }
};

describe("the one text rule", () => {
  it("finds NUL, lone surrogates, bad member names and deep nesting, with pointers", () => {
    expect(textProblemOf("日本語 😀")).toBeUndefined();
    expect(textProblemOf(NUL)).toMatch(/NUL/);
    expect(textProblemOf(LONE)).toMatch(/surrogate/);
    expect(textProblemOf("\udc00")).toMatch(/surrogate/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(findInputProblems({ name: NUL, list: ["ok", LONE], "k/~": { [NUL]: 1 }, deep })).toEqual(
      [
        { pointer: "/name", message: expect.stringMatching(/NUL/), code: "nul-character" },
        { pointer: "/list/1", message: expect.stringMatching(/surrogate/), code: "lone-surrogate" },
        {
          pointer: `/k~1~0/${NUL}`,
          message: expect.stringMatching(/^its name .*NUL/),
          code: "nul-character",
          params: { inName: true },
        },
        {
          pointer: `/deep${"/a".repeat(MAX_JSON_DEPTH - 1)}`,
          message: expect.stringMatching(/100 levels/),
          code: "too-deep",
          params: { maxDepth: MAX_JSON_DEPTH },
        },
      ],
    );
  });
});

describe("the rule's quick check", () => {
  it("finds a problem exactly when some string or member name holds NUL or a lone surrogate", () => {
    // An oracle written apart from the rule: look-arounds instead of \p{Cs}.
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    const bad = { test: (t: string) => t.includes("\u0000") || lone.test(t) };
    const texts = (v: unknown): string[] =>
      typeof v === "string"
        ? [v]
        : v !== null && typeof v === "object"
          ? Object.entries(v).flatMap(([k, c]) => [...(Array.isArray(v) ? [] : [k]), ...texts(c)])
          : [];
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.constantFrom(NUL, LONE, "😀"),
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }), text, (value, extra) => {
        for (const v of [value, { [extra]: value }, [value, extra]]) {
          const expected = texts(v).some((t) => bad.test(t));
          expect(findInputProblems(v).length > 0).toBe(expected);
        }
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe("NUL and lone surrogates at the boundary answer 4xx naming the field", () => {
  it.each([
    ["POST", "/api/v1/accounts", { name: NUL }, "/name"],
    ["POST", "/api/v1/accounts", { name: "x", externalId: NUL }, "/externalId"],
    ["POST", "/api/v1/accounts", { name: "x", profile: { persona: LONE } }, "/profile/persona"],
    ["POST", "/api/v1/accounts/:account/contacts", { name: NUL }, "/name"],
    [
      "POST",
      "/api/v1/accounts/:account/contracts",
      { product: NUL, mrrMinor: 1, startDate: "2026-01-01" },
      "/product",
    ],
    ["POST", "/api/v1/api-keys", { name: NUL }, "/name"],
    ["PUT", "/api/v1/me/workspace", { workspaceId: NUL }, "/workspaceId"],
    ["POST", "/api/v1/accounts/:account/plans", { title: LONE }, "/title"],
  ])("%s %s %j", async (method, path, body, pointer) => {
    const res = await call(ctx, method, path.replace(":account", accountId), {
      headers: admin.headers,
      body,
    });
    // A route that does not exist (404) would not prove anything.
    expect(res.status).not.toBe(404);
    expectRefusal(res, 422, pointer);
  });

  it("refuses a lone surrogate in a template name", async () => {
    const plan = await call(ctx, "POST", `/api/v1/accounts/${accountId}/plans`, {
      headers: admin.headers,
      body: {},
    });
    const res = await call(ctx, "POST", "/api/v1/plan-templates", {
      headers: admin.headers,
      body: { name: LONE, planId: plan.json.id },
    });
    expectRefusal(res, 422, "/name");
  });

  it.each([
    ["/api/v1/accounts", "q"],
    ["/api/v1/accounts", "externalId"],
    ["/api/v1/accounts", "ownerUserId"],
    ["/api/v1/accounts", "segment"],
    ["/api/v1/portfolio", "owner"],
  ])("refuses NUL in the query: %s ?%s=", async (path, name) => {
    const res = await call(ctx, "GET", `${path}?${name}=a%00b`, { headers: admin.headers });
    expectRefusal(res, 400, `/${name}`);
  });

  it("refuses NUL and lone surrogates in path segments, named after the route's parameter", async () => {
    expectRefusal(
      await call(ctx, "GET", "/api/v1/accounts/a%00b", { headers: admin.headers }),
      400,
      "/id",
    );
    expectRefusal(
      await call(ctx, "DELETE", "/api/v1/plan-templates/x%00", { headers: admin.headers }),
      400,
      "/id",
    );
    expectRefusal(
      await call(ctx, "GET", "/api/v1/acc%00ounts", { headers: admin.headers }),
      400,
      "/segment 3",
    );
  });

  it("refuses NUL in better-auth's inputs instead of failing in the database", async () => {
    const res = await call(ctx, "POST", "/api/auth/sign-in/email", {
      body: { email: `x${NUL}@example.test`, password: "whatever-password" },
    });
    expectRefusal(res, 422, "/email");
    const key = Buffer.from(`${NUL}:`).toString("base64");
    const basic = await call(ctx, "GET", "/api/v1/accounts", {
      headers: { authorization: `Basic ${key}` },
    });
    expect(basic.status).toBe(401);
  });

  it("refuses a NUL name in better-auth's update-user (it reached the database)", async () => {
    const renamed = await call(ctx, "POST", "/api/auth/update-user", {
      headers: admin.headers,
      body: { name: NUL },
    });
    expectRefusal(renamed, 422, "/name");
  });

  it("reports a CSV cell with NUL as a row problem naming its column, and stores nothing", async () => {
    const externalId = `nul-${uniqueSuffix()}`;
    const csv = `externalId,name\n${externalId},Good\n${externalId}-2,Bad\u0000Name\n`;
    const upload = (dryRun: boolean) =>
      ctx.app.request(`/api/v1/import/accounts?dryRun=${dryRun}`, {
        method: "POST",
        headers: { ...admin.headers, "content-type": "text/csv", origin: ctx.baseURL },
        body: csv,
      });
    const preview = await upload(true);
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { errors: unknown[] }).errors).toContainEqual(
      expect.objectContaining({ row: 3, field: "name", message: expect.stringMatching(/NUL/) }),
    );
    const real = await upload(false);
    expect(real.status).toBe(422);
    expect(real.headers.get("content-type")).toBe("application/problem+json");
    expect(((await real.json()) as { errors: unknown[] }).errors).toContainEqual(
      expect.objectContaining({ pointer: "/rows/3/name", row: 3, field: "name" }),
    );
    const list = await call(ctx, "GET", `/api/v1/accounts?externalId=${externalId}`, admin);
    expect(list.json.data).toEqual([]);
  });
});

describe("Segment calls with input the database refuses", () => {
  const setUp = async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId: ws });
    return { ws, headers: key.headers };
  };
  const now = () => new Date().toISOString();
  const track = (over: Record<string, unknown> = {}) => ({
    type: "track",
    userId: "u-1",
    event: "Report Exported",
    messageId: `m-${uniqueSuffix()}`,
    timestamp: now(),
    ...over,
  });
  const stored = async (ws: string) =>
    (
      await ctx.db
        .select({ event: usageEvents.event })
        .from(usageEvents)
        .where(eq(usageEvents.workspaceId, ws))
    ).map((r) => r.event);

  // 5,000 levels as text (JSON.stringify itself overflows the stack on it), in
  // arrays so that the call stays under Segment's 32 KB.
  const DEEP = `{"list":${"[".repeat(5_000)}${"]".repeat(5_000)}}`;
  /** A body's JSON with the 5,000-deep value where the string "DEEP" was. */
  const withDeep = (body: unknown) => JSON.stringify(body).replace('"DEEP"', DEEP);

  it("refuses a single call with NUL, 5,000-deep properties or an out-of-range time (400)", async () => {
    const { ws, headers } = await setUp();
    expectRefusal(
      await call(ctx, "POST", "/api/v1/track", { headers, body: track({ event: NUL }) }),
      400,
      "/event",
    );
    const deepRes = await call(ctx, "POST", "/api/v1/track", {
      headers,
      rawBody: withDeep(track({ properties: "DEEP" })),
    });
    expect(deepRes.status).toBe(400);
    expect(deepRes.json.errors[0].pointer).toMatch(/^\/properties\/list(\/0)+$/);
    expectRefusal(
      await call(ctx, "POST", "/api/v1/track", {
        headers,
        body: track({ timestamp: "1999-12-31T23:59:59Z" }),
      }),
      400,
      "/timestamp",
      /2000-01-01/,
    );
    const future = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    expectRefusal(
      await call(ctx, "POST", "/api/v1/identify", {
        headers,
        body: { userId: "u-1", timestamp: future },
      }),
      400,
      "/timestamp",
      /a day after/,
    );
    expect(await stored(ws)).toEqual([]);
  });

  it("stores the good events of a batch, drops the bad ones and says which (200)", async () => {
    const { ws, headers } = await setUp();
    const good = [track({ event: "Kept A" }), track({ event: "Kept B" })];
    const batch = [
      good[0],
      track({ properties: { note: NUL } }),
      track({ properties: "DEEP" }),
      track({ timestamp: "1970-01-01T00:00:00Z" }),
      track({ event: "" }),
      good[1],
    ];
    const res = await call(ctx, "POST", "/api/v1/batch", {
      headers,
      rawBody: withDeep({ batch }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.success).toBe(true);
    expect(res.json.dropped.map((d: { index: number }) => d.index)).toEqual([1, 2, 3, 4]);
    expect(res.json.dropped[0].errors).toEqual([
      {
        pointer: "/batch/1/properties/note",
        message: expect.stringMatching(/NUL/),
        code: "nul-character",
      },
    ]);
    expect(res.json.dropped[2].errors[0]).toMatchObject({ pointer: "/batch/3/timestamp" });
    expect(res.json.dropped[3].errors[0]).toMatchObject({ pointer: "/batch/4/event" });
    expect((await stored(ws)).sort()).toEqual(["Kept A", "Kept B"]);

    const clean = await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch: good } });
    expect(clean.json).toEqual({ success: true, dropped: [] });
  });

  it("still refuses a batch that is wrong as a whole (400)", async () => {
    const { headers } = await setUp();
    expectRefusal(
      await call(ctx, "POST", "/api/v1/batch", {
        headers,
        body: { batch: [track()], context: { traits: { name: NUL } } },
      }),
      400,
      "/context/traits/name",
    );
    const res = await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch: "no" } });
    expect(res.status).toBe(400);
  });
});

describe("answers of their own kind", () => {
  it("gives a wrong content type the unsupported-media-type problem (415)", async () => {
    const res = await ctx.app.request("/api/v1/accounts", {
      method: "POST",
      headers: { ...admin.headers, "content-type": "text/plain", origin: ctx.baseURL },
      body: "name=x",
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      type: "https://michi.dev/problems/unsupported-media-type",
      title: "Unsupported media type",
      status: 415,
    });
  });

  it("tells a viewer 403 before looking at an invalid body, and lets it switch workspace", async () => {
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const invalid = await call(ctx, "POST", "/api/v1/accounts", {
      headers: viewer.headers,
      body: { name: 42 },
    });
    expect(invalid.status).toBe(403);
    expect(invalid.json.type).toBe("https://michi.dev/problems/forbidden");
    const patch = await call(ctx, "PATCH", `/api/v1/accounts/${accountId}`, {
      headers: viewer.headers,
      body: { touchModel: "nonsense" },
    });
    expect(patch.status).toBe(403);
    const switched = await call(ctx, "PUT", "/api/v1/me/workspace", {
      headers: viewer.headers,
      body: { workspaceId },
    });
    expect(switched.status).toBe(200);
    // Reading is still allowed, and a csm still gets the validation problem.
    expect((await call(ctx, "GET", "/api/v1/accounts", viewer)).status).toBe(200);
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    const csmInvalid = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: { name: 42 },
    });
    expect(csmInvalid.status).toBe(422);
  });
});
