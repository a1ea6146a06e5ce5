import { randomBytes } from "node:crypto";
import { addCalendarDays, type WorkspaceRole } from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { maintainEmbeddedDatabase } from "../db/maintenance";
import { workspaces } from "../db/schema";
import { refreshContractChurn } from "../features/accounts/churn.queries";
import type { Auth } from "../features/auth/auth";
import {
  addWorkspaceMember,
  createUserWithPassword,
  findUserByEmail,
} from "../features/users/users.service";
import { utcDay } from "../lib/days";
import { seedDemoChurnHistory } from "./demo-churn-history";
import {
  challenges,
  churnReasons,
  contactNotes,
  type DemoCompany,
  demoCompanies,
  demoTeam,
  familyNames,
  givenNames,
  type Industry,
  type NamePart,
  positions,
  products,
  regions,
  type Segment,
  successFactors,
} from "./demo-names";
import { seedDemoPlans } from "./demo-plans";
import type { OnDemoSeedProgress } from "./demo-progress";
import { seedDemoUsage } from "./demo-usage";
import { DEMO_USAGE_DAYS } from "./demo-usage-plan";
import {
  type accountValues,
  buildAccounts,
  buildContacts,
  buildContracts,
  type contactValues,
  type contractValues,
  type Random,
} from "./factories";
import { createRandom, fork, int, pareto, pick, sample, shuffle } from "./random";

/**
 * The demo workspace: a fictional Japanese vendor of "Michi Docs" (a
 * document/workflow SaaS) with two add-ons, its CS team (four CSMs and a
 * manager) and 60 customers in five industries, with contacts and contracts.
 *
 * Determinism: every random choice comes from a PRNG with a fixed seed, so
 * two workspaces get the same companies, people, amounts and scenarios. Dates
 * are the exception by design: they are offsets from today (in Tokyo), so
 * that "renewal within 60 days" and "churned a few months ago" stay true
 * whenever the demo is started. `now` (or `planDemoWorkspace(today)`) pins
 * the dates too. Ids are random UUIDs; external ids (crm-0001 …) are stable.
 */
export const DEMO_SEED = 20240401;

type AccountRow = Parameters<typeof accountValues>[0];
type ContactRow = Parameters<typeof contactValues>[0];
type ContractRow = Parameters<typeof contractValues>[0];

export type Scenario = "normal" | "renewal-soon" | "churned" | "add-on" | "upsell";

export type PlannedAccount = {
  company: DemoCompany;
  scenario: Scenario;
  /** Index into the CSMs of `demoTeam`. */
  ownerIndex: number;
  account: Omit<AccountRow, "workspaceId" | "ownerUserId">;
  contacts: Omit<ContactRow, "workspaceId" | "accountId">[];
  contracts: Omit<ContractRow, "workspaceId" | "accountId">[];
};

// --- dates (calendar dates as YYYY-MM-DD, computed in UTC) ---

const DAY_MS = 86_400_000;
const toIso = (date: Date) => date.toISOString().slice(0, 10);
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => toIso(new Date(toTime(iso) + days * DAY_MS));
const addYears = (iso: string, years: number) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0); // 29 Feb → 28 Feb
  return toIso(date);
};
const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / DAY_MS);
/** The calendar date in Japan, where the demo's customers are. */
export const tokyoDate = (now: Date) => toIso(new Date(now.getTime() + 9 * 3_600_000));
/** The last day of a yearly term that started on `start`, `years` terms later. */
const termEnd = (start: string, years: number) => addDays(addYears(start, years), -1);
/** The first 31 March at least `minDays` days after `today` (negative: before). */
const fiscalYearEnd = (today: string, minDays: number) => {
  const from = addDays(today, minDays);
  const march = `${from.slice(0, 4)}-03-31`;
  return march >= from ? march : addYears(march, 1);
};
/** 10:00 in Tokyo on a date, but never later than now. */
const morningOf = (iso: string, now: Date) =>
  new Date(Math.min(Date.parse(`${iso}T01:00:00Z`), now.getTime()));

// --- amounts ---

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

/**
 * The core product's list price per seat and month, in yen, and the pack size
 * seats are sold in: larger customers pay less per seat. The fee is about
 * seats × price, so the seats follow from it (the usage generator assumes the
 * same prices when a contract has none).
 */
const seatPricing: Record<Segment, { price: number; pack: number }> = {
  enterprise: { price: 2_500, pack: 50 },
  "mid-market": { price: 3_000, pack: 10 },
  smb: { price: 3_500, pack: 5 },
};
const seatsFor = (mrr: number, segment: Segment) =>
  roundTo(mrr / seatPricing[segment].price, seatPricing[segment].pack);

/** Monthly fee of the core product, in yen: a few large accounts, many small. */
const baseMrr = (random: Random, segment: Segment) => {
  switch (segment) {
    case "enterprise":
      return roundTo(pareto(random, 700_000, 3_000_000, 1.2), 50_000);
    case "mid-market":
      return roundTo(pareto(random, 150_000, 800_000, 1.3), 10_000);
    case "smb":
      return roundTo(pareto(random, 30_000, 150_000, 1.3), 5_000);
  }
};

// --- who owns what ---

const touchModelOf = { enterprise: "high", "mid-market": "low", smb: "tech" } as const;

/** Scenario counts per segment: churn mostly among small accounts, add-ons among large ones. */
const scenarioDeck: Record<Segment, Partial<Record<Scenario, number>>> = {
  enterprise: { "add-on": 4, upsell: 1, "renewal-soon": 1 },
  "mid-market": { churned: 2, "add-on": 4, upsell: 2, "renewal-soon": 3 },
  smb: { churned: 4, "add-on": 1, upsell: 2, "renewal-soon": 4 },
};

const dealScenarios = (random: Random, count: number, segment: Segment): Scenario[] => {
  const deck: Scenario[] = [];
  for (const [scenario, n] of Object.entries(scenarioDeck[segment])) {
    for (let i = 0; i < (n ?? 0); i++) deck.push(scenario as Scenario);
  }
  while (deck.length < count) deck.push("normal");
  return shuffle(random, deck.slice(0, count));
};

/**
 * Portfolios: 佐藤 has the enterprise (high-touch) accounts and a few
 * mid-market ones; 鈴木 and 高橋 share mid-market with a few smb; 田中 runs the
 * tech-touch pool of small accounts.
 */
const assignOwners = (random: Random, bySegment: Record<Segment, number[]>) => {
  const owner = new Map<number, number>();
  for (const i of bySegment.enterprise) owner.set(i, 0);
  shuffle(random, bySegment["mid-market"]).forEach((i, k, all) => {
    const rest = all.length - 4;
    owner.set(i, k < 4 ? 0 : k < 4 + Math.ceil(rest / 2) ? 1 : 2);
  });
  shuffle(random, bySegment.smb).forEach((i, k) => {
    owner.set(i, k < 4 ? 1 : k < 9 ? 2 : 3);
  });
  return owner;
};

// --- profile ---

const publicBodyKind = (company: DemoCompany) => {
  if (company.name.endsWith("県庁")) return "prefecture";
  if (company.name.endsWith("市役所")) return "city";
  if (/[町村]役場$/.test(company.name)) return "town";
  return "body";
};

const persona = (random: Random, company: DemoCompany): string => {
  const region = pick(random, regions);
  const { industry, segment } = company;
  const n = (min: number, max: number) => int(random, min, max);
  switch (industry) {
    case "retail":
      if (segment === "enterprise")
        return `全国に${n(180, 600)}店舗を展開する小売グループ。本部主導で店舗業務の標準化を進めており、情報システム部と店舗運営部が共同でプロジェクトを推進。`;
      if (segment === "mid-market")
        return `${region}エリアに${n(30, 120)}店舗を展開するチェーン。店舗運営部が推進者となり、店長会議を起点に利用を広げている。`;
      return `${region}で${n(3, 15)}店舗を運営する専門店。社長が自ら意思決定し、少人数の本部で店舗を支えている。`;
    case "logistics":
      if (segment === "enterprise")
        return `全国${n(40, 120)}拠点の物流網を持つ総合物流グループ。2024年問題を機に、拠点ごとに異なる作業手順の標準化を全社プロジェクトとして推進。`;
      if (segment === "mid-market")
        return `${region}を中心に${n(8, 30)}拠点を運営する3PL事業者。物流管理部が推進者となり、拠点長会議で展開を進める。`;
      return `従業員${n(40, 200)}名の運送・倉庫会社。配車担当のベテランに業務が集中している。`;
    case "manufacturing":
      if (segment === "enterprise")
        return `国内${n(5, 15)}工場・海外${n(2, 8)}拠点を持つメーカー。品質保証部と情報システム部が共同で、文書管理の全社統一を進める。`;
      if (segment === "mid-market")
        return `${region}に${n(2, 5)}工場を持つ部品メーカー。品質記録の電子化を中期経営計画に掲げる。`;
      return `従業員${n(30, 150)}名の製造業。社長と総務担当の2名で導入を決め、現場への定着を模索中。`;
    case "finance":
      if (segment === "enterprise")
        return `全国に${n(80, 180)}の営業拠点を持つ金融機関。事務手続きの統一と内部統制の強化が経営課題。`;
      if (segment === "mid-market")
        return `${region}を地盤とし、${n(15, 60)}の営業店を持つ地域金融機関。事務統括部が推進者となり、規程・マニュアルの電子化を進める。`;
      return `従業員${n(30, 200)}名の金融サービス会社。少人数で監査対応と事務を回している。`;
    case "public":
      switch (publicBodyKind(company)) {
        case "prefecture":
          return `人口約${n(80, 250)}万人の県。デジタル推進課が全庁のDXを統括し、紙の決裁の電子化を進める。`;
        case "city":
          return `人口約${n(segment === "smb" ? 3 : 10, segment === "smb" ? 9 : 40)}万人の市。情報政策課が推進者となり、庁内の文書事務の電子化を段階的に進める。`;
        case "town":
          return `人口約${n(3, 20)}千人の町村。情報担当は総務課の兼務で、少人数での運用が前提。`;
        default:
          return `職員数${n(80, 600)}名の公的機関。自治体に準じた決裁規程があり、紙の決裁が残る。`;
      }
  }
};

const profileOf = (random: Random, company: DemoCompany, scenario: Scenario) => {
  const own = (record: Record<Industry | "common", readonly string[]>, count: number) =>
    sample(random, record[company.industry], count);
  const theChallenges = [...own(challenges, 2), ...sample(random, challenges.common, 1)];
  if (scenario === "churned") theChallenges.unshift(pick(random, churnReasons));
  const factors = [
    ...own(successFactors, 1),
    ...sample(random, successFactors.common, company.segment === "enterprise" ? 2 : 1),
  ];
  return {
    persona: persona(random, company),
    challenges: theChallenges.join(""),
    successFactors: factors.join(""),
  };
};

// --- contacts ---

const emailPatterns = [
  (g: string, f: string) => `${g}.${f}`,
  (g: string, f: string) => `${f}.${g}`,
  (g: string, f: string) => `${f}-${g}`,
  (g: string, f: string) => `${g[0]}.${f}`,
  (g: string, f: string) => `${f}_${g[0]}`,
];

const contactsOf = (random: Random, company: DemoCompany) => {
  const { industry, segment } = company;
  const count =
    segment === "enterprise"
      ? int(random, 4, 5)
      : segment === "mid-market"
        ? int(random, 3, 4)
        : int(random, 2, 3);
  const roles: (keyof typeof contactNotes)[] =
    count >= 4 ? ["finalEvaluator", "evaluator", "promoter"] : ["finalEvaluator", "promoter"];
  while (roles.length < count) roles.push("user");
  const emailOf = pick(random, emailPatterns);
  const org = positions[industry];
  const leads = shuffle(random, org.lead);
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  return roles.map((role, k) => {
    let family: NamePart;
    let given: NamePart;
    do {
      family = pick(random, familyNames);
      given = pick(random, givenNames);
    } while (usedNames.has(family[0] + given[0]));
    usedNames.add(family[0] + given[0]);
    let local = emailOf(given[1], family[1]);
    for (let i = 2; usedEmails.has(local); i++) local = `${emailOf(given[1], family[1])}${i}`;
    usedEmails.add(local);
    const [title, department] =
      role === "finalEvaluator"
        ? pick(random, org.finalEvaluator[segment])
        : role === "user"
          ? [pick(random, org.userTitles), pick(random, org.userDepartments)]
          : (leads[k % leads.length] as readonly [string, string | null]);
    return {
      name: `${family[0]} ${given[0]}`,
      email: `${local}@${company.domain}`,
      title,
      department,
      notes: pick(random, contactNotes[role]),
    };
  });
};

// --- contracts ---

const contractsOf = (random: Random, company: DemoCompany, scenario: Scenario, today: string) => {
  const mrr = baseMrr(random, company.segment);
  const years = int(random, 1, 3);
  // Public bodies budget by fiscal year (1 April – 31 March): their contracts follow it.
  const fiscal = company.industry === "public";
  const docs = (c: {
    mrrMinor: number;
    startDate: string;
    endDate: string;
    status: "active" | "churned" | "expired";
  }) => ({
    product: products.docs,
    currency: "JPY",
    seats: seatsFor(c.mrrMinor, company.segment),
    ...c,
  });
  switch (scenario) {
    case "normal":
    case "renewal-soon": {
      const days = scenario === "normal" ? int(random, 61, 364) : int(random, 5, 55);
      const end = fiscal && scenario === "normal" ? fiscalYearEnd(today, 1) : addDays(today, days);
      const startOf = (terms: number) => addDays(addYears(end, -terms), 1);
      let terms = years;
      while (startOf(terms) > today) terms++; // no term starting in the future
      const start = startOf(terms);
      return [docs({ mrrMinor: mrr, startDate: start, endDate: end, status: "active" })];
    }
    case "churned": {
      const days = int(random, 20, 330);
      const end = fiscal ? fiscalYearEnd(today, -365 - 20) : addDays(today, -days);
      const start = addDays(addYears(end, -Math.min(years, fiscal ? 1 : 2)), 1);
      return [docs({ mrrMinor: mrr, startDate: start, endDate: end, status: "churned" })];
    }
    case "upsell": {
      // A one-year contract that expired and was renewed with more seats.
      const firstEnd = addDays(today, -int(random, 30, 500));
      const firstStart = addDays(addYears(firstEnd, -1), 1);
      const secondStart = addDays(firstEnd, 1);
      let terms = 1;
      while (termEnd(secondStart, terms) <= today) terms++;
      const step = company.segment === "smb" ? 5_000 : 10_000;
      return [
        docs({ mrrMinor: mrr, startDate: firstStart, endDate: firstEnd, status: "expired" }),
        docs({
          mrrMinor: roundTo(mrr * (1.2 + random() * 0.6), step),
          startDate: secondStart,
          endDate: termEnd(secondStart, terms),
          status: "active",
        }),
      ];
    }
    case "add-on": {
      // The core product for two years or more, then add-ons co-terminated with it.
      const days = int(random, 61, 364);
      const end = fiscal ? fiscalYearEnd(today, 1) : addDays(today, days);
      const start = addDays(addYears(end, -Math.max(years, 2)), 1);
      const span = daysBetween(start, today);
      const addOns =
        company.segment === "enterprise" && random() < 0.5
          ? [products.workflow, products.sign]
          : [pick(random, [products.workflow, products.sign])];
      const base = docs({ mrrMinor: mrr, startDate: start, endDate: end, status: "active" });
      const extra = addOns.map((product) => ({
        product,
        currency: "JPY",
        mrrMinor: roundTo(
          mrr * (product === products.workflow ? 0.3 + random() * 0.2 : 0.2 + random() * 0.15),
          5_000,
        ),
        startDate: addDays(start, Math.floor(span * (0.3 + random() * 0.6))),
        endDate: end,
        status: "active" as const,
        // Add-ons are options on the core licence: its seats are not counted twice.
        seats: null,
      }));
      return [base, ...extra];
    }
  }
};

/** The start of the account's first contract. */
const customerSince = (p: PlannedAccount) =>
  p.contracts
    .map((c) => c.startDate)
    .sort()
    .at(0);

/** The demo's accounts, contacts and contracts; pure and deterministic for a given `today`. */
export const planDemoWorkspace = (today: string): PlannedAccount[] => {
  const random = createRandom(DEMO_SEED);
  const bySegment: Record<Segment, number[]> = { enterprise: [], "mid-market": [], smb: [] };
  for (const [i, c] of demoCompanies.entries()) bySegment[c.segment].push(i);
  const scenarios = new Map<number, Scenario>();
  for (const segment of Object.keys(bySegment) as Segment[]) {
    const indexes = bySegment[segment];
    const deck = dealScenarios(random, indexes.length, segment);
    for (const [k, i] of indexes.entries()) scenarios.set(i, deck[k] ?? "normal");
  }
  const owners = assignOwners(random, bySegment);
  const community = new Set(sample(random, bySegment.smb, 4));

  const planned = demoCompanies.map((company, i): PlannedAccount => {
    const own = fork(DEMO_SEED, i);
    const scenario = scenarios.get(i) ?? "normal";
    return {
      company,
      scenario,
      ownerIndex: owners.get(i) ?? 0,
      account: {
        name: company.name,
        nameKana: company.nameKana,
        industry: company.industry,
        segment: company.segment,
        touchModel: community.has(i) ? "community" : touchModelOf[company.segment],
        profile: profileOf(own, company, scenario),
      },
      contacts: contactsOf(own, company),
      contracts: contractsOf(own, company, scenario, today),
    };
  });

  // CRM ids in the order the companies became customers.
  const since = (p: PlannedAccount) => customerSince(p) ?? today;
  const ordered = planned
    .map((p, i) => ({ p, i, since: since(p) }))
    .sort((a, b) => (a.since === b.since ? a.i - b.i : a.since < b.since ? -1 : 1));
  let contactNo = 0;
  let contractNo = 0;
  return ordered.map(({ p }, k) => {
    const n = String(k + 1).padStart(4, "0");
    return {
      ...p,
      account: { ...p.account, externalId: `crm-${n}` },
      contacts: p.contacts.map((c) => ({
        ...c,
        externalId: `crm-c-${String(++contactNo).padStart(5, "0")}`,
      })),
      contracts: p.contracts.map((c) => ({
        ...c,
        externalId: `crm-d-${String(++contractNo).padStart(5, "0")}`,
      })),
    };
  });
};

const workspaceSlug = async (db: Db, workspaceId: string) => {
  const [row] = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  if (!row) throw new Error(`workspace ${workspaceId} not found`);
  return row.slug;
};

/**
 * The CS team. Emails are on `<slug>.michi.example`, so every workspace gets
 * its own users (emails are unique across the installation); a user that
 * already exists is reused. Passwords are random and never shown: the team
 * is there to own accounts, not to sign in.
 */
const seedTeam = async (db: Db, auth: Auth, workspaceId: string) => {
  const domain = `${await workspaceSlug(db, workspaceId)}.michi.example`;
  const team: { id: string; role: WorkspaceRole }[] = [];
  for (const member of demoTeam) {
    const email = `${member.local}@${domain}`;
    const user =
      (await findUserByEmail(db, email)) ??
      (await createUserWithPassword(auth, {
        email,
        name: member.name,
        password: randomBytes(24).toString("base64url"),
      }));
    await addWorkspaceMember(db, { workspaceId, userId: user.id, role: member.role });
    team.push({ id: user.id, role: member.role });
  }
  return team.filter((m) => m.role === "csm").map((m) => m.id);
};

export const seedDemoWorkspace = async (
  db: Db,
  auth: Auth,
  params: { workspaceId: string; now?: Date; onProgress?: OnDemoSeedProgress },
): Promise<void> => {
  const { workspaceId, onProgress } = params;
  const now = params.now ?? new Date();
  const plan = planDemoWorkspace(tokyoDate(now));
  const csmIds = await seedTeam(db, auth, workspaceId);

  const ids = plan.map(() => crypto.randomUUID());
  const accountRows: AccountRow[] = [];
  const contactRows: ContactRow[] = [];
  const contractRows: ContractRow[] = [];
  plan.forEach((p, k) => {
    const accountId = ids[k] as string;
    const since = morningOf(customerSince(p) ?? tokyoDate(now), now);
    accountRows.push({
      ...p.account,
      id: accountId,
      workspaceId,
      ownerUserId: csmIds[p.ownerIndex] ?? null,
      createdAt: since,
      updatedAt: since,
    });
    for (const c of p.contacts) {
      contactRows.push({ ...c, workspaceId, accountId, createdAt: since, updatedAt: since });
    }
    for (const c of p.contracts) {
      const created = morningOf(c.startDate ?? "", now);
      contractRows.push({ ...c, workspaceId, accountId, createdAt: created, updatedAt: created });
    }
  });

  await db.transaction(async (tx) => {
    await buildAccounts(tx, accountRows);
    await buildContacts(tx, contactRows);
    await buildContracts(tx, contractRows);
    await refreshContractChurn(tx, { workspaceId, today: utcDay(now) });
  });
  onProgress?.({ step: "accounts", done: accountRows.length, total: accountRows.length });
  const { plans } = await seedDemoPlans(db, { workspaceId, now });
  onProgress?.({ step: "plans", done: plans, total: plans });
  await seedDemoUsage(db, { workspaceId, now, plan, accountIds: ids, onProgress });
  const today = utcDay(now);
  const { formerCustomers } = await seedDemoChurnHistory(db, {
    workspaceId,
    today,
    windowStart: addCalendarDays(today, -(DEMO_USAGE_DAYS - 1)),
    ownerUserIds: csmIds,
  });
  onProgress?.({ step: "churn history", done: formerCustomers, total: formerCustomers });
  // Statistics for the planner before the first request. Without them PGlite
  // (no autovacuum; its maintenance job comes 5 minutes later) drew the
  // portfolio's health trend in 200 ms instead of 9.
  await maintainEmbeddedDatabase(db);
};
