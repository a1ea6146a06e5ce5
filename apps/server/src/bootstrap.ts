import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "./db/client";
import { instanceSettings } from "./db/schema";
import type { Auth } from "./features/auth/auth";
import { createUserWithPassword, findUserByEmail } from "./features/users/users.service";
import { findFirstWorkspace } from "./features/workspaces/workspaces.queries";
import { createWorkspace } from "./features/workspaces/workspaces.service";
import { jobNames, lastRunsInDatabase } from "./jobs/michi-jobs";
import { seedDemoWorkspace } from "./seed/demo";
import type { OnDemoSeedProgress } from "./seed/demo-progress";

/**
 * The session-signing secret lives in the database so every app process on a
 * shared PostgreSQL signs alike; the first process to start creates it.
 */
export const ensureAuthSecret = async (db: Db, fromEnv?: string): Promise<string> => {
  if (fromEnv) return fromEnv;
  await db
    .insert(instanceSettings)
    .values({ key: "auth-secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(instanceSettings)
    .where(eq(instanceSettings.key, "auth-secret"));
  if (!row) throw new Error("auth secret missing after insert");
  return row.value;
};

export type FirstStart = {
  workspaceSlug: string;
  adminEmail: string;
  /** Only when Michi generated it: shown once, never stored in clear. */
  generatedPassword?: string;
};

export type BootstrapOptions = {
  adminEmail?: string;
  adminPassword?: string;
  demo: boolean;
  /** Told how far the demo seed is: it takes tens of seconds on a busy machine. */
  onDemoProgress?: OnDemoSeedProgress;
};

/**
 * On an empty database: the first admin and the first workspace (the demo
 * workspace, or an empty one named "default"). Returns undefined otherwise.
 * Not safe to run in two processes at once: the caller holds the start-up
 * lock (openRuntime).
 */
export const bootstrapFirstStart = async (
  db: Db,
  auth: Auth,
  options: BootstrapOptions,
): Promise<FirstStart | undefined> => {
  if (await findFirstWorkspace(db)) return undefined;
  const adminEmail = options.adminEmail ?? "admin@michi.local";
  const generatedPassword = options.adminPassword
    ? undefined
    : randomBytes(12).toString("base64url");
  const password = options.adminPassword ?? generatedPassword ?? "";
  const admin =
    (await findUserByEmail(db, adminEmail)) ??
    (await createUserWithPassword(auth, { email: adminEmail, name: "Admin", password }));
  const workspace = options.demo
    ? await createWorkspace(db, {
        name: "デモ株式会社 (Demo)",
        slug: "demo",
        adminUserId: admin.id,
      })
    : await createWorkspace(db, { name: "default", slug: "default", adminUserId: admin.id });
  if (options.demo) {
    await seedDemoWorkspace(db, auth, {
      workspaceId: workspace.id,
      onProgress: options.onDemoProgress,
    });
    // The seed has just recomputed every account as of now, and this is the only
    // workspace: today's daily recompute is done. Unsaid, PGlite's runner would
    // do it again 30 s after the first start, holding the one thread a while.
    await lastRunsInDatabase(db).write(jobNames.recomputeAll, new Date());
  }
  return {
    workspaceSlug: workspace.slug,
    adminEmail,
    ...(generatedPassword ? { generatedPassword } : {}),
  };
};
