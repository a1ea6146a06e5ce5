import { z } from "@hono/zod-openapi";

export const apiKeyIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

export const apiKeyInputSchema = z
  .object({ name: z.string().trim().min(1, "is required").max(100) })
  .strict()
  .openapi("ApiKeyInput");

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The key's first characters, to tell keys apart; never the whole key. */
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema) }).openapi("ApiKeyList");

export const createdApiKeySchema = z
  .object({
    key: z.string().openapi({ description: "The whole key. Shown this once, never again." }),
    apiKey: apiKeySchema,
  })
  .openapi("CreatedApiKey");

export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;
export type ApiKeyDto = z.infer<typeof apiKeySchema>;
