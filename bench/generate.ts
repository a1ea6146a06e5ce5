import { fork, pareto } from "../apps/server/src/seed/random";

/**
 * Seeded, realistic Segment track events for the benchmarks: power-law
 * account sizes, a weekly rhythm, some accounts decaying toward churn over
 * the 30 days. Same seed and count, same events.
 */

export type BenchAccount = { externalId: string; name: string; users: number };

export type BenchTrackEvent = {
  type: "track";
  messageId: string;
  event: string;
  userId: string;
  timestamp: string;
  context: { groupId: string };
  properties: Record<string, unknown>;
};

export type BenchData = { accounts: BenchAccount[]; events: BenchTrackEvent[] };

const DAYS = 30;
/** The last day of the window (exclusive end): fixed, so the data never moves. */
const END = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

const EVENT_NAMES = [
  { name: "Page Viewed", weight: 40 },
  { name: "Report Viewed", weight: 20 },
  { name: "Dashboard Shared", weight: 8 },
  { name: "Record Created", weight: 15 },
  { name: "Export Downloaded", weight: 5 },
  { name: "Integration Synced", weight: 10 },
  { name: "Invite Sent", weight: 2 },
] as const;

/** Index of the first cumulative weight above `u` (binary search). */
const pickCumulative = (cumulative: Float64Array, u: number) => {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/** The accounts of a data set and the cumulative weights of their (account, day) cells. */
const shapeAccounts = (seed: number, accountCount: number, days = DAYS) => {
  const shape = fork(seed, 1);
  // Accounts: users and activity per user both power-law; ~20% decay toward churn.
  const accounts: BenchAccount[] = [];
  const cumulative = new Float64Array(accountCount * days);
  let total = 0;
  for (let a = 0; a < accountCount; a++) {
    const users = Math.round(pareto(shape, 2, 2_000, 1.1));
    const intensity = pareto(shape, 1, 20, 1.5);
    const churning = shape() < 0.2;
    const halfLife = 4 + shape() * 10; // days
    accounts.push({ externalId: `acct-${seed}-${a}`, name: `Bench account ${a}`, users });
    for (let d = 0; d < days; d++) {
      const day = new Date(END - (days - d) * DAY_MS).getUTCDay();
      const weekly = day === 0 || day === 6 ? 0.25 : 1;
      const decay = churning ? 0.5 ** (d / halfLife) : 1;
      total += users * intensity * weekly * decay;
      cumulative[a * days + d] = total;
    }
  }
  return { accounts, cumulative, total };
};

const defaultAccounts = (events: number) => Math.max(20, Math.round(events / 250));

/** The accounts of `generateBenchEvents` with the same parameters. */
export const generateBenchAccounts = (params: {
  seed: number;
  events: number;
  accounts?: number;
}) => shapeAccounts(params.seed, params.accounts ?? defaultAccounts(params.events)).accounts;

/**
 * The events one by one (10 million do not fit in memory as objects): the
 * same sequence as generateBenchData's for the same parameters.
 */
export function* generateBenchEvents(params: {
  seed: number;
  events: number;
  accounts?: number;
}): Generator<BenchTrackEvent> {
  const { seed } = params;
  const { accounts, cumulative, total } = shapeAccounts(
    seed,
    params.accounts ?? defaultAccounts(params.events),
  );
  const draw = fork(seed, 2);
  for (let i = 0; i < params.events; i++) {
    const cell = pickCumulative(cumulative, draw() * total);
    const a = Math.floor(cell / DAYS);
    const d = cell % DAYS;
    yield drawTrack(draw, { accounts, a, d, days: DAYS, messageId: `bench-${seed}-${i}` });
  }
}

const NAME_TOTAL = EVENT_NAMES.reduce((sum, e) => sum + e.weight, 0);

/** One track call of account `a` on day `d` (the draws in the order generateBenchEvents made them). */
const drawTrack = (
  draw: () => number,
  params: {
    accounts: readonly BenchAccount[];
    a: number;
    d: number;
    days: number;
    messageId: string;
  },
): BenchTrackEvent => {
  const { a, d, days } = params;
  const account = params.accounts[a] as BenchAccount;
  // A few users of an account do most of its events.
  const user = Math.floor(account.users * draw() ** 2);
  // Working hours mostly: a bell around 14:00 UTC.
  const hour = Math.min(23.99, Math.max(0, 14 + (draw() + draw() + draw() - 1.5) * 8));
  const at = END - (days - d) * DAY_MS + Math.floor(hour * 3_600_000);
  let u = draw() * NAME_TOTAL;
  let name: string = EVENT_NAMES[0].name;
  for (const candidate of EVENT_NAMES) {
    u -= candidate.weight;
    if (u < 0) {
      name = candidate.name;
      break;
    }
  }
  return {
    type: "track",
    messageId: params.messageId,
    event: name,
    userId: `${account.externalId}-u${user}`,
    timestamp: new Date(at).toISOString(),
    context: { groupId: account.externalId },
    properties: {
      plan: a % 3 === 0 ? "enterprise" : "team",
      durationMs: Math.floor(draw() * 5_000),
    },
  };
};

/** A version 4 UUID from the seeded stream, as Segment's libraries make messageIds. */
const drawUuid = (draw: () => number) => {
  let hex = "";
  for (let i = 0; i < 4; i++)
    hex += Math.floor(draw() * 2 ** 32)
      .toString(16)
      .padStart(8, "0");
  const variant = "89ab"[Math.floor(draw() * 4)] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export type BenchIdentifyCall = {
  type: "identify";
  messageId: string;
  userId: string;
  timestamp: string;
  traits: Record<string, unknown>;
};
export type BenchGroupCall = {
  type: "group";
  messageId: string;
  userId: string;
  groupId: string;
  timestamp: string;
  traits: Record<string, unknown>;
};
export type BenchCall = BenchTrackEvent | BenchIdentifyCall | BenchGroupCall;

/**
 * A team's history as an export holds it (bench/storage.ts): `days` days
 * ending where generateBenchEvents's end, in time order (a day's calls
 * sorted), messageIds as UUIDs, and an identify and a group call (with
 * traits) before a user's first track call. The accounts are those of
 * generateBenchAccounts with the same seed and count; the track calls are
 * drawn as generateBenchEvents draws them, day by day. `events` counts every
 * call.
 */
export function* generateHistoryCalls(params: {
  seed: number;
  events: number;
  days: number;
  accounts?: number;
}): Generator<BenchCall> {
  const { seed, days } = params;
  const accountCount = params.accounts ?? defaultAccounts(params.events);
  const { accounts, cumulative } = shapeAccounts(seed, accountCount, days);
  // Each day's share of the calls, and its cells' cumulative weights by account.
  const weightOf = (a: number, d: number) => {
    const cell = a * days + d;
    return (cumulative[cell] as number) - (cell === 0 ? 0 : (cumulative[cell - 1] as number));
  };
  const dayTotals = Array.from({ length: days }, (_, d) => {
    let sum = 0;
    for (let a = 0; a < accountCount; a++) sum += weightOf(a, d);
    return sum;
  });
  const grand = dayTotals.reduce((sum, w) => sum + w, 0);
  const draw = fork(seed, 2);
  const ids = fork(seed, 3);
  const seen = new Set<string>();
  let emitted = 0;
  let share = 0;
  for (let d = 0; d < days && emitted < params.events; d++) {
    share += (dayTotals[d] as number) / grand;
    const until = d === days - 1 ? params.events : Math.round(share * params.events);
    const byAccount = new Float64Array(accountCount);
    let running = 0;
    for (let a = 0; a < accountCount; a++) {
      running += weightOf(a, d);
      byAccount[a] = running;
    }
    const day: BenchCall[] = [];
    while (emitted + day.length < until) {
      const a = pickCumulative(byAccount, draw() * running);
      const track = drawTrack(draw, { accounts, a, d, days, messageId: drawUuid(ids) });
      if (!seen.has(track.userId)) {
        seen.add(track.userId);
        const account = accounts[a] as BenchAccount;
        const before = new Date(Date.parse(track.timestamp) - 1_000).toISOString();
        const n = track.userId.slice(track.userId.lastIndexOf("-u") + 2);
        day.push({
          type: "identify",
          messageId: drawUuid(ids),
          userId: track.userId,
          timestamp: before,
          traits: { email: `user${n}@${account.externalId}.example.com`, name: `User ${n}` },
        });
        day.push({
          type: "group",
          messageId: drawUuid(ids),
          userId: track.userId,
          groupId: account.externalId,
          timestamp: before,
          traits: { name: account.name },
        });
      }
      day.push(track);
    }
    day.sort((x, y) => (x.timestamp < y.timestamp ? -1 : x.timestamp > y.timestamp ? 1 : 0));
    for (const call of day.slice(0, until - emitted)) yield call;
    emitted = until;
  }
}

/** The first day of the data (inclusive) and the day after its last, YYYY-MM-DD. */
export const BENCH_DAYS = {
  from: new Date(END - DAYS * DAY_MS).toISOString().slice(0, 10),
  until: new Date(END).toISOString().slice(0, 10),
};

export const generateBenchData = (params: {
  seed: number;
  events: number;
  accounts?: number;
}): BenchData => ({
  accounts: generateBenchAccounts(params),
  events: [...generateBenchEvents(params)],
});
