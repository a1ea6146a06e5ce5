import { existsSync } from "node:fs";
import { Server as HttpServer } from "node:http";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { type ControlSocket, serveCliRequests } from "./cli/control-socket";
import { pgliteFolderOf } from "./db/client";
import { acquireDataDirLock, describeHolder, socketPathOf } from "./db/data-dir-lock";
import { baseUrlOf, EnvError, parseEnv } from "./env";
import { createInProcessRunner, type JobRunner } from "./jobs/job-runner";
import { lastRunsInDatabase, michiJobs } from "./jobs/michi-jobs";
import { createPgBossRunner } from "./jobs/pg-boss-runner";
import { answerClientErrors } from "./lib/client-error";
import { logger } from "./lib/logger";
import { createOutboundMailer, mailConfigOf } from "./lib/outbound/mail";
import { migrateCounting, openRuntime } from "./runtime";
import { printDemoSeedProgress } from "./seed/demo-progress";

const webDistDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** A reason not to start that the person can act on; printed without a stack. */
class StartError extends Error {}

/** PGlite admits one process per folder: hold its lock for as long as we run. */
const lockDataDir = (dataDir: string) => {
  const attempt = acquireDataDirLock(dataDir, { role: "server" });
  if (!attempt.ok) {
    throw new StartError(
      `Michi could not start: the data folder ${dataDir} is in use by ${describeHolder(attempt.holder)}.\n` +
        "Stop that process first, or set MICHI_DATA_DIR to another folder. " +
        "(CLI commands work while the server runs: npm run michi -- --help)",
    );
  }
  // Released on any exit, including process.exit after an error.
  process.once("exit", attempt.lock.release);
  return attempt.lock;
};

const start = async () => {
  const startedAt = performance.now();
  const env = parseEnv();
  logger.level = env.LOG_LEVEL;
  const onPglite = !env.DATABASE_URL;
  const lock = onPglite ? lockDataDir(env.MICHI_DATA_DIR) : undefined;
  if (onPglite && !existsSync(pgliteFolderOf(env.MICHI_DATA_DIR))) {
    // PGlite's initdb and the migrations take seconds on a busy machine, before the demo seed.
    console.log(`Creating the embedded database in ${env.MICHI_DATA_DIR} (first start only)…`);
  }
  const { database, auth, firstStart } = await openRuntime(env, {
    bootstrap: {
      ...(env.MICHI_ADMIN_EMAIL ? { adminEmail: env.MICHI_ADMIN_EMAIL } : {}),
      ...(env.MICHI_ADMIN_PASSWORD ? { adminPassword: env.MICHI_ADMIN_PASSWORD } : {}),
      demo: env.MICHI_DEMO,
      onDemoProgress: printDemoSeedProgress(console.log),
    },
  });
  let control: ControlSocket | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let jobs: JobRunner | undefined;
  try {
    const mailer = createOutboundMailer(mailConfigOf(env));
    const app = createApp({
      db: database.db,
      auth,
      baseURL: baseUrlOf(env),
      webDistDir,
      trustProxy: env.MICHI_TRUST_PROXY,
      mailer,
      webhooksAllowPrivate: env.MICHI_WEBHOOKS_ALLOW_PRIVATE,
    });
    const listening = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
    server = listening;
    // Idle keep-alive sockets are closed after 65 s, not Node's 5 s: a client reusing a socket
    // just as the server closes it gets ECONNRESET (seen in the end-to-end tests); proxies
    // and browsers keep idle sockets longer than 5 s. headersTimeout must be above it.
    if (listening instanceof HttpServer) {
      answerClientErrors(listening);
      listening.keepAliveTimeout = 65_000;
      listening.headersTimeout = 66_000;
    }
    await new Promise<void>((resolve, reject) => {
      listening.once("listening", () => resolve());
      listening.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "EADDRINUSE"
            ? new StartError(
                `Michi could not start: port ${env.PORT} is in use; set PORT to another.`,
              )
            : error,
        ),
      );
    });

    if (onPglite) {
      const socketPath = socketPathOf(env.MICHI_DATA_DIR);
      const deps = { db: database.db, auth, migrate: () => migrateCounting(database) };
      control = await serveCliRequests({ socketPath, deps }).catch((error: unknown) => {
        // The app still works; only CLI commands cannot reach it (e.g. a path
        // longer than the ~100 bytes a Unix socket allows).
        logger.warn({ err: error, socketPath }, "CLI commands cannot reach this server");
        return undefined;
      });
    }

    // pg-boss on PostgreSQL, where several processes may share the database;
    // in this process on PGlite, which is one process (decision 0008).
    const definitions = michiJobs(database.db, {
      dirtyIntervalSeconds: env.MICHI_HEALTH_JOB_INTERVAL_SECONDS,
      dailyHourUtc: env.MICHI_FULL_RECOMPUTE_HOUR,
      webhooksAllowPrivate: env.MICHI_WEBHOOKS_ALLOW_PRIVATE,
      playbooks: {
        mailer,
        baseURL: baseUrlOf(env),
        // The instance's secret (ensureAuthSecret), as the unsubscribe route verifies with.
        authSecret: auth.options.secret,
        allowPrivate: env.MICHI_WEBHOOKS_ALLOW_PRIVATE,
      },
    });
    jobs = env.DATABASE_URL
      ? createPgBossRunner({ connectionString: env.DATABASE_URL, jobs: definitions })
      : createInProcessRunner({ jobs: definitions, lastRuns: lastRunsInDatabase(database.db) });
    await jobs.start();

    const baseURL = baseUrlOf(env);
    const where = onPglite ? `PGlite in ${env.MICHI_DATA_DIR}` : "PostgreSQL";
    console.log(
      `Michi is running at ${baseURL} (${where}), ready in ${Math.round(performance.now() - startedAt)} ms`,
    );
    if (firstStart) {
      console.log(
        `First start: workspace "${firstStart.workspaceSlug}", admin ${firstStart.adminEmail}`,
      );
      if (firstStart.generatedPassword) {
        console.log(
          `Admin password (shown once, change it later): ${firstStart.generatedPassword}`,
        );
      }
    }
  } catch (error) {
    // Close what was opened: PGlite must be closed, or its folder can be left damaged.
    await control?.close();
    await jobs?.stop();
    server?.close();
    await database.close();
    throw error;
  }
  const httpServer = server;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    await control?.close();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    // Before the database: a run in progress finishes first.
    await jobs?.stop();
    // PGlite must be closed, or its folder can be left damaged.
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
};

start().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof StartError) {
    console.error(error.message);
  } else {
    console.error("Michi could not start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
