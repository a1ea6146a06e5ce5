import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildWorkspace, createTestContext } from "../../test/context";
import { accounts, contacts, contracts, users, workspaceMembers } from "../schema";
import { planDemoWorkspace, seedDemoWorkspace, tokyoDate } from "./demo";
import { industries } from "./demo-names";

const ctx = await createTestContext();

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const loadWorkspace = async (workspaceId: string) => {
  const accountRows = await ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.workspaceId, workspaceId))
    .orderBy(asc(accounts.externalId));
  const contactRows = await ctx.db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.externalId));
  const contractRows = await ctx.db
    .select()
    .from(contracts)
    .where(eq(contracts.workspaceId, workspaceId))
    .orderBy(asc(contracts.externalId));
  const members = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  return { accountRows, contactRows, contractRows, members };
};

type Loaded = Awaited<ReturnType<typeof loadWorkspace>>;

const seedFresh = async () => {
  const workspace = await buildWorkspace(ctx);
  const started = performance.now();
  await seedDemoWorkspace(ctx.db, ctx.auth, { workspaceId: workspace.id });
  const ms = performance.now() - started;
  return { workspace, ms, data: await loadWorkspace(workspace.id) };
};

/** The part of the data that does not depend on ids or on the day it was seeded. */
const fingerprint = (data: Loaded) => ({
  accounts: data.accountRows.map((a) => ({
    externalId: a.externalId,
    name: a.name,
    industry: a.industry,
    segment: a.segment,
    touchModel: a.touchModel,
    profile: a.profile,
    owner: data.members.find((m) => m.id === a.ownerUserId)?.name,
  })),
  contacts: data.contactRows.map((c) => [c.externalId, c.name, c.email, c.title, c.department]),
  contracts: data.contractRows.map((c) => [c.externalId, c.product, c.mrrMinor, c.status]),
  members: data.members.map((m) => [m.name, m.role, m.email.split("@")[0]]),
});

describe("demo workspace seed", () => {
  let first: Awaited<ReturnType<typeof seedFresh>>;

  it("seeds a realistic Japanese customer base, fast", async () => {
    first = await seedFresh();
    const { accountRows, contactRows, contractRows, members } = first.data;
    const today = tokyoDate(new Date());
    console.info(`demo seed (${ctx.kind}): ${first.ms.toFixed(0)} ms`);
    // Usage and its history (demo-usage.ts) included, seconds on a quiet machine:
    // the bound only catches a runaway on a busy one.
    expect(first.ms).toBeLessThan(60_000);

    // Accounts: ~60 in all five industries, with consistent segments and touch models.
    expect(accountRows.length).toBeGreaterThanOrEqual(55);
    expect(accountRows.length).toBeLessThanOrEqual(65);
    expect(new Set(accountRows.map((a) => a.industry))).toEqual(new Set(industries));
    for (const a of accountRows) {
      expect(a.name).toMatch(japanese);
      expect(a.externalId).toMatch(/^crm-\d{4}$/);
      const expected = { enterprise: ["high"], "mid-market": ["low"], smb: ["tech", "community"] };
      expect(expected[a.segment as keyof typeof expected]).toContain(a.touchModel);
      expect(a.profile.persona).toMatch(japanese);
      expect(a.profile.challenges).toMatch(japanese);
      expect(a.profile.successFactors).toMatch(japanese);
    }
    expect(accountRows.some((a) => a.touchModel === "community")).toBe(true);
    expect(accountRows.some((a) => a.name.endsWith("市役所"))).toBe(true);

    // The team: 4 CSMs owning every account between them, and a manager.
    const csms = members.filter((m) => m.role === "csm");
    expect(csms).toHaveLength(4);
    expect(members.filter((m) => m.role === "manager")).toHaveLength(1);
    for (const m of csms) {
      expect(m.name).toMatch(japanese);
      expect(m.email).toBe(`${m.email.split("@")[0]}@${first.workspace.slug}.michi.example`);
      expect(accountRows.filter((a) => a.ownerUserId === m.id).length).toBeGreaterThan(5);
    }
    const csmIds = new Set(csms.map((m) => m.id));
    for (const a of accountRows) expect(csmIds.has(a.ownerUserId ?? "")).toBe(true);

    // Every account has 2–5 contacts with Japanese names and titles, and a contract.
    for (const a of accountRows) {
      const own = contactRows.filter((c) => c.accountId === a.id);
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(5);
      expect(new Set(own.map((c) => c.email)).size).toBe(own.length);
      for (const c of own) {
        expect(c.name).toMatch(japanese);
        expect(c.title).toMatch(japanese);
        expect(c.email).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+\.example$/);
      }
      expect(contractRows.filter((c) => c.accountId === a.id).length).toBeGreaterThanOrEqual(1);
    }

    // Contracts: yen, a heavy tail, dates within the last three years.
    const threeYearsAgo = addDays(today, -3 * 365 - 1);
    for (const c of contractRows) {
      expect(c.currency).toBe("JPY");
      expect(Number.isInteger(c.mrrMinor)).toBe(true);
      expect(c.startDate >= threeYearsAgo && c.startDate <= today).toBe(true);
      expect(c.endDate).not.toBeNull();
      if (c.status === "active") expect(c.endDate! >= today).toBe(true);
      else expect(c.endDate! < today).toBe(true);
    }
    const mrrs = contractRows.map((c) => c.mrrMinor).sort((a, b) => a - b);
    expect(mrrs.at(-1)).toBeGreaterThanOrEqual(1_000_000);
    expect(mrrs.at(-1)).toBeLessThanOrEqual(3_000_000);
    expect(mrrs[Math.floor(mrrs.length / 2)]).toBeLessThan(300_000);

    // Scenarios: churned, expanded (add-on or upsell renewal), renewal within 60 days.
    const byAccount = accountRows.map((a) => contractRows.filter((c) => c.accountId === a.id));
    const churned = byAccount.filter((cs) => cs.every((c) => c.status === "churned"));
    const addOn = byAccount.filter(
      (cs) =>
        cs.some((c) => c.product === "Michi Docs" && c.status === "active") &&
        cs.some((c) => c.product !== "Michi Docs" && c.status === "active"),
    );
    const upsell = byAccount.filter((cs) => {
      const expired = cs.find((c) => c.status === "expired");
      const renewed = cs.find((c) => c.status === "active");
      return (
        expired &&
        renewed &&
        renewed.startDate > expired.endDate! &&
        renewed.mrrMinor > expired.mrrMinor
      );
    });
    const renewalSoon = contractRows.filter(
      (c) => c.status === "active" && c.endDate! >= today && c.endDate! <= addDays(today, 60),
    );
    expect(churned.length).toBeGreaterThanOrEqual(3);
    expect(addOn.length).toBeGreaterThanOrEqual(3);
    expect(upsell.length).toBeGreaterThanOrEqual(2);
    expect(renewalSoon.length).toBeGreaterThanOrEqual(3);
    expect(churned.length + addOn.length + upsell.length).toBeLessThan(accountRows.length / 2);
  }, 120_000);

  it("gives a second workspace the same data, with its own users", async () => {
    const second = await seedFresh();
    expect(fingerprint(second.data)).toEqual(fingerprint(first.data));
    const firstIds = new Set(first.data.members.map((m) => m.id));
    for (const m of second.data.members) expect(firstIds.has(m.id)).toBe(false);
  }, 120_000);

  it("varies only the dates with the day it is seeded", () => {
    const strip = (today: string) =>
      planDemoWorkspace(today).map((p) => ({
        ...p,
        contacts: p.contacts.map(({ externalId, ...rest }) => rest),
        contracts: p.contracts.map(({ startDate, endDate, externalId, ...rest }) => rest),
        account: { ...p.account, externalId: undefined },
      }));
    const byName = (list: ReturnType<typeof strip>) =>
      [...list].sort((a, b) => a.company.name.localeCompare(b.company.name));
    expect(byName(strip("2026-06-15"))).toEqual(byName(strip("2030-02-28")));
    expect(planDemoWorkspace("2026-06-15")).toEqual(planDemoWorkspace("2026-06-15"));
  });

  it.each(["2024-02-29", "2026-03-31", "2026-04-01", "2026-12-31"])(
    "keeps its date rules on %s",
    (today) => {
      const plan = planDemoWorkspace(today);
      const soon = addDays(today, 60);
      let renewalSoon = 0;
      for (const p of plan) {
        for (const c of p.contracts) {
          expect(c.startDate! <= today && c.startDate! >= addDays(today, -3 * 365 - 1)).toBe(true);
          expect(c.endDate! > c.startDate!).toBe(true);
          if (c.status === "active") expect(c.endDate! >= today).toBe(true);
          else expect(c.endDate! < today).toBe(true);
          if (c.status === "active" && c.endDate! <= soon) renewalSoon++;
        }
        if (p.scenario === "renewal-soon") {
          expect(p.contracts.every((c) => c.endDate! <= soon)).toBe(true);
        }
      }
      expect(renewalSoon).toBeGreaterThanOrEqual(3);
    },
  );
});
