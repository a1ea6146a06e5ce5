import { describe, expect, it } from "vitest";
import { playbookSchema, validatePlaybook } from "./playbook";

const valid = {
  name: { ja: "赤になったら電話", en: "Call when red" },
  trigger: { kind: "healthBandChanged", to: ["red"] },
  conditions: {
    all: [
      { field: "touchModel", in: ["high"] },
      { metric: "mrr", op: ">=", value: 100000 },
    ],
  },
  steps: [
    {
      kind: "createTask",
      title: "{{account.name}}",
      owner: { kind: "accountOwner" },
      dueInBusinessDays: 2,
    },
  ],
};

describe("playbookSchema", () => {
  it("reads a playbook with its defaults: no cool-down, not paused", () => {
    const playbook = playbookSchema.parse(valid);
    expect(playbook.coolDownDays).toBe(0);
    expect(playbook.paused).toBe(false);
    // Metric names are stored in the rule tree's object form.
    expect(playbook.conditions).toEqual({
      all: [
        { field: "touchModel", in: ["high"] },
        { metric: { name: "mrr" }, op: ">=", value: 100000 },
      ],
    });
  });

  it("accepts every trigger kind and every step kind", () => {
    const triggers = [
      { kind: "healthBandChanged", from: ["insufficientData"] },
      { kind: "healthScoreDropped", points: 15, withinDays: 14 },
      { kind: "phaseChanged", to: ["onboarding"] },
      { kind: "phaseProposed" },
      { kind: "maturityLevelChanged", direction: "up" },
      { kind: "planFindingAppeared", codes: ["evaluator-not-met", "overdue"] },
      { kind: "kpiOffTrack" },
      { kind: "milestoneOverdue" },
      { kind: "renewalDue", days: 90 },
      { kind: "contractCreated" },
      { kind: "contractEnded" },
      { kind: "usageEvent", event: "cancellation_page_viewed" },
      { kind: "manual" },
    ];
    for (const trigger of triggers) {
      expect(playbookSchema.safeParse({ ...valid, trigger }).success, trigger.kind).toBe(true);
    }
    const steps = [
      {
        kind: "sendEmail",
        to: { kind: "contact", role: "primary" },
        template: { subject: "s", text: "{{contact.name}}" },
      },
      {
        kind: "sendEmail",
        to: { kind: "member", owner: { kind: "user", userId: "u-1" } },
        template: { subject: "s", text: "t", html: "<p>t</p>" },
      },
      { kind: "callWebhook", url: "https://example.com/hook" },
      { kind: "postToChat", url: "https://hooks.slack.com/services/x", text: "{{account.name}}" },
      { kind: "setField", field: "touchModel", value: "tech" },
      { kind: "setField", field: "owner", value: { kind: "role", role: "manager" } },
      { kind: "setField", field: "segment", value: "smb" },
      { kind: "addNote", body: "note" },
      { kind: "wait", days: 7 },
      { kind: "stopIf", condition: { field: "healthBand", in: ["green"] } },
      { kind: "createTask", title: "last", owner: { kind: "accountOwner" }, dueInBusinessDays: 0 },
    ];
    expect(playbookSchema.safeParse({ ...valid, steps }).success).toBe(true);
  });

  it("refuses a webhook that is not http(s), an unknown finding code and a trailing wait", () => {
    const bad = (patch: object) => playbookSchema.safeParse({ ...valid, ...patch }).success;
    expect(bad({ steps: [{ kind: "callWebhook", url: "file:///etc/passwd" }] })).toBe(false);
    expect(bad({ trigger: { kind: "planFindingAppeared", codes: ["no-such-code"] } })).toBe(false);
    expect(bad({ steps: [...valid.steps, { kind: "wait", days: 3 }] })).toBe(false);
    expect(bad({ steps: [] })).toBe(false);
  });
});

describe("validatePlaybook", () => {
  it("returns the playbook when it is valid", () => {
    expect(validatePlaybook(valid)).toMatchObject({ ok: true, playbook: { name: valid.name } });
  });

  it("finds an unknown template field at save time, with its code and pointer", () => {
    const result = validatePlaybook({
      ...valid,
      steps: [{ ...valid.steps[0], title: { ja: "{{account.name}}", en: "{{account.nmae}}" } }],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          path: "/steps/0/title/en",
          code: "template-unknown-field",
          field: "account.nmae",
        }),
      ],
    });
  });

  it("refuses contact fields outside an email to a contact", () => {
    const result = validatePlaybook({
      ...valid,
      steps: [{ ...valid.steps[0], title: "Call {{contact.name}}" }],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          path: "/steps/0/title",
          code: "template-field-not-available",
          field: "contact.name",
        }),
      ],
    });
  });
});
