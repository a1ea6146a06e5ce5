/*
 * An account's name reading (フリガナ), as Japanese CRMs keep it: katakana,
 * without the legal form (株式会社 is not read). Stored normalised so that
 * sorting by it in code point order is 五十音 order on either database, with
 * no ICU collation (PGlite has none), and so that a search typed in hiragana
 * or half-width katakana finds it. Unlike a dictionary (JIS X 4061), a voiced
 * kana sorts after every word of its unvoiced one (カモメ before ガクシュウ):
 * the か row stays together, which is what a list is scanned by.
 */

const HIRAGANA_FIRST = 0x3041;
const HIRAGANA_LAST = 0x3096;
/** Katakana are the hiragana's code points + 0x60. */
const KATAKANA_OFFSET = 0x60;

/**
 * A reading as stored and searched: NFKC (half-width katakana and full-width
 * Latin to their usual forms), hiragana to katakana, spaces collapsed.
 */
export const normalizeNameReading = (text: string): string => {
  let out = "";
  for (const char of text.normalize("NFKC")) {
    const code = char.codePointAt(0) ?? 0;
    out +=
      code >= HIRAGANA_FIRST && code <= HIRAGANA_LAST
        ? String.fromCodePoint(code + KATAKANA_OFFSET)
        : char;
  }
  return out.replace(/\s+/g, " ").trim();
};
