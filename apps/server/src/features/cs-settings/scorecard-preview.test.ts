import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts as accountsTable, healthScores } from "../../db/schema";
import { recomputeAllAccounts } from "../../recompute";
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

const PATH = "/api/v1/settings/scorecards/preview";

/** A workspace whose accounts have 0, 1 and 5 active users; the last is an enterprise. */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const { headers } = await buildUser(ctx, { workspaceId, role: "admin" });
  const key = await buildApiKey(ctx, { workspaceId });
  const accounts = [];
  for (const [users, segment] of [
    [0, "smb"],
    [1, "smb"],
    [5, "enterprise"],
  ] as const) {
    const externalId = `org-${uniqueSuffix()}`;
    accounts.push(await buildAccount(ctx.db, { workspaceId, externalId, segment }));
    if (users === 0) continue;
    const sent = await call(ctx, "POST", "/api/v1/batch", {
      headers: key.headers,
      body: {
        batch: Array.from({ length: users }, (_, i) => ({
          type: "track",
          event: "document_created",
          userId: `u-${i}`,
          context: { groupId: externalId },
          messageId: crypto.randomUUID(),
        })),
      },
    });
    expect(sent.status).toBe(200);
  }
  return { workspaceId, headers, accounts };
};

/** Full points from `min` active users on; nothing below. */
const usersScorecard = (min: number) => ({
  measures: [
    {
      kind: "metric",
      key: "users",
      name: { ja: "利用者", en: "Users" },
      metric: "activeUsers:30d",
      scoring: {
        kind: "thresholds",
        steps: [
          { min: 0, points: 0 },
          { min, points: 100 },
        ],
      },
      weight: 1,
    },
  ],
});

const storedScores = (workspaceId: string) =>
  ctx.db.select().from(healthScores).where(eq(healthScores.workspaceId, workspaceId));

describe("POST /settings/scorecards/preview", () => {
  it("scores the accounts under the candidate; the distribution follows the scorecard; nothing is stored", async () => {
    const { workspaceId, headers, accounts } = await setUp();
    const lenient = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: usersScorecard(1) },
    });
    expect(lenient.status).toBe(200);
    expect(lenient.json.evaluated).toBe(3);
    expect(lenient.json.current).toEqual({ red: 0, yellow: 0, green: 0, none: 3 });
    expect(lenient.json.preview).toEqual({ red: 1, yellow: 0, green: 2, none: 0 });
    expect(lenient.json.rows).toHaveLength(3);
    const enterprise = lenient.json.rows.find(
      (row: { accountId: string }) => row.accountId === accounts[2]!.id,
    );
    expect(enterprise).toMatchObject({
      name: accounts[2]!.name,
      current: null,
      preview: {
        score: 100,
        band: "green",
        contributions: [{ measure: "users", value: 5, points: 100, weight: 1, contribution: 100 }],
      },
    });

    const strict = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: usersScorecard(5) },
    });
    expect(strict.json.preview).toEqual({ red: 2, yellow: 0, green: 1, none: 0 });

    expect(await storedScores(workspaceId)).toEqual([]);
    const saved = await call(ctx, "GET", "/api/v1/settings/scorecards", { headers });
    expect(saved.json.scorecards).toEqual([]);
  });

  it("compares with the latest stored scores, largest change first, and keeps to the appliesTo", async () => {
    const { workspaceId, headers } = await setUp();
    await recomputeAllAccounts(ctx.db, { workspaceId });
    const stored = await storedScores(workspaceId);
    expect(stored).toHaveLength(3);

    const res = await call(ctx, "POST", PATH, { headers, body: { scorecard: usersScorecard(5) } });
    expect(res.status).toBe(200);
    const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
    expect(total(res.json.current)).toBe(3);
    // Under core's default the account with no use at all has no score: too little data.
    expect(res.json.current.none).toBe(1);
    // To or from no score counts as the largest change.
    const changes = res.json.rows.map(
      (row: { current: { score: number | null }; preview: { score: number } }) =>
        row.current.score === null ? 101 : Math.abs(row.preview.score - row.current.score),
    );
    expect(changes).toEqual([...changes].sort((a: number, b: number) => b - a));
    for (const row of res.json.rows) {
      const before = stored.find((s) => s.accountId === row.accountId)!;
      expect(row.current).toEqual({ score: before.score, band: before.band });
    }

    const onlyEnterprise = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: usersScorecard(5), appliesTo: { segments: ["enterprise"] } },
    });
    expect(onlyEnterprise.json.evaluated).toBe(1);
    expect(onlyEnterprise.json.preview).toEqual({ red: 0, yellow: 0, green: 1, none: 0 });
    const noneInPhase = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: usersScorecard(5), appliesTo: { phases: ["renewal"] } },
    });
    expect(noneInPhase.json).toMatchObject({ evaluated: 0, rows: [] });
  });

  it("leaves churned accounts out: a former customer is nobody's score to watch", async () => {
    const { headers, accounts } = await setUp();
    await ctx.db
      .update(accountsTable)
      .set({ churnedOn: "2026-04-26", churnSource: "manual", churnReason: "price" })
      .where(eq(accountsTable.id, accounts[2]!.id));
    const res = await call(ctx, "POST", PATH, { headers, body: { scorecard: usersScorecard(1) } });
    expect(res.status).toBe(200);
    expect(res.json.evaluated).toBe(2);
    expect(res.json.preview).toEqual({ red: 1, yellow: 0, green: 1, none: 0 });
    expect(res.json.rows.map((row: { accountId: string }) => row.accountId)).not.toContain(
      accounts[2]!.id,
    );
  });

  it("answers 422 with pointers for a bad candidate, 403 for a csm, and leaves other workspaces out", async () => {
    const { workspaceId, headers } = await setUp();
    const bad = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: { ...usersScorecard(1), bands: { redMax: 90, yellowMax: 80 } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/scorecard/bands/yellowMax",
    ]);
    const unknownPhase = await call(ctx, "POST", PATH, {
      headers,
      body: { scorecard: usersScorecard(1), appliesTo: { phases: ["nope"] } },
    });
    expect(unknownPhase.status).toBe(422);
    expect(unknownPhase.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/appliesTo/phases/0",
    ]);
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    const forbidden = await call(ctx, "POST", PATH, {
      headers: csm.headers,
      body: { scorecard: usersScorecard(1) },
    });
    expect(forbidden.status).toBe(403);

    const other = await setUp();
    const mine = await call(ctx, "POST", PATH, { headers, body: { scorecard: usersScorecard(1) } });
    expect(mine.json.evaluated).toBe(3);
    expect(mine.json.rows.map((row: { accountId: string }) => row.accountId)).not.toContain(
      other.accounts[0]!.id,
    );
  });
});
