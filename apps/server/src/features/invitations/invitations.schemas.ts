import { z } from "@hono/zod-openapi";
import { workspaceRoles } from "@michi/core";

export const invitationInputSchema = z
  .object({
    email: z.email({ message: "must be an email address" }).max(254),
    role: z.enum(workspaceRoles),
  })
  .strict()
  .openapi("InvitationInput");

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(workspaceRoles),
    /** Pending until it expires; accepted and revoked ones are not listed. */
    state: z.enum(["pending", "expired"]),
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("Invitation");

export const invitationListSchema = z
  .object({ data: z.array(invitationSchema) })
  .openapi("InvitationList");

export const createdInvitationSchema = z
  .object({
    invitation: invitationSchema,
    link: z.string().openapi({ description: "The invitation link; shown in this answer only." }),
    emailSent: z.boolean().openapi({ description: "Whether Michi emailed the link (SMTP set)." }),
  })
  .openapi("CreatedInvitation");

export const invitationIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const invitationTokenParam = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .openapi({ param: { name: "token", in: "path" } }),
});

/** What the link's holder sees before accepting. */
export const invitationLinkSchema = z
  .object({
    workspaceName: z.string(),
    email: z.string(),
    role: z.enum(workspaceRoles),
    expiresAt: z.string(),
  })
  .openapi("InvitationLink");

export const acceptInvitationInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200).optional(),
    password: z.string().max(200).optional(),
  })
  .strict()
  .openapi("AcceptInvitationInput", {
    description:
      "Empty: accept as the logged-in user (whose email was invited). With name and password: create the account and accept.",
  });

export const acceptedInvitationSchema = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    role: z.enum(workspaceRoles),
  })
  .openapi("AcceptedInvitation");

export type InvitationInput = z.infer<typeof invitationInputSchema>;
export type InvitationDto = z.infer<typeof invitationSchema>;
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInputSchema>;
