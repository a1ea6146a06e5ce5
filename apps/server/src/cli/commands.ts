import {
  AppError,
  csvEntities,
  csvMatchKinds,
  defaultApiKeyRole,
  type FieldProblem,
  isAppError,
  isoDateSchema,
  workspaceRoles,
} from "@michi/core";
import { z } from "zod";
import type { Db } from "../db/client";
import { listApiKeys } from "../features/api-keys/api-keys.queries";
import { issueApiKey, revokeWorkspaceApiKey } from "../features/api-keys/api-keys.service";
import type { Auth } from "../features/auth/auth";
import { CSV_BODY_LIMIT, decodeCsvBody, importCsv } from "../features/csv/csv.service";
import { checkBackfillRange } from "../features/health/health.service";
import { importUsageEvents, readLines } from "../features/usage/usage.import";
import { addWorkspaceUser, findUserByEmail } from "../features/users/users.service";
import { findWorkspaceBySlug, listWorkspaces } from "../features/workspaces/workspaces.queries";
import { createWorkspace, resolveWorkspace } from "../features/workspaces/workspaces.service";
import { recomputeWorkspaces } from "../jobs/michi-jobs";
import type { Actor } from "../lib/hono-env";
import { logger } from "../lib/logger";
import { zodProblems } from "../lib/router";
import { backfillHealth } from "../recompute";
import { seedDemoWorkspace } from "../seed/demo";

/**
 * Every CLI command is a function of the database it is given, so the same
 * code runs in the CLI process (database opened there) and inside a running
 * server (the CLI hands the command over the server's socket). See
 * docs/decisions/0001-cli-and-the-embedded-database.md.
 */
export type CommandDeps = {
  db: Db;
  auth: Auth;
  /** Applies pending migrations (if the opener has not already) and answers how many. */
  migrate: () => Promise<number>;
};
export type CommandResult = { lines: string[]; exitCode: number };
/** What the user sees: lines for stdout and stderr, and the exit code. */
export type CommandOutcome = { stdout: string[]; stderr: string[]; exitCode: number };

const defineCommand = <S extends z.ZodType>(
  args: S,
  run: (deps: CommandDeps, args: z.infer<S>) => Promise<CommandResult>,
) => ({ args, run });

const ok = (...lines: string[]): CommandResult => ({ lines, exitCode: 0 });
const systemActor = (workspaceId: string): Actor => ({
  kind: "system",
  workspaceId,
  role: "admin",
});
const workspaceArg = z.string().min(1).optional();
const label = (w: { name: string; slug: string }) => `"${w.name}" (${w.slug})`;

/** A fresh slug for a seeded demo workspace: demo, demo-2, demo-3… */
const freeDemoSlug = async (db: Db): Promise<string> => {
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? "demo" : `demo-${n}`;
    if (!(await findWorkspaceBySlug(db, slug))) return slug;
  }
  throw new AppError("conflict", "Every demo slug up to demo-999 is taken.");
};

const table = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
};

const describeProblem = (p: FieldProblem): string => {
  const where =
    p.row !== undefined
      ? `row ${p.row}${p.field ? `, ${p.field}` : ""}`
      : p.field || p.pointer.replace(/^\//, "").replaceAll("/", ".") || "input";
  return `  ${where}: ${p.message}`;
};

export const commands = {
  migrate: defineCommand(z.object({}), async ({ migrate }) => {
    const applied = await migrate();
    return ok(
      applied > 0
        ? `Applied ${applied} migration${applied === 1 ? "" : "s"}; the database is up to date.`
        : "The database is already up to date.",
    );
  }),

  "seed demo": defineCommand(z.object({ workspace: workspaceArg }), async ({ db, auth }, args) => {
    const workspace = args.workspace
      ? await resolveWorkspace(db, args.workspace)
      : await createWorkspace(db, { name: "デモ株式会社 (Demo)", slug: await freeDemoSlug(db) });
    await seedDemoWorkspace(db, auth, { workspaceId: workspace.id });
    return ok(
      `Seeded demo data into workspace ${label(workspace)}.`,
      ...(args.workspace
        ? []
        : [
            `To see it, add yourself: npm run michi -- user create --email you@example.com --role admin --workspace ${workspace.slug}`,
          ]),
    );
  }),

  "workspace create": defineCommand(
    z.object({ name: z.string(), slug: z.string() }),
    async ({ db }, args) => {
      const workspace = await createWorkspace(db, args);
      return ok(
        `Created workspace ${label(workspace)}, id ${workspace.id}.`,
        `Add its first admin: npm run michi -- user create --email you@example.com --role admin --workspace ${workspace.slug}`,
      );
    },
  ),

  "workspace list": defineCommand(z.object({}), async ({ db }) => {
    const rows = await listWorkspaces(db);
    if (rows.length === 0) return ok("There are no workspaces yet.");
    return ok(
      ...table([
        // Names last: a CJK name is wider on screen than its length, which would skew the columns.
        ["SLUG", "CREATED", "NAME"],
        ...rows.map((w) => [w.slug, w.createdAt.toISOString(), w.name]),
      ]),
    );
  }),

  "api-key create": defineCommand(
    z.object({
      name: z.string(),
      role: z.enum(workspaceRoles).default(defaultApiKeyRole),
      workspace: workspaceArg,
    }),
    async ({ db }, args) => {
      const workspace = await resolveWorkspace(db, args.workspace);
      const name = args.name.trim();
      if (!name) {
        throw new AppError("validation-failed", "An API key needs a name.", [
          { pointer: "/name", message: "is required" },
        ]);
      }
      const { key, apiKey } = await issueApiKey(db, systemActor(workspace.id), {
        name,
        role: args.role,
      });
      // The key alone on the last line, so scripts can take it with `tail -n 1`.
      return ok(
        `Created API key "${apiKey.name}" (${apiKey.prefix}…, id ${apiKey.id}) with the ${apiKey.role} role for workspace ${label(workspace)}.`,
        "Copy it now: it is shown only this once.",
        key,
      );
    },
  ),

  "api-key revoke": defineCommand(
    z.object({ key: z.string().min(1), workspace: workspaceArg }),
    async ({ db }, args) => {
      const workspace = await resolveWorkspace(db, args.workspace);
      const which = z.uuid().safeParse(args.key).success
        ? { id: args.key }
        : { prefix: args.key.replace(/…$/, "") };
      const revoked = await revokeWorkspaceApiKey(db, systemActor(workspace.id), which);
      return ok(`Revoked API key "${revoked.name}" (${revoked.prefix}…, id ${revoked.id}).`);
    },
  ),

  "api-key list": defineCommand(z.object({ workspace: workspaceArg }), async ({ db }, args) => {
    const workspace = await resolveWorkspace(db, args.workspace);
    const keys = await listApiKeys(db, { workspaceId: workspace.id });
    if (keys.length === 0) return ok(`Workspace ${label(workspace)} has no API keys.`);
    return ok(
      ...table([
        ["ID", "PREFIX", "CREATED", "LAST USED", "STATUS", "ROLE", "NAME"],
        ...keys.map((k) => [
          k.id,
          k.prefix,
          k.createdAt,
          k.lastUsedAt ?? "never",
          k.revokedAt ? "revoked" : "active",
          k.role,
          k.name,
        ]),
      ]),
    );
  }),

  "user create": defineCommand(
    z.object({
      email: z.string(),
      role: z.enum(workspaceRoles),
      name: z.string().optional(),
      password: z.string().optional(),
      workspace: workspaceArg,
    }),
    async ({ db, auth }, args) => {
      const workspace = await resolveWorkspace(db, args.workspace);
      const email = z.email().safeParse(args.email.trim().toLowerCase());
      if (!email.success) {
        throw new AppError("validation-failed", `"${args.email}" is not an email address.`, [
          { pointer: "/email", message: "must be an email address" },
        ]);
      }
      const existed = await findUserByEmail(db, email.data);
      const member = await addWorkspaceUser({ db, auth }, systemActor(workspace.id), {
        email: email.data,
        name: args.name?.trim() || email.data.split("@")[0] || email.data,
        role: args.role,
        ...(args.password !== undefined ? { password: args.password } : {}),
      });
      return ok(
        existed
          ? `Added the existing user ${member.email} to workspace ${label(workspace)} as ${member.role}.`
          : `Created user ${member.email} (${member.name}) in workspace ${label(workspace)} as ${member.role}.`,
        ...(member.generatedPassword
          ? [`Password (shown only this once): ${member.generatedPassword}`]
          : []),
      );
    },
  ),

  import: defineCommand(
    z.object({
      entity: z.enum(csvEntities),
      /** As the user typed it, for the messages. */
      file: z.string(),
      /** The file's bytes: decoded here, by the same rules as an upload. */
      base64: z.string(),
      dryRun: z.boolean(),
      matchBy: z.enum(csvMatchKinds).optional(),
      /** One Michi column per file column, comma-separated; an empty one ignores that column. */
      columns: z.string().max(20_000).optional(),
      workspace: workspaceArg,
    }),
    async ({ db }, args) => {
      const workspace = await resolveWorkspace(db, args.workspace);
      const bytes = Buffer.from(args.base64, "base64");
      if (bytes.length > CSV_BODY_LIMIT) {
        throw new AppError(
          "payload-too-large",
          `${args.file} is larger than ${CSV_BODY_LIMIT / 1024 / 1024} MB; split it into smaller files.`,
        );
      }
      const file = decodeCsvBody(bytes, undefined);
      const result = await importCsv(db, systemActor(workspace.id), {
        entity: args.entity,
        csv: file.text,
        encoding: file.encoding,
        dryRun: args.dryRun,
        matchBy: args.matchBy,
        columns: args.columns?.split(",").map((column) => column.trim() || null),
      });
      const counts = `${result.totalRows} row${result.totalRows === 1 ? "" : "s"}`;
      if (!result.dryRun) {
        return ok(
          `Imported ${args.file} into workspace ${label(workspace)}: ${counts}, ${result.created} ${args.entity} created, ${result.updated} updated.`,
        );
      }
      const summary = `Dry run of ${args.file} (${args.entity}, workspace ${label(workspace)}): ${counts}; would create ${result.created}, update ${result.updated}. Nothing was stored.`;
      if (result.errors.length === 0) return ok(summary, "No problems found.");
      // The import itself would refuse this file, so the dry run fails too.
      return {
        lines: [
          summary,
          `${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} to fix first:`,
          ...result.errors.map((p) =>
            describeProblem({ pointer: "", ...p, field: p.field ?? undefined }),
          ),
        ],
        exitCode: 1,
      };
    },
  ),
  "import events": defineCommand(
    z.object({
      /** As the user typed it, for the messages. */
      file: z.string(),
      /** The absolute path: the file is streamed, never sent whole. */
      path: z.string(),
      workspace: workspaceArg,
    }),
    async ({ db }, args) => {
      const workspace = await resolveWorkspace(db, args.workspace);
      const result = await importUsageEvents(db, {
        workspaceId: workspace.id,
        lines: readLines(args.path),
      });
      const errors = result.errors.length;
      const lines = [
        `Imported ${args.file} into workspace ${label(workspace)}: ${result.lines} line${result.lines === 1 ? "" : "s"}, ${result.inserted} events stored, ${result.duplicates} duplicate${result.duplicates === 1 ? "" : "s"} skipped, ${errors} bad line${errors === 1 ? "" : "s"}.`,
        ...result.errors.slice(0, 50).map((e) => `  line ${e.line}: ${e.message}`),
        ...(errors > 50 ? [`  … and ${errors - 50} more`] : []),
      ];
      // Only a file with nothing usable in it fails the command.
      const stored = result.inserted + result.duplicates;
      return { lines, exitCode: errors > 0 && stored === 0 ? 1 : 0 };
    },
  ),

  recompute: defineCommand(
    z.object({
      workspace: workspaceArg,
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      every: z.coerce.number().int().optional(),
    }),
    async ({ db }, args) => {
      // Unlike other commands, no --workspace means every workspace (the daily job's work).
      const workspaceIds = args.workspace
        ? [(await resolveWorkspace(db, args.workspace)).id]
        : undefined;
      const startedAt = performance.now();
      const took = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
      if (args.from !== undefined || args.to !== undefined || args.every !== undefined) {
        if (args.from === undefined || args.to === undefined) {
          throw new AppError("validation-failed", "A backfill needs both --from and --to.", [
            { pointer: args.from === undefined ? "/from" : "/to", message: "is required" },
          ]);
        }
        const range = { from: args.from, to: args.to, everyDays: args.every ?? 1 };
        checkBackfillRange(range);
        let days = 0;
        let scores = 0;
        const ids = workspaceIds ?? (await listWorkspaces(db)).map((w) => w.id);
        for (const workspaceId of ids) {
          const done = await backfillHealth(db, { workspaceId, ...range });
          days = done.days;
          scores += done.scores;
        }
        return ok(
          `Backfilled ${scores} daily score${scores === 1 ? "" : "s"} over ${days} day${days === 1 ? "" : "s"} (${range.from} to ${range.to}, every ${range.everyDays}) in ${ids.length} workspace${ids.length === 1 ? "" : "s"} in ${took()}.`,
        );
      }
      const done = await recomputeWorkspaces(db, workspaceIds ? { workspaceIds } : {});
      return ok(
        `Recomputed ${done.accounts} account${done.accounts === 1 ? "" : "s"} in ${done.workspaces} workspace${done.workspaces === 1 ? "" : "s"} in ${took()}.`,
      );
    },
  ),
} as const;

export type CommandName = keyof typeof commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandRequest = { command: CommandName; args: Record<string, unknown> };

const requestSchema = z.object({
  command: z.enum(commandNames as [CommandName, ...CommandName[]]),
  args: z.record(z.string(), z.unknown()),
});

/** An AppError as the lines a person reads: the message, then one line per field problem. */
export const describeAppError = (error: AppError): string[] => [
  `Error: ${error.message}`,
  ...error.errors.map(describeProblem),
];

/**
 * Runs one command and turns every failure into lines and an exit code: a
 * user's mistake (AppError) reads as a sentence, never a stack trace.
 */
export const runCommand = async (deps: CommandDeps, request: unknown): Promise<CommandOutcome> => {
  try {
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success) {
      throw new AppError("bad-request", "This is not a command Michi knows.");
    }
    const command = commands[parsed.data.command];
    const args = command.args.safeParse(parsed.data.args);
    if (!args.success) {
      throw new AppError(
        "validation-failed",
        `The arguments of "${parsed.data.command}" are not valid.`,
        zodProblems(args.error, parsed.data.args),
      );
    }
    // Each entry pairs its own schema with its own function; TypeScript cannot see that through the union.
    const result = await (command.run as (d: CommandDeps, a: unknown) => Promise<CommandResult>)(
      deps,
      args.data,
    );
    return { stdout: result.lines, stderr: [], exitCode: result.exitCode };
  } catch (error) {
    if (isAppError(error)) return { stdout: [], stderr: describeAppError(error), exitCode: 1 };
    logger.error({ err: error }, "CLI command failed");
    const message = error instanceof Error ? error.message : String(error);
    return {
      stdout: [],
      stderr: [`Error: the command failed unexpectedly: ${message}`],
      exitCode: 2,
    };
  }
};
