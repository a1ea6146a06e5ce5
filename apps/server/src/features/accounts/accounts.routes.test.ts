import { type HealthBand, planProgress } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { accountPhases, healthScores } from "../../db/schema";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "../success-plans/plan-test-helpers";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

describe("accounts API", () => {
  it("creates, reads, updates and deletes an account", async () => {
    const created = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: {
        name: "株式会社サンプル物流",
        externalId: "crm-001",
        industry: "logistics",
        segment: "enterprise",
        touchModel: "high",
        ownerUserId: csm.user.id,
        profile: { persona: "物流部長", challenges: "配車の属人化" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "株式会社サンプル物流", externalId: "crm-001" });
    expect(created.json.workspaceId).toBeUndefined();
    const id = created.json.id;

    const read = await call(ctx, "GET", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(read.json.profile.challenges).toBe("配車の属人化");

    const updated = await call(ctx, "PATCH", `/api/v1/accounts/${id}`, {
      headers: csm.headers,
      body: { segment: "mid-market" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ segment: "mid-market", name: "株式会社サンプル物流" });

    const deleted = await call(ctx, "DELETE", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(deleted.status).toBe(204);
    const gone = await call(ctx, "GET", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(gone.status).toBe(404);
  });

  it("finds by externalId, searches names and pages with a cursor", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId: ws });
    for (const name of ["Alpha 商事", "Beta 100% Foods", "Gamma 物流", "Delta 銀行", "Epsilon"]) {
      await buildAccount(ctx.db, { workspaceId: ws, name, externalId: `x-${name}` });
    }
    const byExternal = await call(ctx, "GET", "/api/v1/accounts?externalId=x-Epsilon", key);
    expect(byExternal.json.data.map((a: { name: string }) => a.name)).toEqual(["Epsilon"]);

    const search = await call(ctx, "GET", `/api/v1/accounts?q=${encodeURIComponent("物流")}`, key);
    expect(search.json.data.map((a: { name: string }) => a.name)).toEqual(["Gamma 物流"]);
    const percent = await call(ctx, "GET", `/api/v1/accounts?q=${encodeURIComponent("100%")}`, key);
    expect(percent.json.data).toHaveLength(1);

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { name: string }[]; nextCursor: string | null } } = await call(
        ctx,
        "GET",
        `/api/v1/accounts?sort=-name&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      names.push(...page.json.data.map((a) => a.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(names).toEqual(["Gamma 物流", "Epsilon", "Delta 銀行", "Beta 100% Foods", "Alpha 商事"]);

    const byCreated: string[] = [];
    cursor = null;
    do {
      const page: { json: { data: { name: string }[]; nextCursor: string | null } } = await call(
        ctx,
        "GET",
        `/api/v1/accounts?sort=createdAt&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      byCreated.push(...page.json.data.map((a) => a.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(byCreated).toHaveLength(5);
    expect(new Set(byCreated).size).toBe(5);
  });

  it("answers bad input with problem+json and stores nothing", async () => {
    const cases = [
      { rawBody: "{not json", status: 400 },
      { body: { name: 42 }, status: 422 },
      { body: { name: "" }, status: 422 },
      { body: { name: "X", unknownField: 1 }, status: 422 },
      { body: { name: "X", touchModel: "medium" }, status: 422 },
      { body: { name: "X", ownerUserId: "not-a-member" }, status: 422 },
      { rawBody: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), status: 413 },
    ];
    const before = await call(ctx, "GET", "/api/v1/accounts?limit=200", { headers: csm.headers });
    for (const { status, ...body } of cases) {
      const res = await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, ...body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json).toMatchObject({ status, title: expect.any(String) });
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const after = await call(ctx, "GET", "/api/v1/accounts?limit=200", { headers: csm.headers });
    expect(after.json.data).toHaveLength(before.json.data.length);

    const badId = await call(ctx, "GET", "/api/v1/accounts/123", { headers: csm.headers });
    expect(badId.status).toBe(400);
    const badCursor = await call(ctx, "GET", "/api/v1/accounts?cursor=zzz", {
      headers: csm.headers,
    });
    expect(badCursor.status).toBe(400);
    // A well-formed cursor whose sort value is not a time: 400, not a database error.
    const tampered = Buffer.from(
      JSON.stringify({ v: "not a time", id: "00000000-0000-0000-0000-000000000000" }),
    ).toString("base64url");
    const badTime = await call(ctx, "GET", `/api/v1/accounts?sort=createdAt&cursor=${tampered}`, {
      headers: csm.headers,
    });
    expect(badTime.status).toBe(400);
    const badLimit = await call(ctx, "GET", "/api/v1/accounts?limit=0", { headers: csm.headers });
    expect(badLimit.status).toBe(400);
  });

  it("rejects a duplicate externalId with 409", async () => {
    const body = { name: "Dup", externalId: "dup-1" };
    expect(
      (await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, body })).status,
    ).toBe(201);
    const again = await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, body });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].pointer).toBe("/externalId");
  });
});

/** A UTC day `offset` days from today: health_scores days are UTC days. */
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const scoreRow = (
  workspaceId: string,
  accountId: string,
  offset: number,
  score: number | null,
  band: HealthBand | null,
) => ({ workspaceId, accountId, day: day(offset), score, band, coverage: 1, measures: [] });

type ListItem = {
  id: string;
  name: string;
  health: { score: number | null; band: HealthBand | null; day: string } | null;
  phase: { key: string; since: string };
};

describe("accounts list: health and phase", () => {
  let ws: string;
  let key: Awaited<ReturnType<typeof buildApiKey>>;
  const ids: Record<string, string> = {};
  const created = new Date("2026-02-03T04:05:06.789Z");
  const moved = new Date("2026-05-01T00:00:00.000Z");
  const list = async (query: string): Promise<ListItem[]> => {
    const res = await call(ctx, "GET", `/api/v1/accounts?limit=200&${query}`, key);
    expect(res.status, query).toBe(200);
    return res.json.data;
  };
  const names = (items: ListItem[]) => items.map((item) => item.name);

  beforeAll(async () => {
    ws = (await buildWorkspace(ctx)).id;
    const other = (await buildWorkspace(ctx)).id;
    key = await buildApiKey(ctx, { workspaceId: ws });
    for (const name of ["Green", "Yellow", "Never", "Unknown", "Red", "Gone"]) {
      ids[name] = (await buildAccount(ctx.db, { workspaceId: ws, name, createdAt: created })).id;
    }
    // A former customer the recompute still scores: no use since it left, so 0 and red.
    ids.Former = (
      await buildAccount(ctx.db, {
        workspaceId: ws,
        name: "Former",
        createdAt: created,
        churnedOn: day(-40),
        churnSource: "contracts",
      })
    ).id;
    await ctx.db.insert(healthScores).values([
      scoreRow(ws, ids.Former!, 0, 0, "red"),
      scoreRow(ws, ids.Green!, -5, 30, "red"),
      scoreRow(ws, ids.Green!, -1, 80, "green"),
      // A day to come (a clock ahead, a backfill gone wrong) is not "now" (two: the store allows an hour).
      scoreRow(ws, ids.Green!, 2, 10, "red"),
      scoreRow(ws, ids.Yellow!, 0, 55, "yellow"),
      // Scored, but too little was known: a score row without score or band.
      scoreRow(ws, ids.Unknown!, 0, null, null),
      scoreRow(ws, ids.Red!, -2, 20, "red"),
      scoreRow(ws, ids.Gone!, -3, 70, "green"),
      // Another workspace's rows under the same account ids, newer: never read.
      scoreRow(other, ids.Green!, 0, 5, "red"),
      scoreRow(other, ids.Never!, 0, 5, "red"),
    ]);
    const stays = [
      {
        workspaceId: ws,
        accountId: ids.Green!,
        phaseKey: "proposal",
        since: created,
        until: moved,
      },
      { workspaceId: ws, accountId: ids.Green!, phaseKey: "onboarding", since: moved, until: null },
      // A key the workspace's phases no longer have.
      { workspaceId: ws, accountId: ids.Gone!, phaseKey: "retired", since: moved, until: null },
      {
        workspaceId: other,
        accountId: ids.Yellow!,
        phaseKey: "adoption",
        since: moved,
        until: null,
      },
    ];
    await ctx.db
      .insert(accountPhases)
      .values(stays.map((stay) => ({ ...stay, decidedBy: "user" as const })));
  });

  it("gives each account its latest score up to today and its current phase", async () => {
    const byName = new Map((await list("")).map((item) => [item.name, item]));
    expect(byName.get("Green")).toMatchObject({
      health: { score: 80, band: "green", day: day(-1) },
      phase: { key: "onboarding", since: moved.toISOString() },
    });
    // No stay rows (another workspace's do not count): the first phase since created_at.
    expect(byName.get("Yellow")).toMatchObject({
      health: { score: 55, band: "yellow", day: day(0) },
      phase: { key: "proposal", since: created.toISOString() },
    });
    expect(byName.get("Never")?.health).toBeNull();
    expect(byName.get("Unknown")?.health).toEqual({ score: null, band: null, day: day(0) });
    expect(byName.get("Gone")?.phase).toEqual({ key: "proposal", since: moved.toISOString() });
  });

  it("filters by band, none being no score (never scored, or too little data)", async () => {
    expect(names(await list("band=red"))).toEqual(["Red"]);
    expect(names(await list("band=yellow"))).toEqual(["Yellow"]);
    expect(names(await list("band=green"))).toEqual(["Gone", "Green"]);
    expect(names(await list("band=none"))).toEqual(["Never", "Unknown"]);
    expect(names(await list("band=green&q=Gr"))).toEqual(["Green"]);
  });

  it("gives a churned account no health: it leaves the bands and sorts with the unscored", async () => {
    const all = await list("status=all");
    expect(all.find((item) => item.name === "Former")?.health).toBeNull();
    expect(names(await list("status=all&band=red"))).toEqual(["Red"]);
    expect(names(await list("status=all&band=none"))).toEqual(["Never", "Unknown"]);
    expect(names(await list("status=churned&band=red"))).toEqual([]);
    // A 0 would sort first: a former customer is not the most at risk.
    expect(names(await list("status=all&sort=healthScore")).slice(0, 4)).toEqual([
      "Red",
      "Yellow",
      "Gone",
      "Green",
    ]);
  });

  it("sorts by score both ways with the unscored last, across cursor pages", async () => {
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; json: { data: ListItem[]; nextCursor: string | null } } =
          await call(
            ctx,
            "GET",
            `/api/v1/accounts?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
            key,
          );
        expect(res.status).toBe(200);
        seen.push(...names(res.json.data));
        cursor = res.json.nextCursor;
      } while (cursor);
      return seen;
    };
    // Unscored (never, or without a score) by id, in the sort's direction.
    const unscored = ["Never", "Unknown"].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    expect(await walk("healthScore")).toEqual(["Red", "Yellow", "Gone", "Green", ...unscored]);
    expect(await walk("-healthScore")).toEqual([
      "Green",
      "Gone",
      "Yellow",
      "Red",
      ...unscored.reverse(),
    ]);
  });

  it("answers a bad band, sort or score cursor with 400 problem+json", async () => {
    const tampered = Buffer.from(JSON.stringify({ v: "abc", id: ids.Green })).toString("base64url");
    for (const query of [
      "band=blue",
      "band=",
      "sort=score",
      `sort=healthScore&cursor=${tampered}`,
    ]) {
      const res = await call(ctx, "GET", `/api/v1/accounts?${query}`, key);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});

describe("accounts list: readings, MRR and renewal", () => {
  type Item = {
    name: string;
    nameKana: string | null;
    mrr: { currency: string; minor: number }[];
    renewalOn: string | null;
  };
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  const setUp = async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId: ws });
    const make = async (name: string, nameKana: string | null, externalId: string) => {
      const res = await call(ctx, "POST", "/api/v1/accounts", {
        ...key,
        body: { name, nameKana, externalId },
      });
      expect(res.status).toBe(201);
      return res.json as Item & { id: string };
    };
    // Code point order of the names would be ア…, 株式会社か…, 株式会社つ…, 大…
    const tsubame = await make("株式会社つばめ家電", "つばめかでん", "crm-3");
    const owashi = await make("大鷲重工株式会社", "ｵｵﾜｼｼﾞｭｳｺｳ", "crm-1");
    const kamome = await make("株式会社かもめ倉庫", "カモメソウコ", "crm-2");
    const aoi = await make("アオイ樹脂工業", null, "crm-4");
    const contract = (accountId: string, mrrMinor: number, extra: object = {}) =>
      buildContract(ctx.db, { workspaceId: ws, accountId, mrrMinor, currency: "JPY", ...extra });
    await contract(tsubame.id, 300_000, { endDate: inDays(40) });
    await contract(tsubame.id, 50_000, { endDate: inDays(400) });
    await contract(kamome.id, 120_000, { endDate: inDays(10) });
    await contract(kamome.id, 900, { currency: "USD" });
    // Ended or churned contracts count for neither MRR nor renewal.
    await contract(owashi.id, 999_999, { status: "churned", endDate: inDays(5) });
    await contract(owashi.id, 80_000, { endDate: inDays(-3) });
    return { key, tsubame, owashi, kamome, aoi };
  };

  const list = async (key: { headers: Record<string, string> }, query: string) => {
    const res = await call(ctx, "GET", `/api/v1/accounts?${query}`, key);
    expect(res.status, query).toBe(200);
    return res.json.data as Item[];
  };

  const walk = async (key: { headers: Record<string, string> }, sort: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; json: { data: Item[]; nextCursor: string | null } } = await call(
        ctx,
        "GET",
        `/api/v1/accounts?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      expect(res.status, sort).toBe(200);
      seen.push(...res.json.data.map((a) => a.name));
      cursor = res.json.nextCursor;
    } while (cursor);
    return seen;
  };

  it("stores readings in katakana and sorts names by them, 五十音", async () => {
    const { key, owashi } = await setUp();
    expect(owashi.nameKana).toBe("オオワシジュウコウ");
    // アオイ has no reading: its name is its key, and it is katakana too.
    expect(await walk(key, "name")).toEqual([
      "アオイ樹脂工業",
      "大鷲重工株式会社",
      "株式会社かもめ倉庫",
      "株式会社つばめ家電",
    ]);
    expect(await walk(key, "-name")).toEqual([
      "株式会社つばめ家電",
      "株式会社かもめ倉庫",
      "大鷲重工株式会社",
      "アオイ樹脂工業",
    ]);
  });

  it("searches names, readings in hiragana or katakana, and external ids", async () => {
    const { key } = await setUp();
    const names = async (q: string) =>
      (await list(key, `q=${encodeURIComponent(q)}`)).map((a) => a.name);
    expect(await names("かもめ")).toEqual(["株式会社かもめ倉庫"]);
    expect(await names("ジュウコウ")).toEqual(["大鷲重工株式会社"]);
    expect(await names("おおわし")).toEqual(["大鷲重工株式会社"]);
    expect(await names("crm-3")).toEqual(["株式会社つばめ家電"]);
  });

  it("gives each account its active MRR per currency and next renewal, and sorts by them", async () => {
    const { key } = await setUp();
    const byName = new Map((await list(key, "")).map((a) => [a.name, a]));
    expect(byName.get("株式会社つばめ家電")).toMatchObject({
      mrr: [{ currency: "JPY", minor: 350_000 }],
      renewalOn: inDays(40),
    });
    expect(byName.get("株式会社かもめ倉庫")).toMatchObject({
      mrr: [
        { currency: "JPY", minor: 120_000 },
        { currency: "USD", minor: 900 },
      ],
      renewalOn: inDays(10),
    });
    // Its active contract ended 3 days ago: MRR, but no renewal ahead.
    expect(byName.get("大鷲重工株式会社")).toMatchObject({
      mrr: [{ currency: "JPY", minor: 80_000 }],
      renewalOn: null,
    });
    expect(byName.get("アオイ樹脂工業")).toMatchObject({ mrr: [], renewalOn: null });

    // MRR in the main currency (JPY: most contracts); none counts as 0.
    expect(await walk(key, "-mrr")).toEqual([
      "株式会社つばめ家電",
      "株式会社かもめ倉庫",
      "大鷲重工株式会社",
      "アオイ樹脂工業",
    ]);
    expect((await walk(key, "mrr"))[0]).toBe("アオイ樹脂工業");
    // No renewal ahead: last either way.
    const soonest = await walk(key, "renewalOn");
    expect(soonest.slice(0, 2)).toEqual(["株式会社かもめ倉庫", "株式会社つばめ家電"]);
    const latest = await walk(key, "-renewalOn");
    expect(latest.slice(0, 2)).toEqual(["株式会社つばめ家電", "株式会社かもめ倉庫"]);
    expect(new Set(latest.slice(2))).toEqual(new Set(["大鷲重工株式会社", "アオイ樹脂工業"]));
  });

  it("answers a tampered MRR or renewal cursor with 400", async () => {
    const { key } = await setUp();
    const tampered = (v: string) =>
      Buffer.from(JSON.stringify({ v, id: crypto.randomUUID() })).toString("base64url");
    for (const query of [
      `sort=mrr&cursor=${tampered("lots")}`,
      `sort=renewalOn&cursor=${tampered("next week")}`,
    ]) {
      const res = await call(ctx, "GET", `/api/v1/accounts?${query}`, key);
      expect(res.status, query).toBe(400);
    }
  });
});

describe("accounts list: plan progress", () => {
  it("shows the active plan's progress as stored by its last save", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId: ws, role: "admin" });
    const { account, example, plan, planId } = await importExample(ctx, {
      workspaceId: ws,
      ...key,
    });
    const progressOf = async () => {
      const res = await call(
        ctx,
        "GET",
        `/api/v1/accounts?q=${encodeURIComponent(account.name)}`,
        key,
      );
      expect(res.status).toBe(200);
      return (res.json.data as { id: string; planProgress: number | null }[]).find(
        (item) => item.id === account.id,
      )?.planProgress;
    };
    // The account's first plan is its active one.
    expect(plan.active).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(await progressOf()).toBeCloseTo(planProgress(example, today).percent!, 6);

    const open = example.tasks!.find((task) => task.status !== "done")!;
    const done = await call(ctx, "PATCH", `/api/v1/plans/${planId}/tasks/${open.key}`, {
      ...key,
      body: { status: "done" },
    });
    expect(done.status).toBe(200);
    const after = {
      ...example,
      tasks: example.tasks!.map((task) =>
        task.key === open.key ? { ...task, status: "done" as const } : task,
      ),
    };
    expect(await progressOf()).toBeCloseTo(planProgress(after, today).percent!, 6);
    expect(planProgress(after, today).percent).toBeGreaterThan(
      planProgress(example, today).percent!,
    );
  });
});

describe("auth, roles and tenant isolation", () => {
  it("answers 401 without a session or key, and for a revoked or unknown key", async () => {
    expect((await call(ctx, "GET", "/api/v1/accounts")).status).toBe(401);
    const unknown = await call(ctx, "GET", "/api/v1/accounts", {
      headers: { authorization: "Bearer michi_nope" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lets a viewer read but not write", async () => {
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    expect((await call(ctx, "GET", "/api/v1/accounts", { headers: viewer.headers })).status).toBe(
      200,
    );
    const write = await call(ctx, "POST", "/api/v1/accounts", {
      headers: viewer.headers,
      body: { name: "Nope" },
    });
    expect(write.status).toBe(403);
  });

  it("gives workspace A's user and key 404 for every account of workspace B", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const userA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const accountB = await buildAccount(ctx.db, { workspaceId: b, name: "B only" });
    for (const headers of [userA.headers, keyA.headers]) {
      const url = `/api/v1/accounts/${accountB.id}`;
      expect((await call(ctx, "GET", url, { headers })).status).toBe(404);
      expect((await call(ctx, "PATCH", url, { headers, body: { name: "x" } })).status).toBe(404);
      expect((await call(ctx, "DELETE", url, { headers })).status).toBe(404);
      const list = await call(ctx, "GET", "/api/v1/accounts?q=B%20only", { headers });
      expect(list.json.data).toEqual([]);
    }
  });
});
