import { AppError, coded } from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import type { OutboundMail, OutboundMailer } from "../../lib/outbound/mail";
import type { MailTestInput } from "./mail-settings.schemas";

export type MailLanguage = "ja" | "en";

/** Mail as the server is configured for it; never the SMTP URL, which may hold a password. */
export const readMailSettings = (mailer: OutboundMailer | undefined) => ({
  configured: mailer?.from !== undefined,
  from: mailer?.from ?? null,
});

/** The language of the request: Japanese when the first language it names is, else English. */
export const languageOfHeader = (acceptLanguage: string | undefined): MailLanguage =>
  /^\s*ja\b/i.test(acceptLanguage ?? "") ? "ja" : "en";

const testMail = (to: string, language: MailLanguage, from: string): OutboundMail =>
  language === "ja"
    ? {
        to,
        subject: "Michi: テストメール（メール設定の確認）",
        text: [
          "Michi のメール設定は正しく動いています。",
          "",
          `差出人: ${from}`,
          "このメールは設定画面の「テスト送信」から送られました。返信は不要です。",
        ].join("\n"),
      }
    : {
        to,
        subject: "Michi: test email (checking the mail settings)",
        text: [
          "Michi's mail settings work.",
          "",
          `From: ${from}`,
          "This email was sent by the Test send button in Settings. No need to reply.",
        ].join("\n"),
      };

/** Sends a test email to `to` (default: the caller); 409 when mail is not configured. */
export const sendTestMail = async (
  deps: { db: Db; mailer: OutboundMailer | undefined },
  actor: Actor,
  input: MailTestInput & { language: MailLanguage },
) => {
  const { mailer } = deps;
  if (!mailer?.from) {
    throw new AppError(
      "conflict",
      "Mail is not configured: set MICHI_SMTP_URL and MICHI_MAIL_FROM and restart.",
      { problem: coded("mail-not-configured") },
    );
  }
  let to = input.to;
  if (!to && actor.kind === "user") {
    const [user] = await deps.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, actor.userId));
    to = user?.email;
  }
  if (!to) {
    throw new AppError("validation-failed", "Say where to send the test email.", [
      {
        pointer: "/to",
        message: "is required when the caller has no address",
        ...coded("required"),
      },
    ]);
  }
  const result = await mailer.send(testMail(to, input.language, mailer.from));
  switch (result.status) {
    case "sent":
      return { status: "sent" as const, to, messageId: result.messageId };
    case "failed":
      return {
        status: "failed" as const,
        to,
        error: result.error,
        responseCode: result.responseCode,
      };
    case "notConfigured":
      throw new AppError("conflict", "Mail is not configured.", {
        problem: coded("mail-not-configured"),
      });
  }
};
