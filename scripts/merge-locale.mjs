// Dev tool: deep-merges a partial translation file into a locale file, so
// several people (or helpers) can add keys without rewriting each other's.
// Usage: flock /tmp/locales.lock node scripts/merge-locale.mjs apps/web/src/locales/ja.json partial.json
import { readFileSync, writeFileSync } from "node:fs";

const [target, partial] = process.argv.slice(2);
if (!target || !partial) {
  console.error("usage: node scripts/merge-locale.mjs <locale.json> <partial.json>");
  process.exit(1);
}
const merge = (into, from, path) => {
  for (const [key, value] of Object.entries(from)) {
    const here = [...path, key].join(".");
    if (value !== null && typeof value === "object") {
      if (into[key] !== undefined && (typeof into[key] !== "object" || into[key] === null)) {
        throw new Error(`${here} is a string in ${target}, an object in ${partial}`);
      }
      into[key] ??= {};
      merge(into[key], value, [...path, key]);
    } else {
      into[key] = value;
    }
  }
};
const locale = JSON.parse(readFileSync(target, "utf8"));
merge(locale, JSON.parse(readFileSync(partial, "utf8")), []);
writeFileSync(target, `${JSON.stringify(locale, null, 2)}\n`);
