import { describe, expect, it } from "vitest";
import { defaultPhases } from "../lifecycle/default-phases";
import { playbookSchema } from "./playbook";
import { checkPlaybookReferences } from "./playbook-references";
import { playbookTemplates } from "./playbook-templates";

const references = {
  phaseKeys: defaultPhases.map((phase) => phase.key),
  memberIds: ["u-1", "u-2"],
  productKeys: ["default"],
};

describe("checkPlaybookReferences", () => {
  it("finds nothing wrong in the shipped templates against the default phases", () => {
    for (const template of playbookTemplates) {
      expect(checkPlaybookReferences(template.playbook, references), template.key).toEqual([]);
    }
  });

  it("names each phase, member and product the workspace does not have, with its pointer", () => {
    const playbook = playbookSchema.parse({
      name: "x",
      trigger: { kind: "phaseChanged", from: ["onboarding"], to: ["onbording"] },
      conditions: {
        any: [
          { field: "owner", in: ["u-1", "u-9"] },
          { field: "phase", notIn: ["renewal"] },
        ],
      },
      steps: [
        {
          kind: "createTask",
          title: "t",
          owner: { kind: "user", userId: "u-8" },
          dueInBusinessDays: 1,
        },
        { kind: "setField", field: "owner", value: { kind: "user", userId: "u-2" } },
        { kind: "stopIf", condition: { field: "phase", in: ["advocacy", "gone"] } },
        { kind: "addNote", body: "n" },
      ],
    });
    expect(checkPlaybookReferences(playbook, references)).toEqual([
      expect.objectContaining({ path: "/trigger/to/0", code: "unknown-phase", field: "onbording" }),
      expect.objectContaining({
        path: "/conditions/any/0/in/1",
        code: "unknown-user",
        field: "u-9",
      }),
      expect.objectContaining({
        path: "/steps/0/owner/userId",
        code: "unknown-user",
        field: "u-8",
      }),
      expect.objectContaining({
        path: "/steps/2/condition/in/1",
        code: "unknown-phase",
        field: "gone",
      }),
    ]);
    const maturity = playbookSchema.parse({
      name: "x",
      trigger: { kind: "maturityLevelChanged", product: "invoice" },
      steps: [{ kind: "addNote", body: "n" }],
    });
    expect(checkPlaybookReferences(maturity, references)).toEqual([
      expect.objectContaining({ path: "/trigger/product", code: "unknown-product" }),
    ]);
  });
});
