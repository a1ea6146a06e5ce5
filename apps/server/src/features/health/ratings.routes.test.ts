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

const setUp = async (role: "csm" | "viewer" = "csm", segment: string | null = null) => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const { headers, user } = await buildUser(ctx, { workspaceId, role, name: "佐藤 花子" });
  const account = await buildAccount(ctx.db, { workspaceId, segment });
  // A day of use today: enough known for core's default scorecard to give a score.
  await ctx.db.insert(usageDailyRollups).values({
    workspaceId,
    accountId: account.id,
    day: new Date().toISOString().slice(0, 10),
    eventCounts: { post: 10 },
    activeUserIds: ["u1", "u2"],
  });
  return {
    workspaceId,
    headers,
    user,
    account,
    path: `/api/v1/accounts/${account.id}/health/ratings`,
  };
};

type Contribution = { measure: string; value: number | null; points: number | null };

const contributionOf = (health: { contributions: Contribution[] }, measure: string) =>
  health.contributions.find((c) => c.measure === measure);

describe("GET /accounts/{id}/health/ratings", () => {
  it("lists the rating measures of the default scorecard with their scale, none rated yet", async () => {
    const { headers, path, account } = await setUp();
    const res = await call(ctx, "GET", `${path}?lang=en`, { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      accountId: account.id,
      scorecard: { key: "default", name: "Standard health score" },
      history: [],
    });
    expect(res.json.measures.map((m: { key: string }) => m.key)).toEqual([
      "internal-promotion",
      "owner-relationship",
    ]);
    expect(res.json.measures[0]).toMatchObject({
      name: "Internal promotion",
      description: expect.any(String),
      latest: null,
    });
    expect(res.json.measures[0].scale).toHaveLength(5);
    expect(res.json.measures[0].scale[4]).toBe("Leadership drives it");
  });
});

describe("POST /accounts/{id}/health/ratings", () => {
  it("stores the rating, recomputes the health at once and shows it as latest and in history", async () => {
    const { headers, path, account, user } = await setUp();
    const before = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(contributionOf(before.json, "internal-promotion")?.value ?? null).toBeNull();

    const first = await call(ctx, "POST", path, {
      headers,
      body: { measure: "internal-promotion", rating: 2, comment: "推進者はいるが動けていない" },
    });
    expect(first.status).toBe(201);
    expect(first.json.accountId).toBe(account.id);
    expect(contributionOf(first.json, "internal-promotion")).toMatchObject({
      value: 2,
      points: 25,
    });

    const second = await call(ctx, "POST", path, {
      headers,
      body: { measure: "internal-promotion", rating: 5, comment: "経営層が推進" },
    });
    expect(second.status).toBe(201);
    expect(contributionOf(second.json, "internal-promotion")).toMatchObject({
      value: 5,
      points: 100,
    });
    expect(second.json.score).toBeGreaterThan(first.json.score);
    const health = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(health.json.score).toBe(second.json.score);

    const ratings = await call(ctx, "GET", path, { headers });
    expect(ratings.json.measures[0].latest).toMatchObject({
      rating: 5,
      comment: "経営層が推進",
      ratedBy: { id: user.id, name: "佐藤 花子" },
      ratedAt: expect.any(String),
    });
    expect(ratings.json.measures[1].latest).toBeNull();
    expect(ratings.json.history.map((h: { rating: number }) => h.rating)).toEqual([5, 2]);
    expect(ratings.json.history[0]).toMatchObject({ measure: "internal-promotion" });
  });

  it("answers 422 for an unknown measure, a rating outside 1..5 or a long comment, storing nothing", async () => {
    const { headers, path } = await setUp();
    const unknown = await call(ctx, "POST", path, {
      headers,
      body: { measure: "no-such-measure", rating: 3, comment: "" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([
      {
        pointer: "/measure",
        message: expect.stringContaining("internal-promotion"),
        code: "not-a-rating-measure",
        params: {
          measure: "no-such-measure",
          choices: expect.arrayContaining(["internal-promotion"]),
        },
      },
    ]);
    for (const [body, pointer] of [
      [{ measure: "internal-promotion", rating: 6 }, "/rating"],
      [{ measure: "internal-promotion", rating: 0 }, "/rating"],
      [{ measure: "internal-promotion", rating: 2.5 }, "/rating"],
      [{ measure: "internal-promotion", rating: 3, comment: "x".repeat(2001) }, "/comment"],
    ] as const) {
      const res = await call(ctx, "POST", path, { headers, body });
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
    }
    const ratings = await call(ctx, "GET", path, { headers });
    expect(ratings.json.history).toEqual([]);
  });

  it("rates only the measures of the scorecard chosen for the account's segment", async () => {
    const { workspaceId, path, account } = await setUp("csm", "enterprise");
    const admin = await buildUser(ctx, { workspaceId, role: "admin" });
    const saved = await call(ctx, "PUT", "/api/v1/settings/scorecards", {
      headers: admin.headers,
      body: {
        scorecards: [
          {
            key: "enterprise",
            scorecard: {
              name: { ja: "大口", en: "Enterprise" },
              measures: [
                { kind: "rating", key: "exec-sponsor", name: "経営層の関与", weight: 1 },
                {
                  kind: "metric",
                  key: "users",
                  name: "Users",
                  metric: "activeUsers:30d",
                  scoring: { kind: "linear", from: 0, to: 10 },
                  weight: 1,
                },
              ],
            },
            appliesTo: { segments: ["enterprise"] },
          },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const ratings = await call(ctx, "GET", path, { headers: admin.headers });
    expect(ratings.json.scorecard).toEqual({ key: "enterprise", name: "大口" });
    expect(ratings.json.measures.map((m: { key: string }) => m.key)).toEqual(["exec-sponsor"]);
    expect(ratings.json.measures[0].scale).toBeNull();

    const wrong = await call(ctx, "POST", path, {
      headers: admin.headers,
      body: { measure: "internal-promotion", rating: 3 },
    });
    expect(wrong.status).toBe(422);
    const right = await call(ctx, "POST", path, {
      headers: admin.headers,
      body: { measure: "exec-sponsor", rating: 4 },
    });
    expect(right.status).toBe(201);
    expect(contributionOf(right.json, "exec-sponsor")).toMatchObject({ value: 4, points: 75 });

    // An account of another segment keeps core's default scorecard.
    const other = await buildAccount(ctx.db, { workspaceId, segment: "smb" });
    const otherRatings = await call(ctx, "GET", `/api/v1/accounts/${other.id}/health/ratings`, {
      headers: admin.headers,
    });
    expect(otherRatings.json.scorecard.key).toBe("default");
    expect(account.id).not.toBe(other.id);
  });

  it("forbids a viewer (403) and hides another workspace's account (404)", async () => {
    const viewer = await setUp("viewer");
    expect((await call(ctx, "GET", viewer.path, { headers: viewer.headers })).status).toBe(200);
    const forbidden = await call(ctx, "POST", viewer.path, {
      headers: viewer.headers,
      body: { measure: "internal-promotion", rating: 3 },
    });
    expect(forbidden.status).toBe(403);

    const mine = await setUp();
    const foreign = await call(ctx, "POST", viewer.path, {
      headers: mine.headers,
      body: { measure: "internal-promotion", rating: 3 },
    });
    expect(foreign.status).toBe(404);
    expect((await call(ctx, "GET", viewer.path, { headers: mine.headers })).status).toBe(404);
    const stored = await call(ctx, "GET", viewer.path, { headers: viewer.headers });
    expect(stored.json.history).toEqual([]);
  });
});
