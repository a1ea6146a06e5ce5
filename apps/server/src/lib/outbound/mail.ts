import nodemailer from "nodemailer";
import type { Env } from "../../env";

/** SMTP settings; undefined when MICHI_SMTP_URL is not set (email is "not configured"). */
export type MailConfig = { url: string; from: string };

export const mailConfigOf = (
  env: Pick<Env, "MICHI_SMTP_URL" | "MICHI_MAIL_FROM">,
): MailConfig | undefined =>
  env.MICHI_SMTP_URL && env.MICHI_MAIL_FROM
    ? { url: env.MICHI_SMTP_URL, from: env.MICHI_MAIL_FROM }
    : undefined;

export type OutboundMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** For customer contacts: adds List-Unsubscribe (and one-click, RFC 8058) pointing here. */
  unsubscribeUrl?: string;
  replyTo?: string;
};

export type MailResult =
  | { status: "sent"; messageId: string }
  /** Recorded as "not sent: mail is not configured"; never an error. */
  | { status: "notConfigured" }
  | {
      status: "failed";
      error: string;
      /** nodemailer's code (ECONNECTION, EAUTH, EENVELOPE…) and the SMTP reply code, if any. */
      code: string | null;
      responseCode: number | null;
      /** A temporary failure (4xx reply, network): trying again later may succeed. */
      retryable: boolean;
    };

export type OutboundMailer = {
  send: (mail: OutboundMail) => Promise<MailResult>;
  /** The From address when mail is configured; absent when every send is `notConfigured`. */
  from?: string;
};

/** Shorter than nodemailer's minutes-long defaults: a job waits on this. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNRESET"]);

const failureOf = (error: unknown): MailResult => {
  const e = error as Error & { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === "string" ? e.code : null;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  // SMTP: 4xx is "try again later", 5xx is final (RFC 5321 §4.2.1).
  const retryable =
    responseCode !== null
      ? responseCode >= 400 && responseCode < 500
      : code !== null && NETWORK_CODES.has(code);
  return {
    status: "failed",
    error: e instanceof Error ? e.message : String(error),
    code,
    responseCode,
    retryable,
  };
};

/**
 * Sends Michi's emails through nodemailer; `send` never throws. Without `config` every send
 * answers `notConfigured`.
 *
 * For Japanese mail clients: UTF-8 everywhere, the subject and display names as RFC 2047
 * encoded words (nodemailer picks B-encoding for Japanese), and both parts in base64 rather
 * than quoted-printable, which triples Japanese text and which some clients break when a line
 * is cut inside a character. Headers stay 7-bit ASCII, so old gateways pass them untouched.
 */
export const createOutboundMailer = (
  config: MailConfig | undefined,
  options: { timeouts?: Partial<typeof TIMEOUTS> } = {},
): OutboundMailer => {
  if (!config) return { send: async () => ({ status: "notConfigured" }) };
  const transport = nodemailer.createTransport({
    url: config.url,
    ...TIMEOUTS,
    ...options.timeouts,
  });
  return {
    from: config.from,
    send: async (mail) => {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          textEncoding: "base64",
          ...(mail.unsubscribeUrl
            ? {
                list: { unsubscribe: mail.unsubscribeUrl },
                // One-click (RFC 8058), which Gmail and Yahoo ask of bulk senders: the
                // unsubscribe URL must also take a POST with this body.
                headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
              }
            : {}),
        });
        return { status: "sent", messageId: String(info.messageId) };
      } catch (error) {
        return failureOf(error);
      }
    },
  };
};
