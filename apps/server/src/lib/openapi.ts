import { z } from "@hono/zod-openapi";

/** The problem+json body every error answers with (RFC 9457). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          pointer: z.string(),
          message: z.string(),
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
