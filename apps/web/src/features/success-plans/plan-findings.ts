import {
  type LocalizedText,
  type PlanFinding,
  type PlanFindingSeverity,
  planCheckCodes,
} from "@michi/core";
import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format";

/** A finding from core's checkPlan or from the API (whose code is any string). */
type FindingLike = {
  code: string;
  severity: PlanFindingSeverity;
  message: LocalizedText;
  params?: PlanFinding["params"];
};

export const severityColor: Record<PlanFindingSeverity, string> = {
  error: "red",
  warning: "orange",
  info: "blue",
};

const rank: Record<PlanFindingSeverity, number> = { error: 0, warning: 1, info: 2 };

export const worstSeverity = (findings: readonly FindingLike[]): PlanFindingSeverity | null =>
  findings.reduce<PlanFindingSeverity | null>(
    (worst, finding) =>
      worst === null || rank[finding.severity] < rank[worst] ? finding.severity : worst,
    null,
  );

export const sortFindings = <T extends FindingLike>(findings: readonly T[]): T[] =>
  [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);

const knownCodes = new Set<string>(planCheckCodes.map(({ code }) => code));

/** The key of a check's message in the locales: one per reason, "default" for a check with one wording. */
export const findingMessageKey = (code: string, reason: string | undefined) =>
  `plans.checkCodes.${code}.messages.${reason ?? "default"}`;

/** A check's short name in the UI language, for the checks table; a code the UI does not know shows as is. */
export const checkLabel = (i18n: I18n, code: string): string =>
  knownCodes.has(code) ? String(i18n.t(`plans.checkCodes.${code}.label` as never)) : code;

/** How each param is shown: dates and day counts in the UI language, field lists as words. */
const formatParam = (i18n: I18n, name: string, value: string | number): string | number => {
  const locale = i18n.language;
  switch (name) {
    case "dueDate":
    case "since":
      return formatDate(String(value), locale);
    case "daysOverdue":
    case "daysSince":
    case "cadenceDays":
      return i18n.t("plans.checks.days", { count: Number(value) });
    case "missing":
      return new Intl.ListFormat(locale, { type: "conjunction" }).format(
        String(value)
          .split(",")
          .map((field) => String(i18n.t(`plans.checks.missing.${field}` as never))),
      );
    default:
      return value;
  }
};

/**
 * A finding's message in the UI language, worded by the locales from its
 * params (dates and counts formatted for the language), so no code name or
 * YYYY-MM-DD shows. A finding of a check this UI does not know (a newer
 * server) shows the message the API wrote in that language.
 */
export const findingMessage = (i18n: I18n, finding: FindingLike): string => {
  const language = i18n.resolvedLanguage === "ja" ? "ja" : "en";
  const params = finding.params ?? {};
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const key = findingMessageKey(finding.code, reason);
  if (!knownCodes.has(finding.code) || !i18n.exists(key)) return finding.message[language];
  const values = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === "object" ? value[language] : formatParam(i18n, name, value),
    ]),
  );
  return String(i18n.t(key as never, values as never));
};

/** A finding's message in the UI language. */
export const useFindingMessage = () => {
  const { i18n } = useTranslation();
  return (finding: FindingLike) => findingMessage(i18n, finding);
};
