import { describe, expect, it } from "vitest";
import { canPerform, mayGrantRole, type WorkspaceAction, workspaceRoles } from "./roles";

const actions: WorkspaceAction[] = [
  "read",
  "write",
  "read-team",
  "manage-settings",
  "manage-users",
  "manage-api-keys",
];

describe("mayGrantRole", () => {
  it("lets each role grant itself and the roles below it, never one above", () => {
    const grantable = Object.fromEntries(
      workspaceRoles.map((granter) => [
        granter,
        workspaceRoles.filter((role) => mayGrantRole(granter, role)),
      ]),
    );
    expect(grantable).toEqual({
      admin: ["admin", "manager", "csm", "viewer"],
      manager: ["manager", "csm", "viewer"],
      csm: ["csm", "viewer"],
      viewer: ["viewer"],
    });
  });

  it("never grants an action the granter cannot perform (the order follows the table)", () => {
    for (const granter of workspaceRoles) {
      for (const role of workspaceRoles.filter((r) => mayGrantRole(granter, r))) {
        for (const action of actions.filter((a) => canPerform(role, a))) {
          expect(canPerform(granter, action), `${granter} → ${role}: ${action}`).toBe(true);
        }
      }
    }
  });
});
