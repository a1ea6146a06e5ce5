import { z } from "@hono/zod-openapi";
import { appErrorCodes, problemCodes } from "@michi/core";

/** A declared problem code (packages/core/src/problem-codes.ts). */
export const problemCodeSchema = z.enum(problemCodes).openapi("ProblemCode", {
  description:
    "Stable machine code of a problem; a client words it in its language with `params` (add, never rename).",
});

/** A code's params, e.g. `{ maximum: 200, origin: "string" }` for too_big. */
export const problemParamsSchema = z.record(z.string(), z.unknown()).openapi({
  description: "Values the code's text interpolates; absent when the code says it all.",
  example: { maximum: 200, origin: "string" },
});

/** The problem+json body every error answers with (RFC 9457). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.union([z.enum(appErrorCodes), problemCodeSchema]).openapi({
      description:
        "The problem's own code where it has one (e.g. account-external-id-taken), else its kind (e.g. not-found).",
      example: "not-found",
    }),
    params: problemParamsSchema.optional(),
    detail: z.string().optional().openapi({ description: "In English; word `code` for a UI." }),
    errors: z
      .array(
        z.object({
          pointer: z.string(),
          message: z.string().openapi({ description: "In English; word `code` for a UI." }),
          code: problemCodeSchema.optional(),
          params: problemParamsSchema.optional(),
          row: z.number().optional(),
          field: z.string().optional(),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

/** A problem+json answer, for routes that document one beyond `errorResponses`. */
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The error answers most routes share, for the OpenAPI document. */
export const errorResponses = {
  400: problem("Malformed request"),
  401: problem("Not logged in, or the API key is unknown"),
  403: problem("The role may not do this"),
  404: problem("No such object in this workspace"),
  422: problem("The body failed validation"),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
