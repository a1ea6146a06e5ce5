import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HealthBand } from "../health/scorecard";
import { sampleFacts } from "./fixtures/sample-account";
import { type Playbook, type PlaybookInput, playbookSchema } from "./playbook";
import {
  matchPlaybooks,
  occurrenceKey,
  type PlaybookCandidate,
  type PlaybookSignal,
  playbookSignalSchema,
  triggerOccurrence,
} from "./triggers";

const playbook = (overrides: Partial<PlaybookInput> = {}): Playbook =>
  playbookSchema.parse({
    name: { ja: "赤になったら電話", en: "Call when red" },
    trigger: { kind: "healthBandChanged", to: ["red"] },
    steps: [
      {
        kind: "createTask",
        title: "{{account.name}}: call",
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 2,
      },
    ],
    ...overrides,
  });

const toRed = (at: string, from: "yellow" | "green" | null = "yellow"): PlaybookSignal => ({
  kind: "healthBandChanged",
  accountId: "acc-1",
  at,
  from,
  to: "red",
});

const candidate = (
  overrides: Partial<PlaybookInput> = {},
  lastRunOn: string | null = null,
): PlaybookCandidate => ({ id: "pb-1", playbook: playbook(overrides), lastRunOn });

const match = (signal: PlaybookSignal, candidates: PlaybookCandidate[] = [candidate()]) =>
  matchPlaybooks({ candidates, signal, facts: sampleFacts() });

describe("health band trigger", () => {
  it("fires on a move into the band, with a key per playbook, account and occurrence", () => {
    const { fired, skipped } = match(toRed("2026-12-07"));
    expect(skipped).toEqual([]);
    expect(fired).toEqual([
      {
        playbookId: "pb-1",
        occurrence: "band:yellow>red:2026-12-07",
        occurrenceKey: occurrenceKey("pb-1", "acc-1", "band:yellow>red:2026-12-07"),
        conditions: null,
      },
    ]);
  });

  it("gives the same key when the same change is seen twice (a second recompute, a second process)", () => {
    const first = match(toRed("2026-12-07")).fired[0]?.occurrenceKey;
    const second = match(toRed("2026-12-07")).fired[0]?.occurrenceKey;
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it("treats red, green, red again as two occurrences", () => {
    const first = match(toRed("2026-12-07")).fired[0]?.occurrenceKey;
    const again = match(toRed("2026-12-20", "green")).fired[0]?.occurrenceKey;
    expect(again).toBeDefined();
    expect(again).not.toBe(first);
  });

  it("honours from and to, insufficient data included", () => {
    const fromNoData = playbook({
      trigger: { kind: "healthBandChanged", from: ["insufficientData"] },
    });
    expect(triggerOccurrence(fromNoData.trigger, toRed("2026-12-07", null))).toBe(
      "band:insufficientData>red:2026-12-07",
    );
    expect(triggerOccurrence(fromNoData.trigger, toRed("2026-12-07", "yellow"))).toBeNull();
    const toNoData = playbook({ trigger: { kind: "healthBandChanged", to: ["insufficientData"] } });
    const lost: PlaybookSignal = {
      kind: "healthBandChanged",
      accountId: "acc-1",
      at: "2026-12-07",
      from: "green",
      to: null,
    };
    expect(triggerOccurrence(toNoData.trigger, lost)).toBe(
      "band:green>insufficientData:2026-12-07",
    );
    const any = playbook({ trigger: { kind: "healthBandChanged" } });
    const same: PlaybookSignal = {
      kind: "healthBandChanged",
      accountId: "acc-1",
      at: "2026-12-07",
      from: "red",
      to: "red",
    };
    expect(triggerOccurrence(any.trigger, same)).toBeNull();
  });

  it("gives two band changes the same key exactly when they are the same change on the same day", () => {
    const band = fc.constantFrom("red" as const, "yellow" as const, "green" as const, null);
    const change = fc.record({
      from: band,
      to: band,
      at: fc.constantFrom("2026-12-07", "2026-12-08", "2027-01-04"),
    });
    const any = [candidate({ trigger: { kind: "healthBandChanged" } })];
    const keyOf = (c: { from: HealthBand | null; to: HealthBand | null; at: string }) =>
      match({ kind: "healthBandChanged", accountId: "acc-1", ...c }, any).fired[0]?.occurrenceKey;
    fc.assert(
      fc.property(change, change, (a, b) => {
        fc.pre(a.from !== a.to && b.from !== b.to);
        const same = a.from === b.from && a.to === b.to && a.at === b.at;
        expect(keyOf(a)).toBeDefined();
        expect(keyOf(a) === keyOf(b)).toBe(same);
      }),
    );
  });

  it("ignores signals of another kind", () => {
    const phase: PlaybookSignal = {
      kind: "phaseChanged",
      accountId: "acc-1",
      at: "2026-12-07",
      from: "proposal",
      to: "onboarding",
    };
    expect(match(phase)).toEqual({ fired: [], skipped: [] });
  });
});

describe("paused, cool-down and conditions", () => {
  it("skips a paused playbook", () => {
    expect(match(toRed("2026-12-07"), [candidate({ paused: true })])).toEqual({
      fired: [],
      skipped: [{ playbookId: "pb-1", reason: "paused" }],
    });
  });

  it("skips while cooling down and fires again once the cool-down is over", () => {
    const cooling = [candidate({ coolDownDays: 30 }, "2026-11-20")];
    expect(match(toRed("2026-12-07"), cooling).skipped).toEqual([
      { playbookId: "pb-1", reason: "coolingDown", until: "2026-12-20" },
    ]);
    expect(match(toRed("2026-12-20"), cooling).fired).toHaveLength(1);
    // No cool-down: fires the day after a run.
    expect(match(toRed("2026-11-21"), [candidate({}, "2026-11-20")]).fired).toHaveLength(1);
  });

  it("fires only when the conditions hold, and says why not", () => {
    const highTouch = candidate({ conditions: { field: "touchModel", in: ["high"] } });
    const techTouch = candidate({ conditions: { field: "touchModel", in: ["tech"] } });
    expect(match(toRed("2026-12-07"), [highTouch]).fired[0]?.conditions?.holds).toBe(true);
    const skipped = match(toRed("2026-12-07"), [techTouch]).skipped[0];
    expect(skipped?.reason).toBe("conditionsNotMet");
    expect(skipped?.conditions?.parts[0]).toMatchObject({
      field: "touchModel",
      actual: "high",
      holds: false,
    });
  });

  it("starts a playbook by hand whatever its trigger, conditions or cool-down, but not when paused", () => {
    const manual: PlaybookSignal = {
      kind: "manual",
      accountId: "acc-1",
      at: "2026-12-07",
      playbookId: "pb-1",
      requestId: "req-9",
      startedBy: "u-csm",
    };
    const busy = candidate(
      { coolDownDays: 30, conditions: { field: "touchModel", in: ["tech"] } },
      "2026-12-06",
    );
    const other: PlaybookCandidate = { ...candidate(), id: "pb-2" };
    expect(match(manual, [busy, other]).fired).toEqual([
      expect.objectContaining({ playbookId: "pb-1", occurrence: "manual:req-9" }),
    ]);
    expect(match(manual, [candidate({ paused: true })]).skipped[0]?.reason).toBe("paused");
  });
});

describe("other triggers", () => {
  const occurrence = (trigger: PlaybookInput["trigger"], signal: PlaybookSignal) =>
    triggerOccurrence(playbook({ trigger }).trigger, signal);
  const base = { accountId: "acc-1", at: "2026-12-07" } as const;

  it("score dropped by N in D days: one occurrence for the whole drop", () => {
    const trigger = { kind: "healthScoreDropped", points: 15, withinDays: 7 } as const;
    const scores = [
      { day: "2026-12-01", score: 80 },
      { day: "2026-12-02", score: 78 },
      { day: "2026-12-03", score: 70 },
      { day: "2026-12-04", score: 62 }, // 80 − 62 = 18: the drop starts
      { day: "2026-12-05", score: 60 },
      { day: "2026-12-06", score: null },
      { day: "2026-12-07", score: 61 },
    ];
    const on = (at: string, upTo = at) => ({
      kind: "healthScored" as const,
      ...base,
      at,
      scores: scores.filter((score) => score.day <= upTo),
    });
    expect(occurrence(trigger, on("2026-12-03"))).toBeNull();
    expect(occurrence(trigger, on("2026-12-04"))).toBe("drop:15/7d:2026-12-04");
    expect(occurrence(trigger, on("2026-12-05"))).toBe("drop:15/7d:2026-12-04");
    // A day without a score breaks the run: the 7th starts a new one.
    expect(occurrence(trigger, on("2026-12-07"))).toBe("drop:15/7d:2026-12-07");
    // A drop older than the window does not count.
    const slow = [
      { day: "2026-11-20", score: 90 },
      { day: "2026-12-07", score: 70 },
    ];
    expect(occurrence(trigger, { kind: "healthScored", ...base, scores: slow })).toBeNull();
  });

  it("phase changed and phase proposed", () => {
    const toOnboarding = { kind: "phaseChanged" as const, to: ["onboarding"] };
    expect(
      occurrence(toOnboarding, {
        kind: "phaseChanged",
        ...base,
        from: "proposal",
        to: "onboarding",
      }),
    ).toBe("phase:proposal>onboarding:2026-12-07");
    expect(
      occurrence(toOnboarding, {
        kind: "phaseChanged",
        ...base,
        from: "onboarding",
        to: "trial-run",
      }),
    ).toBeNull();
    const proposed = {
      kind: "phaseProposed" as const,
      ...base,
      from: "onboarding",
      to: "trial-run",
      since: "2026-10-01",
    };
    // A proposal lasting several days is one occurrence.
    expect(occurrence({ kind: "phaseProposed" }, proposed)).toBe(
      "proposed:onboarding>trial-run:2026-10-01",
    );
    expect(occurrence({ kind: "phaseProposed" }, { ...proposed, at: "2026-12-08" })).toBe(
      "proposed:onboarding>trial-run:2026-10-01",
    );
  });

  it("maturity level up or down, per product", () => {
    const up = { kind: "maturityLevelChanged", direction: "up" } as const;
    const signal = {
      kind: "maturityLevelChanged" as const,
      ...base,
      product: "invoice",
      from: 1,
      to: 2,
    };
    expect(occurrence(up, signal)).toBe("maturity:invoice:1>2:2026-12-07");
    expect(occurrence(up, { ...signal, from: 3 })).toBeNull();
    expect(occurrence({ kind: "maturityLevelChanged", product: "other" }, signal)).toBeNull();
    expect(occurrence({ kind: "maturityLevelChanged" }, { ...signal, from: null })).toBe(
      "maturity:invoice:->2:2026-12-07",
    );
  });

  it("plan finding by code, KPI off track and milestone overdue", () => {
    const finding = {
      kind: "planFindingAppeared" as const,
      ...base,
      planId: "p-1",
      code: "evaluator-not-met",
      target: null,
    };
    expect(occurrence({ kind: "planFindingAppeared", codes: ["evaluator-not-met"] }, finding)).toBe(
      "finding:p-1:evaluator-not-met:-:2026-12-07",
    );
    expect(occurrence({ kind: "planFindingAppeared", codes: ["overdue"] }, finding)).toBeNull();
    const kpi = {
      kind: "kpiOffTrack" as const,
      ...base,
      planId: "p-1",
      kpiKey: "k1",
      since: "2026-11-01",
    };
    expect(occurrence({ kind: "kpiOffTrack" }, kpi)).toBe("kpi:p-1:k1:2026-11-01");
    const milestone = {
      kind: "milestoneOverdue" as const,
      ...base,
      planId: "p-1",
      milestoneKey: "ms1",
      dueDate: "2026-12-01",
    };
    // Evaluated daily: the same key every day it stays overdue.
    expect(occurrence({ kind: "milestoneOverdue" }, milestone)).toBe(
      "milestone:p-1:ms1:2026-12-01",
    );
    expect(occurrence({ kind: "milestoneOverdue" }, { ...milestone, at: "2026-12-09" })).toBe(
      "milestone:p-1:ms1:2026-12-01",
    );
    expect(
      occurrence({ kind: "milestoneOverdue" }, { ...milestone, dueDate: "2026-12-07" }),
    ).toBeNull();
  });

  it("renewal in N days fires inside its catch-up week, once per renewal date", () => {
    const renewal = (at: string) => ({
      kind: "renewalApproaching" as const,
      accountId: "acc-1",
      at,
      contractId: "ct-1",
      renewalDate: "2027-03-31",
    });
    const in90 = { kind: "renewalDue", days: 90 } as const;
    expect(occurrence(in90, renewal("2026-12-30"))).toBeNull(); // 91 days
    expect(occurrence(in90, renewal("2026-12-31"))).toBe("renewal:ct-1:2027-03-31:90d");
    expect(occurrence(in90, renewal("2027-01-06"))).toBe("renewal:ct-1:2027-03-31:90d"); // 84 days
    expect(occurrence(in90, renewal("2027-01-07"))).toBeNull(); // 83 days: past the catch-up week
    expect(occurrence({ kind: "renewalDue", days: 30 }, renewal("2027-03-01"))).toBe(
      "renewal:ct-1:2027-03-31:30d",
    );
  });

  it("contracts and usage events", () => {
    expect(
      occurrence(
        { kind: "contractCreated" },
        { kind: "contractCreated", ...base, contractId: "ct-1" },
      ),
    ).toBe("contract-created:ct-1");
    expect(
      occurrence(
        { kind: "contractEnded" },
        { kind: "contractEnded", ...base, contractId: "ct-1", endDate: "2026-12-31" },
      ),
    ).toBe("contract-ended:ct-1:2026-12-31");
    const event = {
      kind: "usageEvent" as const,
      ...base,
      event: "cancellation_page_viewed",
      messageId: "m-1",
    };
    expect(occurrence({ kind: "usageEvent", event: "cancellation_page_viewed" }, event)).toBe(
      "event:m-1",
    );
    expect(occurrence({ kind: "usageEvent", event: "Doc Sent" }, event)).toBeNull();
  });

  it("never fires a manual trigger from another signal", () => {
    expect(occurrence({ kind: "manual" }, toRed("2026-12-07"))).toBeNull();
  });
});

describe("playbookSignalSchema", () => {
  it("checks a signal read back from a job", () => {
    expect(playbookSignalSchema.parse(toRed("2026-12-07"))).toEqual(toRed("2026-12-07"));
    expect(
      playbookSignalSchema.safeParse({ ...toRed("2026-12-07"), at: "2026-13-01" }).success,
    ).toBe(false);
    expect(playbookSignalSchema.safeParse({ ...toRed("2026-12-07"), to: "purple" }).success).toBe(
      false,
    );
  });
});
