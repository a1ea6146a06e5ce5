import { z } from "@hono/zod-openapi";
import { storableText } from "./plans.schemas";

export const templateIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

export const templateInputSchema = z
  .object({
    name: storableText(200).trim().min(1, "is required"),
    description: storableText(2000).trim().optional(),
    planId: z.uuid().openapi({ description: "The plan to save as a template." }),
  })
  .strict()
  .openapi("PlanTemplateInput");

const localizedName = z.object({ name: z.string(), description: z.string() });

export const templateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    builtIn: z.boolean(),
    localized: z
      .object({ ja: localizedName, en: localizedName })
      .nullable()
      .openapi({ description: "Names in each UI language, for built-in templates." }),
    createdAt: z.string().nullable(),
  })
  .openapi("PlanTemplate");

export const templateListSchema = z
  .object({ data: z.array(templateSchema) })
  .openapi("PlanTemplateList");

export type TemplateInput = z.infer<typeof templateInputSchema>;
