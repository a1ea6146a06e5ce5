import { z } from "@hono/zod-openapi";

export const mailSettingsSchema = z
  .object({
    configured: z.boolean().openapi({ description: "Whether MICHI_SMTP_URL is set." }),
    from: z.string().nullable().openapi({ description: "MICHI_MAIL_FROM, when configured." }),
  })
  .openapi("MailSettings");

export const mailTestInputSchema = z
  .object({
    to: z.email({ message: "must be an email address" }).max(320).optional().openapi({
      description: "Where to send it; the caller's own address when left out.",
    }),
    language: z.enum(["ja", "en"]).optional().openapi({
      description: "The test email's language; from Accept-Language when left out.",
    }),
  })
  .strict()
  .openapi("MailTestInput");

export const mailTestResultSchema = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("sent"), to: z.string(), messageId: z.string() }),
    z.object({
      status: z.literal("failed"),
      to: z.string(),
      error: z.string(),
      responseCode: z.number().int().nullable(),
    }),
  ])
  .openapi("MailTestResult");

export type MailTestInput = z.infer<typeof mailTestInputSchema>;
