import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  mailSettingsSchema,
  mailTestInputSchema,
  mailTestResultSchema,
} from "./mail-settings.schemas";
import { languageOfHeader, readMailSettings, sendTestMail } from "./mail-settings.service";

const tags = ["Settings"];

const read = defineRoute({
  method: "get",
  path: "/settings/mail",
  permission: "manage-settings",
  tags,
  summary: "Whether email is configured (MICHI_SMTP_URL) and its From address",
  responses: { 200: jsonContent(mailSettingsSchema, "The mail settings"), ...errorResponses },
});

const test = defineRoute({
  method: "post",
  path: "/settings/mail/test",
  permission: "manage-settings",
  tags,
  summary: "Send a test email (to the caller unless `to` is given) and answer how it went",
  request: { body: jsonBody(mailTestInputSchema) },
  responses: {
    200: jsonContent(mailTestResultSchema, "Sent, or the SMTP server's refusal"),
    ...errorResponses,
    409: problem("Mail is not configured (mail-not-configured)"),
  },
});

export const mailSettingsRouter = createRouter()
  .openapi(read, (c) => c.json(readMailSettings(c.var.deps.mailer), 200))
  .openapi(test, async (c) => {
    const input = c.req.valid("json");
    const result = await sendTestMail(
      { db: c.var.deps.db, mailer: c.var.deps.mailer },
      c.var.actor,
      { ...input, language: input.language ?? languageOfHeader(c.req.header("accept-language")) },
    );
    return c.json(result, 200);
  });
