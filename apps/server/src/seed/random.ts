import type { Random } from "./factories";

/**
 * A small seeded PRNG (mulberry32) and the draws the demo seed needs. Same
 * seed, same sequence, on every platform and Node version.
 */
export const createRandom = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A child stream, so that drawing more in one place does not shift another. */
export const fork = (seed: number, key: number): Random =>
  createRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(key + 1, 0xc2b2ae35)) >>> 0);

/** An integer in [min, max], both included. */
export const int = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

export const pick = <T>(random: Random, items: readonly T[]): T => {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.floor(random() * items.length)] as T;
};

/** A shuffled copy (Fisher–Yates). */
export const shuffle = <T>(random: Random, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** `count` distinct items, in random order. */
export const sample = <T>(random: Random, items: readonly T[], count: number): T[] =>
  shuffle(random, items).slice(0, count);

/** A value in [min, max] from a Pareto law truncated at max: many small, a few large. */
export const pareto = (random: Random, min: number, max: number, alpha: number) => {
  const tail = 1 - (min / max) ** alpha;
  return min / (1 - random() * tail) ** (1 / alpha);
};
