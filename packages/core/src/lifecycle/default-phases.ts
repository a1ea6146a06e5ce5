import { type Phase, phasesSchema } from "./phases";

/*
 * The default phases and their design table, from seed 003's framework:
 * 提案 → 導入 → ランニング → 運用 → 活用 → 更新 → 推奨. The four columns are a
 * starting point for a workspace's own exercise (seed 003 asks each team to
 * fill them from its own experience); lines are separated by "\n".
 * Exit criteria are realistic, not 100 % (seed 003: one person who never uses
 * the product must not hold an account in onboarding forever).
 */
export const defaultPhases: Phase[] = phasesSchema.parse([
  {
    key: "proposal",
    name: { ja: "提案", en: "Proposal" },
    userActions: {
      ja: "業務の課題を整理する\n製品を比較・検討する\n社内の承認を得る\n契約する",
      en: "Sort out the business issue\nCompare and evaluate products\nGet internal approval\nSign the contract",
    },
    userExperience: {
      ja: "営業から提案を受ける\nデモやトライアルで使い勝手を確かめる\n費用対効果を社内に説明する",
      en: "Hear the vendor's proposal\nTry the product in a demo or trial\nExplain the value for money internally",
    },
    services: {
      ja: "課題のヒアリングと提案\nデモ・トライアル環境\n導入事例の紹介\n費用対効果の試算",
      en: "Discovery and proposal\nDemo and trial environment\nCase studies\nValue-for-money estimate",
    },
    goal: {
      ja: "契約が結ばれ、営業からCSへ引き継がれている",
      en: "The contract is signed and sales has handed the account over to CS",
    },
    exitCriteria: [
      {
        key: "contract-signed",
        name: { ja: "契約がある", en: "A contract is in force" },
        rule: { metric: "mrr", op: ">", value: 0 },
      },
    ],
  },
  {
    key: "onboarding",
    name: { ja: "導入", en: "Onboarding" },
    userActions: {
      ja: "管理者アカウントを作る\n初期設定・連携設定をする\n利用者を招待する\nキックオフに参加する",
      en: "Create the administrator account\nConfigure the product and its integrations\nInvite users\nJoin the kickoff",
    },
    userExperience: {
      ja: "設定手順を探して読む\n分からない点を問い合わせる\n社内の利用者に使い方を案内する",
      en: "Look for and read the setup guide\nAsk support when stuck\nShow colleagues how to start",
    },
    services: {
      ja: "キックオフとサクセスプランの合意\n導入手順書・動画\n設定の支援\nよくある失敗例の共有",
      en: "Kickoff and an agreed success plan\nSetup guides and videos\nHands-on setup help\nKnown failure patterns shared up front",
    },
    goal: {
      ja: "設定が終わり、3人以上が5日以上使っている(30日間)",
      en: "Setup is done and at least 3 people have used it on 5 or more days (30 days)",
    },
    exitCriteria: [
      {
        key: "users-started",
        name: { ja: "3人以上が使い始めた", en: "At least 3 people have started" },
        rule: { metric: "activeUsers:30d", op: ">=", value: 3 },
      },
      {
        key: "used-regularly",
        name: { ja: "30日間で5日以上の利用", en: "Used on 5 or more days in 30" },
        rule: { metric: "activeDays:30d", op: ">=", value: 5 },
      },
    ],
  },
  {
    key: "trial-run",
    name: { ja: "ランニング", en: "Trial run" },
    userActions: {
      ja: "一部の部門・業務で試験運用する\n課題や要望を集める\n運用ルールを決める",
      en: "Run it for real in some teams or processes\nCollect issues and requests\nAgree how it will be used",
    },
    userExperience: {
      ja: "実業務で使ってみて戸惑う\n従来のやり方と並行して作業する\n社内から質問を受ける",
      en: "Meet the surprises of real work\nRun the old way alongside\nField colleagues' questions",
    },
    services: {
      ja: "定例会で課題を回収する\nFAQ・操作トレーニング\n設定の見直し支援",
      en: "Collect issues in the regular meeting\nFAQ and training\nHelp to adjust the setup",
    },
    goal: {
      ja: "ライセンスの30%以上が使われ、3種類以上の機能が10日以上使われている",
      en: "30 % or more of the seats are active and 3 or more features are used on 10 or more days",
    },
    exitCriteria: [
      {
        key: "seats-in-use",
        name: { ja: "ライセンスの30%以上が利用", en: "30 % of seats active" },
        rule: { metric: "seatUtilisation:30d", op: ">=", value: 30 },
      },
      {
        key: "features-tried",
        name: { ja: "3種類以上の機能を利用", en: "3 or more features used" },
        rule: { metric: "distinctEvents:30d", op: ">=", value: 3 },
      },
      {
        key: "used-often",
        name: { ja: "30日間で10日以上の利用", en: "Used on 10 or more days in 30" },
        rule: { metric: "activeDays:30d", op: ">=", value: 10 },
      },
    ],
  },
  {
    key: "operation",
    name: { ja: "運用", en: "Operation" },
    userActions: {
      ja: "対象の全部門で本番運用する\n従来のやり方をやめる\n社内マニュアルを整える",
      en: "Run it in production in every team in scope\nRetire the old way\nWrite the internal manual",
    },
    userExperience: {
      ja: "日常業務の一部として使う\n例外的なケースで迷う\n新しい利用者が加わる",
      en: "Use it as part of daily work\nHesitate over unusual cases\nWelcome new users",
    },
    services: {
      ja: "利用状況のモニタリング\nウェビナー・集合研修\nサポート窓口",
      en: "Usage monitoring\nWebinars and group training\nSupport desk",
    },
    goal: {
      ja: "ライセンスの60%以上が使われ、月15日以上利用され、直近7日以内に利用がある",
      en: "60 % or more of the seats are active, it is used on 15 or more days a month, and was used in the last 7 days",
    },
    exitCriteria: [
      {
        key: "seats-in-use",
        name: { ja: "ライセンスの60%以上が利用", en: "60 % of seats active" },
        rule: { metric: "seatUtilisation:30d", op: ">=", value: 60 },
      },
      {
        key: "steady-use",
        name: {
          ja: "月15日以上、直近7日以内に利用",
          en: "Used on 15+ days a month and in the last 7 days",
        },
        rule: {
          all: [
            { metric: "activeDays:30d", op: ">=", value: 15 },
            { metric: "daysSinceLastSeen", op: "<=", value: 7 },
          ],
        },
      },
    ],
  },
  {
    key: "utilisation",
    name: { ja: "活用", en: "Utilisation" },
    userActions: {
      ja: "自社に合った使い方を工夫する\n他の部門・業務へ広げる\n成果を測って報告する",
      en: "Find the ways of use that fit the company\nSpread it to other teams and processes\nMeasure and report the results",
    },
    userExperience: {
      ja: "より便利な機能を知る\n他社の使い方を参考にする\n成果を評価者に説明する",
      en: "Discover more useful features\nLearn from other customers\nExplain the results to the evaluator",
    },
    services: {
      ja: "活用の提案・他社事例の紹介\nKPIのふりかえりと改善ロードマップ\nユーザー会",
      en: "Adoption advice and case studies\nKPI retrospectives and an improvement roadmap\nUser community",
    },
    goal: {
      ja: "更新日の90日前に入った",
      en: "The renewal date is 90 days away or less",
    },
    exitCriteria: [
      {
        key: "renewal-window",
        name: { ja: "更新日まで90日以内", en: "Renewal within 90 days" },
        rule: { metric: "daysToRenewal", op: "<=", value: 90 },
      },
    ],
  },
  {
    key: "renewal",
    name: { ja: "更新", en: "Renewal" },
    userActions: {
      ja: "利用の成果をふりかえる\n継続・拡張を判断する\n更新の手続きをする",
      en: "Look back at the results\nDecide to continue or expand\nRenew the contract",
    },
    userExperience: {
      ja: "評価者に成果を報告する\n費用対効果を見直す\n次の期の目標を考える",
      en: "Report the results to the evaluator\nReview the value for money\nSet goals for the next term",
    },
    services: {
      ja: "成果報告のレポート\n次期サクセスプランの提案\nアップセル・クロスセルの提案",
      en: "Results report\nNext term's success plan\nUpsell and cross-sell proposals",
    },
    goal: {
      ja: "契約が更新され(次の更新日まで90日超)、NPSが30以上",
      en: "The contract is renewed (next renewal more than 90 days away) and NPS is 30 or more",
    },
    exitCriteria: [
      {
        key: "renewed",
        name: { ja: "契約が更新された", en: "The contract is renewed" },
        rule: { metric: "daysToRenewal", op: ">", value: 90 },
      },
      {
        key: "would-recommend",
        name: { ja: "NPSが30以上", en: "NPS of 30 or more" },
        rule: { metric: "lastNps", op: ">=", value: 30 },
      },
    ],
  },
  {
    key: "advocacy",
    name: { ja: "推奨", en: "Advocacy" },
    userActions: {
      ja: "他社に製品を勧める\n事例取材や登壇に協力する\nユーザー会に参加する",
      en: "Recommend the product to others\nTake part in case studies and talks\nJoin the user community",
    },
    userExperience: {
      ja: "製品に愛着を持つ\n自分たちの成果を社外に語る",
      en: "Feel attached to the product\nTell others about their own results",
    },
    services: {
      ja: "事例化・紹介の仕組み\nユーザー会・コミュニティの運営\n製品フィードバックの場",
      en: "Case study and referral programme\nUser community\nChannels for product feedback",
    },
    goal: {
      ja: "(最後のフェーズ)紹介や事例が生まれ続けている",
      en: "(Last phase) Referrals and case studies keep coming",
    },
    exitCriteria: [],
  },
]);
