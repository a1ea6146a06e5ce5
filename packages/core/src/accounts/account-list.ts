import { healthBands } from "../health/scorecard";

/** How the accounts list can be sorted (a leading "-" is descending); the API and the web share it. */
export const accountSorts = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "healthScore",
  "-healthScore",
] as const;
export type AccountSort = (typeof accountSorts)[number];

/** The accounts list's health filter; none: no score (never scored, or too little data for one). */
export const accountBandFilters = [...healthBands, "none"] as const;
export type AccountBandFilter = (typeof accountBandFilters)[number];
