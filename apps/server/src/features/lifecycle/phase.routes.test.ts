import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountPhaseProposals, accountPhases } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
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
    expect(res.json.errors[0]).toMatchObject({
      pointer: "/phaseKey",
      code: "unknown-phase",
      params: { phaseKey: "no-such-phase" },
    });
    const after = await call(ctx, "GET", path, { headers });
    expect(after.json.history).toHaveLength(1);
  });
});

const openProposal = async (
  workspaceId: string,
  accountId: string,
  params: { from?: string; to?: string } = {},
) => {
  await ctx.db.insert(accountPhaseProposals).values({
    workspaceId,
    accountId,
    fromPhase: params.from ?? "proposal",
    toPhase: params.to ?? "onboarding",
    proposedAt: new Date(Date.now() - 60_000),
  });
};

const proposalsOf = (workspaceId: string, accountId: string) =>
  ctx.db
    .select()
    .from(accountPhaseProposals)
    .where(
      and(
        eq(accountPhaseProposals.workspaceId, workspaceId),
        eq(accountPhaseProposals.accountId, accountId),
      ),
    );

describe("phase proposals", () => {
  it("shows the open proposal, the mode and the phases to move to", async () => {
    const { workspaceId, headers, path, account } = await setUp();
    const before = await call(ctx, "GET", path, { headers });
    expect(before.json).toMatchObject({ mode: "propose", proposal: null });
    expect(before.json.phases[0]).toEqual({ key: "proposal", name: "提案" });
    await openProposal(workspaceId, account.id);
    const after = await call(ctx, "GET", `${path}?lang=en`, { headers });
    expect(after.json.proposal).toEqual({
      to: { key: "onboarding", name: "Onboarding" },
      proposedAt: expect.any(String),
    });
  });

  it("accepts: moves the account, decided by the proposal, and resolves it", async () => {
    const { workspaceId, headers, path, account } = await setUp();
    await openProposal(workspaceId, account.id);
    const res = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "accept" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ phase: { key: "onboarding" }, proposal: null });
    expect(res.json.history).toMatchObject([
      { phaseKey: "proposal", decidedBy: "auto", until: expect.any(String) },
      { phaseKey: "onboarding", decidedBy: "proposal-accepted", until: null },
    ]);
    const [proposal] = await proposalsOf(workspaceId, account.id);
    expect(proposal).toMatchObject({
      resolution: "accepted",
      resolvedAt: expect.any(Date),
      resolvedByUserId: expect.any(String),
    });
    const again = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "accept" },
    });
    expect(again.status).toBe(404);
  });

  it("dismisses: the account stays where it is", async () => {
    const { workspaceId, headers, path, account } = await setUp();
    await openProposal(workspaceId, account.id);
    const res = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "dismiss" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ phase: { key: "proposal" }, proposal: null });
    expect(res.json.history).toHaveLength(1);
    const [proposal] = await proposalsOf(workspaceId, account.id);
    expect(proposal?.resolution).toBe("dismissed");
  });

  it("withdraws the open proposal when the account is moved by hand", async () => {
    const { workspaceId, headers, path, account } = await setUp();
    await openProposal(workspaceId, account.id);
    const res = await call(ctx, "PUT", path, { headers, body: { phaseKey: "trial-run" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ phase: { key: "trial-run" }, proposal: null });
    expect(res.json.history.at(-1)).toMatchObject({ decidedBy: "user" });
    const [proposal] = await proposalsOf(workspaceId, account.id);
    expect(proposal?.resolution).toBe("withdrawn");
  });

  it("answers 404 without an open proposal or for another workspace, 403 for a viewer, 422 for a bad decision", async () => {
    const mine = await setUp();
    const none = await call(ctx, "POST", `${mine.path}/proposal`, {
      headers: mine.headers,
      body: { decision: "accept" },
    });
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toContain("application/problem+json");

    const theirs = await setUp();
    await openProposal(theirs.workspaceId, theirs.account.id);
    const foreign = await call(ctx, "POST", `${theirs.path}/proposal`, {
      headers: mine.headers,
      body: { decision: "accept" },
    });
    expect(foreign.status).toBe(404);

    const viewer = await buildUser(ctx, { workspaceId: theirs.workspaceId, role: "viewer" });
    const forbidden = await call(ctx, "POST", `${theirs.path}/proposal`, {
      headers: viewer.headers,
      body: { decision: "accept" },
    });
    expect(forbidden.status).toBe(403);
    const bad = await call(ctx, "POST", `${theirs.path}/proposal`, {
      headers: theirs.headers,
      body: { decision: "maybe" },
    });
    expect(bad.status).toBe(422);
    const [proposal] = await proposalsOf(theirs.workspaceId, theirs.account.id);
    expect(proposal?.resolvedAt).toBeNull();
  });

  it("does not move or resolve anything when accepting fails", async () => {
    const { workspaceId, headers, path, account } = await setUp();
    // A proposal to a phase the workspace no longer has.
    await openProposal(workspaceId, account.id, { to: "gone" });
    const res = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "accept" },
    });
    expect(res.status).toBe(409);
    const after = await call(ctx, "GET", path, { headers });
    expect(after.json.history).toHaveLength(1);
    const [proposal] = await proposalsOf(workspaceId, account.id);
    expect(proposal?.resolvedAt).toBeNull();
  });
});

describe("a churned account's phase", () => {
  /** Renewal since `since`, churned on `churnedOn`, with a proposal left open. */
  const churnedInRenewal = async (since: string, churnedOn: string) => {
    const { workspaceId, headers } = await setUp();
    const account = await buildAccount(ctx.db, {
      workspaceId,
      createdAt: new Date("2025-01-10T00:00:00.000Z"),
      churnedOn,
      churnSource: "contracts",
    });
    await ctx.db.insert(accountPhases).values([
      {
        workspaceId,
        accountId: account.id,
        phaseKey: "utilisation",
        since: new Date("2025-01-10T00:00:00.000Z"),
        until: new Date(`${since}T01:00:00.000Z`),
        decidedBy: "user",
      },
      {
        workspaceId,
        accountId: account.id,
        phaseKey: "renewal",
        since: new Date(`${since}T01:00:00.000Z`),
        until: null,
        decidedBy: "user",
      },
    ]);
    await openProposal(workspaceId, account.id, { from: "renewal", to: "advocacy" });
    return { workspaceId, headers, account, path: `/api/v1/accounts/${account.id}/phase` };
  };

  it("ends its last stay on the churn day: no days counted after, nothing judged", async () => {
    const { headers, path } = await churnedInRenewal("2026-02-21", "2026-04-26");
    const res = await call(ctx, "GET", `${path}?lang=en`, { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      churnedOn: "2026-04-26",
      phase: { key: "renewal", name: "Renewal" },
      // 21 Feb 01:00 to 26 Apr 00:00: 63 whole days, not the days since.
      daysInPhase: 63,
      criteria: [],
      allHold: false,
      nextPhase: null,
      action: "stay",
      proposal: null,
    });
    expect(res.json.history.at(-1)).toMatchObject({
      phaseKey: "renewal",
      until: "2026-04-26T00:00:00.000Z",
    });
  });

  it("refuses a move or an accepted proposal (409); a dismissal is fine", async () => {
    const { workspaceId, headers, account, path } = await churnedInRenewal(
      "2026-02-21",
      "2026-04-26",
    );
    const moved = await call(ctx, "PUT", path, { headers, body: { phaseKey: "advocacy" } });
    expect(moved.status).toBe(409);
    const accepted = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "accept" },
    });
    expect(accepted.status).toBe(409);
    const dismissed = await call(ctx, "POST", `${path}/proposal`, {
      headers,
      body: { decision: "dismiss" },
    });
    expect(dismissed.status).toBe(200);
    const [proposal] = await proposalsOf(workspaceId, account.id);
    expect(proposal?.resolution).toBe("dismissed");
    expect(dismissed.json.history.map((stay: { phaseKey: string }) => stay.phaseKey)).toEqual([
      "utilisation",
      "renewal",
    ]);
  });
});
