import { describe, expect, it } from "vitest";
import en from "./en.json";
import ja from "./ja.json";

type Tree = { [key: string]: string | Tree };

const flatten = (tree: Tree, prefix = ""): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
};

const enKeys = flatten(en);
const jaKeys = flatten(ja);

/** i18next's plural forms ("loaded_one", "loaded_other") are used as "loaded". */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("locales", () => {
  it("ja.json and en.json have exactly the same keys", () => {
    expect([...jaKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it("has no empty values", () => {
    for (const [key, value] of [...enKeys, ...jaKeys]) {
      expect(value.trim(), key).not.toBe("");
    }
  });

  it("uses the same {{placeholders}} in both languages", () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/{{\s*(\w+)[^}]*}}/g)].map((match) => match[1]).sort();
    for (const [key, value] of enKeys) {
      expect(placeholders(jaKeys.get(key) ?? ""), key).toEqual(placeholders(value));
    }
  });

  it('has every key the source code asks for with a literal t("…")', () => {
    const sources = import.meta.glob("../**/*.{ts,tsx}", {
      query: "?raw",
      import: "default",
      eager: true,
    }) as Record<string, string>;
    const known = new Set([...enKeys.keys()].map(baseKey));
    const missing: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith(".test.ts") || file.endsWith(".test.tsx")) continue;
      for (const match of text.matchAll(/\bt\(\s*"([\w.]+)"/g)) {
        const key = match[1] ?? "";
        checked += 1;
        if (!known.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
