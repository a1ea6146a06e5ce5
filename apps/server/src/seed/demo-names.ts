/**
 * Vocabulary of the demo workspace: a fictional Japanese vendor of a
 * document/workflow SaaS ("Michi Docs") and its customers. Every company,
 * municipality and domain here is made up; domains use the reserved
 * `.example` TLD. The wording of profiles follows the seed articles
 * (属人化, 紙の稟議, 定着, 全社展開, 評価者, 推進者 …).
 */

export const industries = ["retail", "logistics", "manufacturing", "finance", "public"] as const;
export type Industry = (typeof industries)[number];

export const segments = ["enterprise", "mid-market", "smb"] as const;
export type Segment = (typeof segments)[number];

export type DemoCompany = {
  name: string;
  /** The name's reading (フリガナ), without the legal form. */
  nameKana: string;
  /** Email domain of the company's staff. */
  domain: string;
  industry: Industry;
  segment: Segment;
};

const E = "enterprise";
const M = "mid-market";
const S = "smb";

const company = (
  industry: Industry,
  segment: Segment,
  name: string,
  nameKana: string,
  domain: string,
): DemoCompany => ({ name, nameKana, domain, industry, segment });

/** 60 customers: 9 enterprise, 22 mid-market, 29 smb. */
export const demoCompanies: readonly DemoCompany[] = [
  // 小売
  company(
    "retail",
    E,
    "ハルナリテイルホールディングス株式会社",
    "ハルナリテイルホールディングス",
    "haruna-retail-hd.co.example",
  ),
  company("retail", E, "株式会社みどり屋百貨店", "ミドリヤヒャッカテン", "midoriya.co.example"),
  company("retail", M, "株式会社北斗ドラッグ", "ホクトドラッグ", "hokuto-drug.co.example"),
  company("retail", M, "株式会社フレッシュ青葉", "フレッシュアオバ", "fresh-aoba.co.example"),
  company(
    "retail",
    M,
    "株式会社はなみずきホームセンター",
    "ハナミズキホームセンター",
    "hanamizuki-hc.co.example",
  ),
  company("retail", M, "株式会社つばめ家電", "ツバメカデン", "tsubame-denki.co.example"),
  company("retail", S, "株式会社カナエ・アパレル", "カナエアパレル", "kanae-apparel.co.example"),
  company("retail", S, "株式会社こもれびマート", "コモレビマート", "komorebi-mart.co.example"),
  company("retail", S, "株式会社ソラノ雑貨", "ソラノザッカ", "sorano-zakka.co.example"),
  company(
    "retail",
    S,
    "株式会社しらかばベーカリー",
    "シラカバベーカリー",
    "shirakaba-bakery.co.example",
  ),
  company("retail", S, "株式会社灯台堂書店", "トウダイドウショテン", "todaido.co.example"),
  company("retail", S, "株式会社ミカサ眼鏡店", "ミカサメガネテン", "mikasa-megane.co.example"),
  company(
    "retail",
    S,
    "株式会社ルミエール化粧品販売",
    "ルミエールケショウヒンハンバイ",
    "lumiere-cosme.co.example",
  ),
  // 物流
  company(
    "logistics",
    E,
    "東雲ロジスティクスホールディングス株式会社",
    "シノノメロジスティクスホールディングス",
    "shinonome-logi.co.example",
  ),
  company(
    "logistics",
    M,
    "中京ロジネット株式会社",
    "チュウキョウロジネット",
    "chukyo-loginet.co.example",
  ),
  company(
    "logistics",
    M,
    "北関東エクスプレス株式会社",
    "キタカントウエクスプレス",
    "kitakanto-exp.co.example",
  ),
  company("logistics", M, "瀬戸内海運株式会社", "セトウチカイウン", "setouchi-kaiun.co.example"),
  company(
    "logistics",
    M,
    "株式会社トモエ冷蔵物流",
    "トモエレイゾウブツリュウ",
    "tomoe-reizo.co.example",
  ),
  company("logistics", S, "株式会社かもめ倉庫", "カモメソウコ", "kamome-soko.co.example"),
  company("logistics", S, "株式会社波止場運輸", "ハトバウンユ", "hatoba-unyu.co.example"),
  company(
    "logistics",
    S,
    "株式会社あおばウェアハウス",
    "アオバウェアハウス",
    "aoba-warehouse.co.example",
  ),
  company("logistics", S, "株式会社大和田陸送", "オオワダリクソウ", "owada-rikuso.co.example"),
  company("logistics", S, "株式会社ひばり宅配", "ヒバリタクハイ", "hibari-takuhai.co.example"),
  company(
    "logistics",
    S,
    "株式会社港北フォワーディング",
    "コウホクフォワーディング",
    "kohoku-fwd.co.example",
  ),
  // 製造
  company(
    "manufacturing",
    E,
    "大鷲重工ホールディングス株式会社",
    "オオワシジュウコウホールディングス",
    "owashi-hi.co.example",
  ),
  company(
    "manufacturing",
    E,
    "三河オートパーツ株式会社",
    "ミカワオートパーツ",
    "mikawa-autoparts.co.example",
  ),
  company(
    "manufacturing",
    E,
    "株式会社さきがけ食品",
    "サキガケショクヒン",
    "sakigake-foods.co.example",
  ),
  company(
    "manufacturing",
    M,
    "浜松プレシジョン株式会社",
    "ハママツプレシジョン",
    "hamamatsu-precision.co.example",
  ),
  company(
    "manufacturing",
    M,
    "株式会社黒潮電子工業",
    "クロシオデンシコウギョウ",
    "kuroshio-denshi.co.example",
  ),
  company(
    "manufacturing",
    M,
    "株式会社ヤマブキ化成",
    "ヤマブキカセイ",
    "yamabuki-kasei.co.example",
  ),
  company(
    "manufacturing",
    M,
    "株式会社信濃バルブ製作所",
    "シナノバルブセイサクショ",
    "shinano-valve.co.example",
  ),
  company(
    "manufacturing",
    M,
    "株式会社鶴見精機製作所",
    "ツルミセイキセイサクショ",
    "tsurumi-seiki.co.example",
  ),
  company(
    "manufacturing",
    S,
    "株式会社アオイ樹脂工業",
    "アオイジュシコウギョウ",
    "aoi-jushi.co.example",
  ),
  company("manufacturing", S, "株式会社越後金型", "エチゴカナガタ", "echigo-kanagata.co.example"),
  company("manufacturing", S, "株式会社星野醸造", "ホシノジョウゾウ", "hoshino-jozo.co.example"),
  company(
    "manufacturing",
    S,
    "株式会社ユズリハ梱包資材",
    "ユズリハコンポウシザイ",
    "yuzuriha-pack.co.example",
  ),
  company("manufacturing", S, "株式会社ナギサ繊維", "ナギサセンイ", "nagisa-seni.co.example"),
  company(
    "manufacturing",
    S,
    "株式会社紬テキスタイル",
    "ツムギテキスタイル",
    "tsumugi-textile.co.example",
  ),
  // 金融
  company("finance", E, "株式会社あさなぎ銀行", "アサナギギンコウ", "asanagi-bank.co.example"),
  company("finance", E, "陽光生命保険株式会社", "ヨウコウセイメイホケン", "yoko-life.co.example"),
  company("finance", M, "みなと信用金庫", "ミナトシンヨウキンコ", "minato-shinkin.example"),
  company("finance", M, "ゆうなぎ信用金庫", "ユウナギシンヨウキンコ", "yunagi-shinkin.example"),
  company("finance", M, "株式会社ひかりリース", "ヒカリリース", "hikari-lease.co.example"),
  company("finance", M, "株式会社ミツボシ証券", "ミツボシショウケン", "mitsuboshi-sec.co.example"),
  company("finance", S, "株式会社北摂カード", "ホクセツカード", "hokusetsu-card.co.example"),
  company("finance", S, "若葉信用組合", "ワカバシンヨウクミアイ", "wakaba-shinkumi.example"),
  company(
    "finance",
    S,
    "つくし少額短期保険株式会社",
    "ツクシショウガクタンキホケン",
    "tsukushi-ssi.co.example",
  ),
  company(
    "finance",
    S,
    "株式会社ホクシン・キャピタル",
    "ホクシンキャピタル",
    "hokushin-capital.co.example",
  ),
  // 公共
  company("public", E, "秋津県庁", "アキツケンチョウ", "pref.akitsu.lg.example"),
  company("public", M, "星見市役所", "ホシミシヤクショ", "city.hoshimi.lg.example"),
  company("public", M, "月見野市役所", "ツキミノシヤクショ", "city.tsukimino.lg.example"),
  company("public", M, "緑ヶ丘市役所", "ミドリガオカシヤクショ", "city.midorigaoka.lg.example"),
  company("public", M, "風見市役所", "カザミシヤクショ", "city.kazami.lg.example"),
  company(
    "public",
    M,
    "独立行政法人 地域交通整備機構",
    "チイキコウツウセイビキコウ",
    "chiiki-kotsu.go.example",
  ),
  company("public", S, "彩雲市役所", "サイウンシヤクショ", "city.saiun.lg.example"),
  company("public", S, "鈴鳴町役場", "スズナリチョウヤクバ", "town.suzunari.lg.example"),
  company("public", S, "白鷺村役場", "シラサギムラヤクバ", "vill.shirasagi.lg.example"),
  company(
    "public",
    S,
    "湊川市教育委員会",
    "ミナトガワシキョウイクイインカイ",
    "city.minatogawa.lg.example",
  ),
  company(
    "public",
    S,
    "千鳥市上下水道局",
    "チドリシジョウゲスイドウキョク",
    "city.chidori.lg.example",
  ),
  company(
    "public",
    S,
    "公立大学法人 星見市立大学",
    "ホシミシリツダイガク",
    "hoshimi-cu.ac.example",
  ),
];

/** A Japanese name and its romanisation (for email addresses). */
export type NamePart = readonly [kanji: string, romaji: string];

export const familyNames: readonly NamePart[] = [
  ["山田", "yamada"],
  ["中村", "nakamura"],
  ["小林", "kobayashi"],
  ["加藤", "kato"],
  ["吉田", "yoshida"],
  ["山口", "yamaguchi"],
  ["松本", "matsumoto"],
  ["井上", "inoue"],
  ["木村", "kimura"],
  ["林", "hayashi"],
  ["清水", "shimizu"],
  ["山崎", "yamazaki"],
  ["森", "mori"],
  ["池田", "ikeda"],
  ["橋本", "hashimoto"],
  ["阿部", "abe"],
  ["石川", "ishikawa"],
  ["山下", "yamashita"],
  ["中島", "nakajima"],
  ["石井", "ishii"],
  ["小川", "ogawa"],
  ["前田", "maeda"],
  ["岡田", "okada"],
  ["長谷川", "hasegawa"],
  ["藤田", "fujita"],
  ["後藤", "goto"],
  ["近藤", "kondo"],
  ["村上", "murakami"],
  ["遠藤", "endo"],
  ["青木", "aoki"],
  ["坂本", "sakamoto"],
  ["斉藤", "saito"],
  ["福田", "fukuda"],
  ["太田", "ota"],
  ["西村", "nishimura"],
  ["藤井", "fujii"],
  ["岡本", "okamoto"],
  ["松田", "matsuda"],
  ["中川", "nakagawa"],
  ["中野", "nakano"],
  ["原田", "harada"],
  ["小野", "ono"],
  ["竹内", "takeuchi"],
  ["金子", "kaneko"],
  ["和田", "wada"],
  ["中山", "nakayama"],
  ["石田", "ishida"],
  ["上田", "ueda"],
  ["森田", "morita"],
  ["柴田", "shibata"],
  ["酒井", "sakai"],
  ["工藤", "kudo"],
  ["横山", "yokoyama"],
  ["宮崎", "miyazaki"],
  ["宮本", "miyamoto"],
  ["内田", "uchida"],
  ["高木", "takagi"],
  ["安藤", "ando"],
  ["谷口", "taniguchi"],
  ["丸山", "maruyama"],
  ["今井", "imai"],
  ["河野", "kono"],
  ["藤原", "fujiwara"],
  ["野口", "noguchi"],
];

export const givenNames: readonly NamePart[] = [
  ["健太", "kenta"],
  ["拓也", "takuya"],
  ["大輔", "daisuke"],
  ["和也", "kazuya"],
  ["誠", "makoto"],
  ["浩二", "koji"],
  ["隆", "takashi"],
  ["剛", "tsuyoshi"],
  ["翔", "sho"],
  ["亮", "ryo"],
  ["悠斗", "yuto"],
  ["雄一", "yuichi"],
  ["修", "osamu"],
  ["聡", "satoshi"],
  ["哲也", "tetsuya"],
  ["光太郎", "kotaro"],
  ["智也", "tomoya"],
  ["洋平", "yohei"],
  ["康介", "kosuke"],
  ["正人", "masato"],
  ["裕之", "hiroyuki"],
  ["淳", "jun"],
  ["俊介", "shunsuke"],
  ["陽子", "yoko"],
  ["恵", "megumi"],
  ["由美", "yumi"],
  ["真由美", "mayumi"],
  ["香織", "kaori"],
  ["麻衣", "mai"],
  ["彩花", "ayaka"],
  ["美穂", "miho"],
  ["奈々", "nana"],
  ["裕子", "yuko"],
  ["智子", "tomoko"],
  ["沙織", "saori"],
  ["千尋", "chihiro"],
  ["瞳", "hitomi"],
  ["結衣", "yui"],
  ["友美", "tomomi"],
  ["明日香", "asuka"],
  ["理恵", "rie"],
  ["久美子", "kumiko"],
  ["真理子", "mariko"],
  ["葵", "aoi"],
  ["詩織", "shiori"],
  ["早紀", "saki"],
  ["涼子", "ryoko"],
];

/** The vendor's CS team: four CSMs and their manager. */
export const demoTeam = [
  { name: "佐藤 美咲", local: "misaki.sato", role: "csm" },
  { name: "鈴木 大輔", local: "daisuke.suzuki", role: "csm" },
  { name: "高橋 彩", local: "aya.takahashi", role: "csm" },
  { name: "田中 翔太", local: "shota.tanaka", role: "csm" },
  { name: "山本 直樹", local: "naoki.yamamoto", role: "manager" },
] as const;

/** The vendor's products: the core product and two add-ons. */
export const products = {
  docs: "Michi Docs",
  workflow: "Michi Workflow",
  sign: "Michi Sign",
} as const;

/** A title and the department it belongs to (null: none, e.g. a company president). */
export type Position = readonly [title: string, department: string | null];

type Positions = {
  /** 最終評価者: decides on renewal. */
  finalEvaluator: Record<Segment, readonly Position[]>;
  /** 評価者 / 推進者: manages the project on the customer side. */
  lead: readonly Position[];
  /** 実利用者: the departments that use the product day to day. */
  userDepartments: readonly string[];
  userTitles: readonly string[];
};

const corporateTop: Record<Segment, readonly Position[]> = {
  enterprise: [
    ["取締役 CIO", "情報システム本部"],
    ["執行役員", "経営企画本部"],
    ["経営企画室長", "経営企画室"],
    ["執行役員 DX推進担当", "DX推進本部"],
  ],
  "mid-market": [
    ["部長", "情報システム部"],
    ["経営企画室長", "経営企画室"],
    ["取締役 管理本部長", "管理本部"],
    ["部長", "業務改革推進部"],
  ],
  smb: [
    ["代表取締役社長", null],
    ["取締役", "管理部"],
    ["部長", "総務部"],
  ],
};

const corporateLead: readonly Position[] = [
  ["課長", "情報システム部"],
  ["情報システム部 マネージャー", "情報システム部"],
  ["課長", "業務改革推進室"],
  ["マネージャー", "DX推進室"],
  ["課長", "総務部"],
];

const corporateUserTitles = ["主任", "係長", "リーダー", "担当", "担当", "主任"];

export const positions: Record<Industry, Positions> = {
  retail: {
    finalEvaluator: corporateTop,
    lead: [...corporateLead, ["課長", "店舗運営部"]],
    userDepartments: ["店舗運営部", "商品部", "販売促進部", "人事部", "経理部"],
    userTitles: [...corporateUserTitles, "エリアマネージャー", "店長"],
  },
  logistics: {
    finalEvaluator: corporateTop,
    lead: [...corporateLead, ["センター長", "物流管理部"]],
    userDepartments: ["物流管理部", "配車センター", "倉庫管理部", "安全品質部", "経理部"],
    userTitles: [...corporateUserTitles, "配車主任", "所長"],
  },
  manufacturing: {
    finalEvaluator: corporateTop,
    lead: [...corporateLead, ["課長", "品質保証部"]],
    userDepartments: ["品質保証部", "生産管理部", "技術部", "購買部", "総務部"],
    userTitles: [...corporateUserTitles, "工場長", "班長"],
  },
  finance: {
    finalEvaluator: corporateTop,
    lead: [...corporateLead, ["次長", "事務統括部"]],
    userDepartments: ["事務統括部", "リスク管理部", "コンプライアンス部", "営業推進部", "総務部"],
    userTitles: [...corporateUserTitles, "調査役", "支店長代理"],
  },
  public: {
    finalEvaluator: {
      enterprise: [
        ["部長", "総務部"],
        ["CIO補佐官", "デジタル推進課"],
      ],
      "mid-market": [
        ["部長", "総務部"],
        ["デジタル推進監", "企画部"],
      ],
      smb: [
        ["課長", "総務課"],
        ["課長", "企画課"],
      ],
    },
    lead: [
      ["係長", "情報政策課"],
      ["課長補佐", "DX推進課"],
      ["係長", "総務課"],
    ],
    userDepartments: ["総務課", "財政課", "市民課", "契約課", "子育て支援課", "情報政策課"],
    userTitles: ["主事", "主査", "主任", "係長", "主事"],
  },
};

export const contactNotes = {
  finalEvaluator: [
    "最終評価者。契約更新の判断者で、費用対効果を重視する。",
    "最終評価者。四半期ごとに導入効果の報告を求めている。",
    "最終評価者。決裁権を持つ。定例には出ないため月次報告で状況を共有。",
  ],
  evaluator: [
    "評価者。利用状況と導入結果を評価し、最終評価者へ報告する。",
    "評価者。月次の報告会に出席。",
  ],
  promoter: [
    "推進者。利用部門の意見集約と社内への利用推進を担う。",
    "推進者。週次の定例会の窓口。",
    "推進者。各部門のキーマンを巻き込んでくれる。",
  ],
  user: [
    "実利用者。",
    "実利用者。テンプレート作成に積極的。",
    "実利用者。問い合わせが多い。",
    null,
    null,
  ],
} as const;

export const regions = ["関東", "関西", "東海", "九州", "東北", "北陸", "中国・四国", "北海道"];

export const challenges: Record<Industry | "common", readonly string[]> = {
  common: [
    "業務手順が特定の担当者に属人化しており、異動や退職のたびに引き継ぎが滞る。",
    "紙の稟議と押印が残り、承認まで平均1週間以上かかる。",
    "最新版のマニュアルがどこにあるか分からず、同じ質問が情報システム部に集中する。",
    "過去に導入したツールが現場に定着せず、利用が一部の部門に留まった。",
    "電子帳簿保存法への対応で、証憑の保管ルールを見直す必要がある。",
  ],
  retail: [
    "店舗ごとに手順書が異なり、店長の経験に依存した運営になっている。",
    "本部から店舗への通達がFAXと紙で届き、既読の確認ができない。",
    "アルバイト・パートの入れ替わりが多く、教育コストがかさむ。",
    "季節催事の販促稟議が紙で回り、準備期間が足りなくなる。",
  ],
  logistics: [
    "荷主ごとに異なる作業手順がベテランの頭の中にあり、属人化している。",
    "2024年問題への対応で、ドライバーと事務の業務時間削減が急務。",
    "拠点間で最新版の手順書が共有されず、誤出荷の原因になっている。",
    "月末の請求・運賃計算が紙の伝票頼みで、残業が集中する。",
  ],
  manufacturing: [
    "検査成績書や品質記録が紙で保管され、監査のたびに探す手間がかかる。",
    "ISO文書の版管理をExcelで行っており、改訂漏れが起きている。",
    "ベテラン技術者のノウハウが文書化されておらず、技術伝承が課題。",
    "設備投資の稟議が紙で回り、工場と本社の間で承認が止まる。",
  ],
  finance: [
    "規程・事務マニュアルの改訂が頻繁で、営業店への周知が追いつかない。",
    "内部監査や当局検査に備えた証跡管理が手作業で煩雑。",
    "セキュリティ要件が厳しく、クラウドサービスの全社展開に慎重。",
    "営業店ごとに事務品質にばらつきがある。",
  ],
  public: [
    "紙の決裁と押印が残り、テレワークや庁外からの決裁ができない。",
    "定期異動が多く、担当業務の引き継ぎが属人化している。",
    "自治体DX推進計画への対応で、行政手続きのオンライン化を急ぐ必要がある。",
    "予算が年度単位のため、全庁展開のタイミングが限られる。",
  ],
};

export const successFactors: Record<Industry | "common", readonly string[]> = {
  common: [
    "推進者が各部門のキーマンを巻き込み、利用部門の意見を集約できている。",
    "評価者への月次報告で、費用対効果を数字で示せている。",
    "スモールスタートの部門で成果を出してから全社展開する段取りを合意済み。",
    "週次の定例会で施策をふりかえり、次のアクションを決めている。",
    "テンプレートを整備し、属人化していた手順を標準化できている。",
    "定着の指標(週次アクティブ率)と目標値を導入時に合意した。",
  ],
  retail: [
    "店長会議で好事例を共有し、店舗間の横展開が進んでいる。",
    "本部通達の既読率を店舗運営の指標に組み込んだ。",
  ],
  logistics: [
    "拠点長が自ら手順書を更新する運用が根付いた。",
    "誤出荷件数をKPIとして毎月計測している。",
  ],
  manufacturing: [
    "品質保証部が文書の版管理ルールを定め、監査対応の工数を計測している。",
    "工場ごとの成功事例を他工場へ横展開している。",
  ],
  finance: [
    "コンプライアンス部と合意した運用ルールのもとで、安心して利用が広がっている。",
    "事務ミス件数の削減を経営会議に報告している。",
  ],
  public: [
    "首長のDX方針に位置づけられ、全庁的な優先度が高い。",
    "他自治体の事例を参考に、段階的な展開計画を立てた。",
  ],
};

export const churnReasons = [
  "解約理由:実利用者は満足していたが、評価者に費用対効果を説明できず更新が見送られた。",
  "解約理由:推進者の異動後に利用が定着せず、全社展開に至らなかった。",
  "解約理由:親会社の方針で、グループ標準の他社製品に統一された。",
  "解約理由:予算削減により、更新時に契約を見送った。",
] as const;
