import { healthBands } from "../health/scorecard";

/**
 * How the accounts list can be sorted (a leading "-" is descending); the API
 * and the web share it. name sorts by the name's reading when there is one
 * (五十音 order), else by the name; mrr is the active contracts' MRR in the
 * workspace's main currency; renewalOn the next end date of an active
 * contract (none last, either way).
 */
export const accountSorts = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "healthScore",
  "-healthScore",
  "mrr",
  "-mrr",
  "renewalOn",
  "-renewalOn",
] as const;
export type AccountSort = (typeof accountSorts)[number];

/** The accounts list's health filter; none: no score (never scored, or too little data for one). */
export const accountBandFilters = [...healthBands, "none"] as const;
export type AccountBandFilter = (typeof accountBandFilters)[number];
