import { z } from "@hono/zod-openapi";
import { defaultApiKeyRole, workspaceRoles } from "@michi/core";

export const apiKeyIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

export const apiKeyInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(100),
    role: z
      .enum(workspaceRoles, { message: `must be one of ${workspaceRoles.join(", ")}` })
      .default(defaultApiKeyRole)
      .openapi({
        description:
          "The role the key acts with, as a user with that role would. At most the creator's own role: a manager cannot create an admin key (403).",
      }),
  })
  .strict()
  .openapi("ApiKeyInput");

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The key's first characters, to tell keys apart; never the whole key. */
    prefix: z.string(),
    role: z.enum(workspaceRoles).openapi({ description: "The role the key acts with." }),
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
