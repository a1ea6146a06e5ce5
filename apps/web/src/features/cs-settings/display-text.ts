import type { DisplayLanguage, DisplayText } from "@michi/core";

/** Both languages, for the two inputs; a plain text fills both. */
export type TextDraft = { ja: string; en: string };

export const toDraft = (text: DisplayText | undefined): TextDraft =>
  text === undefined
    ? { ja: "", en: "" }
    : typeof text === "string"
      ? { ja: text, en: text }
      : text;

/**
 * What is saved: one language written → a plain text everyone sees; both
 * written and equal → the plain text; both empty → undefined (optional texts).
 */
export const fromDraft = (draft: TextDraft): DisplayText | undefined => {
  const ja = draft.ja.trim();
  const en = draft.en.trim();
  if (ja === "" && en === "") return undefined;
  if (ja === "" || en === "" || ja === en) return ja || en;
  return { ja, en };
};

export const uiLanguage = (language: string | undefined): DisplayLanguage =>
  language?.startsWith("ja") ? "ja" : "en";

/**
 * Every {ja, en} text in a settings value as it will be saved (see fromDraft):
 * run before validating, so "English left blank" is not an error.
 */
export const normaliseTexts = <T>(value: T): T => {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== "object" || node === null) return node;
    const keys = Object.keys(node);
    const record = node as Record<string, unknown>;
    if (keys.length === 2 && typeof record.ja === "string" && typeof record.en === "string") {
      return fromDraft({ ja: record.ja, en: record.en }) ?? "";
    }
    return Object.fromEntries(
      Object.entries(record)
        .filter(([, child]) => child !== undefined)
        .map(([key, child]) => [key, walk(child)]),
    );
  };
  return walk(value) as T;
};
