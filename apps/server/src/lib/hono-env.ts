import type { WorkspaceRole } from "@michi/core";
import type { Db } from "../db/client";
import type { Auth } from "../features/auth/auth";
import type { OutboundMailer } from "./outbound/mail";

/** Who is calling, resolved once per request by the actor middleware. */
export type Actor =
  | { kind: "user"; userId: string; workspaceId: string; role: WorkspaceRole }
  | { kind: "apiKey"; apiKeyId: string; workspaceId: string; role: WorkspaceRole }
  /** The CLI, run by whoever holds the machine: acts as an admin of one workspace. */
  | { kind: "system"; workspaceId: string; role: "admin" };

export type AppDeps = {
  db: Db;
  auth: Auth;
  /**
   * The app's public URL (MICHI_BASE_URL, or where it listens), as better-auth
   * is given it: its origin is the one browsers may write from (cross-origin.ts).
   */
  baseURL: string;
  /** Folder with the built web app, served at /; none in API tests. */
  webDistDir?: string;
  /**
   * Sends Michi's emails (createOutboundMailer); without MICHI_SMTP_URL it answers
   * `notConfigured` to every send, and so does an app given none (invitation links are shown only).
   */
  mailer?: OutboundMailer;
  /** MICHI_WEBHOOKS_ALLOW_PRIVATE: webhooks may go to loopback, private and link-local addresses. */
  webhooksAllowPrivate?: boolean;
  /** MICHI_TRUST_PROXY: how many proxies in front add to X-Forwarded-For (0: none, use the peer). */
  trustProxy?: number;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    actor: Actor;
  };
};
