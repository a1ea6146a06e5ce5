import path from "node:path";
import { z } from "zod";

/**
 * The environment, parsed once at boot. Nothing else reads process.env.
 * A wrong value stops start-up with a message that names the variable.
 */
const booleanFlag = z
  .enum(["0", "1", "true", "false"], { message: "must be 0 or 1" })
  .transform((v) => v === "1" || v === "true");

export const envSchema = z.object({
  PORT: z.coerce
    .number({ message: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  MICHI_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  MICHI_ADMIN_EMAIL: z.email({ message: "must be an email address" }).optional(),
  MICHI_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  MICHI_DEMO: booleanFlag.default(true),
  /** Secret for signing session cookies; generated and kept in the data folder when absent. */
  MICHI_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Public URL of the app, for cookies and redirects; defaults to http://HOST:PORT. */
  MICHI_BASE_URL: z.url({ message: "must be a URL" }).optional(),
  /**
   * Where Michi's emails (invitations, playbook emails) go out: smtp://user:pass@host:587
   * (smtps:// for TLS from the start). Without it, email is "not configured", never an error.
   */
  MICHI_SMTP_URL: z
    .url({ message: "must be a URL such as smtp://user:pass@host:587" })
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** The sender of Michi's emails: an address, or "Name <address>". */
  MICHI_MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an email address or "Name <address>"',
    )
    .optional(),
  /**
   * 1: webhooks and chat posts may go to loopback, private (RFC 1918, fc00::/7) and
   * link-local addresses, e.g. a self-hosted install posting to an internal service.
   * Default 0: refused, so a workspace admin cannot make the server reach its own network.
   */
  MICHI_WEBHOOKS_ALLOW_PRIVATE: booleanFlag.default(false),
  /**
   * How many proxies in front of Michi append to X-Forwarded-For (0: none; the
   * connection's peer is the client). Only with it is the header believed.
   */
  MICHI_TRUST_PROXY: z
    .enum(["0", "1", "2", "3", "4", "5", "true", "false"], {
      message: "must be 0 (no proxy), 1 or true (one proxy), or the number of proxies up to 5",
    })
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
    .default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** How often the recompute job takes the accounts with new events (health within about this). */
  MICHI_HEALTH_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /**
   * Hour (UTC) of the daily full recompute, e.g. "days since last login" moving
   * without events; raw-event retention runs half an hour later. Default 0:
   * just after the UTC day (the health day) turns.
   */
  MICHI_FULL_RECOMPUTE_HOUR: z.coerce
    .number({ message: "must be an hour from 0 to 23 (UTC)" })
    .int("must be an hour from 0 to 23 (UTC)")
    .min(0, "must be an hour from 0 to 23 (UTC)")
    .max(23, "must be an hour from 0 to 23 (UTC)")
    .default(0),
  /**
   * Set by npm to the folder the user ran `npm start` / `npm run michi` from.
   * npm runs workspace scripts inside apps/server, so relative paths the user
   * typed (MICHI_DATA_DIR, CSV files) are resolved against this instead.
   */
  INIT_CWD: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export const parseEnv = (source: Record<string, string | undefined> = process.env): Env => {
  // An empty variable means "not set" (e.g. DATABASE_URL= in a shell).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (result.data.MICHI_ADMIN_PASSWORD && !result.data.MICHI_ADMIN_EMAIL) {
    throw new EnvError(
      "Invalid environment:\n  MICHI_ADMIN_PASSWORD is set but MICHI_ADMIN_EMAIL is not",
    );
  }
  if (result.data.MICHI_SMTP_URL && !result.data.MICHI_MAIL_FROM) {
    throw new EnvError(
      "Invalid environment:\n  MICHI_SMTP_URL is set but MICHI_MAIL_FROM (the sender) is not",
    );
  }
  const env = result.data;
  return { ...env, MICHI_DATA_DIR: resolveUserPath(env, env.MICHI_DATA_DIR) };
};

/** A path the user typed, made absolute against the folder they ran npm from. */
export const resolveUserPath = (env: Pick<Env, "INIT_CWD">, typed: string): string =>
  path.resolve(env.INIT_CWD ?? process.cwd(), typed);

/** Public URL of the app: MICHI_BASE_URL, or where the server listens. */
export const baseUrlOf = (env: Pick<Env, "MICHI_BASE_URL" | "HOST" | "PORT">): string =>
  env.MICHI_BASE_URL ?? `http://${env.HOST}:${env.PORT}`;
