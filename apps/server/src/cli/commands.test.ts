import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { healthScores } from "../db/schema";
import { buildAccounts } from "../seed/factories";
import { buildWorkspace, createTestContext, signIn, type TestContext } from "../test/context";
import { type CommandDeps, runCommand } from "./commands";

/**
 * The command functions themselves, in-process: what each prints and how it
 * fails. cli.test.ts runs the real CLI (both ways of reaching the database).
 */
let ctx: TestContext;
let deps: CommandDeps;
let slug: string;

beforeAll(async () => {
  ctx = await createTestContext();
  deps = { db: ctx.db, auth: ctx.auth, migrate: async () => 0 };
  slug = (await buildWorkspace(ctx)).slug;
});

const run = (command: string, args: Record<string, unknown> = {}) =>
  runCommand(deps, { command, args });

const csv = (text: string) => Buffer.from(text).toString("base64");

describe("CLI commands", () => {
  it("creates a workspace, and refuses a bad or taken slug with a sentence", async () => {
    // Unique: on PostgreSQL the test database outlives the run.
    const acme = `acme-${crypto.randomUUID().slice(0, 8)}`;
    const created = await run("workspace create", { name: "Acme", slug: acme });
    expect(created).toMatchObject({ exitCode: 0, stderr: [] });
    expect(created.stdout[0]).toMatch(`Created workspace "Acme" (${acme})`);
    const taken = await run("workspace create", { name: "Acme", slug: acme });
    expect(taken).toEqual({
      stdout: [],
      stderr: [`Error: A workspace with the slug "${acme}" already exists.`],
      exitCode: 1,
    });
    const bad = await run("workspace create", { name: "X", slug: "Not Valid" });
    expect(bad.stderr).toEqual([
      'Error: The slug "Not Valid" is not valid.',
      "  slug: must be 1–50 lowercase letters, digits or dashes",
    ]);
    expect((await run("workspace list")).stdout.join("\n")).toContain(acme);
  });

  it("creates an API key printed alone on the last line, lists and revokes it by prefix", async () => {
    const created = await run("api-key create", { name: "CRM", workspace: slug });
    expect(created.exitCode).toBe(0);
    const key = created.stdout.at(-1) as string;
    expect(key).toMatch(/^michi_[\w-]{43}$/);
    const list = await run("api-key list", { workspace: slug });
    expect(list.stdout[0]).toMatch(/^ID\s+PREFIX\s+CREATED/);
    expect(list.stdout.join("\n")).not.toContain(key);
    const prefix = key.slice(0, 12);
    expect(list.stdout[1]).toContain(prefix);

    const revoked = await run("api-key revoke", { key: prefix, workspace: slug });
    expect(revoked.stdout[0]).toMatch(/^Revoked API key "CRM"/);
    expect((await run("api-key list", { workspace: slug })).stdout[1]).toContain("revoked");
    const unknown = await run("api-key revoke", { key: "michi_nope00", workspace: slug });
    expect(unknown.stderr).toEqual(["Error: There is no such API key in this workspace."]);
  });

  it("creates an admin key with --role admin, which may change the settings; csm by default", async () => {
    const { slug: ws } = await buildWorkspace(ctx);
    const admin = await run("api-key create", { name: "Backfill", role: "admin", workspace: ws });
    expect(admin.exitCode).toBe(0);
    expect(admin.stdout[0]).toMatch(/^Created API key "Backfill" \(.*\) with the admin role /);
    const plain = await run("api-key create", { name: "Sync", workspace: ws });
    expect(plain.stdout[0]).toContain("with the csm role");

    const recompute = (key: string) =>
      ctx.app.request("/api/v1/health/recompute?wait=true", {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await recompute(admin.stdout.at(-1) as string)).status).toBe(200);
    expect((await recompute(plain.stdout.at(-1) as string)).status).toBe(403);

    const list = await run("api-key list", { workspace: ws });
    expect(list.stdout[0]).toMatch(/\bSTATUS\s+ROLE\s+NAME$/);
    expect(list.stdout.slice(1).map((line) => line.split(/\s+/).slice(-2))).toEqual(
      expect.arrayContaining([
        ["admin", "Backfill"],
        ["csm", "Sync"],
      ]),
    );
  });

  it("creates a user with a generated password that signs in; adds an existing one", async () => {
    const email = `cli-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const created = await run("user create", { email, role: "manager", workspace: slug });
    expect(created.exitCode).toBe(0);
    expect(created.stdout[0]).toContain(`Created user ${email}`);
    const password = created.stdout.at(-1)?.split(": ")[1] as string;
    expect(await signIn(ctx, email, password)).toContain("session_token");

    const other = await buildWorkspace(ctx);
    const added = await run("user create", {
      email: email.toUpperCase(),
      role: "viewer",
      workspace: other.slug,
    });
    expect(added.stdout).toEqual([
      `Added the existing user ${email} to workspace "${other.name}" (${other.slug}) as viewer.`,
    ]);
  });

  it("fails with a sentence for user mistakes, never a stack", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["user create", { email: "x@example.test", role: "owner" }, "  role: "],
      ["user create", { email: "nope", role: "csm" }, '"nope" is not an email address'],
      [
        "user create",
        { email: "short@example.test", role: "csm", password: "short" },
        "at least 8",
      ],
      [
        "api-key create",
        { name: "x", workspace: "missing" },
        'no workspace with the slug "missing"',
      ],
      ["api-key create", { name: "  " }, "needs a name"],
      ["api-key create", { name: "x", role: "owner" }, "  role: "],
      ["frobnicate", {}, "not a command Michi knows"],
    ];
    for (const [command, args, message] of cases) {
      const outcome = await run(command, args);
      expect(outcome.exitCode, command).toBe(1);
      expect(outcome.stderr.join("\n")).toContain(message);
      expect(outcome.stderr.join("\n")).not.toMatch(/\bat .*:\d+:\d+/);
    }
  });

  it("imports a CSV: a dry run lists problems by row and field; a real run stores", async () => {
    const bad = "externalId,name,touchModel\nc-1,Alpha,high\nc-2,,medium\n";
    const dry = await run("import", {
      entity: "accounts",
      file: "accounts.csv",
      base64: csv(bad),
      dryRun: true,
      workspace: slug,
    });
    expect(dry.exitCode).toBe(1);
    expect(dry.stdout[0]).toMatch(/^Dry run of accounts.csv .*: 2 rows; would create 1/);
    expect(dry.stdout).toContain("  row 3, name: is required");
    expect(dry.stdout.some((l) => l.startsWith("  row 3, touchModel: "))).toBe(true);

    const refused = await run("import", {
      entity: "accounts",
      file: "accounts.csv",
      base64: csv(bad),
      dryRun: false,
      workspace: slug,
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr[0]).toMatch(/^Error: The file has 2 problems; nothing was imported/);
    expect(refused.stderr).toContain("  row 3, name: is required");

    const good = await run("import", {
      entity: "accounts",
      file: "accounts.csv",
      base64: csv("externalId,name\nc-1,Alpha\nc-2,Beta\n"),
      dryRun: false,
      workspace: slug,
    });
    expect(good).toMatchObject({ exitCode: 0, stderr: [] });
    expect(good.stdout[0]).toMatch(/2 rows, 2 accounts created, 0 updated\.$/);

    // Excel's plain "CSV" is Shift_JIS: 外部ID,顧客名 / a-1,あ
    const shiftJis = await run("import", {
      entity: "accounts",
      file: "sjis.csv",
      base64: Buffer.from([
        ...[0x8a, 0x4f, 0x95, 0x94, 0x49, 0x44, 0x2c, 0x8c, 0xda, 0x8b, 0x71, 0x96, 0xbc, 0x0a],
        ...[0x61, 0x2d, 0x31, 0x2c, 0x82, 0xa0, 0x0a],
      ]).toString("base64"),
      dryRun: true,
      workspace: slug,
    });
    expect(shiftJis).toMatchObject({ exitCode: 0, stderr: [] });
    expect(shiftJis.stdout[0]).toMatch(/1 row; would create 1, update 0/);
    const broken = await run("import", {
      entity: "accounts",
      file: "broken.csv",
      base64: Buffer.from([0x82, 0x0a]).toString("base64"),
      dryRun: true,
    });
    expect(broken.stderr[0]).toContain("neither UTF-8 nor Shift_JIS");
  });

  it("imports a CRM file by --columns, and rows without IDs by --match-by", async () => {
    const workspace = await buildWorkspace(ctx);
    const first = await run("import", {
      entity: "accounts",
      file: "crm.csv",
      base64: csv("取引先名称,社内メモ,コード\n北斗精機株式会社,x,crm-1\n湊運輸株式会社,y,\n"),
      dryRun: false,
      matchBy: "name",
      columns: "name,,externalId",
      workspace: workspace.slug,
    });
    expect(first).toMatchObject({ exitCode: 0, stderr: [] });
    expect(first.stdout[0]).toMatch(/2 accounts created, 0 updated\.$/);
    // The same rows again, the one without a code found by its name: nothing new.
    const again = await run("import", {
      entity: "accounts",
      file: "crm.csv",
      base64: csv("取引先名称,社内メモ,コード\n北斗精機株式会社,x,crm-1\n湊運輸株式会社,y,\n"),
      dryRun: false,
      matchBy: "name",
      columns: "name,,externalId",
      workspace: workspace.slug,
    });
    expect(again.stdout[0]).toMatch(/0 accounts created, 2 updated\.$/);
    // A mapping that does not fit the file, or a match a file cannot use: a sentence, exit 1.
    const short = await run("import", {
      entity: "accounts",
      file: "crm.csv",
      base64: csv("取引先名称,コード\nA,a-1\n"),
      dryRun: true,
      columns: "name",
      workspace: workspace.slug,
    });
    expect(short.exitCode).toBe(1);
    expect(short.stderr.join("\n")).toContain("columns: maps 1 columns, and the file has 2");
    const wrong = await run("import", {
      entity: "accounts",
      file: "crm.csv",
      base64: csv("externalId,name\na-1,A\n"),
      dryRun: true,
      matchBy: "email",
      workspace: workspace.slug,
    });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr.join("\n")).toContain("matchBy");
  });

  it("recomputes every account of one workspace, or of all; a bad slug is a sentence", async () => {
    const workspace = await buildWorkspace(ctx);
    const accounts = await buildAccounts(
      ctx.db,
      [1, 2, 3].map(() => ({ workspaceId: workspace.id })),
    );
    const one = await run("recompute", { workspace: workspace.slug });
    expect(one).toMatchObject({ exitCode: 0, stderr: [] });
    expect(one.stdout).toHaveLength(1);
    expect(one.stdout[0]).toMatch(/^Recomputed 3 accounts in 1 workspace in \d+\.\d s\.$/);
    const scored = await ctx.db
      .select({ accountId: healthScores.accountId })
      .from(healthScores)
      .where(eq(healthScores.workspaceId, workspace.id));
    expect(scored.map((r) => r.accountId).sort()).toEqual(accounts.map((a) => a.id).sort());

    const unknown = await run("recompute", { workspace: "no-such-workspace" });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toEqual([]);
    expect(unknown.stderr[0]).toMatch(
      /^Error: There is no workspace with the slug "no-such-workspace"\./,
    );

    // Every workspace: only on this file's own database (PostgreSQL's is shared).
    if (ctx.kind === "pglite") {
      const all = await run("recompute");
      const workspaces = (await run("workspace list")).stdout.length - 1;
      expect(all.stdout[0]).toMatch(
        new RegExp(`^Recomputed \\d+ accounts in ${workspaces} workspaces in \\d+\\.\\d s\\.$`),
      );
    }
  });

  it("backfills past days of one workspace; a bad range is refused with its reasons", async () => {
    const workspace = await buildWorkspace(ctx);
    await buildAccounts(
      ctx.db,
      [1, 2].map(() => ({ workspaceId: workspace.id, createdAt: new Date("2026-01-01") })),
    );
    const done = await run("recompute", {
      workspace: workspace.slug,
      from: "2026-03-01",
      to: "2026-03-10",
      every: "3",
    });
    expect(done).toMatchObject({ exitCode: 0, stderr: [] });
    expect(done.stdout[0]).toMatch(
      /^Backfilled 8 daily scores over 4 days \(2026-03-01 to 2026-03-10, every 3\) in 1 workspace in \d+\.\d s\.$/,
    );
    const days = await ctx.db
      .selectDistinct({ day: healthScores.day })
      .from(healthScores)
      .where(eq(healthScores.workspaceId, workspace.id));
    expect(days.map((row) => row.day).sort()).toEqual([
      "2026-03-01",
      "2026-03-04",
      "2026-03-07",
      "2026-03-10",
    ]);
    const backwards = await run("recompute", {
      workspace: workspace.slug,
      from: "2026-03-10",
      to: "2026-03-01",
    });
    expect(backwards.exitCode).toBe(1);
    expect(backwards.stderr).toEqual([
      "Error: The days to backfill are not valid.",
      "  from: must not be after to (2026-03-01)",
    ]);
    const half = await run("recompute", { workspace: workspace.slug, from: "2026-03-10" });
    expect(half.exitCode).toBe(1);
    expect(half.stderr[0]).toBe("Error: A backfill needs both --from and --to.");
    const notADate = await run("recompute", {
      workspace: workspace.slug,
      from: "March",
      to: "2026-03-01",
    });
    expect(notADate.exitCode).toBe(1);
    expect(notADate.stderr.join("\n")).toContain("must be a date as YYYY-MM-DD");
  });

  it("reports migrations", async () => {
    expect((await run("migrate")).stdout).toEqual(["The database is already up to date."]);
    const withPending = await runCommand(
      { ...deps, migrate: async () => 2 },
      { command: "migrate", args: {} },
    );
    expect(withPending.stdout).toEqual(["Applied 2 migrations; the database is up to date."]);
  });
});
