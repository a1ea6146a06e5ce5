import type { TouchModel } from "../accounts/account-fields";
import { planCheckCodes } from "../success-plan/plan-check-codes";
import { daysBetween } from "../success-plan/plan-dates";
import { type DisplayLanguage, type DisplayText, localizeText } from "../usage/display-text";
import { bandOf, type PlaybookBand } from "./conditions";
import type { PlaybookContact, PlaybookFacts } from "./facts";
import type { Playbook } from "./playbook";
import type { TemplateValues } from "./text-templates";
import type { PlaybookSignal } from "./triggers";

/* The words a run writes: what happened, and the value of each template field. */

const bandNames: Record<PlaybookBand, DisplayText> = {
  red: { ja: "赤", en: "Red" },
  yellow: { ja: "黄", en: "Yellow" },
  green: { ja: "緑", en: "Green" },
  insufficientData: { ja: "データ不足", en: "Insufficient data" },
};

const touchModelNames: Record<TouchModel, DisplayText> = {
  high: { ja: "ハイタッチ", en: "High touch" },
  low: { ja: "ロータッチ", en: "Low touch" },
  tech: { ja: "テックタッチ", en: "Tech touch" },
  community: { ja: "コミュニティ", en: "Community" },
};

const phaseName = (facts: PlaybookFacts, key: string | null, lang: DisplayLanguage) => {
  if (key === null) return lang === "ja" ? "なし" : "none";
  const name = facts.phaseNames[key];
  return name === undefined ? key : localizeText(name, lang);
};

/** What happened, in a line, for {{signal.summary}}. */
export const describeSignal = (
  signal: PlaybookSignal,
  facts: PlaybookFacts,
  lang: DisplayLanguage,
): string => {
  const ja = lang === "ja";
  switch (signal.kind) {
    case "healthBandChanged": {
      const from = localizeText(bandNames[bandOf(signal.from)], lang);
      const to = localizeText(bandNames[bandOf(signal.to)], lang);
      return ja
        ? `ヘルススコアが${from}から${to}になりました`
        : `Health moved from ${from} to ${to}`;
    }
    case "healthScored": {
      const today = signal.scores.find((score) => score.day === signal.at)?.score ?? null;
      const shown = today === null ? (ja ? "データ不足" : "insufficient data") : String(today);
      return ja
        ? `ヘルススコアが下がりました(現在 ${shown})`
        : `Health score dropped (now ${shown})`;
    }
    case "phaseChanged": {
      const from = phaseName(facts, signal.from, lang);
      const to = phaseName(facts, signal.to, lang);
      return ja ? `フェーズが${from}から${to}に移りました` : `Phase moved from ${from} to ${to}`;
    }
    case "phaseProposed": {
      const from = phaseName(facts, signal.from, lang);
      const to = phaseName(facts, signal.to, lang);
      return ja
        ? `${from}のゴールを満たしました。${to}への移行を提案します`
        : `Exit criteria of ${from} met: moving to ${to} is proposed`;
    }
    case "maturityLevelChanged": {
      const from = signal.from === null ? "-" : `Lv.${signal.from}`;
      const to = signal.to === null ? "-" : `Lv.${signal.to}`;
      return ja ? `成熟度が${from}から${to}になりました` : `Maturity moved from ${from} to ${to}`;
    }
    case "planFindingAppeared": {
      // Never the bare code on a screen: the finding's words, else the check's description.
      const text =
        signal.message ?? planCheckCodes.find((entry) => entry.code === signal.code)?.description;
      const words = text === undefined ? signal.code : text[lang];
      return ja ? `サクセスプランの指摘: ${words}` : `Success plan finding: ${words}`;
    }
    case "kpiOffTrack": {
      const kpi = signal.kpiName ?? signal.kpiKey;
      return ja
        ? `KPI「${kpi}」が${signal.since}から計画より遅れています`
        : `KPI "${kpi}" has been behind plan since ${signal.since}`;
    }
    case "milestoneOverdue": {
      const milestone = signal.milestoneName ?? signal.milestoneKey;
      return ja
        ? `マイルストーン「${milestone}」の期日(${signal.dueDate})が過ぎています`
        : `Milestone "${milestone}" was due on ${signal.dueDate}`;
    }
    case "renewalApproaching": {
      const left = daysBetween(signal.at, signal.renewalDate);
      return ja
        ? `契約更新日(${signal.renewalDate})まであと${left}日です`
        : `Renewal on ${signal.renewalDate}, ${left} days from now`;
    }
    case "contractCreated":
      return ja ? "新しい契約が登録されました" : "A new contract was added";
    case "contractEnded":
      return ja ? `契約が終了しました(${signal.endDate})` : `A contract ended on ${signal.endDate}`;
    case "usageEvent":
      return ja ? `イベント「${signal.event}」が届きました` : `Event "${signal.event}" arrived`;
    case "manual":
      return ja ? "手動で開始されました" : "Started by hand";
  }
};

/** The values of every template field for one text in one language. */
export const templateValuesFor = (options: {
  playbook: Playbook;
  signal: PlaybookSignal;
  facts: PlaybookFacts;
  lang: DisplayLanguage;
  on: string;
  contact?: PlaybookContact;
}): TemplateValues => {
  const { playbook, signal, facts, lang, on, contact } = options;
  const { account } = facts;
  const owner = facts.members.find((member) => member.id === account.ownerUserId);
  const locale = lang === "ja" ? "ja-JP" : "en-US";
  return {
    "account.name": account.name,
    "account.owner": owner?.name ?? null,
    "account.segment": account.segment,
    "account.phase": account.phase === null ? null : phaseName(facts, account.phase, lang),
    "account.touchModel":
      account.touchModel === null ? null : localizeText(touchModelNames[account.touchModel], lang),
    "account.mrr":
      account.mrr === null
        ? null
        : new Intl.NumberFormat(locale, { style: "currency", currency: account.currency }).format(
            account.mrr,
          ),
    "account.renewalDate": account.renewalDate,
    "account.daysToRenewal":
      account.renewalDate === null ? null : daysBetween(on, account.renewalDate),
    "account.healthScore": facts.health.score,
    "account.healthBand": localizeText(bandNames[bandOf(facts.health.band)], lang),
    "account.maturityLevel": account.maturityLevel === null ? null : `Lv.${account.maturityLevel}`,
    "account.url": account.url,
    "contact.name": contact?.name ?? null,
    "contact.email": contact?.email ?? null,
    "playbook.name": localizeText(playbook.name, lang),
    "signal.summary": describeSignal(signal, facts, lang),
    today: on,
  };
};
