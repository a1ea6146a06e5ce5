import { readFile } from "node:fs/promises";
import path from "node:path";
import { defaultScorecard, scorecardSchema } from "@michi/core";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../../db/client";
import type { CsModel } from "../../recompute";
import { buildAccount } from "../../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../../test/context";
import { readStoredMeasures, storedScorecardOf } from "./stored-measures";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const mine = scorecardSchema.parse({
  name: { ja: "自社", en: "Ours" },
  measures: [
    {
      kind: "metric",
      key: "usage",
      name: { ja: "利用", en: "Usage" },
      metric: "activeUsers:30d",
      scoring: { kind: "linear", from: 0, to: 10 },
      weight: 100,
    },
  ],
});
const model = { scorecards: [{ key: "mine", scorecard: mine }] } as unknown as CsModel;

describe("readStoredMeasures", () => {
  it("names each measure from the scorecard the score names, or by its key when gone", () => {
    expect(
      readStoredMeasures(model, "mine", [
        ["usage", 4, 40, 100, 40],
        ["removed", 1, 10, 0, 0],
      ]),
    ).toEqual([
      {
        measure: "usage",
        name: { ja: "利用", en: "Usage" },
        kind: "metric",
        metric: "activeUsers:30d",
        value: 4,
        points: 40,
        weight: 100,
        contribution: 40,
      },
      {
        measure: "removed",
        name: "removed",
        kind: null,
        metric: null,
        value: 1,
        points: 10,
        weight: 0,
        contribution: 0,
      },
    ]);
    // A scorecard since removed: every measure by its key.
    expect(readStoredMeasures(model, "gone", [["usage", 4, 40, 100, 40]])[0]?.name).toBe("usage");
    // Core's default, also for rows from before scores named their scorecard.
    const first = defaultScorecard.measures[0]!;
    for (const key of ["default", null]) {
      expect(storedScorecardOf(model, key)).toBe(defaultScorecard);
      expect(readStoredMeasures(model, key, [[first.key, 1, 1, 1, 1]])[0]?.name).toEqual(
        first.name,
      );
    }
  });
});

describe("migration 0009", () => {
  it("turns stored measure objects into [measure, value, points, weight, contribution], in order", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    const before = [
      {
        measure: "b",
        name: { ja: "び", en: "B" },
        value: null,
        points: null,
        weight: 5,
        contribution: 0,
      },
      { measure: "a", name: "A", value: 3.5, points: 70, weight: 10, contribution: 12 },
    ];
    const migration = await readFile(
      path.join(migrationsFolder, "0009_health_measures_compact.sql"),
      "utf8",
    );
    // Run on a temporary table shaped as health_scores was then (measures jsonb; json since
    // 0013), which the unqualified name in the migration resolves to first.
    const rows = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table health_scores
        (like public.health_scores including defaults) on commit drop`);
      await tx.execute(sql`alter table pg_temp.health_scores
        alter column measures type jsonb using measures::text::jsonb`);
      // A row as written before the migration (objects with names), and one already compact.
      await tx.execute(sql`insert into pg_temp.health_scores
        (workspace_id, account_id, day, score, band, coverage, measures)
        values (${workspaceId}, ${account.id}, '2026-01-01', 12, 'red', 1, ${JSON.stringify(before)}::jsonb),
          (${workspaceId}, ${account.id}, '2026-01-02', 40, 'red', 1, '[["a", 1, 2, 3, 4]]'::jsonb)`);
      await tx.execute(sql.raw(migration));
      return (
        (await tx.execute(
          sql`select to_char(day, 'YYYY-MM-DD') as day, measures::text as measures
          from pg_temp.health_scores order by day`,
        )) as unknown as { rows: { day: string; measures: string }[] }
      ).rows.map((row) => ({ day: row.day, measures: JSON.parse(row.measures) as unknown }));
    });
    expect(rows).toEqual([
      {
        day: "2026-01-01",
        measures: [
          ["b", null, null, 5, 0],
          ["a", 3.5, 70, 10, 12],
        ],
      },
      // Already compact: left as it was.
      { day: "2026-01-02", measures: [["a", 1, 2, 3, 4]] },
    ]);
  });
});
