import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { bootstrapFirstStart, ensureAuthSecret } from "./bootstrap";
import { openDatabase } from "./db/client";
import { EnvError, parseEnv } from "./env";
import { createAuth } from "./features/auth/auth";
import { logger } from "./lib/logger";

const webDistDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

const start = async () => {
  const startedAt = performance.now();
  const env = parseEnv();
  logger.level = env.LOG_LEVEL;
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.MICHI_DATA_DIR },
  );
  await database.migrate();
  const baseURL = env.MICHI_BASE_URL ?? `http://${env.HOST}:${env.PORT}`;
  const secret = await ensureAuthSecret(database.db, env.MICHI_AUTH_SECRET);
  const auth = createAuth({ db: database.db, secret, baseURL });
  const firstStart = await bootstrapFirstStart(database.db, auth, {
    ...(env.MICHI_ADMIN_EMAIL ? { adminEmail: env.MICHI_ADMIN_EMAIL } : {}),
    ...(env.MICHI_ADMIN_PASSWORD ? { adminPassword: env.MICHI_ADMIN_PASSWORD } : {}),
    demo: env.MICHI_DEMO,
  });
  const app = createApp({ db: database.db, auth, webDistDir });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));

  const where =
    database.kind === "pglite" ? `PGlite in ${path.resolve(env.MICHI_DATA_DIR)}` : "PostgreSQL";
  console.log(
    `Michi is running at ${baseURL} (${where}), ready in ${Math.round(performance.now() - startedAt)} ms`,
  );
  if (firstStart) {
    console.log(
      `First start: workspace "${firstStart.workspaceSlug}", admin ${firstStart.adminEmail}`,
    );
    if (firstStart.generatedPassword) {
      console.log(`Admin password (shown once, change it later): ${firstStart.generatedPassword}`);
    }
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // PGlite must be closed, or its folder can be left damaged.
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
};

start().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
  } else {
    console.error("Michi could not start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
