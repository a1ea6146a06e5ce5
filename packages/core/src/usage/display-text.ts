import { z } from "zod";
import type { LocalizedText } from "../success-plan/plan-check-codes";

/** The languages we ship; the UI shows the user's. */
export type DisplayLanguage = keyof LocalizedText;

/**
 * A name or description a workspace writes: both languages, or one plain text
 * shown to everyone (a workspace that works in one language should not have to
 * write the other).
 */
export const displayTextSchema = z.union([
  z.string().trim().min(1, "must not be empty").max(2000),
  z.strictObject({
    ja: z.string().trim().min(1, "must not be empty").max(2000),
    en: z.string().trim().min(1, "must not be empty").max(2000),
  }),
]);
export type DisplayText = z.infer<typeof displayTextSchema>;

/** The text in the user's language; a plain text is the same in both. */
export const localizeText = (text: DisplayText, lang: DisplayLanguage): string =>
  typeof text === "string" ? text : text[lang];
