import { addCalendarDays, type DailyRollup, defaultChurnReasons } from "@michi/core";
import { and, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { accounts, contracts, usageDailyRollups } from "../db/schema";
import { refreshContractChurn } from "../features/accounts/churn.queries";
import { familyNames, type Industry, industries, products } from "./demo-names";
import { demoEvents } from "./demo-usage-plan";
import { fork, int, pick } from "./random";

/*
 * The demo's churn history, so the Health Lab proves something on the first
 * start: former customers that churned over the last seven months, and
 * usage history before the demo's 90 days of raw events for everyone. The
 * history is daily rollups only, as a team's would be once raw events past
 * retention are gone. A former customer's key actions (documents created,
 * sent, templates used) fade over the 60 days before it leaves while its
 * people still log in and look around: the signal seed 004's health check
 * is after, and that a fit can find.
 */

export const DEMO_CHURN_SEED = 20260601;
/** Days of history before today that the rollups cover. */
export const DEMO_HISTORY_DAYS = 240;
/** Former customers, churned between these many days ago. */
const FORMER_CUSTOMERS = 20;
const CHURNED_FROM_DAYS_AGO = 210;
const CHURNED_TO_DAYS_AGO = 35;
/** The key actions that fade before churn. */
const KEY_ACTIONS = new Set(["document_created", "document_sent", "template_used"]);

const suffixes = [
  ["商事", "shoji"],
  ["工業", "kogyo"],
  ["製作所", "seisakusho"],
  ["物産", "bussan"],
  ["システム", "system"],
  ["サービス", "service"],
] as const;

export type FormerCustomer = {
  externalId: string;
  name: string;
  domain: string;
  industry: Industry;
  segment: "mid-market" | "smb";
  seats: number;
  mrrMinor: number;
  startDate: string;
  churnedOn: string;
  /** A key of core's default churn reasons when a CSM recorded why; null: from the contract only. */
  reason: string | null;
};

/** The former customers, the same ones for the same day. */
export const planFormerCustomers = (today: string): FormerCustomer[] =>
  Array.from({ length: FORMER_CUSTOMERS }, (_, i) => {
    const random = fork(DEMO_CHURN_SEED, i);
    const [family, romaji] = familyNames[(i * 7) % familyNames.length]!;
    const [suffix, suffixRomaji] = suffixes[i % suffixes.length]!;
    const segment = i % 3 === 0 ? "mid-market" : "smb";
    const seats = segment === "smb" ? int(random, 4, 15) : int(random, 15, 40);
    // Spread evenly over the months, so every observation day has churn ahead of it.
    const daysAgo =
      CHURNED_TO_DAYS_AGO +
      Math.round(((CHURNED_FROM_DAYS_AGO - CHURNED_TO_DAYS_AGO) * i) / (FORMER_CUSTOMERS - 1));
    const churnedOn = addCalendarDays(today, -daysAgo);
    return {
      externalId: `crm-9${String(i + 1).padStart(3, "0")}`,
      name: `${family}${suffix}株式会社`,
      domain: `${romaji}-${suffixRomaji}.co.example`,
      industry: industries[i % industries.length]!,
      segment,
      seats,
      mrrMinor: seats * (segment === "smb" ? 3_500 : 3_000),
      startDate: addCalendarDays(churnedOn, -int(random, 400, 720)),
      churnedOn,
      reason: i % 2 === 0 ? pick(fork(DEMO_CHURN_SEED + 1, i), defaultChurnReasons).key : null,
    };
  });

const docsMix = demoEvents.docs;
const mixTotal = docsMix.reduce((sum, [, weight]) => sum + weight, 0);

/** A day's share of usage: weekends and the year-end break are quiet. */
const dayFactor = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const monthDay = day.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return 0.05;
  return weekday === 0 || weekday === 6 ? 0.06 : 1;
};

/**
 * A former customer's rollups from `from` to the day before it churned: a
 * team of its seats, each using it on some working days; in the last 60
 * days its key actions fade to nothing and fewer people come.
 */
const formerCustomerRollups = (customer: FormerCustomer, index: number, from: string) => {
  const random = fork(DEMO_CHURN_SEED + 2, index);
  const people = Math.max(2, Math.round(customer.seats * (0.4 + random() * 0.3)));
  const chance = 0.3 + random() * 0.2;
  const rows: DailyRollup[] = [];
  const start = customer.startDate > from ? customer.startDate : from;
  for (let day = start; day < customer.churnedOn; day = addCalendarDays(day, 1)) {
    const left = (Date.parse(customer.churnedOn) - Date.parse(day)) / 86_400_000;
    const fading = left <= 60 ? left / 60 : 1;
    const activeUserIds: string[] = [];
    const eventCounts: Record<string, number> = {};
    for (let p = 0; p < people; p++) {
      const present = 0.4 + 0.6 * fading;
      if (random() >= chance * dayFactor(day) * present) continue;
      activeUserIds.push(`${customer.externalId}-u${String(p + 1).padStart(4, "0")}`);
      const actions = 2 + int(random, 0, 4);
      for (let a = 0; a < actions; a++) {
        let u = random() * mixTotal;
        let name: string = docsMix[0][0];
        for (const [event, weight] of docsMix) {
          if (u < weight) {
            name = event;
            break;
          }
          u -= weight;
        }
        if (KEY_ACTIONS.has(name) && random() >= fading) continue;
        eventCounts[name] = (eventCounts[name] ?? 0) + 1;
      }
    }
    if (activeUserIds.length > 0) rows.push({ day, eventCounts, activeUserIds });
  }
  return rows;
};

/**
 * An account's history before the raw window, from its own first four
 * weeks in it: each earlier day repeats a window day of the same weekday,
 * so its level and habits are what they were when the window began. From
 * its first contract's start on.
 */
const historyFromWindow = (
  window: readonly DailyRollup[],
  params: { from: string; windowStart: string; since: string },
): DailyRollup[] => {
  const firstWeeks = window.filter((r) => r.day < addCalendarDays(params.windowStart, 28));
  if (firstWeeks.length === 0) return [];
  const byWeekday = new Map<number, DailyRollup[]>();
  for (const row of firstWeeks) {
    const weekday = new Date(`${row.day}T00:00:00Z`).getUTCDay();
    byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), row]);
  }
  const rows: DailyRollup[] = [];
  const start = params.since > params.from ? params.since : params.from;
  let k = 0;
  for (let day = start; day < params.windowStart; day = addCalendarDays(day, 1)) {
    const candidates = byWeekday.get(new Date(`${day}T00:00:00Z`).getUTCDay()) ?? [];
    const source = candidates[k++ % Math.max(1, candidates.length)];
    if (source) rows.push({ ...source, day });
  }
  return rows;
};

const ROLLUP_CHUNK = 2_000;

/**
 * Writes the former customers (accounts, contracts that ended when they
 * churned, a CSM's reason on half of them) and the rollup history of every
 * account before `windowStart`. Called after the demo's raw window is
 * ingested: the existing accounts' history is read back from it.
 */
export const seedDemoChurnHistory = async (
  db: Db,
  params: {
    workspaceId: string;
    today: string;
    windowStart: string;
    ownerUserIds: readonly string[];
  },
): Promise<{ formerCustomers: number; rollups: number }> => {
  const { workspaceId, today, windowStart } = params;
  const from = addCalendarDays(today, -(DEMO_HISTORY_DAYS - 1));
  const formers = planFormerCustomers(today);
  const formerRows = await db
    .insert(accounts)
    .values(
      formers.map((c, i) => ({
        workspaceId,
        name: c.name,
        externalId: c.externalId,
        industry: c.industry,
        segment: c.segment,
        touchModel: c.segment === "smb" ? ("tech" as const) : ("low" as const),
        ownerUserId: params.ownerUserIds[i % Math.max(1, params.ownerUserIds.length)] ?? null,
        createdAt: new Date(`${c.startDate}T01:00:00Z`),
        updatedAt: new Date(`${c.churnedOn}T01:00:00Z`),
      })),
    )
    .returning({ id: accounts.id });
  await db.insert(contracts).values(
    formers.map((c, i) => ({
      workspaceId,
      accountId: formerRows[i]!.id,
      externalId: `${c.externalId}-docs`,
      product: products.docs,
      mrrMinor: c.mrrMinor,
      currency: "JPY",
      seats: c.seats,
      startDate: c.startDate,
      endDate: addCalendarDays(c.churnedOn, -1),
      status: "churned" as const,
    })),
  );
  await refreshContractChurn(db, { workspaceId, today });
  for (const [i, c] of formers.entries()) {
    if (c.reason === null) continue;
    await db
      .update(accounts)
      .set({ churnSource: "manual", churnReason: c.reason, churnNote: "" })
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, formerRows[i]!.id)));
  }

  // Everyone else's history before the window, from their first weeks in it.
  const windowRows = await db
    .select({
      accountId: usageDailyRollups.accountId,
      day: usageDailyRollups.day,
      eventCounts: usageDailyRollups.eventCounts,
      activeUserIds: usageDailyRollups.activeUserIds,
    })
    .from(usageDailyRollups)
    .where(
      and(
        eq(usageDailyRollups.workspaceId, workspaceId),
        gte(usageDailyRollups.day, windowStart),
        lt(usageDailyRollups.day, addCalendarDays(windowStart, 28)),
      ),
    );
  const windowOf = new Map<string, DailyRollup[]>();
  for (const { accountId, ...row } of windowRows) {
    windowOf.set(accountId, [...(windowOf.get(accountId) ?? []), row]);
  }
  const firstContractOf = new Map<string, string>();
  for (const row of await db
    .select({ accountId: contracts.accountId, startDate: contracts.startDate })
    .from(contracts)
    .where(eq(contracts.workspaceId, workspaceId))) {
    const known = firstContractOf.get(row.accountId);
    if (known === undefined || row.startDate < known)
      firstContractOf.set(row.accountId, row.startDate);
  }
  const history = [
    ...formers.flatMap((c, i) =>
      formerCustomerRollups(c, i, from).map((r) => ({ accountId: formerRows[i]!.id, ...r })),
    ),
    ...[...windowOf].flatMap(([accountId, window]) =>
      historyFromWindow(window, {
        from,
        windowStart,
        since: firstContractOf.get(accountId) ?? windowStart,
      }).map((r) => ({ accountId, ...r })),
    ),
  ];
  for (let i = 0; i < history.length; i += ROLLUP_CHUNK) {
    await db
      .insert(usageDailyRollups)
      .values(history.slice(i, i + ROLLUP_CHUNK).map((r) => ({ workspaceId, ...r })));
  }
  return { formerCustomers: formers.length, rollups: history.length };
};
