import type { HealthBand, HealthResult } from "@michi/core";
import type { StoredHealthMeasure } from "../db/schema";

/* Pure: a computed score as upsertHealthScores writes it (the decide worker builds these too). */

/** A computed score's measures as stored (compact, without names: migration 0009). */
export const toStoredMeasures = (health: HealthResult): StoredHealthMeasure[] =>
  health.measures.map((m) => [m.key, m.value, m.points, m.weight, m.contribution]);

export type HealthScoreRow = {
  accountId: string;
  score: number | null;
  band: HealthBand | null;
  coverage: number;
  measures: StoredHealthMeasure[];
  scorecardKey: string;
};

/** A score as upsertHealthScores writes it: a line of tab-separated fields. */
export const healthScoreLine = (row: HealthScoreRow): string =>
  `${row.accountId}\t${row.score ?? ""}\t${row.band ?? ""}\t${row.coverage}\t${JSON.stringify(row.measures)}\t${row.scorecardKey}`;
