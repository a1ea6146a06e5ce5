import holidayJp from "@holiday-jp/holiday_jp";
import type { NormalisedSegmentEvent } from "@michi/core";
import { products, type Segment } from "./demo-names";
import type { Random } from "./factories";
import { fork, int, pareto } from "./random";

/*
 * 90 days of product usage for the demo's accounts, as the Segment calls the
 * vendor's product would have sent: identify and group when a person first
 * shows up, then track events. Pure and deterministic: the same accounts,
 * day and `now` give the same events.
 *
 * The shape follows each account's story (its scenario in demo.ts):
 * - users are the account's contacts first, then colleagues up to its seats;
 * - a share of the seats is "engaged" (adoption); each engaged person uses
 *   the product on some working days, far less on weekends and Japanese
 *   holidays, between 9:00 and 19:00 in Tokyo;
 * - large accounts have many people who each use it less often, so events
 *   grow with seats roughly as a power law rather than linearly;
 * - breadth unlocks the product's features from the basic to the advanced
 *   ones, which is what the maturity levels read;
 * - trajectories: steady, stalled, growing (expanded accounts and their
 *   add-ons), declining (renewal soon), churning (stops before the churn
 *   date), onboarding (a new contract, still ramping up).
 */

export const DEMO_USAGE_SEED = 20241101;
export const DEMO_USAGE_DAYS = 90;

const DAY_MS = 86_400_000;
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => toIso(toTime(iso) + days * DAY_MS);
const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / DAY_MS);
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const lerp = (from: number, to: number, share: number) => from + (to - from) * clamp(share, 0, 1);

/** Event names of each product, from everyday actions to advanced ones, with their relative frequency. */
export const demoEvents = {
  docs: [
    ["login", 6],
    ["document_viewed", 10],
    ["document_created", 14],
    ["document_edited", 12],
    ["document_sent", 8],
    ["comment_added", 6],
    ["search_performed", 5],
    ["template_used", 6],
    ["document_shared", 4],
    ["template_created", 1],
  ],
  workflow: [
    ["workflow_submitted", 40],
    ["workflow_approved", 45],
    ["workflow_rejected", 6],
    ["workflow_created", 1],
  ],
  sign: [
    ["signature_requested", 45],
    ["signature_completed", 40],
    ["signature_reminded", 10],
    ["signature_declined", 3],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

export type DemoProduct = keyof typeof demoEvents;

const productKeyOf: Record<string, DemoProduct> = {
  [products.docs]: "docs",
  [products.workflow]: "workflow",
  [products.sign]: "sign",
};

const documentTypes = ["見積書", "発注書", "納品書", "請求書", "契約書", "作業手順書", "議事録"];
const workflowForms = ["稟議書", "経費精算", "購買申請", "休暇申請", "契約審査"];

export type UsageTrajectory =
  | "steady"
  | "stalled"
  | "reviving"
  | "growing"
  | "declining"
  | "churning"
  | "onboarding"
  | "none";

const noProperties = {};
const noTraits = {};

/** A little context on the events people filter by: which document, which form. */
const propertiesOf = (random: Random, event: string): Record<string, unknown> =>
  event === "document_created" || event === "document_sent"
    ? { documentType: documentTypes[Math.floor(random() * documentTypes.length)] }
    : event === "workflow_submitted"
      ? { form: workflowForms[Math.floor(random() * workflowForms.length)] }
      : noProperties;

const push = (
  events: NormalisedSegmentEvent[],
  call: {
    account: DemoUsageAccount;
    day: string;
    seq: number;
    type: "identify" | "group" | "track";
    userId: string;
    time: number;
    groupId: string | null;
    event?: string;
    traits?: Record<string, unknown>;
    properties?: Record<string, unknown>;
  },
) => {
  events.push({
    type: call.type,
    messageId: `demo-${call.account.externalId}-${String(call.seq).padStart(6, "0")}`,
    messageIdGenerated: false,
    userId: call.userId,
    anonymousId: null,
    event: call.event ?? null,
    name: null,
    groupId: call.groupId,
    timestamp: new Date(call.time).toISOString(),
    receivedAt: new Date(call.time + 1_500).toISOString(),
    properties: call.properties ?? noProperties,
    traits: call.traits ?? noTraits,
  });
};

export type DemoUsageAccount = {
  externalId: string;
  name: string;
  domain: string;
  segment: Segment;
  scenario: "normal" | "renewal-soon" | "churned" | "add-on" | "upsell";
  touchModel: string;
  contacts: readonly { name: string; email: string; title?: string | null }[];
  contracts: readonly {
    product: string;
    startDate: string;
    endDate: string | null;
    status: string;
    mrrMinor: number;
    seats?: number | null;
  }[];
};

/** What the generator decided for an account, for tests and the seed's own summary. */
export type UsageProfile = {
  externalId: string;
  trajectory: UsageTrajectory;
  seats: number;
  /** First and last day with any use (UTC dates); null when the account has none in the window. */
  from: string | null;
  to: string | null;
};

/** Seats when the contract does not say: the core product's list price per seat by segment. */
const estimateSeats = (mrr: number, segment: Segment) =>
  Math.max(3, Math.round(mrr / { enterprise: 2_500, "mid-market": 3_000, smb: 3_500 }[segment]));

/** A piecewise-linear path from `from` to `to` between two day indexes. */
type Path = { from: number; to: number; startDay: number; endDay: number };
const at = (path: Path, day: number) =>
  lerp(path.from, path.to, (day - path.startDay) / Math.max(1, path.endDay - path.startDay));

type ProductUse = {
  product: DemoProduct;
  /** First day index (0 = the window's first day) the product may be used. */
  firstDay: number;
  /** Share of the account's engaged people who use this product. */
  share: Path;
  /** 0..1: how far into the product's feature list people go. */
  breadth: Path;
};

type AccountModel = {
  trajectory: UsageTrajectory;
  seats: number;
  firstDay: number;
  /** Last day index with use (inclusive). */
  lastDay: number;
  /** Share of seats engaged. */
  adoption: Path;
  uses: ProductUse[];
};

/** The account's story as adoption paths over the window (day 0 … DEMO_USAGE_DAYS − 1). */
const modelAccount = (
  random: Random,
  account: DemoUsageAccount,
  windowStart: string,
): AccountModel => {
  const last = DEMO_USAGE_DAYS - 1;
  const dayOf = (iso: string) => daysBetween(windowStart, iso);
  const docs = account.contracts.filter((c) => c.product === products.docs);
  const firstStart = docs.map((c) => c.startDate).sort()[0] ?? windowStart;
  const current =
    docs.find((c) => c.status === "active") ??
    [...docs].sort((a, b) => ((a.endDate ?? "") < (b.endDate ?? "") ? 1 : -1))[0];
  const docsSeats = current?.seats ?? null;
  const seats = docsSeats ?? estimateSeats(current?.mrrMinor ?? 0, account.segment);
  const end = current?.status === "active" ? null : (current?.endDate ?? null);
  const flat = (value: number): Path => ({ from: value, to: value, startDay: 0, endDay: last });
  const rising = (from: number, to: number, startDay = 0, endDay = last): Path => ({
    from,
    to,
    startDay,
    endDay,
  });

  const addOnUses = (growing: boolean): ProductUse[] =>
    account.contracts
      .filter((c) => c.product !== products.docs && c.status === "active")
      .flatMap((c) => {
        const product = productKeyOf[c.product];
        if (product === undefined) return [];
        const firstDay = Math.max(0, dayOf(c.startDate) + int(random, 3, 10));
        // An add-on bought long ago is already in use; a new one ramps up from its start.
        const age = dayOf(c.startDate);
        const startShare = age < 0 ? 0.25 + random() * 0.2 : 0.05;
        const top = growing ? 0.55 + random() * 0.3 : 0.35 + random() * 0.2;
        return [
          {
            product,
            firstDay,
            share: rising(startShare, top, Math.max(0, age), Math.min(last, Math.max(0, age) + 60)),
            breadth: rising(age < 0 ? 0.6 : 0.2, 1, Math.max(0, age), last),
          },
        ];
      });

  const docsUse = (breadth: Path): ProductUse => ({
    product: "docs",
    firstDay: 0,
    share: flat(1),
    breadth,
  });

  // Churned: nothing after the end, fading out over the weeks before it.
  if (end !== null) {
    const endDay = dayOf(end);
    const stopDay = endDay - int(random, 10, 25);
    if (stopDay < 5) {
      return { trajectory: "none", seats, firstDay: 0, lastDay: -1, adoption: flat(0), uses: [] };
    }
    return {
      trajectory: "churning",
      seats,
      firstDay: 0,
      lastDay: stopDay,
      adoption: rising(0.3 + random() * 0.15, 0.02, int(random, 0, 10), stopDay),
      uses: [docsUse(rising(0.5, 0.2, 0, stopDay))],
    };
  }

  // A contract that began less than ~4 months ago: people are still being brought on.
  const startDay = dayOf(firstStart);
  if (startDay > -40 && account.scenario === "normal") {
    const kickoff = Math.max(0, startDay + int(random, 4, 12));
    const first = Math.min(1, (account.contacts.length + 1) / seats);
    // The newest contract is a slow starter: a few people, still in its trial run.
    const target = startDay > 15 ? 0.18 + random() * 0.05 : 0.5 + random() * 0.2;
    return {
      trajectory: "onboarding",
      seats,
      firstDay: kickoff,
      lastDay: last,
      adoption: rising(first, target, kickoff, kickoff + int(random, 90, 120)),
      uses: [docsUse(rising(0.15, 0.5, kickoff, kickoff + 90))],
    };
  }

  switch (account.scenario) {
    case "add-on":
    case "upsell":
      return {
        trajectory: "growing",
        seats,
        firstDay: 0,
        lastDay: last,
        adoption: rising(0.5 + random() * 0.12, 0.86 + random() * 0.1),
        uses: [docsUse(rising(0.65, 1)), ...addOnUses(true)],
      };
    case "renewal-soon": {
      const turn = int(random, 10, 35);
      return {
        trajectory: "declining",
        seats,
        firstDay: 0,
        lastDay: last,
        adoption: rising(0.6 + random() * 0.15, 0.12 + random() * 0.15, turn),
        uses: [docsUse(rising(0.65, 0.3, turn))],
      };
    }
    default: {
      // Community-touch accounts are the keen small ones: they use it widely and deeply.
      if (account.touchModel === "community") {
        const level = 0.82 + random() * 0.12;
        return {
          trajectory: "steady",
          seats,
          firstDay: 0,
          lastDay: last,
          adoption: flat(level),
          uses: [docsUse(flat(0.9 + random() * 0.1)), ...addOnUses(false)],
        };
      }
      if (random() < 0.25) {
        // Some stalled accounts of a manageable size take off in the last weeks
        // (a new department joins): they qualify for the next phase just now.
        if (seats <= 150 && random() < 0.75) {
          const surge = int(random, 73, 76);
          return {
            trajectory: "reviving",
            seats,
            firstDay: 0,
            lastDay: last,
            adoption: rising(0.2 + random() * 0.1, 0.92 + random() * 0.06, surge, surge + 6),
            uses: [docsUse(rising(0.3, 0.7, surge, surge + 10)), ...addOnUses(false)],
          };
        }
        return {
          trajectory: "stalled",
          seats,
          firstDay: 0,
          lastDay: last,
          adoption: flat(0.15 + random() * 0.2),
          uses: [docsUse(flat(0.1 + random() * 0.3)), ...addOnUses(false)],
        };
      }
      return {
        trajectory: "steady",
        seats,
        firstDay: 0,
        lastDay: last,
        adoption: flat(0.5 + random() * 0.35),
        uses: [docsUse(flat(0.35 + random() * 0.6)), ...addOnUses(false)],
      };
    }
  }
};

/** Cumulative weights of the first `n` events of a product. */
const cumulativeOf = (product: DemoProduct, n: number) => {
  const list = demoEvents[product].slice(0, n);
  const out: number[] = [];
  let total = 0;
  for (const [, weight] of list) {
    total += weight;
    out.push(total);
  }
  return { names: list.map(([name]) => name), cumulative: out, total };
};

const pickEvent = (random: Random, mix: ReturnType<typeof cumulativeOf>) => {
  const u = random() * mix.total;
  const index = mix.cumulative.findIndex((c) => c > u);
  return mix.names[index < 0 ? mix.names.length - 1 : index] as string;
};

/** Minutes after 9:00 in Tokyo: busiest mid-morning and mid-afternoon, quiet at lunch. */
const workMinute = (random: Random) => {
  const hours = [0.8, 1.3, 1.2, 0.4, 1.0, 1.3, 1.1, 0.8, 0.4, 0.2]; // 9:00 … 18:00
  const total = hours.reduce((a, b) => a + b, 0);
  let u = random() * total;
  let hour = 0;
  while (hour < hours.length - 1 && u >= (hours[hour] as number)) {
    u -= hours[hour] as number;
    hour++;
  }
  return hour * 60 + Math.floor(random() * 60);
};

/** How busy a calendar day is: weekends and holidays (and the year-end break) are quiet. */
const dayFactor = (iso: string) => {
  const weekday = new Date(toTime(iso)).getUTCDay();
  const monthDay = iso.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return 0.05;
  if (holidayJp.isHoliday(iso)) return 0.08;
  return weekday === 0 || weekday === 6 ? 0.06 : 1;
};

/** A person's chance of using the product on a working day: lower in large organisations. */
const dailyChance = (seats: number) => clamp(0.25 * (seats / 10) ** -0.45, 0.045, 0.25);

export type DemoUsage = { events: NormalisedSegmentEvent[]; profiles: UsageProfile[] };

/**
 * The demo's usage over the DEMO_USAGE_DAYS days ending on `today` (a UTC
 * date), never later than `now`. Events come oldest first.
 */
export const planDemoUsage = (
  accounts: readonly DemoUsageAccount[],
  params: { today: string; now: Date },
): DemoUsage => {
  const windowStart = addDays(params.today, -(DEMO_USAGE_DAYS - 1));
  const nowMs = params.now.getTime();
  const factors = Array.from({ length: DEMO_USAGE_DAYS }, (_, d) =>
    dayFactor(addDays(windowStart, d)),
  );
  const events: NormalisedSegmentEvent[] = [];
  const profiles: UsageProfile[] = [];

  accounts.forEach((account, accountIndex) => {
    const random = fork(DEMO_USAGE_SEED, accountIndex);
    const model = modelAccount(random, account, windowStart);
    const { seats } = model;
    // Contacts first (the promoter and evaluators use it most), then colleagues.
    const people = Array.from({ length: seats }, (_, i) => {
      const contact = account.contacts[i];
      const no = String(i + 1).padStart(4, "0");
      return {
        userId: `${account.externalId}-u${no}`,
        traits: contact
          ? {
              name: contact.name,
              email: contact.email,
              ...(contact.title ? { title: contact.title } : {}),
            }
          : { email: `user${no}@${account.domain}` },
        // A few heavy users, many occasional ones.
        propensity: i < account.contacts.length ? 1.6 : pareto(random, 0.45, 4, 1.6),
        seen: false,
      };
    });
    // People in a roll-out that is spreading use it more often, too.
    const chance = dailyChance(seats) * (model.trajectory === "growing" ? 1.35 : 1);
    let from: string | null = null;
    let to: string | null = null;
    let seq = 0;

    for (let d = model.firstDay; d <= model.lastDay && d < DEMO_USAGE_DAYS; d++) {
      const day = addDays(windowStart, d);
      const dayStart = toTime(day);
      const factor = factors[d] as number;
      const engaged = Math.round(clamp(at(model.adoption, d), 0, 1) * seats);
      const mixes = model.uses
        .filter((use) => d >= use.firstDay)
        .map((use) => {
          const size = demoEvents[use.product].length;
          const n = Math.max(2, Math.round(2 + clamp(at(use.breadth, d), 0, 1) * (size - 2)));
          return { use, share: clamp(at(use.share, d), 0, 1), mix: cumulativeOf(use.product, n) };
        });
      // Which people use each add-on: the first share of the engaged ones.
      const limits = mixes.map((m, i) => (i === 0 ? engaged : m.share * engaged));
      for (let u = 0; u < engaged; u++) {
        const person = people[u]!;
        if (random() >= Math.min(0.95, chance * person.propensity * factor)) continue;
        const sessionStart = dayStart + workMinute(random) * 60_000 + int(random, 0, 59) * 1000;
        if (sessionStart > nowMs) continue;
        if (!person.seen) {
          person.seen = true;
          push(events, {
            account,
            day,
            seq: ++seq,
            type: "identify",
            userId: person.userId,
            time: sessionStart - 2_000,
            groupId: null,
            traits: person.traits,
          });
          push(events, {
            account,
            day,
            seq: ++seq,
            type: "group",
            userId: person.userId,
            time: sessionStart - 1_000,
            groupId: account.externalId,
            traits: { name: account.name, segment: account.segment },
          });
        }
        // One session: a handful of actions a few minutes apart, more for the keen.
        const actions = 1 + (random() < 0.3 * Math.min(2, person.propensity) ? 1 : 0);
        let time = sessionStart;
        for (let k = 0; k < actions; k++) {
          if (time > nowMs || time >= dayStart + DAY_MS) break;
          // Each action goes to one of the products this person uses.
          let chosen = mixes[0];
          const pickIndex = Math.floor(random() * mixes.length);
          if (u < (limits[pickIndex] as number)) chosen = mixes[pickIndex];
          if (chosen === undefined) break;
          const event = pickEvent(random, chosen.mix);
          push(events, {
            account,
            day,
            seq: ++seq,
            type: "track",
            userId: person.userId,
            time,
            groupId: account.externalId,
            event,
            properties: propertiesOf(random, event),
          });
          time += int(random, 20, 360) * 1000;
        }
        from ??= day;
        to = day;
      }
    }
    profiles.push({
      externalId: account.externalId,
      trajectory: model.trajectory,
      seats,
      from,
      to,
    });
  });

  events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { events, profiles };
};
