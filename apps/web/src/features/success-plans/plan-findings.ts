import type { LocalizedText, PlanFindingSeverity } from "@michi/core";

/** A finding from core's checkPlan or from the API (whose code is any string). */
type FindingLike = { severity: PlanFindingSeverity; message: LocalizedText };

import { useTranslation } from "react-i18next";

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

/** A finding's message in the UI language. */
export const useFindingMessage = () => {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "ja" ? "ja" : "en";
  return (finding: FindingLike) => finding.message[language];
};
