import { describe, expect, it } from "vitest";
import { sampleFacts } from "./fixtures/sample-account";
import { actionsDueNow, type PlaybookAction, planPlaybookRun, resolveOwner } from "./plan-run";
import { type PlaybookInput, playbookSchema } from "./playbook";
import { describeSignal } from "./run-texts";
import type { PlaybookSignal } from "./triggers";

const signal: PlaybookSignal = {
  kind: "healthBandChanged",
  accountId: "acc-1",
  at: "2027-04-28",
  from: "yellow",
  to: "red",
};

const plan = (
  steps: PlaybookInput["steps"],
  options: { today?: string; fromStep?: number; facts?: ReturnType<typeof sampleFacts> } = {},
) =>
  planPlaybookRun({
    playbookId: "pb-1",
    playbook: playbookSchema.parse({
      name: { ja: "赤になったら電話", en: "Call when red" },
      trigger: { kind: "healthBandChanged", to: ["red"] },
      steps,
    }),
    signal,
    facts: options.facts ?? sampleFacts(),
    today: options.today ?? "2027-04-28",
    ...(options.fromStep === undefined ? {} : { fromStep: options.fromStep }),
  });

const only = <K extends PlaybookAction["kind"]>(actions: PlaybookAction[], kind: K) =>
  actions.filter((action): action is Extract<PlaybookAction, { kind: K }> => action.kind === kind);

describe("planPlaybookRun", () => {
  it("plans a task with its title rendered, its owner resolved and a due date past Golden Week", () => {
    const [task] = plan([
      {
        kind: "createTask",
        title: {
          ja: "{{account.name}}に電話する({{signal.summary}})",
          en: "Call {{account.name}}",
        },
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 2,
      },
    ]);
    expect(task).toEqual({
      kind: "createTask",
      stepIndex: 0,
      on: "2027-04-28",
      provisional: false,
      title: "秋津県庁に電話する(ヘルススコアが黄から赤になりました)",
      owner: { userId: "u-csm" },
      // Wed 4/28 + 2 business days: 4/29 is 昭和の日, 4/30 counts, 5/3–5/5 are holidays.
      dueDate: "2027-05-06",
    });
  });

  it("writes tasks in the workspace's language", () => {
    const [task] = plan(
      [
        {
          kind: "createTask",
          title: { ja: "電話", en: "Call {{account.name}} ({{account.healthBand}})" },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 0,
        },
      ],
      { facts: sampleFacts({ language: "en" }) },
    );
    expect(task).toMatchObject({ title: "Call 秋津県庁 (Red)" });
  });

  it("resolves owners by rule and says when it cannot", () => {
    const facts = sampleFacts();
    expect(resolveOwner({ kind: "role", role: "manager" }, facts)).toEqual({ userId: "u-mgr" });
    expect(resolveOwner({ kind: "role", role: "admin" }, facts)).toEqual({
      userId: null,
      problem: "noMemberWithRole",
    });
    expect(resolveOwner({ kind: "user", userId: "u-gone" }, facts)).toEqual({
      userId: null,
      problem: "unknownUser",
    });
    const noOwner = sampleFacts({ account: { ...facts.account, ownerUserId: null } });
    expect(resolveOwner({ kind: "accountOwner" }, noOwner)).toEqual({
      userId: null,
      problem: "noAccountOwner",
    });
  });

  it("emails each contact of the role in their language, escaping HTML, and passes over the unsubscribed", () => {
    const facts = sampleFacts();
    const contacts = [
      ...facts.contacts,
      {
        id: "c-3",
        name: "Ann <b>Lee</b>",
        email: "ann@akitsu.example",
        roles: ["evaluator" as const],
        unsubscribed: false,
        language: "en" as const,
      },
    ];
    const actions = plan(
      [
        {
          kind: "sendEmail",
          to: { kind: "contact", role: "evaluator" },
          template: {
            subject: { ja: "{{account.name}} 様", en: "Hello {{contact.name}}" },
            text: { ja: "{{contact.name}} 様", en: "Dear {{contact.name}}" },
            html: { ja: "<p>{{contact.name}} 様</p>", en: "<p>Dear {{contact.name}}</p>" },
          },
        },
      ],
      { facts: { ...facts, contacts } },
    );
    expect(actions).toEqual([
      expect.objectContaining({ kind: "skipEmail", reason: "unsubscribed", contactId: "c-2" }),
      expect.objectContaining({
        kind: "sendEmail",
        to: {
          kind: "contact",
          contactId: "c-3",
          name: "Ann <b>Lee</b>",
          email: "ann@akitsu.example",
        },
        language: "en",
        subject: "Hello Ann <b>Lee</b>",
        text: "Dear Ann <b>Lee</b>",
        html: "<p>Dear Ann &lt;b&gt;Lee&lt;&#x2F;b&gt;</p>",
      }),
    ]);
  });

  it("says why an email goes nowhere", () => {
    const none = plan([
      {
        kind: "sendEmail",
        to: { kind: "contact", role: "finalEvaluator" },
        template: { subject: "s", text: "t" },
      },
    ]);
    expect(none).toEqual([
      expect.objectContaining({ kind: "skipEmail", reason: "noContactWithRole" }),
    ]);
    const toManager = plan([
      {
        kind: "sendEmail",
        to: { kind: "member", owner: { kind: "role", role: "manager" } },
        template: {
          subject: { ja: "件名", en: "About {{account.name}}" },
          text: "{{account.url}}",
        },
      },
    ]);
    expect(toManager).toEqual([
      expect.objectContaining({
        kind: "sendEmail",
        to: { kind: "member", userId: "u-mgr", name: "Jane Doe", email: "jane@vendor.example" },
        language: "en",
        subject: "About 秋津県庁",
        text: "https://michi.example/accounts/acc-1",
        html: null,
      }),
    ]);
  });

  it("plans webhooks, chat posts, field changes and notes", () => {
    const actions = plan([
      { kind: "callWebhook", url: "https://hooks.example/michi" },
      {
        kind: "postToChat",
        url: "https://hooks.slack.com/services/T/B/X",
        text: "{{account.name}}: {{signal.summary}} <{{account.url}}>",
      },
      { kind: "setField", field: "touchModel", value: "high" },
      { kind: "setField", field: "owner", value: { kind: "role", role: "manager" } },
      { kind: "setField", field: "segment", value: "at-risk" },
      { kind: "addNote", body: "MRR {{account.mrr}}, {{account.daysToRenewal}}日で更新" },
    ]);
    expect(actions.map((action) => action.kind)).toEqual([
      "callWebhook",
      "postToChat",
      "setField",
      "setField",
      "setField",
      "addNote",
    ]);
    expect(actions[0]).toMatchObject({
      payload: {
        type: "playbook.step",
        playbook: { id: "pb-1", name: "赤になったら電話" },
        account: { id: "acc-1" },
        signal,
        stepIndex: 0,
      },
    });
    expect(actions[1]).toMatchObject({
      body: {
        text: "秋津県庁: ヘルススコアが黄から赤になりました <https://michi.example/accounts/acc-1>",
      },
    });
    expect(actions[3]).toMatchObject({ field: "owner", value: { userId: "u-mgr" } });
    expect(actions[5]).toMatchObject({ body: "MRR ￥350,000, 63日で更新" });
  });

  it("escapes values in a chat post, not in the task title", () => {
    const facts = sampleFacts();
    const named = sampleFacts({ account: { ...facts.account, name: "<!here> & co" } });
    const [task, post] = plan(
      [
        {
          kind: "createTask",
          title: "{{account.name}}",
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 1,
        },
        { kind: "postToChat", url: "https://chat.example/hook", text: "{{account.name}}" },
      ],
      { facts: named },
    );
    expect(task).toMatchObject({ title: "<!here> & co" });
    expect(post).toMatchObject({ body: { text: "&lt;!here&gt; &amp; co" } });
  });

  it("shifts steps after a wait, marks them provisional, and stops where a stopIf holds", () => {
    const steps: PlaybookInput["steps"] = [
      { kind: "createTask", title: "call", owner: { kind: "accountOwner" }, dueInBusinessDays: 2 },
      { kind: "wait", days: 14 },
      { kind: "stopIf", condition: { field: "healthBand", in: ["yellow", "green"] } },
      {
        kind: "createTask",
        title: "escalate",
        owner: { kind: "role", role: "manager" },
        dueInBusinessDays: 1,
      },
    ];
    const stillRed = plan(steps, { today: "2026-12-07" });
    expect(stillRed.map((action) => [action.kind, action.on, action.provisional])).toEqual([
      ["createTask", "2026-12-07", false],
      ["wait", "2026-12-07", false],
      ["stopIf", "2026-12-21", true],
      ["createTask", "2026-12-21", true],
    ]);
    expect(only(stillRed, "createTask")[1]?.dueDate).toBe("2026-12-22");

    // The runner does the steps up to the wait, then plans again from the next step.
    const { now, resume } = actionsDueNow(stillRed);
    expect(now.map((action) => action.kind)).toEqual(["createTask", "wait"]);
    expect(resume).toEqual({ on: "2026-12-21", fromStep: 2 });

    // Two weeks later the account is green: the run stops there.
    const facts = sampleFacts({ health: { score: 80, band: "green" } });
    const resumed = plan(steps, { today: "2026-12-21", fromStep: 2, facts });
    expect(resumed).toEqual([
      expect.objectContaining({
        kind: "stopIf",
        holds: true,
        on: "2026-12-21",
        provisional: false,
      }),
    ]);
    expect(actionsDueNow(resumed)).toEqual({ now: resumed, resume: null });
  });

  it("is the same plan however often it is asked (a dry run and a run cannot differ)", () => {
    const steps: PlaybookInput["steps"] = [
      {
        kind: "createTask",
        title: "{{account.name}} {{today}}",
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 3,
      },
      { kind: "postToChat", url: "https://chat.example/hook", text: "{{signal.summary}}" },
    ];
    expect(plan(steps)).toEqual(plan(steps));
  });

  it("words every signal for people, never as a bare code or key", () => {
    const facts = sampleFacts();
    const base = { accountId: "acc-1", at: "2026-12-07" } as const;
    const finding: PlaybookSignal = {
      kind: "planFindingAppeared",
      ...base,
      planId: "p-1",
      code: "evaluator-not-met",
      target: null,
    };
    expect(describeSignal(finding, facts, "ja")).not.toContain("evaluator-not-met");
    expect(describeSignal(finding, facts, "en")).toContain("evaluator");
    const phase: PlaybookSignal = {
      kind: "phaseChanged",
      ...base,
      from: "onboarding",
      to: "operation",
    };
    expect(describeSignal(phase, facts, "ja")).toBe("フェーズが導入から運用に移りました");
    const kpi: PlaybookSignal = {
      kind: "kpiOffTrack",
      ...base,
      planId: "p-1",
      kpiKey: "k1",
      kpiName: "予約率",
      since: "2026-11-30",
    };
    expect(describeSignal(kpi, facts, "en")).toBe(
      'KPI "予約率" has been behind plan since 2026-11-30',
    );
    const renewal: PlaybookSignal = {
      kind: "renewalApproaching",
      ...base,
      contractId: "ct-1",
      renewalDate: "2027-03-07",
    };
    expect(describeSignal(renewal, facts, "ja")).toBe("契約更新日(2027-03-07)まであと90日です");
  });
});
