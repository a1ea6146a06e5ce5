import { z } from "@hono/zod-openapi";
import { workspaceRoles } from "@michi/core";

const workspaceRefSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const meSchema = z
  .object({
    /** Null for an API key: a key acts for the workspace, not for a person. */
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    workspace: workspaceRefSchema,
    role: z.enum(workspaceRoles),
    workspaces: z.array(workspaceRefSchema.extend({ role: z.enum(workspaceRoles) })),
  })
  .openapi("Me");

export const activeWorkspaceInputSchema = z
  .object({ workspaceId: z.string().min(1, "is required").max(100) })
  .strict()
  .openapi("ActiveWorkspaceInput");

export type Me = z.infer<typeof meSchema>;
