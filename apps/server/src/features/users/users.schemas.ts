import { z } from "@hono/zod-openapi";
import { workspaceRoles } from "@michi/core";

export const userIdParam = z.object({
  userId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "userId", in: "path" } }),
});

export const memberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(workspaceRoles),
    memberSince: z.string(),
  })
  .openapi("Member");

export const memberListSchema = z.object({ data: z.array(memberSchema) }).openapi("MemberList");

/** What the CLI's `user create` takes; the HTTP API invites instead (features/invitations). */
export const memberInputSchema = z
  .object({
    email: z.email({ message: "must be an email address" }).max(254),
    name: z.string().trim().min(1, "is required").max(200),
    role: z.enum(workspaceRoles),
    password: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: "Left out: Michi generates one and answers it once." }),
  })
  .strict()
  .openapi("MemberInput");

export const memberPatchSchema = z
  .object({ role: z.enum(workspaceRoles) })
  .strict()
  .openapi("MemberPatch");

export type MemberInput = z.infer<typeof memberInputSchema>;
export type MemberDto = z.infer<typeof memberSchema>;
