import type { DisplayText } from "../usage/display-text";
import { type Playbook, type PlaybookInput, playbookSchema } from "./playbook";

/*
 * Playbooks Michi ships as starting points, from the seeds: seed 004 (touch
 * models: high touch is met in person, tech touch is helped by mail and
 * content; the onboarding phase's Wow! moment decides later churn; maturity
 * levels are raised by prompting the next level's use) and seed 002 (an owner
 * for every task; repeated work automated). A workspace copies one and edits
 * it; the copy is the workspace's own, so a later change here changes no
 * workspace's playbook.
 */

export type PlaybookTemplate = {
  key: string;
  /** What the template is for, shown in the gallery. */
  summary: DisplayText;
  playbook: Playbook;
};

const template = (
  key: string,
  summary: DisplayText,
  playbook: PlaybookInput,
): PlaybookTemplate => ({
  key,
  summary,
  playbook: playbookSchema.parse(playbook),
});

const renewal = (days: 90 | 60 | 30): PlaybookTemplate => {
  const steps: Record<typeof days, PlaybookInput["steps"]> = {
    90: [
      {
        kind: "createTask",
        title: {
          ja: "{{account.name}}: 更新90日前の振り返りを準備する",
          en: "{{account.name}}: prepare the review 90 days before renewal",
        },
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 5,
      },
      {
        kind: "addNote",
        body: {
          ja: "更新日 {{account.renewalDate}} まで90日。成果(KPI)とヘルススコア({{account.healthScore}})を評価者と振り返る準備を始めます。",
          en: "90 days to renewal on {{account.renewalDate}}. Start preparing the review of outcomes (KPIs) and health ({{account.healthScore}}) with the evaluators.",
        },
      },
    ],
    60: [
      {
        kind: "createTask",
        title: {
          ja: "{{account.name}}: 評価者と成果の振り返り会議を設定する(更新60日前)",
          en: "{{account.name}}: set the outcome review with the evaluators (60 days to renewal)",
        },
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 5,
      },
    ],
    30: [
      {
        kind: "createTask",
        title: {
          ja: "{{account.name}}: 更新の意思を確認する(更新30日前)",
          en: "{{account.name}}: confirm the renewal (30 days to go)",
        },
        owner: { kind: "accountOwner" },
        dueInBusinessDays: 3,
      },
      {
        kind: "stopIf",
        condition: { field: "healthBand", in: ["green"] },
      },
      {
        kind: "createTask",
        title: {
          ja: "{{account.name}}: ヘルス{{account.healthBand}}の更新リスクをマネージャーと相談する",
          en: "{{account.name}}: discuss the renewal risk (health {{account.healthBand}}) with a manager",
        },
        owner: { kind: "role", role: "manager" },
        dueInBusinessDays: 2,
      },
    ],
  };
  return template(
    `renewal-${days}`,
    {
      ja: `契約更新日の${days}日前に、更新に向けた準備のタスクを作ります。`,
      en: `${days} days before a contract renews, creates the tasks that prepare the renewal.`,
    },
    {
      name: { ja: `更新${days}日前`, en: `Renewal in ${days} days` },
      trigger: { kind: "renewalDue", days },
      steps: steps[days],
      coolDownDays: 0,
    },
  );
};

export const playbookTemplates: readonly PlaybookTemplate[] = [
  template(
    "onboarding-kickoff",
    {
      ja: "導入フェーズに入った顧客のキックオフを準備します(seed 004: 早期の Wow! Moment が後の解約率を左右する)。",
      en: "Prepares the kickoff when an account enters onboarding (seed 004: an early Wow! moment shapes later churn).",
    },
    {
      name: { ja: "導入キックオフ", en: "Onboarding kickoff" },
      trigger: { kind: "phaseChanged", to: ["onboarding"] },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: キックオフ会議を設定し、サクセスプランとよくある失敗例を共有する",
            en: "{{account.name}}: schedule the kickoff; share the success plan and the known failure patterns",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 3,
        },
        {
          kind: "sendEmail",
          to: { kind: "contact", role: "promoter" },
          template: {
            subject: {
              ja: "{{account.name}} 様 ご導入のキックオフについて",
              en: "Your onboarding kickoff, {{account.name}}",
            },
            text: {
              ja: "{{contact.name}} 様\n\nこのたびはご契約ありがとうございます。担当の{{account.owner}}です。\nご導入を円滑に進めるため、キックオフのお打ち合わせを設定させてください。追ってご都合を伺います。\n\nよろしくお願いいたします。",
              en: "Dear {{contact.name}},\n\nThank you for choosing us. I am {{account.owner}}, your customer success manager.\nTo get your onboarding off to a good start, I would like to set up a kickoff meeting and will be in touch about a date.\n\nBest regards",
            },
          },
        },
        { kind: "wait", days: 14 },
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: 利用開始の状況を確認する(キックオフから2週間)",
            en: "{{account.name}}: check first use two weeks after the kickoff",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 2,
        },
      ],
    },
  ),
  template(
    "health-red-high-touch",
    {
      ja: "ハイタッチ・ロータッチの顧客のヘルススコアが赤になったら、2営業日以内に電話するタスクを担当者に作ります。",
      en: "When a high- or low-touch account turns red, asks its owner to call within 2 business days.",
    },
    {
      name: { ja: "ヘルス赤(ハイタッチ)", en: "Health turns red (high touch)" },
      trigger: { kind: "healthBandChanged", to: ["red"] },
      conditions: { field: "touchModel", in: ["high", "low"] },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: ヘルスが赤になりました。推進者に電話して状況を聞く",
            en: "{{account.name}} turned red: call the promoter and ask how things stand",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 2,
        },
        {
          kind: "addNote",
          body: {
            ja: "{{signal.summary}}(スコア {{account.healthScore}})。担当者に電話のタスクを作りました。",
            en: "{{signal.summary}} (score {{account.healthScore}}). A call task was created for the owner.",
          },
        },
        { kind: "wait", days: 14 },
        { kind: "stopIf", condition: { field: "healthBand", in: ["yellow", "green"] } },
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: 2週間たっても赤のままです。マネージャーと対策を決める",
            en: "{{account.name}} is still red after two weeks: agree a plan with a manager",
          },
          owner: { kind: "role", role: "manager" },
          dueInBusinessDays: 3,
        },
      ],
      coolDownDays: 30,
    },
  ),
  template(
    "health-red-tech-touch",
    {
      ja: "テックタッチ・コミュニティの顧客のヘルススコアが赤になったら、ヘルプの案内をメールで送ります。",
      en: "When a tech-touch or community account turns red, emails the primary contact where to find help.",
    },
    {
      name: { ja: "ヘルス赤(テックタッチ)", en: "Health turns red (tech touch)" },
      trigger: { kind: "healthBandChanged", to: ["red"] },
      conditions: { field: "touchModel", in: ["tech", "community"] },
      steps: [
        {
          kind: "sendEmail",
          to: { kind: "contact", role: "primary" },
          template: {
            subject: {
              ja: "{{account.name}} 様 ご利用でお困りのことはありませんか",
              en: "{{account.name}}, can we help?",
            },
            text: {
              ja: "{{contact.name}} 様\n\nいつもご利用ありがとうございます。最近のご利用状況から、お困りのことがないか気になりご連絡しました。\nよくあるご質問と使い方の動画をご用意しています。ご不明な点はこのメールにご返信ください。\n\nよろしくお願いいたします。",
              en: "Dear {{contact.name}},\n\nThank you for using our product. Your recent use made us wonder whether something is in the way.\nOur FAQ and short how-to videos may help; if not, just reply to this email.\n\nBest regards",
            },
          },
        },
        { kind: "wait", days: 7 },
        { kind: "stopIf", condition: { field: "healthBand", in: ["yellow", "green"] } },
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: メール後も赤のままです。利用状況を確認する",
            en: "{{account.name}} is still red a week after the email: look at its usage",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 3,
        },
      ],
      coolDownDays: 30,
    },
  ),
  renewal(90),
  renewal(60),
  renewal(30),
  template(
    "evaluator-not-met",
    {
      ja: "評価者との会議が会議体の頻度より空いたら、会議を設定するタスクを作ります(seed 001: 評価者に成果を伝え続ける)。",
      en: "When no evaluator meeting has been held within the cadence, asks the owner to set one (seed 001: keep evaluators informed).",
    },
    {
      name: { ja: "評価者と会えていない", en: "Evaluator not met" },
      trigger: { kind: "planFindingAppeared", codes: ["evaluator-not-met"] },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: 評価者との報告会を設定する",
            en: "{{account.name}}: set a progress report with the evaluators",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 5,
        },
      ],
      coolDownDays: 14,
    },
  ),
  template(
    "kpi-off-track",
    {
      ja: "KPI が計画線より遅れたら、原因を確かめて施策を見直すタスクを作ります。",
      en: "When a KPI falls behind its plan line, asks the owner to find out why and revise the measures.",
    },
    {
      name: { ja: "KPI が計画より遅れている", en: "KPI off track" },
      trigger: { kind: "kpiOffTrack" },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: {{signal.summary}}。推進者と原因を確かめ施策を見直す",
            en: "{{account.name}}: {{signal.summary}}. Find the cause with the promoter and revise the measures",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 5,
        },
      ],
      coolDownDays: 14,
    },
  ),
  template(
    "phase-exit-proposed",
    {
      ja: "フェーズのゴールを満たし次のフェーズへの移行が提案されたら、確認して移行するタスクを作ります。",
      en: "When an account meets its phase's exit criteria and a move is proposed, asks the owner to confirm it.",
    },
    {
      name: { ja: "フェーズ移行の提案", en: "Phase exit proposed" },
      trigger: { kind: "phaseProposed" },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: {{signal.summary}}。確認して移行する",
            en: "{{account.name}}: {{signal.summary}}. Confirm and move",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 5,
        },
      ],
    },
  ),
  template(
    "maturity-level-up",
    {
      ja: "成熟度レベルが上がったら、お祝いを伝え次のレベルの使い方を提案するタスクを作ります(seed 004: 成熟度を上げる促し)。",
      en: "When the maturity level rises, asks the owner to congratulate the customer and propose the next level's practices (seed 004).",
    },
    {
      name: { ja: "成熟度レベルアップ", en: "Maturity level up" },
      trigger: { kind: "maturityLevelChanged", direction: "up" },
      steps: [
        {
          kind: "createTask",
          title: {
            ja: "{{account.name}}: {{account.maturityLevel}}への到達を伝え、次のレベルの使い方を提案する",
            en: "{{account.name}} reached {{account.maturityLevel}}: congratulate and propose the next level's practices",
          },
          owner: { kind: "accountOwner" },
          dueInBusinessDays: 5,
        },
        {
          kind: "addNote",
          body: { ja: "{{signal.summary}}。", en: "{{signal.summary}}." },
        },
      ],
    },
  ),
];

/** A shipped template by key. */
export const findPlaybookTemplate = (key: string): PlaybookTemplate | undefined =>
  playbookTemplates.find((entry) => entry.key === key);
