import { z } from "zod";
import type { DisplayLanguage } from "./display-text";
import { displayNameOf, type UsageLabels } from "./usage-labels";

/*
 * A MetricRef names one number about an account: what health measures score,
 * and what maturity, exit-criterion and touch-model rules compare. It has two
 * spellings that mean the same:
 *
 *   object (stored form)                                       string (short form, also the key)
 *   { name: "activeUsers", windowDays: 30 }                    "activeUsers:30d"
 *   { name: "eventCount", windowDays: 30, event: "Doc Sent" }  "eventCount:30d:Doc Sent"
 *   { name: "eventCountChange", windowDays: 7 }                "eventCountChange:7d"
 *   { name: "daysSinceLastSeen" }                              "daysSinceLastSeen"
 *   { name: "maturityLevel", product: "invoice" }              "maturityLevel:invoice"
 *   { name: "custom", key: "departments" }                     "custom:departments"
 *
 * The event name comes last in the string, so an event name may itself hold
 * ":" (Segment allows any text). The string form is the key of MetricValues,
 * the map every evaluator reads, and metricKey(parseMetricKey(s)) === s for
 * every canonical s.
 */

/** Metrics over a window of days ending on the day they are computed for. */
export const windowedMetricNames = [
  "eventCount",
  "totalEvents",
  "distinctEvents",
  "activeUsers",
  "activeDays",
  "seatUtilisation",
  "eventCountChange",
  "activeUsersChange",
  "eventsPerActiveUser",
  "eventsPerSeat",
] as const;
export type WindowedMetricName = (typeof windowedMetricNames)[number];

/** Metrics without parameters: the day's value, or one passed through from other data. */
export const plainMetricNames = [
  "daysSinceLastSeen",
  "openKpiProgress",
  "lastNps",
  "daysSinceEvaluatorMeeting",
  "daysToRenewal",
  "mrr",
  "licensedSeats",
  "tenureDays",
] as const;
export type PlainMetricName = (typeof plainMetricNames)[number];

export const metricNames = [
  ...windowedMetricNames,
  ...plainMetricNames,
  "maturityLevel",
  "custom",
] as const;
export type MetricName = (typeof metricNames)[number];

export const METRIC_MAX_WINDOW_DAYS = 365;

const windowDays = z
  .number()
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(METRIC_MAX_WINDOW_DAYS, `must be at most ${METRIC_MAX_WINDOW_DAYS} days`);
const eventName = z.string().min(1, "must not be empty").max(200);
const paramText = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1 to 64 letters, digits, _, . or -");

const windowed = <
  N extends Exclude<
    WindowedMetricName,
    "eventCount" | "eventCountChange" | "eventsPerActiveUser" | "eventsPerSeat"
  >,
>(
  name: N,
) => z.strictObject({ name: z.literal(name), windowDays });

export const metricRefObjectSchema = z.discriminatedUnion("name", [
  z.strictObject({ name: z.literal("eventCount"), windowDays, event: eventName }),
  z.strictObject({
    name: z.literal("eventCountChange"),
    windowDays,
    event: eventName.optional(),
  }),
  // Events (all, or of one name) per active user or per licensed seat: volume that does
  // not grow with the account's size alone.
  z.strictObject({
    name: z.literal("eventsPerActiveUser"),
    windowDays,
    event: eventName.optional(),
  }),
  z.strictObject({ name: z.literal("eventsPerSeat"), windowDays, event: eventName.optional() }),
  windowed("totalEvents"),
  windowed("distinctEvents"),
  windowed("activeUsers"),
  windowed("activeDays"),
  windowed("seatUtilisation"),
  windowed("activeUsersChange"),
  z.strictObject({ name: z.enum(plainMetricNames) }),
  z.strictObject({ name: z.literal("maturityLevel"), product: paramText.optional() }),
  z.strictObject({ name: z.literal("custom"), key: paramText }),
]);
export type MetricRef = z.infer<typeof metricRefObjectSchema>;

const metricKeys = new WeakMap<MetricRef, string>();

/**
 * The canonical short form, used as the key of MetricValues. Kept per ref
 * object (refs are not changed once parsed): a full recompute asks for the
 * same refs' keys for every account, and building the text each time was a
 * good part of its JavaScript.
 */
export const metricKey = (ref: MetricRef): string => {
  let key = metricKeys.get(ref);
  if (key === undefined) {
    key = buildMetricKey(ref);
    metricKeys.set(ref, key);
  }
  return key;
};

const buildMetricKey = (ref: MetricRef): string => {
  switch (ref.name) {
    case "eventCount":
      return `${ref.name}:${ref.windowDays}d:${ref.event}`;
    case "eventCountChange":
    case "eventsPerActiveUser":
    case "eventsPerSeat":
      return ref.event === undefined
        ? `${ref.name}:${ref.windowDays}d`
        : `${ref.name}:${ref.windowDays}d:${ref.event}`;
    case "totalEvents":
    case "distinctEvents":
    case "activeUsers":
    case "activeDays":
    case "seatUtilisation":
    case "activeUsersChange":
      return `${ref.name}:${ref.windowDays}d`;
    case "maturityLevel":
      return ref.product === undefined ? ref.name : `${ref.name}:${ref.product}`;
    case "custom":
      return `${ref.name}:${ref.key}`;
    default:
      return ref.name;
  }
};

const isWindowed = (name: string): name is WindowedMetricName =>
  (windowedMetricNames as readonly string[]).includes(name);

/**
 * The object a short form stands for, or the reason it is not one. The result
 * is checked by metricRefObjectSchema, so both forms obey the same limits.
 */
export const parseMetricKey = (
  text: string,
): { ok: true; ref: MetricRef } | { ok: false; message: string } => {
  const colon = text.indexOf(":");
  const name = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? undefined : text.slice(colon + 1);
  let candidate: Record<string, unknown>;
  if (isWindowed(name)) {
    const match = rest?.match(/^(\d{1,4})d(?::(.*))?$/s);
    if (!match) {
      return { ok: false, message: `"${name}" needs a window, e.g. "${name}:30d"` };
    }
    candidate = { name, windowDays: Number(match[1]) };
    if (match[2] !== undefined) candidate.event = match[2];
  } else if (name === "maturityLevel") {
    candidate = rest === undefined ? { name } : { name, product: rest };
  } else if (name === "custom") {
    candidate = { name, key: rest ?? "" };
  } else if ((plainMetricNames as readonly string[]).includes(name)) {
    if (rest !== undefined) return { ok: false, message: `"${name}" takes no parameters` };
    candidate = { name };
  } else {
    return { ok: false, message: `unknown metric "${name}"; known: ${metricNames.join(", ")}` };
  }
  const parsed = metricRefObjectSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    return { ok: false, message: `"${text}": ${field ? `${field} ` : ""}${issue?.message}` };
  }
  return { ok: true, ref: parsed.data };
};

/**
 * Either spelling in; always the object out. The branch is chosen by the
 * input's type, so a bad string says why instead of a bare "Invalid input".
 * OpenAPI generators document a transform by its input, hence the description.
 */
export const metricRefSchema = z
  .unknown()
  .describe(
    'A metric: "activeUsers:30d", "eventCount:30d:<event>", "daysSinceLastSeen", … or the same as an object, e.g. { "name": "activeUsers", "windowDays": 30 }',
  )
  .transform((value, ctx): MetricRef => {
    if (typeof value === "string") {
      const parsed = parseMetricKey(value);
      if (parsed.ok) return parsed.ref;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    const parsed = metricRefObjectSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<MetricRef, string | z.input<typeof metricRefObjectSchema>>;
export type MetricRefInput = z.input<typeof metricRefSchema>;

/**
 * Metric values of one account on one day, keyed by metricKey. A metric that
 * cannot be told (no seats to divide by, no NPS yet) is null or absent, and
 * evaluators treat both as missing.
 */
export type MetricValues = Readonly<Record<string, number | null | undefined>>;

/** A metric's value, or null when missing (absent, null or not a finite number). */
export const readMetric = (values: MetricValues, ref: MetricRef): number | null => {
  const value = values[metricKey(ref)];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
};

export type MetricUnit = "count" | "days" | "percent" | "money" | "level" | "score" | "none";

export const metricUnit = (ref: MetricRef): MetricUnit => {
  switch (ref.name) {
    case "seatUtilisation":
    case "eventCountChange":
    case "activeUsersChange":
    case "openKpiProgress":
      return "percent";
    case "activeDays":
    case "daysSinceLastSeen":
    case "daysSinceEvaluatorMeeting":
    case "daysToRenewal":
    case "tenureDays":
      return "days";
    case "mrr":
      return "money";
    case "maturityLevel":
      return "level";
    case "lastNps":
      return "score";
    case "custom":
      return "none";
    default:
      return "count";
  }
};

/**
 * What a metric means, in the user's language, for rule descriptions and the
 * scorecard editor; events and products by the workspace's names for them.
 */
export const describeMetric = (
  ref: MetricRef,
  lang: DisplayLanguage,
  labels?: UsageLabels,
): string => {
  const ja = lang === "ja";
  const event = (name: string) => displayNameOf(labels, "event", name, lang);
  switch (ref.name) {
    case "eventCount":
      return ja
        ? `${ref.windowDays}日間の「${event(ref.event)}」の回数`
        : `"${event(ref.event)}" events in ${ref.windowDays} days`;
    case "totalEvents":
      return ja ? `${ref.windowDays}日間のイベント数` : `events in ${ref.windowDays} days`;
    case "distinctEvents":
      return ja
        ? `${ref.windowDays}日間に使われたイベントの種類`
        : `kinds of events used in ${ref.windowDays} days`;
    case "activeUsers":
      return ja
        ? `${ref.windowDays}日間のアクティブユーザー数`
        : `active users in ${ref.windowDays} days`;
    case "activeDays":
      return ja ? `${ref.windowDays}日間の利用日数` : `active days in ${ref.windowDays} days`;
    case "seatUtilisation":
      return ja
        ? `${ref.windowDays}日間のライセンス利用率`
        : `share of licensed seats active in ${ref.windowDays} days`;
    case "eventCountChange": {
      const what = ref.event === undefined ? null : event(ref.event);
      if (ja) {
        return `${what === null ? "イベント数" : `「${what}」の回数`}の前の${ref.windowDays}日間比`;
      }
      return `change in ${what === null ? "events" : `"${what}" events`} vs the previous ${ref.windowDays} days`;
    }
    case "eventsPerActiveUser": {
      const what = ref.event === undefined ? null : event(ref.event);
      return ja
        ? `${ref.windowDays}日間のアクティブユーザー1人あたりの${what === null ? "イベント数" : `「${what}」の回数`}`
        : `${what === null ? "events" : `"${what}" events`} per active user in ${ref.windowDays} days`;
    }
    case "eventsPerSeat": {
      const what = ref.event === undefined ? null : event(ref.event);
      return ja
        ? `${ref.windowDays}日間のライセンス1つあたりの${what === null ? "イベント数" : `「${what}」の回数`}`
        : `${what === null ? "events" : `"${what}" events`} per licensed seat in ${ref.windowDays} days`;
    }
    case "activeUsersChange":
      return ja
        ? `アクティブユーザー数の前の${ref.windowDays}日間比`
        : `change in active users vs the previous ${ref.windowDays} days`;
    case "daysSinceLastSeen":
      return ja ? "最終利用からの日数" : "days since last seen";
    case "openKpiProgress":
      return ja ? "実行中のサクセスプランのKPI進捗" : "KPI progress of the active success plan";
    case "lastNps":
      return ja ? "直近のNPS" : "last NPS";
    case "daysSinceEvaluatorMeeting":
      return ja ? "評価者との最後の会議からの日数" : "days since the last evaluator meeting";
    case "daysToRenewal":
      return ja ? "更新日までの日数" : "days to renewal";
    case "mrr":
      return "MRR";
    case "licensedSeats":
      return ja ? "契約ライセンス数" : "licensed seats";
    case "tenureDays":
      return ja ? "契約開始からの日数" : "days since the first contract began";
    case "maturityLevel": {
      if (ref.product === undefined) return ja ? "成熟度レベル" : "maturity level";
      const product = displayNameOf(labels, "product", ref.product, lang);
      return ja ? `${product} の成熟度レベル` : `maturity level of ${product}`;
    }
    case "custom":
      return ref.key;
  }
};
