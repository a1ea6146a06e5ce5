import { describe, expect, it } from "vitest";
import { defaultPhases } from "../lifecycle/default-phases";
import { sampleFacts } from "./fixtures/sample-account";
import { planPlaybookRun } from "./plan-run";
import { validatePlaybook } from "./playbook";
import { findPlaybookTemplate, playbookTemplates } from "./playbook-templates";
import { matchPlaybooks, type PlaybookSignal } from "./triggers";

const base = { accountId: "acc-1", at: "2026-12-07" } as const;

/** A signal each shipped template should fire on. */
const signals: Record<string, PlaybookSignal> = {
  "onboarding-kickoff": { kind: "phaseChanged", ...base, from: "proposal", to: "onboarding" },
  "health-red-high-touch": { kind: "healthBandChanged", ...base, from: "yellow", to: "red" },
  "health-red-tech-touch": { kind: "healthBandChanged", ...base, from: "yellow", to: "red" },
  "renewal-90": {
    kind: "renewalApproaching",
    ...base,
    contractId: "ct-1",
    renewalDate: "2027-03-07",
  },
  "renewal-60": {
    kind: "renewalApproaching",
    ...base,
    contractId: "ct-1",
    renewalDate: "2027-02-05",
  },
  "renewal-30": {
    kind: "renewalApproaching",
    ...base,
    contractId: "ct-1",
    renewalDate: "2027-01-06",
  },
  "evaluator-not-met": {
    kind: "planFindingAppeared",
    ...base,
    planId: "p-1",
    code: "evaluator-not-met",
    target: null,
  },
  "kpi-off-track": {
    kind: "kpiOffTrack",
    ...base,
    planId: "p-1",
    kpiKey: "k1",
    since: "2026-11-30",
  },
  "phase-exit-proposed": {
    kind: "phaseProposed",
    ...base,
    from: "operation",
    to: "utilisation",
    since: "2026-09-01",
  },
  "maturity-level-up": {
    kind: "maturityLevelChanged",
    ...base,
    product: "default",
    from: 1,
    to: 2,
  },
};

describe("shipped playbook templates", () => {
  it("ship the seeds' playbooks, each once", () => {
    expect(playbookTemplates.map((entry) => entry.key)).toEqual(Object.keys(signals));
    expect(findPlaybookTemplate("renewal-60")?.playbook.trigger).toEqual({
      kind: "renewalDue",
      days: 60,
    });
  });

  it("start onboarding on the default phase that is 導入", () => {
    const onboarding = defaultPhases.find((phase) => phase.key === "onboarding");
    expect(onboarding?.name).toEqual({ ja: "導入", en: "Onboarding" });
  });

  for (const template of playbookTemplates) {
    describe(template.key, () => {
      it("passes the save-time check as stored JSON", () => {
        const stored = JSON.parse(JSON.stringify(template.playbook));
        expect(validatePlaybook(stored)).toEqual({ ok: true, playbook: template.playbook });
      });

      it("fires on its signal and plans a run on a sample account in both languages", () => {
        const signal = signals[template.key]!;
        // The tech-touch variant is for tech-touch accounts.
        const touchModel = template.key === "health-red-tech-touch" ? "tech" : "high";
        for (const language of ["ja", "en"] as const) {
          const facts = sampleFacts({
            language,
            account: { ...sampleFacts().account, touchModel },
          });
          const match = matchPlaybooks({
            candidates: [{ id: template.key, playbook: template.playbook, lastRunOn: null }],
            signal,
            facts,
          });
          expect(match.skipped).toEqual([]);
          expect(match.fired).toHaveLength(1);
          const actions = planPlaybookRun({
            playbookId: template.key,
            playbook: template.playbook,
            signal,
            facts,
            today: signal.at,
          });
          expect(actions.length).toBeGreaterThan(0);
          const texts = actions.flatMap((action) =>
            action.kind === "createTask"
              ? [action.title]
              : action.kind === "sendEmail"
                ? [action.subject, action.text]
                : action.kind === "addNote"
                  ? [action.body]
                  : [],
          );
          expect(texts.length).toBeGreaterThan(0);
          for (const text of texts) expect(text).not.toMatch(/\{\{|\}\}/);
          for (const action of actions) {
            if (action.kind !== "createTask") continue;
            expect(action.title).toContain("秋津県庁");
            expect(action.owner.userId).not.toBeNull();
          }
        }
      });
    });
  }

  it("route a red account by touch model: a call for high touch, an email for tech touch", () => {
    const red = signals["health-red-high-touch"]!;
    const candidates = playbookTemplates
      .filter((entry) => entry.key.startsWith("health-red"))
      .map((entry) => ({ id: entry.key, playbook: entry.playbook, lastRunOn: null }));
    const fired = (touchModel: "high" | "tech") =>
      matchPlaybooks({
        candidates,
        signal: red,
        facts: sampleFacts({ account: { ...sampleFacts().account, touchModel } }),
      }).fired.map((entry) => entry.playbookId);
    expect(fired("high")).toEqual(["health-red-high-touch"]);
    expect(fired("tech")).toEqual(["health-red-tech-touch"]);

    const [call] = planPlaybookRun({
      playbookId: "health-red-high-touch",
      playbook: findPlaybookTemplate("health-red-high-touch")!.playbook,
      signal: red,
      facts: sampleFacts(),
      today: "2026-12-07",
    });
    expect(call).toMatchObject({
      kind: "createTask",
      owner: { userId: "u-csm" },
      dueDate: "2026-12-09",
    });
    const [email] = planPlaybookRun({
      playbookId: "health-red-tech-touch",
      playbook: findPlaybookTemplate("health-red-tech-touch")!.playbook,
      signal: red,
      facts: sampleFacts({ account: { ...sampleFacts().account, touchModel: "tech" } }),
      today: "2026-12-07",
    });
    expect(email).toMatchObject({
      kind: "sendEmail",
      to: { kind: "contact", contactId: "c-1" },
      subject: "秋津県庁 様 ご利用でお困りのことはありませんか",
    });
  });
});
