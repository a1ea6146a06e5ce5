import { constants } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { csvEntities, csvMatchKinds, defaultApiKeyRole, workspaceRoles } from "@michi/core";
import { Argument, Command, Option } from "commander";
import type { CommandOutcome, CommandRequest } from "./cli/commands";
import { MAX_FILE_BYTES, NotListeningError, sendCliRequest } from "./cli/control-client";
import {
  acquireDataDirLock,
  describeHolder,
  type LockHolder,
  lockPathOf,
  socketPathOf,
} from "./db/data-dir-lock";
import { type Env, EnvError, parseEnv, resolveUserPath } from "./env";

/**
 * `npm run michi -- <command>`. On PGlite the CLI opens the data folder itself
 * when nobody holds it, and otherwise hands the command to the server that
 * does, over its socket; on PostgreSQL it always connects directly. See
 * docs/decisions/0001-cli-and-the-embedded-database.md.
 */

/** How long to wait for a server that is starting, or another command that is running. */
const WAIT_FOR_FOLDER_MS = 30_000;

/** A mistake of the user's, shown as one sentence with exit code 1. */
class UsageError extends Error {}

const loadEnv = (): Env => {
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new UsageError(error.message);
    throw error;
  }
};

/** Runs the command in this process, on a database opened here. */
const runHere = async (env: Env, request: CommandRequest): Promise<CommandOutcome> => {
  // Loaded only here: the database, auth and every feature take seconds to load,
  // which `--help`, a typo, or a command handed to the server need not wait for.
  const [{ runCommand }, { migrateCounting, openRuntime }, { logger }] = await Promise.all([
    import("./cli/commands"),
    import("./runtime"),
    import("./lib/logger"),
  ]);
  // The CLI's stdout is for its answer (a key on the last line); logs only when asked.
  logger.level = env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL;
  const { database, auth, appliedAtOpen } = await openRuntime(env).catch((error: unknown) => {
    throw new UsageError(
      `Error: cannot open the database: ${error instanceof Error ? error.message : error}`,
    );
  });
  // Ctrl-C must still close PGlite, or its folder can be left damaged.
  const onSignal = () => void database.close().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let pending = appliedAtOpen;
  const deps = {
    db: database.db,
    auth,
    migrate: async () => {
      const applied = pending + (await migrateCounting(database));
      pending = 0;
      return applied;
    },
  };
  try {
    return await runCommand(deps, request);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await database.close();
  }
};

const folderBusy = (dataDir: string, holder: LockHolder): CommandOutcome => ({
  stdout: [],
  stderr: [
    `Error: the data folder ${dataDir} is in use by ${describeHolder(holder)}, which does not take commands.`,
    holder.role === "server"
      ? "  Wait until it has started, or stop it and try again."
      : "  Wait until it has finished and try again.",
    `  If no Michi process is running, delete ${lockPathOf(dataDir)}.`,
  ],
  exitCode: 1,
});

/**
 * PGlite admits one process: open the folder when it is free, hand the
 * command to the server holding it otherwise, and wait (a while) for a
 * server that is still starting or another command that is still running.
 */
const dispatch = async (env: Env, request: CommandRequest): Promise<CommandOutcome> => {
  if (env.DATABASE_URL) return runHere(env, request);
  const dataDir = env.MICHI_DATA_DIR;
  const deadline = Date.now() + WAIT_FOR_FOLDER_MS;
  let told = false;
  for (;;) {
    const attempt = acquireDataDirLock(dataDir, { role: "cli", command: request.command });
    if (attempt.ok) {
      // Also on process.exit (a signal while running), the lock must go.
      process.once("exit", attempt.lock.release);
      try {
        return await runHere(env, request);
      } finally {
        attempt.lock.release();
        process.off("exit", attempt.lock.release);
      }
    }
    if (attempt.holder.role === "server") {
      try {
        return await sendCliRequest(socketPathOf(dataDir), request);
      } catch (error) {
        if (!(error instanceof NotListeningError)) throw error;
      }
    }
    if (Date.now() > deadline) return folderBusy(dataDir, attempt.holder);
    if (!told) {
      process.stderr.write(`Waiting for ${describeHolder(attempt.holder)}…\n`);
      told = true;
    }
    await sleep(250);
  }
};

const print = (outcome: CommandOutcome) => {
  if (outcome.stdout.length > 0) process.stdout.write(`${outcome.stdout.join("\n")}\n`);
  if (outcome.stderr.length > 0) process.stderr.write(`${outcome.stderr.join("\n")}\n`);
  process.exitCode = outcome.exitCode;
};

const execute = async (build: (env: Env) => Promise<CommandRequest> | CommandRequest) => {
  const env = loadEnv();
  print(await dispatch(env, await build(env)));
};

/** The full path of a file the command will stream itself, checked here for a clear message. */
const checkReadableFile = async (env: Env, file: string): Promise<string> => {
  const fullPath = resolveUserPath(env, file);
  try {
    if ((await stat(fullPath)).isDirectory())
      throw new UsageError(`Error: ${fullPath} is a folder.`);
    await access(fullPath, constants.R_OK);
    return fullPath;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "there is no such file" : (error as Error).message;
    throw new UsageError(`Error: cannot read ${fullPath}: ${why}.`);
  }
};

/** The file's bytes, base64, for the import command (which decodes them as an upload). */
const readCsvFile = async (env: Env, file: string): Promise<string> => {
  const fullPath = resolveUserPath(env, file);
  try {
    // A first bound here; the import command applies the import's own limit.
    if ((await stat(fullPath)).size > MAX_FILE_BYTES) {
      throw new UsageError(
        `Error: ${fullPath} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files.`,
      );
    }
    return (await readFile(fullPath)).toString("base64");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "there is no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new UsageError(`Error: cannot read ${fullPath}: ${why}.`);
  }
};

const workspaceOption = () =>
  new Option("-w, --workspace <slug>", "the workspace (default: the first one)");

const program = new Command()
  .name("npm run michi --")
  .description("Michi's command line: database, workspaces, users, API keys, imports, recompute.")
  .showHelpAfterError("(add --help for usage)")
  .enablePositionalOptions();

program
  .command("migrate")
  .description("apply pending database migrations (the server also does at start)")
  .action(() => execute(() => ({ command: "migrate", args: {} })));

program
  .command("seed")
  .description("fill a workspace with demo data")
  .requiredOption("--demo", "the demo data set (the only one there is)")
  .addOption(workspaceOption().default(undefined, "a new workspace"))
  .action((opts: { workspace?: string }) =>
    execute(() => ({ command: "seed demo", args: { workspace: opts.workspace } })),
  );

const workspace = program.command("workspace").description("workspaces");
workspace
  .command("create")
  .description("create an empty workspace")
  .requiredOption("--name <name>", "its display name")
  .requiredOption("--slug <slug>", "its short name: lowercase letters, digits and dashes")
  .action((opts: { name: string; slug: string }) =>
    execute(() => ({ command: "workspace create", args: opts })),
  );
workspace
  .command("list")
  .description("list the workspaces")
  .action(() => execute(() => ({ command: "workspace list", args: {} })));

const apiKey = program.command("api-key").description("API keys of a workspace");
apiKey
  .command("create")
  .description("create a key; it is printed alone on the last line, this once")
  .requiredOption("--name <name>", "what the key is for, e.g. 'CRM sync'")
  .addOption(
    new Option("--role <role>", "the role the key acts with, as a user with it would")
      .choices(workspaceRoles)
      .default(defaultApiKeyRole),
  )
  .addOption(workspaceOption())
  .action((opts: { name: string; role: string; workspace?: string }) =>
    execute(() => ({ command: "api-key create", args: opts })),
  );
apiKey
  .command("revoke")
  .description("revoke a key")
  .argument("<id-or-prefix>", "the key's id, or its prefix as `api-key list` shows it")
  .addOption(workspaceOption())
  .action((key: string, opts: { workspace?: string }) =>
    execute(() => ({ command: "api-key revoke", args: { key, workspace: opts.workspace } })),
  );
apiKey
  .command("list")
  .description("list the keys, revoked ones included")
  .addOption(workspaceOption())
  .action((opts: { workspace?: string }) =>
    execute(() => ({ command: "api-key list", args: opts })),
  );

program
  .command("user")
  .description("users of a workspace")
  .command("create")
  .description("create a user, or add an existing one to the workspace")
  .requiredOption("--email <email>", "their email, also their login")
  .addOption(
    new Option("--role <role>", "their role in the workspace")
      .choices(workspaceRoles)
      .makeOptionMandatory(),
  )
  .option("--name <name>", "their name (default: the email's local part)")
  .option("--password <password>", "at least 8 characters (default: generated and printed once)")
  .addOption(workspaceOption())
  .action(
    (opts: { email: string; role: string; name?: string; password?: string; workspace?: string }) =>
      execute(() => ({ command: "user create", args: opts })),
  );

program
  .command("import")
  .description(
    "import accounts, contacts or contracts from a CSV file, or usage events (Segment calls) from NDJSON",
  )
  .addArgument(new Argument("<entity>", "what the file holds").choices([...csvEntities, "events"]))
  .argument(
    "<file>",
    "the CSV file (UTF-8 or Shift_JIS, a header row first), or for events one JSON call a line",
  )
  .option("--dry-run", "check the file and report, but change nothing (CSV only)", false)
  .addOption(
    new Option(
      "--match-by <column>",
      "rows without an externalId are matched by this: accounts by name, contacts by email, contracts by product (with the account and start date) (CSV only)",
    ).choices([...csvMatchKinds]),
  )
  .option(
    "--columns <list>",
    "the Michi column of each file column, in order, comma-separated; leave one empty to ignore that column (CSV only; default: by the header's names)",
  )
  .addOption(workspaceOption())
  .action(
    (
      entity: string,
      file: string,
      opts: { dryRun: boolean; matchBy?: string; columns?: string; workspace?: string },
    ) =>
      execute(async (env) =>
        entity === "events"
          ? {
              command: "import events",
              args: { file, path: await checkReadableFile(env, file), workspace: opts.workspace },
            }
          : {
              command: "import",
              args: {
                entity,
                file,
                base64: await readCsvFile(env, file),
                dryRun: opts.dryRun,
                matchBy: opts.matchBy,
                columns: opts.columns,
                workspace: opts.workspace,
              },
            },
      ),
  );

program
  .command("recompute")
  .description(
    "recompute health, maturity, phase and touch model of every account now (the daily job does too), or with --from and --to backfill the daily health scores of past days",
  )
  .option("-w, --workspace <slug>", "only this workspace (default: every workspace)")
  .option("--from <YYYY-MM-DD>", "backfill: the first day")
  .option("--to <YYYY-MM-DD>", "backfill: the last day (at most today, UTC)")
  .option("--every <days>", "backfill: every N days from --from (default 1)")
  .action((opts: { workspace?: string; from?: string; to?: string; every?: string }) =>
    execute(() => ({
      command: "recompute",
      args: { workspace: opts.workspace, from: opts.from, to: opts.to, every: opts.every },
    })),
  );

program
  .parseAsync()
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Error: ${message}\n`);
    }
    process.exitCode = 1;
  })
  .finally(() => {
    // Everything is closed by now; should a library keep a timer alive, do not hang.
    setTimeout(() => process.exit(), 3000).unref();
  });
