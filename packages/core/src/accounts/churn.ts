import { z } from "zod";
import { displayTextSchema } from "../usage/display-text";
import { addCalendarDays } from "../usage/metrics";
import type { ContractRecord } from "./account-history";

/*
 * Churn as data: the outcome a health score must predict. An account has
 * churned when its contracts ended with nothing after them, or when a person
 * says so (with a reason from the workspace's list). Downgrades are MRR
 * contractions between contract periods.
 */

export const churnSources = ["contracts", "manual"] as const;
export type ChurnSource = (typeof churnSources)[number];

export const churnReasonKeySchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, "must be 1 to 40 lowercase letters, digits or -");

export const churnReasonSchema = z.strictObject({
  key: churnReasonKeySchema,
  label: displayTextSchema,
});
export type ChurnReason = z.infer<typeof churnReasonSchema>;

/** A workspace's churn reasons, in the order they are offered; keys unique. */
export const churnReasonsSchema = z
  .array(churnReasonSchema)
  .min(1, "must have at least one reason")
  .max(30)
  .superRefine((reasons, ctx) => {
    const seen = new Set<string>();
    reasons.forEach((reason, index) => {
      if (seen.has(reason.key)) {
        ctx.addIssue({ code: "custom", path: [index, "key"], message: `repeats "${reason.key}"` });
      }
      seen.add(reason.key);
    });
  });

/** Where a workspace starts: the reasons B2B SaaS teams most often record. */
export const defaultChurnReasons: ChurnReason[] = [
  {
    key: "no-value",
    label: { ja: "成果が出なかった・定着しなかった", en: "No value realised / not adopted" },
  },
  { key: "champion-left", label: { ja: "推進者の異動・退職", en: "Champion left" } },
  { key: "price", label: { ja: "価格・費用対効果", en: "Price / value for money" } },
  { key: "product-gap", label: { ja: "機能不足", en: "Missing capabilities" } },
  { key: "competitor", label: { ja: "競合製品への乗り換え", en: "Moved to a competitor" } },
  { key: "budget-cut", label: { ja: "予算削減", en: "Budget cut" } },
  {
    key: "business-change",
    label: { ja: "事業の縮小・終了・統合", en: "Business closed, shrank or merged" },
  },
  { key: "other", label: { ja: "その他", en: "Other" } },
];

/** What runs on or after `day`: a contract not yet ended, or one signed to start. */
const runsOnOrAfter = (contract: ContractRecord, day: string): boolean =>
  contract.status === "pending" ||
  (contract.status === "active" && (contract.endDate === null || contract.endDate >= day));

/**
 * The day an account churned by its contracts, as of `today`: the last end
 * date of its contracts when none of them still runs or is signed to start
 * (no renewal or successor), the end being before today. Null while any
 * contract runs, or without contracts, or when no ended contract has an end
 * date (there is no telling when it stopped).
 */
export const churnFromContracts = (
  contracts: readonly ContractRecord[],
  today: string,
): string | null => {
  let lastEnd: string | null = null;
  for (const contract of contracts) {
    if (runsOnOrAfter(contract, today)) return null;
    if (contract.endDate !== null && (lastEnd === null || contract.endDate > lastEnd)) {
      lastEnd = contract.endDate;
    }
  }
  // Ending later (notice given, the contract marked churned ahead): not churned yet.
  return lastEnd !== null && lastEnd < today ? lastEnd : null;
};

export type MrrChangeKind = "new" | "expansion" | "contraction" | "churn" | "reactivation";

/** A day the account's MRR (in the main currency, minor units) changed, and how. */
export type MrrChange = { day: string; before: number; after: number; kind: MrrChangeKind };

/**
 * The account's MRR movements from its contract periods: on each day a
 * contract starts or the day after one ends, the MRR in force before and
 * after (contracts in `currency` only; pending ones not counted). A move
 * from 0 is new (reactivation after a churn), to 0 a churn, otherwise an
 * expansion or a contraction (a downgrade).
 */
export const mrrChanges = (
  contracts: readonly ContractRecord[],
  currency: string | null,
): MrrChange[] => {
  const counted = contracts.filter((c) => c.status !== "pending" && c.currency === currency);
  const days = new Set<string>();
  for (const c of counted) {
    days.add(c.startDate);
    if (c.endDate !== null) days.add(addCalendarDays(c.endDate, 1));
  }
  const mrrOn = (day: string) =>
    counted.reduce(
      (sum, c) =>
        c.startDate <= day && (c.endDate === null || c.endDate >= day) ? sum + c.mrrMinor : sum,
      0,
    );
  const changes: MrrChange[] = [];
  let churned = false;
  for (const day of [...days].sort()) {
    const before = mrrOn(addCalendarDays(day, -1));
    const after = mrrOn(day);
    if (before === after) continue;
    const kind: MrrChangeKind =
      before === 0
        ? churned
          ? "reactivation"
          : "new"
        : after === 0
          ? "churn"
          : after > before
            ? "expansion"
            : "contraction";
    if (kind === "churn") churned = true;
    changes.push({ day, before, after, kind });
  }
  return changes;
};
