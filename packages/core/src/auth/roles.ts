/**
 * Workspace roles and what each may do. Declared as data so the policy reads
 * like a table (Outline's policies are the model here).
 */
export const workspaceRoles = ["admin", "manager", "csm", "viewer"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

export type WorkspaceAction =
  | "read"
  | "write" // accounts, contacts, contracts, imports
  | "manage-settings"
  | "manage-users"
  | "manage-api-keys";

const permissions: Record<WorkspaceRole, readonly WorkspaceAction[]> = {
  admin: ["read", "write", "manage-settings", "manage-users", "manage-api-keys"],
  manager: ["read", "write", "manage-settings", "manage-users", "manage-api-keys"],
  csm: ["read", "write"],
  viewer: ["read"],
};

export const isWorkspaceRole = (value: unknown): value is WorkspaceRole =>
  typeof value === "string" && (workspaceRoles as readonly string[]).includes(value);

export const canPerform = (role: WorkspaceRole, action: WorkspaceAction): boolean =>
  permissions[role].includes(action);
