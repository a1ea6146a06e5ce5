import type { PlaybookCondition } from "./conditions";
import type { OwnerRule, Playbook, PlaybookProblem } from "./playbook";

/*
 * What the schema cannot know: whether the phases, members and products a
 * playbook names exist in its workspace. Checked when a playbook is saved
 * (and a gallery template copied), beside validatePlaybook, so a typo in a
 * phase key is a 422 then rather than a playbook that never fires.
 */

export type PlaybookReferenceProblemCode = "unknown-phase" | "unknown-user" | "unknown-product";

export type WorkspaceReferences = {
  phaseKeys: readonly string[];
  memberIds: readonly string[];
  productKeys: readonly string[];
};

export const checkPlaybookReferences = (
  playbook: Playbook,
  references: WorkspaceReferences,
): PlaybookProblem[] => {
  const problems: PlaybookProblem[] = [];
  const phases = new Set(references.phaseKeys);
  const members = new Set(references.memberIds);
  const products = new Set(references.productKeys);
  const check = (
    code: PlaybookReferenceProblemCode,
    known: Set<string>,
    value: string,
    path: (string | number)[],
  ) => {
    if (known.has(value)) return;
    problems.push({
      path: `/${path.join("/")}`,
      message: `${code.replace("unknown-", "no ")} "${value}" in this workspace`,
      code,
      field: value,
    });
  };
  const checkList = (
    code: PlaybookReferenceProblemCode,
    known: Set<string>,
    list: readonly string[] | undefined,
    path: (string | number)[],
  ) => {
    for (const [index, value] of (list ?? []).entries())
      check(code, known, value, [...path, index]);
  };
  const checkOwner = (rule: OwnerRule, path: (string | number)[]) => {
    if (rule.kind === "user") check("unknown-user", members, rule.userId, [...path, "userId"]);
  };
  const checkCondition = (node: PlaybookCondition, path: (string | number)[]): void => {
    if ("all" in node || "any" in node) {
      const [group, children] = "all" in node ? ["all", node.all] : ["any", node.any];
      for (const [index, child] of children.entries())
        checkCondition(child, [...path, group, index]);
    } else if ("field" in node && (node.field === "phase" || node.field === "owner")) {
      const [code, known] =
        node.field === "phase"
          ? (["unknown-phase", phases] as const)
          : (["unknown-user", members] as const);
      checkList(code, known, node.in, [...path, "in"]);
      checkList(code, known, node.notIn, [...path, "notIn"]);
    }
  };

  const { trigger } = playbook;
  if (trigger.kind === "phaseChanged") {
    checkList("unknown-phase", phases, trigger.from, ["trigger", "from"]);
    checkList("unknown-phase", phases, trigger.to, ["trigger", "to"]);
  } else if (trigger.kind === "phaseProposed") {
    checkList("unknown-phase", phases, trigger.from, ["trigger", "from"]);
  } else if (trigger.kind === "maturityLevelChanged" && trigger.product !== undefined) {
    check("unknown-product", products, trigger.product, ["trigger", "product"]);
  }
  if (playbook.conditions !== undefined) checkCondition(playbook.conditions, ["conditions"]);
  playbook.steps.forEach((step, index) => {
    const path = ["steps", index];
    if (step.kind === "createTask") checkOwner(step.owner, [...path, "owner"]);
    else if (step.kind === "sendEmail" && step.to.kind === "member") {
      checkOwner(step.to.owner, [...path, "to", "owner"]);
    } else if (step.kind === "setField" && step.field === "owner") {
      checkOwner(step.value, [...path, "value"]);
    } else if (step.kind === "stopIf") checkCondition(step.condition, [...path, "condition"]);
  });
  return problems;
};
