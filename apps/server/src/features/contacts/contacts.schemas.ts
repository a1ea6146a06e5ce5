import { z } from "@hono/zod-openapi";

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contactInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    externalId: nullableText(200),
    email: z
      .email({ error: "is not a valid email address" })
      .max(320)
      .nullable()
      .optional()
      .openapi({ example: "yamada@example.co.jp" }),
    title: nullableText(200),
    department: nullableText(200),
    notes: nullableText(10_000),
  })
  .strict()
  .openapi("ContactInput");

export const contactPatchSchema = contactInputSchema.partial().strict().openapi("ContactPatch");

export const contactSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    externalId: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    notes: z.string().nullable(),
    unsubscribedAt: z.string().nullable().openapi({
      description:
        "When the contact used the unsubscribe link of a playbook email; no such emails since.",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Contact");

export const contactListSchema = z.object({ data: z.array(contactSchema) }).openapi("ContactList");

export type ContactInput = z.infer<typeof contactInputSchema>;
export type ContactPatch = z.infer<typeof contactPatchSchema>;
