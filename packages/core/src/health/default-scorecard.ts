import { type Scorecard, type ScorecardInput, scorecardSchema } from "./scorecard";

/**
 * The scorecard a new workspace starts from, after seed 004's health check:
 * quantitative signals from the product log, from the success plan and
 * surveys, from the relationship, and two qualitative ones the CSM rates.
 *
 * It names no event: until a team names its key events (the settings
 * suggest them from the events received), use is read as volume per active
 * user, active days, trend and recency, which every product that sends
 * events has. A count of an event the product never sends scored every
 * account 0 (session 9's backtest on outside data: all 4,030 accounts red),
 * and active users alone told little of single-user accounts. With too
 * little data (under half the weight known: no use in the window and
 * nothing else) an account has no score, not 0.
 *
 * Weights add up to 100 so each reads as "% of the score". Thresholds are a
 * starting point for a B2B SaaS; the Health Lab proves and fits them.
 */
export const buildDefaultScorecard = ({ keyEvent }: { keyEvent?: string } = {}): Scorecard =>
  scorecardSchema.parse({
    name: { ja: "標準ヘルススコア", en: "Standard health score" },
    measures: [
      {
        kind: "metric",
        key: "events-per-user",
        name: {
          ja: "アクティブユーザー1人あたりの利用量(30日)",
          en: "Use per active user (30 days)",
        },
        description: {
          ja: "使っている人がどれだけ使い込んでいるか。人数の多い顧客ほど高くなる総数ではなく、1人あたりで見る。",
          en: "How deeply the people who use it use it: per person, not a total that grows with the account's size.",
        },
        metric: "eventsPerActiveUser:30d",
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 0 },
            { min: 1, points: 20 },
            { min: 5, points: 45 },
            { min: 15, points: 70 },
            { min: 30, points: 85 },
            { min: 60, points: 100 },
          ],
        },
        weight: keyEvent === undefined ? 20 : 10,
      },
      ...(keyEvent === undefined
        ? []
        : [
            {
              kind: "metric" as const,
              key: "key-event",
              name: { ja: "主要機能の利用回数(30日)", en: "Key action uses (30 days)" },
              metric: { name: "eventCount" as const, event: keyEvent, windowDays: 30 },
              scoring: {
                kind: "thresholds" as const,
                steps: [
                  { min: 0, points: 0 },
                  { min: 1, points: 30 },
                  { min: 10, points: 60 },
                  { min: 50, points: 85 },
                  { min: 100, points: 100 },
                ],
              },
              weight: 20,
            },
          ]),
      {
        kind: "metric",
        key: "active-days",
        name: { ja: "利用日数(30日)", en: "Active days (30 days)" },
        description: {
          ja: "業務の中で習慣になっているか。平日の大半に使われていれば満点。",
          en: "Whether it is a habit at work: most working days earn full points.",
        },
        metric: "activeDays:30d",
        scoring: { kind: "linear", from: 0, to: 16 },
        weight: keyEvent === undefined ? 20 : 15,
      },
      {
        kind: "metric",
        key: "trend",
        name: { ja: "利用の増減(前の30日比)", en: "Usage trend (vs previous 30 days)" },
        // Halving is 0 points, flat is 83, growth of 10 % or more is 100.
        metric: "eventCountChange:30d",
        scoring: { kind: "linear", from: -50, to: 10 },
        weight: keyEvent === undefined ? 15 : 12,
      },
      {
        kind: "metric",
        key: "last-seen",
        name: { ja: "最終利用からの日数", en: "Days since last seen" },
        metric: "daysSinceLastSeen",
        scoring: { kind: "linear", from: 0, to: 30, fromPoints: 100, toPoints: 0 },
        weight: keyEvent === undefined ? 15 : 13,
      },
      {
        kind: "metric",
        key: "seat-utilisation",
        name: { ja: "ライセンス利用率(30日)", en: "Seat utilisation (30 days)" },
        // Seed 003: a realistic goal is not 100 %; 80 % of seats active earns full points.
        metric: "seatUtilisation:30d",
        scoring: { kind: "linear", from: 0, to: 80 },
        weight: 10,
      },
      {
        kind: "metric",
        key: "kpi-progress",
        name: { ja: "サクセスプランのKPI進捗", en: "Success plan KPI progress" },
        metric: "openKpiProgress",
        scoring: { kind: "linear", from: 0, to: 100 },
        weight: 5,
      },
      {
        kind: "metric",
        key: "nps",
        name: { ja: "直近のNPS", en: "Last NPS" },
        metric: "lastNps",
        scoring: {
          kind: "thresholds",
          steps: [
            { min: -100, points: 0 },
            { min: 0, points: 50 },
            { min: 30, points: 80 },
            { min: 50, points: 100 },
          ],
        },
        weight: 5,
      },
      {
        kind: "metric",
        key: "evaluator-meeting",
        name: { ja: "評価者との最後の会議からの日数", en: "Days since the last evaluator meeting" },
        // Seed 001: evaluators hear from us monthly; past two months the relationship is at risk.
        metric: "daysSinceEvaluatorMeeting",
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 100 },
            { min: 31, points: 60 },
            { min: 61, points: 20 },
            { min: 91, points: 0 },
          ],
        },
        weight: 4,
      },
      {
        kind: "rating",
        key: "internal-promotion",
        name: { ja: "社内推進度", en: "Internal promotion" },
        description: {
          ja: "お客様の社内で製品の利用がどこまで推進されているか(CSM評価)",
          en: "How far the customer promotes the product internally (CSM's rating)",
        },
        scale: [
          { ja: "推進者がいない", en: "No one promotes it" },
          { ja: "推進者はいるが動けていない", en: "A promoter, not yet acting" },
          { ja: "一部の部門で推進されている", en: "Promoted in some departments" },
          { ja: "全社的に推進されている", en: "Promoted company-wide" },
          { ja: "経営層が自ら推進している", en: "Leadership drives it" },
        ],
        weight: 3,
      },
      {
        kind: "rating",
        key: "owner-relationship",
        name: {
          ja: "契約者と現場担当の関係性",
          en: "Relationship between contract owner and users",
        },
        description: {
          ja: "契約者(評価者)と現場の利用者が製品の価値を共有できているか(CSM評価)",
          en: "Whether the contract owner (evaluator) and the people using it share a view of its value (CSM's rating)",
        },
        scale: [
          { ja: "断絶している", en: "Disconnected" },
          { ja: "ほとんど接点がない", en: "Little contact" },
          { ja: "定期的に報告がある", en: "Regular reporting" },
          { ja: "成果を共有している", en: "Share the results" },
          { ja: "一体で推進している", en: "Drive it together" },
        ],
        weight: 3,
      },
    ],
    minCoverage: 0.5,
  } satisfies ScorecardInput);

export const defaultScorecard: Scorecard = buildDefaultScorecard();
