import { type Scorecard, type ScorecardInput, scorecardSchema } from "./scorecard";

/** The event the default scorecard treats as the product's key action until a workspace names its own. */
export const DEFAULT_KEY_EVENT = "document_created";

/**
 * The scorecard a new workspace starts from, after seed 004's health check:
 * quantitative signals from the product log (use by people, the key action,
 * seats, recency, trend), from the success plan and surveys (KPI progress,
 * NPS), from the relationship (evaluator meetings), and two qualitative ones
 * the CSM rates (社内推進度 internal promotion, 契約者と現場担当の関係性).
 * Weights add up to 100 so each reads as "% of the score". Thresholds are a
 * starting point for a B2B SaaS sold per seat; every workspace tunes them.
 */
export const buildDefaultScorecard = ({ keyEvent = DEFAULT_KEY_EVENT } = {}): Scorecard =>
  scorecardSchema.parse({
    name: { ja: "標準ヘルススコア", en: "Standard health score" },
    measures: [
      {
        kind: "metric",
        key: "active-users",
        name: { ja: "アクティブユーザー数(30日)", en: "Active users (30 days)" },
        description: {
          ja: "製品を使う人が数人いるか。一人だけの利用は担当者の異動で止まる。",
          en: "Whether a handful of people use it; one user alone stops when that person moves on.",
        },
        metric: "activeUsers:30d",
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 0 },
            { min: 1, points: 40 },
            { min: 3, points: 70 },
            { min: 5, points: 100 },
          ],
        },
        weight: 10,
      },
      {
        kind: "metric",
        key: "key-event",
        name: { ja: "主要機能の利用回数(30日)", en: "Key action uses (30 days)" },
        metric: { name: "eventCount", event: keyEvent, windowDays: 30 },
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 0 },
            { min: 1, points: 30 },
            { min: 10, points: 60 },
            { min: 50, points: 85 },
            { min: 100, points: 100 },
          ],
        },
        weight: 15,
      },
      {
        kind: "metric",
        key: "seat-utilisation",
        name: { ja: "ライセンス利用率(30日)", en: "Seat utilisation (30 days)" },
        // Seed 003: a realistic goal is not 100 %; 80 % of seats active earns full points.
        metric: "seatUtilisation:30d",
        scoring: { kind: "linear", from: 0, to: 80 },
        weight: 15,
      },
      {
        kind: "metric",
        key: "last-seen",
        name: { ja: "最終利用からの日数", en: "Days since last seen" },
        metric: "daysSinceLastSeen",
        scoring: { kind: "linear", from: 0, to: 30, fromPoints: 100, toPoints: 0 },
        weight: 10,
      },
      {
        kind: "metric",
        key: "trend",
        name: { ja: "利用の増減(前の30日比)", en: "Usage trend (vs previous 30 days)" },
        // Halving is 0 points, flat is 83, growth of 10 % or more is 100.
        metric: "eventCountChange:30d",
        scoring: { kind: "linear", from: -50, to: 10 },
        weight: 10,
      },
      {
        kind: "metric",
        key: "kpi-progress",
        name: { ja: "サクセスプランのKPI進捗", en: "Success plan KPI progress" },
        metric: "openKpiProgress",
        scoring: { kind: "linear", from: 0, to: 100 },
        weight: 10,
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
        weight: 10,
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
        weight: 5,
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
        weight: 8,
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
        weight: 7,
      },
    ],
  } satisfies ScorecardInput);

export const defaultScorecard: Scorecard = buildDefaultScorecard();
