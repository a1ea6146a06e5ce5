import type { Industry } from "./demo-names";

/**
 * What the demo's customers set out to do with Michi Docs, one scenario per
 * industry, in the words of the seed articles: a goal, a measurable win
 * condition, objectives with their desired state, measures linked to them,
 * KPIs with evaluation method and data source, a roadmap ranked by impact ×
 * difficulty. The numbers are the shape of the plan; demo-plans.ts adds the
 * dates, people and measurements.
 */

export type ScenarioKpi = {
  name: string;
  unit: string;
  direction: "increase" | "decrease";
  baseline: number;
  target: number;
  evaluationMethod: string;
  dataSource: string;
  aggregation: string;
};

export type PlanScenario = {
  title: string;
  purpose: { businessIssue: string; problem: string; solution: string; benefit: string };
  goal: string;
  winCondition: string;
  /** k1 is the KGI the win condition names; k2 and k3 are KPIs of objectives and roadmap items. */
  kpis: [ScenarioKpi, ScenarioKpi, ScenarioKpi];
  objectives: { title: string; desiredState: string }[];
  /** `objectives` are indexes into the objectives above. */
  measures: { title: string; objectives: number[]; effort: number }[];
  roadmap: {
    process: string;
    purpose: string;
    how: string;
    howMuch: string;
    impact: number;
    difficulty: number;
  }[];
  milestones: string[];
  tasks: string[];
  factors: {
    people: string;
    money: string;
    time: string;
    quality: string;
    dealStructure: string;
    environment: string;
    rivals: string;
    externalThreats: string;
  };
};

export const planScenarios: Record<Industry, PlanScenario> = {
  retail: {
    title: "店舗事務の電子化計画",
    purpose: {
      businessIssue: "店長が事務作業に追われ、売場づくりと人材育成に時間を割けていない",
      problem: "本部からの連絡と店舗の申請が紙とメールに分かれ、確認と転記に時間がかかる",
      solution: "本部通達と店舗の申請を Michi Docs に集め、承認までを電子で回す",
      benefit: "店長の事務時間を減らし、売場に立つ時間を増やす",
    },
    goal: "店舗の本部連絡と申請を電子化し、店長が売場に立つ時間を週3時間増やす",
    winCondition: "店長1人あたりの事務作業時間が週5時間から2時間以下になる",
    kpis: [
      {
        name: "店長の事務作業時間",
        unit: "時間/週",
        direction: "decrease",
        baseline: 5,
        target: 2,
        evaluationMethod: "対象店舗の店長への月次アンケート(平均)",
        dataSource: "店長アンケート",
        aggregation: "月次平均",
      },
      {
        name: "本部通達の電子配信率",
        unit: "%",
        direction: "increase",
        baseline: 20,
        target: 90,
        evaluationMethod: "Michi Docs で配信した通達 ÷ 全通達",
        dataSource: "Michi Docs の配信ログ",
        aggregation: "月次",
      },
      {
        name: "申請の平均承認日数",
        unit: "日",
        direction: "decrease",
        baseline: 6,
        target: 2,
        evaluationMethod: "申請から最終承認までの日数の平均",
        dataSource: "ワークフローの承認履歴",
        aggregation: "月次平均",
      },
    ],
    objectives: [
      {
        title: "本部からの連絡が一か所に集まる",
        desiredState: "本部通達の9割以上が Michi Docs で配信され、店長の既読が確認できる",
      },
      {
        title: "店舗の申請が電子で回る",
        desiredState: "備品・修繕の申請が紙を使わずに承認まで進む",
      },
      {
        title: "店長会議で数字を見る",
        desiredState: "月次の店長会議で、申請の承認日数と通達の既読率を確認している",
      },
    ],
    measures: [
      { title: "本部通達テンプレートの整備", objectives: [0], effort: 2 },
      { title: "既読確認の運用ルールを決める", objectives: [0], effort: 1 },
      { title: "備品・修繕申請のワークフロー設定", objectives: [1], effort: 3 },
      { title: "店長向け操作説明会(エリア別)", objectives: [1, 2], effort: 2 },
      { title: "店長会議用ダッシュボードの作成", objectives: [2], effort: 1 },
    ],
    roadmap: [
      {
        process: "本部通達",
        purpose: "連絡の見落としをなくす",
        how: "通達をテンプレート化し既読を確認",
        howMuch: "電子配信率 20% → 90%",
        impact: 4,
        difficulty: 2,
      },
      {
        process: "備品・修繕申請",
        purpose: "承認待ちの解消",
        how: "申請書をワークフロー化",
        howMuch: "承認日数 6日 → 2日",
        impact: 5,
        difficulty: 3,
      },
      {
        process: "店長会議の報告",
        purpose: "効果の見える化",
        how: "ダッシュボードで月次報告",
        howMuch: "毎月1回",
        impact: 3,
        difficulty: 1,
      },
    ],
    milestones: [
      "モデル店舗で通達配信を開始",
      "全店で申請ワークフローを開始",
      "店長会議で初の月次報告",
    ],
    tasks: [
      "通達テンプレート案の作成",
      "モデル店舗の選定",
      "申請書様式の棚卸し",
      "エリア別説明会の日程調整",
      "ダッシュボードの項目決め",
    ],
    factors: {
      people: "推進者は店舗運営部の課長1名、モデル店舗の店長3名。情報システム部は月2日まで支援",
      money: "追加予算なし(既存契約内)",
      time: "年末商戦の11〜12月は新しい作業を入れない",
      quality: "本部の通達番号体系を崩さないこと",
      dealStructure: "店舗はフランチャイズを含み、本部から強制できない店舗がある",
      environment: "店舗の PC は共用で、スマートフォンの業務利用は一部のみ",
      rivals: "グループ会社が別の社内ポータルを使っている",
      externalThreats: "人手不足による店長の兼務増加",
    },
  },
  logistics: {
    title: "作業手順書の電子化と教育期間の短縮",
    purpose: {
      businessIssue: "2024年問題を前に、拠点の作業者の確保と早期戦力化が経営課題になっている",
      problem: "作業手順が拠点ごとに紙で管理され、新人教育がベテランの口頭説明に頼っている",
      solution:
        "全拠点の手順書を Michi Docs に集め、改訂を承認フローで回し、現場の端末で見られるようにする",
      benefit: "新人の独り立ちを早め、ベテランの教育負担を減らす",
    },
    goal: "全拠点の作業手順書を電子化し、新人が独り立ちするまでの期間を半分にする",
    winCondition: "新人の独り立ちまでの日数が60日から30日以下になる",
    kpis: [
      {
        name: "新人の独り立ちまでの日数",
        unit: "日",
        direction: "decrease",
        baseline: 60,
        target: 30,
        evaluationMethod: "入社から単独作業の承認までの日数(四半期の平均)",
        dataSource: "拠点の教育記録",
        aggregation: "四半期平均",
      },
      {
        name: "電子化された手順書の割合",
        unit: "%",
        direction: "increase",
        baseline: 10,
        target: 100,
        evaluationMethod: "Michi Docs にある手順書 ÷ 全手順書",
        dataSource: "手順書の棚卸し表と Michi Docs",
        aggregation: "月次",
      },
      {
        name: "手順書の週次閲覧者数",
        unit: "人",
        direction: "increase",
        baseline: 0,
        target: 300,
        evaluationMethod: "その週に手順書を開いた作業者の数",
        dataSource: "Michi Docs の閲覧ログ",
        aggregation: "週次",
      },
    ],
    objectives: [
      {
        title: "手順書が最新で一か所にある",
        desiredState: "全拠点の作業手順書が Michi Docs にあり、改訂が承認フローで回っている",
      },
      {
        title: "現場が端末で手順書を見る",
        desiredState: "検品・フォークリフトの作業者がハンディ端末で手順を確認している",
      },
      {
        title: "拠点長が教育の進み具合を把握している",
        desiredState: "拠点長が新人ごとの習熟状況を毎週確認している",
      },
    ],
    measures: [
      { title: "手順書の棚卸しと様式の統一", objectives: [0], effort: 3 },
      { title: "改訂承認フローの設定", objectives: [0], effort: 1 },
      { title: "ハンディ端末からの閲覧設定", objectives: [1], effort: 2 },
      { title: "拠点ごとの説明会", objectives: [1, 2], effort: 2 },
      { title: "習熟チェックリストの電子化", objectives: [2], effort: 2 },
    ],
    roadmap: [
      {
        process: "手順書の管理",
        purpose: "拠点間のばらつきをなくす",
        how: "様式を統一して電子化",
        howMuch: "電子化率 10% → 100%",
        impact: 5,
        difficulty: 3,
      },
      {
        process: "新人教育",
        purpose: "早期戦力化",
        how: "手順書と習熟チェックリストで教える",
        howMuch: "独り立ち 60日 → 30日",
        impact: 5,
        difficulty: 4,
      },
      {
        process: "拠点長会議",
        purpose: "教育状況の共有",
        how: "習熟状況を毎週確認",
        howMuch: "週1回",
        impact: 3,
        difficulty: 1,
      },
    ],
    milestones: ["モデル拠点で手順書を公開", "全拠点で手順書を公開", "拠点長会議で習熟状況を報告"],
    tasks: [
      "手順書の棚卸し表を作る",
      "モデル拠点の選定",
      "ハンディ端末の閲覧テスト",
      "説明会資料の作成",
      "習熟チェックリストの項目決め",
    ],
    factors: {
      people: "推進者は物流管理部の課長1名、拠点長8名。IT 担当は本社に1名",
      money: "端末の追加購入は来期予算",
      time: "繁忙期の12月と3月は説明会を入れない",
      quality: "荷主の監査で手順書の版管理を求められる",
      dealStructure: "一部の拠点は協力会社の運営で、手順書の改訂に荷主の承認が要る",
      environment: "拠点の Wi-Fi が弱い場所がある",
      rivals: "荷主指定の WMS に手順書機能がある",
      externalThreats: "2024年問題による人手不足",
    },
  },
  manufacturing: {
    title: "品質記録の電子化と監査対応の効率化",
    purpose: {
      businessIssue: "取引先監査と ISO 更新審査の準備に品質保証部の工数が取られている",
      problem: "品質記録が工場ごとの紙とファイルサーバーに散らばり、探して揃えるのに時間がかかる",
      solution: "品質記録の様式を Michi Docs に統一し、改訂と承認の履歴を残す",
      benefit: "監査準備の工数を減らし、是正処置を早く回す",
    },
    goal: "品質記録を電子化し、監査準備にかかる工数を7割減らす",
    winCondition: "監査準備にかかる工数が月80時間から24時間以下になる",
    kpis: [
      {
        name: "監査準備の工数",
        unit: "時間/月",
        direction: "decrease",
        baseline: 80,
        target: 24,
        evaluationMethod: "品質保証部の工数記録のうち監査準備の合計",
        dataSource: "工数管理システム",
        aggregation: "月次合計",
      },
      {
        name: "電子化した品質記録様式",
        unit: "件",
        direction: "increase",
        baseline: 0,
        target: 120,
        evaluationMethod: "Michi Docs に移行した様式の数",
        dataSource: "様式の棚卸し表",
        aggregation: "月次",
      },
      {
        name: "是正処置の平均完了日数",
        unit: "日",
        direction: "decrease",
        baseline: 21,
        target: 10,
        evaluationMethod: "是正処置の起票から完了承認までの日数",
        dataSource: "ワークフローの承認履歴",
        aggregation: "月次平均",
      },
    ],
    objectives: [
      { title: "品質記録がすぐに探せる", desiredState: "監査で求められた記録を5分以内に出せる" },
      {
        title: "改訂と承認の履歴が残る",
        desiredState: "様式の改訂と記録の承認が、すべて履歴つきで残っている",
      },
      {
        title: "海外拠点も同じ様式を使う",
        desiredState: "海外拠点も同じ様式と承認フローで記録している",
      },
    ],
    measures: [
      { title: "品質記録様式の棚卸し", objectives: [0], effort: 2 },
      { title: "検索用の分類とタグの設計", objectives: [0], effort: 1 },
      { title: "是正処置ワークフローの設定", objectives: [1], effort: 3 },
      { title: "工場別の操作研修", objectives: [1, 2], effort: 2 },
      { title: "様式の英語版の作成", objectives: [2], effort: 2 },
    ],
    roadmap: [
      {
        process: "品質記録の保管",
        purpose: "監査対応の迅速化",
        how: "様式を統一して電子化",
        howMuch: "120様式を移行",
        impact: 5,
        difficulty: 3,
      },
      {
        process: "是正処置",
        purpose: "再発防止を早く回す",
        how: "ワークフロー化して期限を管理",
        howMuch: "21日 → 10日",
        impact: 4,
        difficulty: 3,
      },
      {
        process: "海外拠点の記録",
        purpose: "グループで同じ品質",
        how: "英語版の様式を展開",
        howMuch: "2拠点",
        impact: 3,
        difficulty: 4,
      },
    ],
    milestones: [
      "第一工場で電子記録を開始",
      "是正処置ワークフローを全工場で開始",
      "取引先監査を電子記録で受ける",
    ],
    tasks: [
      "様式の棚卸し表を作る",
      "分類体系の案を作る",
      "是正処置の承認ルートを確認",
      "工場別研修の日程調整",
      "英語版様式の翻訳依頼",
    ],
    factors: {
      people: "推進者は品質保証部の係長1名、各工場の品質担当5名",
      money: "海外拠点分のライセンスは来期に追加",
      time: "ISO 更新審査が半年後にある",
      quality: "記録の改ざん防止と保存期間(10年)を守ること",
      dealStructure: "主要取引先の監査基準に合わせる必要がある",
      environment: "現場は紙の記録に慣れ、タブレットは工場ごとに数台",
      rivals: "基幹システムの品質モジュールの導入案が並行して出ている",
      externalThreats: "取引先の監査基準の改定",
    },
  },
  finance: {
    title: "事務規程の一元化と事務ミスの削減",
    purpose: {
      businessIssue: "事務ミスによる再処理と顧客への謝罪対応が増え、内部統制上の指摘も受けた",
      problem: "規程とマニュアルが部署ごとに管理され、営業店が最新版を探せない",
      solution: "規程とマニュアルを Michi Docs に一元化し、改訂を承認フローで回す",
      benefit: "事務ミスと本部への問い合わせを減らし、監査の指摘に応える",
    },
    goal: "事務規程とマニュアルを一元化し、事務ミスによる再処理を半減する",
    winCondition: "事務ミスによる再処理件数が月40件から20件以下になる",
    kpis: [
      {
        name: "事務ミスによる再処理件数",
        unit: "件/月",
        direction: "decrease",
        baseline: 40,
        target: 20,
        evaluationMethod: "事務統括部に報告された再処理の件数",
        dataSource: "事務事故報告",
        aggregation: "月次合計",
      },
      {
        name: "規程検索を使う営業店の割合",
        unit: "%",
        direction: "increase",
        baseline: 0,
        target: 95,
        evaluationMethod: "その月に規程を検索した営業店 ÷ 全営業店",
        dataSource: "Michi Docs の検索ログ",
        aggregation: "月次",
      },
      {
        name: "本部への事務問い合わせ件数",
        unit: "件/月",
        direction: "decrease",
        baseline: 300,
        target: 150,
        evaluationMethod: "事務統括部のヘルプデスクへの問い合わせ件数",
        dataSource: "問い合わせ管理表",
        aggregation: "月次合計",
      },
    ],
    objectives: [
      {
        title: "営業店が最新の規程を引ける",
        desiredState: "営業店の担当者が、最新版の規程とマニュアルをその場で検索して使っている",
      },
      {
        title: "規程の改訂が承認フローで回る",
        desiredState: "規程の改訂が起案から承認・周知まで電子で進み、履歴が残っている",
      },
      {
        title: "本部が問い合わせの傾向を把握している",
        desiredState: "事務統括部が、問い合わせの多い規程を毎月見直している",
      },
    ],
    measures: [
      { title: "規程とマニュアルの移行", objectives: [0], effort: 3 },
      { title: "検索しやすい目次とタグの整備", objectives: [0], effort: 1 },
      { title: "規程改訂の承認フロー設定", objectives: [1], effort: 2 },
      { title: "営業店向けの説明会(ブロック別)", objectives: [0, 2], effort: 2 },
      { title: "問い合わせ分析の月次レポート", objectives: [2], effort: 1 },
    ],
    roadmap: [
      {
        process: "規程管理",
        purpose: "最新版を一か所に",
        how: "全規程を移行し改訂を電子化",
        howMuch: "全規程",
        impact: 5,
        difficulty: 3,
      },
      {
        process: "営業店の事務",
        purpose: "事務ミスを減らす",
        how: "規程検索を窓口業務で使う",
        howMuch: "再処理 40件 → 20件",
        impact: 5,
        difficulty: 4,
      },
      {
        process: "問い合わせ対応",
        purpose: "本部の負担軽減",
        how: "問い合わせ傾向から規程を見直す",
        howMuch: "300件 → 150件",
        impact: 3,
        difficulty: 2,
      },
    ],
    milestones: ["主要規程の移行完了", "全営業店で規程検索を開始", "内部監査への報告"],
    tasks: [
      "規程一覧の確定",
      "移行スケジュールの作成",
      "承認ルートの確認(コンプライアンス部)",
      "ブロック別説明会の日程調整",
      "問い合わせ分類の定義",
    ],
    factors: {
      people: "推進者は事務統括部の調査役1名、営業店の事務リーダー15名",
      money: "今期予算内。追加開発はなし",
      time: "決算期の3月と9月は移行作業を止める",
      quality: "金融庁検査に耐える改訂履歴と承認記録",
      dealStructure: "規程の所管部署が複数あり、改訂の承認者が部署ごとに違う",
      environment: "営業店端末はインターネット接続に制限がある",
      rivals: "勘定系ベンダーのマニュアル閲覧機能",
      externalThreats: "法令改正による規程の大量改訂",
    },
  },
  public: {
    title: "電子決裁の全庁展開",
    purpose: {
      businessIssue: "行政手続のデジタル化を進める中で、庁内の決裁が紙のままで時間がかかる",
      problem: "起案から決裁までの回覧が紙で、所在が分からず、押印のために出勤が必要になる",
      solution: "Michi Docs の電子決裁を全課に広げ、文書管理規程を電子決裁に合わせる",
      benefit: "決裁にかかる日数を減らし、テレワークでも決裁できるようにする",
    },
    goal: "紙の決裁を電子化し、決裁にかかる日数を半分にする",
    winCondition: "平均決裁日数が8日から4日以下になる",
    kpis: [
      {
        name: "平均決裁日数",
        unit: "日",
        direction: "decrease",
        baseline: 8,
        target: 4,
        evaluationMethod: "起案日から最終決裁日までの平均(紙と電子の両方)",
        dataSource: "文書管理システムの決裁記録",
        aggregation: "月次平均",
      },
      {
        name: "電子決裁率",
        unit: "%",
        direction: "increase",
        baseline: 5,
        target: 80,
        evaluationMethod: "電子で決裁した文書 ÷ 全決裁文書",
        dataSource: "文書管理システムの決裁記録",
        aggregation: "月次",
      },
      {
        name: "起案に関する問い合わせ",
        unit: "件/月",
        direction: "decrease",
        baseline: 120,
        target: 40,
        evaluationMethod: "情報政策課への問い合わせのうち起案に関するもの",
        dataSource: "問い合わせ記録",
        aggregation: "月次合計",
      },
    ],
    objectives: [
      {
        title: "全課で電子決裁が使われている",
        desiredState: "すべての課で、通常の文書が電子で起案・決裁されている",
      },
      {
        title: "文書管理規程が電子決裁に合っている",
        desiredState: "規程と決裁区分が電子決裁を前提に改正されている",
      },
      {
        title: "職員が迷わず起案できる",
        desiredState: "職員がテンプレートを使い、問い合わせなしで起案できる",
      },
    ],
    measures: [
      { title: "モデル課での試行", objectives: [0], effort: 2 },
      { title: "決裁区分の見直し案の作成", objectives: [1], effort: 2 },
      { title: "起案テンプレートの整備", objectives: [2], effort: 2 },
      { title: "課長級への説明会", objectives: [0, 1], effort: 1 },
      { title: "職員向けの操作研修(動画)", objectives: [2], effort: 2 },
    ],
    roadmap: [
      {
        process: "決裁",
        purpose: "決裁日数の短縮",
        how: "全課で電子決裁",
        howMuch: "電子決裁率 5% → 80%",
        impact: 5,
        difficulty: 4,
      },
      {
        process: "文書管理規程",
        purpose: "電子決裁を正式な手続にする",
        how: "規程改正",
        howMuch: "年度内に改正",
        impact: 4,
        difficulty: 3,
      },
      {
        process: "起案",
        purpose: "迷わず起案",
        how: "テンプレートと研修",
        howMuch: "問い合わせ 120件 → 40件",
        impact: 3,
        difficulty: 2,
      },
    ],
    milestones: ["モデル課で電子決裁を開始", "文書管理規程の改正", "全課で電子決裁を開始"],
    tasks: [
      "モデル課の選定",
      "決裁区分の現状整理",
      "起案テンプレート案の作成",
      "課長級説明会の開催通知",
      "研修動画の撮影",
    ],
    factors: {
      people: "推進者は情報政策課の主査1名、各課の文書主任",
      money: "補正予算で今年度分は確保済み",
      time: "議会の会期中は課長級の説明会を避ける",
      quality: "公文書管理法と情報公開に耐える記録",
      dealStructure: "規程の改正は総務課の所管で、議会への説明が必要",
      environment: "庁内 LAN は LGWAN 系で、外部サービスの利用に制限がある",
      rivals: "県の共同利用システムへの参加案",
      externalThreats: "人事異動による担当者の交代(4月)",
    },
  },
};

/** Retrospective phrases (ふりかえり), by whether the objective's desired state came closer. */
export const retrospectivePhrases = {
  closer: {
    held: [
      "モデル部署での利用が定着した",
      "推進者が定例を回せるようになった",
      "数字で効果を説明できた",
    ],
    changesNext: [
      "対象を次の部署に広げる",
      "評価者への報告を月次で続ける",
      "成功例を他部署に紹介する",
    ],
  },
  unchanged: {
    didNotHold: [
      "現場の説明会が予定どおり開けなかった",
      "繁忙期で利用が伸びなかった",
      "データの集計に手間取った",
    ],
    changesNext: ["説明会を少人数で回数を増やす", "集計を自動化する", "推進者と週次で確認する"],
  },
  further: {
    didNotHold: [
      "担当者の異動で推進が止まった",
      "評価者への報告が途切れた",
      "同時に多くの業務に手を付けた",
    ],
    changesNext: [
      "推進者の後任を決める",
      "評価者との会議を再開する",
      "ロードマップの優先順位を絞る",
    ],
  },
} as const;
