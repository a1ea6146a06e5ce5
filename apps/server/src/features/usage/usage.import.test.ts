import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../cli/commands";
import { usageDailyRollups, usageEvents } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
  buildWorkspace,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { importUsageEvents } from "./usage.import";

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), "michi-events-"));
});

const writeNdjson = (lines: string[]) => {
  const file = path.join(dir, `events-${uniqueSuffix()}.ndjson`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
};

const track = (n: number, groupId: string) =>
  JSON.stringify({
    type: "track",
    event: n % 2 === 0 ? "Report Exported" : "Data Imported",
    userId: `u-${n % 3}`,
    context: { groupId },
    messageId: `hist-${groupId}-${n}`,
    timestamp: `2026-03-0${1 + (n % 5)}T08:00:00.000Z`,
  });

describe("import events (NDJSON)", () => {
  it("streams a file in batches, skips duplicates and reports bad lines by number", async () => {
    const workspace = await buildWorkspace(ctx);
    const externalId = `org-${uniqueSuffix()}`;
    const account = await buildAccount(ctx.db, { workspaceId: workspace.id, externalId });
    const lines = Array.from({ length: 25 }, (_, n) => track(n, externalId));
    lines.splice(3, 0, "{not json");
    lines.splice(7, 0, JSON.stringify({ type: "track", userId: "u-1" }));
    lines.push(track(0, externalId)); // a retry of line 1
    lines.push("");
    const file = writeNdjson(lines);

    const outcome = await runCommand(
      { db: ctx.db, auth: ctx.auth, migrate: async () => 0 },
      {
        command: "import events",
        args: { file: "events.ndjson", path: file, workspace: workspace.slug },
      },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toEqual([
      `Imported events.ndjson into workspace "${workspace.name}" (${workspace.slug}): 29 lines, 25 events stored, 1 duplicate skipped, 2 bad lines.`,
      "  line 4: not valid JSON",
      "  line 8: event: Invalid input: expected string, received undefined",
    ]);

    const stored = await ctx.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspace.id));
    expect(stored).toHaveLength(25);
    const rollups = await ctx.db
      .select()
      .from(usageDailyRollups)
      .where(
        and(
          eq(usageDailyRollups.workspaceId, workspace.id),
          eq(usageDailyRollups.accountId, account.id),
        ),
      );
    const total = rollups.reduce(
      (sum, r) => sum + Object.values(r.eventCounts).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(25);
    expect(rollups.map((r) => r.day).sort()).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
    ]);
  });

  it("uses small batches the same way, and fails only when every line is bad", async () => {
    const workspace = await buildWorkspace(ctx);
    const lines = async function* () {
      for (let n = 0; n < 7; n++) yield track(n, "unknown-yet");
    };
    const result = await importUsageEvents(ctx.db, {
      workspaceId: workspace.id,
      lines: lines(),
      batchSize: 3,
    });
    expect(result).toEqual({ lines: 7, inserted: 7, duplicates: 0, errors: [] });

    const bad = await runCommand(
      { db: ctx.db, auth: ctx.auth, migrate: async () => 0 },
      {
        command: "import events",
        args: { file: "bad.ndjson", path: writeNdjson(["nope", "[]"]), workspace: workspace.slug },
      },
    );
    expect(bad.exitCode).toBe(1);
  });
});
