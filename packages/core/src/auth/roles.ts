/**
 * Workspace roles and what each may do. Declared as data so the policy reads
 * like a table (Outline's policies are the model here).
 */
/** From the most rights to the least: each role may do all that the roles after it may. */
export const workspaceRoles = ["admin", "manager", "csm", "viewer"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

export type WorkspaceAction =
  | "read"
  | "write" // accounts, contacts, contracts, imports
  | "read-team" // every member's tasks, not only one's own
  | "manage-settings"
  | "manage-users"
  | "manage-api-keys";

const permissions: Record<WorkspaceRole, readonly WorkspaceAction[]> = {
  admin: ["read", "write", "read-team", "manage-settings", "manage-users", "manage-api-keys"],
  manager: ["read", "write", "read-team", "manage-settings", "manage-users", "manage-api-keys"],
  csm: ["read", "write"],
  viewer: ["read"],
};

export const isWorkspaceRole = (value: unknown): value is WorkspaceRole =>
  typeof value === "string" && (workspaceRoles as readonly string[]).includes(value);

export const canPerform = (role: WorkspaceRole, action: WorkspaceAction): boolean =>
  permissions[role].includes(action);

/**
 * Whether someone with `granter`'s role may hand out `role` (to an API key):
 * never one above their own. Admin and manager may do the same actions, but
 * only an admin makes admins, so a manager may not make an admin key either.
 */
export const mayGrantRole = (granter: WorkspaceRole, role: WorkspaceRole): boolean =>
  workspaceRoles.indexOf(role) >= workspaceRoles.indexOf(granter);

/** The role of an API key made without one: customer data, never settings (decision 0003). */
export const defaultApiKeyRole = "csm" satisfies WorkspaceRole;
