import { z } from "@hono/zod-openapi";
import { reportLanguages, reportSections } from "@michi/core";

/*
 * The evaluator report's query (GET /plans/{id}/report and /export.pptx):
 * the language, and which sections, as a comma-separated list.
 */

const sectionList = reportSections.join(", ");

export const reportQuerySchema = z.object({
  lang: z
    .enum(reportLanguages, { message: "must be ja or en" })
    .default("ja")
    .openapi({ description: "The report's language: its words, dates and text runs." }),
  sections: z
    .string()
    .max(500)
    .optional()
    .transform((text) =>
      text === undefined ? [...reportSections] : text.split(",").map((name) => name.trim()),
    )
    .pipe(
      z
        .array(z.enum(reportSections, { message: `must be one of ${sectionList}` }))
        .min(1)
        // Each section once, in the deck's own order whatever the order asked.
        .transform((names) => reportSections.filter((section) => names.includes(section))),
    )
    .openapi({
      type: "string",
      description: `Comma-separated, any of: ${sectionList}. All when left out.`,
      example: "cover,purpose,kpis,risks",
    }),
});

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const reportSchema = z
  .object({
    title: z.string().openapi({ description: "The plan's title." }),
    deck: z.unknown().openapi({
      description:
        "core's ReportDeck: the slides with their words, numbers and dates in the report's language.",
    }),
  })
  .openapi("EvaluatorReport");
