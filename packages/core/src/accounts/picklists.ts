import { z } from "zod";
import { type DisplayLanguage, displayTextSchema, localizeText } from "../usage/display-text";

/*
 * A workspace's picklists for account fields that are words, not free text
 * (industry, segment): each option a stored value and its label in Japanese
 * and English, in the order offered. An empty list leaves the field free
 * text, as before a workspace defines one. A value stored before the list
 * changed stays on its account and shows as it is.
 */

export const accountPicklistFields = ["industry", "segment"] as const;
export type AccountPicklistField = (typeof accountPicklistFields)[number];

export const picklistOptionSchema = z.strictObject({
  value: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  label: displayTextSchema,
});
export type PicklistOption = z.infer<typeof picklistOptionSchema>;

const picklistSchema = z
  .array(picklistOptionSchema)
  .max(100, "must have at most 100 options")
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, index) => {
      const key = matchKey(option.value);
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "value"],
          message: `repeats "${option.value}"`,
        });
      }
      seen.add(key);
    });
  });

export const accountPicklistsSchema = z.strictObject({
  industry: picklistSchema,
  segment: picklistSchema,
});
export type AccountPicklists = z.infer<typeof accountPicklistsSchema>;

/** Where a workspace starts: both fields free text. */
export const emptyAccountPicklists: AccountPicklists = { industry: [], segment: [] };

/** Compared as a person means it: width (NFKC), case and surrounding spaces aside. */
const matchKey = (text: string) => text.normalize("NFKC").trim().toLowerCase();

/**
 * The option a text names, by its value or its label in either language
 * (what a CSV from another tool or a person typing writes); undefined if none.
 */
export const findPicklistOption = (
  options: readonly PicklistOption[],
  text: string,
): PicklistOption | undefined => {
  const key = matchKey(text);
  return (
    options.find((option) => matchKey(option.value) === key) ??
    options.find((option) =>
      (["ja", "en"] as const).some((lang) => matchKey(localizeText(option.label, lang)) === key),
    )
  );
};

/**
 * The value to store for a text given to a picklist field: the option's value,
 * the text itself when the list is empty (free text), or an error message.
 */
export const resolvePicklistValue = (
  options: readonly PicklistOption[],
  text: string,
): { value: string } | { error: string; options: string[] } => {
  if (options.length === 0) return { value: text };
  const option = findPicklistOption(options, text);
  return option
    ? { value: option.value }
    : {
        error: `must be one of the workspace's options: ${options.map((o) => o.value).join(", ")}`,
        options: options.map((o) => o.value),
      };
};

/** A stored value as a person reads it: its option's label, or the value itself if none. */
export const picklistLabel = (
  options: readonly PicklistOption[],
  value: string,
  lang: DisplayLanguage,
): string => {
  const option = options.find((o) => o.value === value);
  return option ? localizeText(option.label, lang) : value;
};
