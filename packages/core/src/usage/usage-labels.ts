import { z } from "zod";
import type { DisplayLanguage } from "./display-text";
import type { MetricRef } from "./metric-ref";

/*
 * Display names a workspace gives to the event names its product sends
 * (Segment's `event`, e.g. "document_created") and to its product keys (as in
 * maturityLevel:<product>, e.g. "docs"), in Japanese and English. Rules and
 * maturity conditions are still written and stored with the raw names; the
 * screens show these names instead. A name without a label shows as it is.
 */

export const usageLabelKinds = ["event", "product"] as const;
export type UsageLabelKind = (typeof usageLabelKinds)[number];

export const USAGE_LABELS_MAX_EVENTS = 1000;
export const USAGE_LABELS_MAX_PRODUCTS = 100;

const labelText = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

/** Either language may be left out: a team that works in one need not write the other. */
export const usageLabelSchema = z.strictObject({
  ja: labelText.optional(),
  en: labelText.optional(),
});
export type UsageLabel = z.infer<typeof usageLabelSchema>;

// The same limits as the names rules may hold (metric-ref.ts, maturity.ts).
const eventKey = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
const productKey = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1 to 64 letters, digits, _, . or -");

export const usageLabelsSchema = z.strictObject({
  events: z
    .record(eventKey, usageLabelSchema)
    .refine(
      (events) => Object.keys(events).length <= USAGE_LABELS_MAX_EVENTS,
      `must name at most ${USAGE_LABELS_MAX_EVENTS} events`,
    ),
  products: z
    .record(productKey, usageLabelSchema)
    .refine(
      (products) => Object.keys(products).length <= USAGE_LABELS_MAX_PRODUCTS,
      `must name at most ${USAGE_LABELS_MAX_PRODUCTS} products`,
    ),
});
export type UsageLabels = z.infer<typeof usageLabelsSchema>;

/** Where a workspace starts: every name shown as sent. */
export const emptyUsageLabels: UsageLabels = { events: {}, products: {} };

const otherLanguage = { ja: "en", en: "ja" } as const;

/**
 * An event's or product's name as people read it: its label in the language,
 * else in the other one (better than a code), else the raw name itself.
 */
export const displayNameOf = (
  labels: UsageLabels | undefined,
  kind: UsageLabelKind,
  key: string,
  lang: DisplayLanguage,
): string => {
  const entries = kind === "event" ? labels?.events : labels?.products;
  // Own keys only: an event may well be called "constructor".
  const label = entries && Object.hasOwn(entries, key) ? entries[key] : undefined;
  return label?.[lang] ?? label?.[otherLanguage[lang]] ?? key;
};

/** The event names and product keys some metrics read, each once, in order. */
export const usageKeysOfMetrics = (
  refs: readonly MetricRef[],
): { events: string[]; products: string[] } => {
  const events = new Set<string>();
  const products = new Set<string>();
  for (const ref of refs) {
    if ("event" in ref && ref.event !== undefined) events.add(ref.event);
    if (ref.name === "maturityLevel" && ref.product !== undefined) products.add(ref.product);
  }
  return { events: [...events], products: [...products] };
};
