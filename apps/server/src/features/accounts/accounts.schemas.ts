import { z } from "@hono/zod-openapi";
import { accountProfileSchema, touchModels } from "@michi/core";

export const idParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const accountInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    externalId: nullableText(200),
    industry: nullableText(100),
    segment: nullableText(100),
    ownerUserId: z.string().min(1).nullable().optional(),
    touchModel: z.enum(touchModels).nullable().optional(),
    profile: accountProfileSchema.optional(),
  })
  .strict()
  .openapi("AccountInput");

export const accountPatchSchema = accountInputSchema.partial().strict().openapi("AccountPatch");

export const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    externalId: z.string().nullable(),
    industry: z.string().nullable(),
    segment: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    touchModel: z.enum(touchModels).nullable(),
    profile: accountProfileSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Account");

export const accountSorts = ["name", "-name", "createdAt", "-createdAt"] as const;

export const accountListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: "Searches account names." }),
  externalId: z.string().optional().openapi({ description: "Finds the account with this id." }),
  ownerUserId: z.string().optional(),
  segment: z.string().optional(),
  touchModel: z.enum(touchModels).optional(),
  sort: z.enum(accountSorts).default("name"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const accountListSchema = z
  .object({ data: z.array(accountSchema), nextCursor: z.string().nullable() })
  .openapi("AccountList");

export type AccountInput = z.infer<typeof accountInputSchema>;
export type AccountPatch = z.infer<typeof accountPatchSchema>;
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;
