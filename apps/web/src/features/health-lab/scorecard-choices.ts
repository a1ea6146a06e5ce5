import {
  DEFAULT_SCORECARD_KEY,
  type DisplayLanguage,
  localizeText,
  type Scorecard,
  type WorkspaceScorecard,
} from "@michi/core";
import type { BacktestTarget } from "./health-lab.queries";

/*
 * What a Lab column can test: the workspace's saved scorecards, Michi's
 * default, the scorecard editor's unsaved edit and the fitted draft (as
 * edited here). Each choice carries what the server is sent (a key or the
 * document) and the scorecard itself, for its measures' names.
 */

export type ChoiceKind = "saved" | "default" | "editor" | "fitted";

export type ScorecardChoice = {
  /** "saved:<key>", "default", "editor" or "fitted". */
  value: string;
  kind: ChoiceKind;
  name: string;
  /** For saved scorecards: who it applies to, or null for the catch-all one. */
  appliesTo: string | null;
  target: BacktestTarget;
  scorecard: Scorecard;
};

export const EDITOR_CHOICE = "editor";
export const FITTED_CHOICE = "fitted";
export const savedChoice = (key: string) => `saved:${key}`;

const nameOf = (scorecard: Scorecard, fallback: string, lang: DisplayLanguage) =>
  (scorecard.name ? localizeText(scorecard.name, lang) : "") || fallback;

/** Applies to every account no segment or phase picks out. */
export const isCatchAll = (entry: WorkspaceScorecard) =>
  (entry.appliesTo.segments ?? []).length === 0 && (entry.appliesTo.phases ?? []).length === 0;

export const scorecardChoices = (params: {
  saved: readonly WorkspaceScorecard[];
  defaultScorecard: Scorecard;
  editor: { key: string; scorecard: Scorecard } | null;
  fitted: Scorecard | null;
  lang: DisplayLanguage;
}): ScorecardChoice[] => {
  const { lang } = params;
  return [
    ...params.saved.map(
      (entry): ScorecardChoice => ({
        value: savedChoice(entry.key),
        kind: "saved",
        name: nameOf(entry.scorecard, entry.key, lang),
        appliesTo: isCatchAll(entry)
          ? null
          : [...(entry.appliesTo.segments ?? []), ...(entry.appliesTo.phases ?? [])].join(" · "),
        target: entry.key,
        scorecard: entry.scorecard,
      }),
    ),
    {
      value: DEFAULT_SCORECARD_KEY,
      kind: "default",
      name: nameOf(params.defaultScorecard, DEFAULT_SCORECARD_KEY, lang),
      appliesTo: null,
      target: DEFAULT_SCORECARD_KEY,
      scorecard: params.defaultScorecard,
    },
    ...(params.editor
      ? [
          {
            value: EDITOR_CHOICE,
            kind: "editor" as const,
            name: nameOf(params.editor.scorecard, params.editor.key, lang),
            appliesTo: null,
            target: params.editor.scorecard,
            scorecard: params.editor.scorecard,
          },
        ]
      : []),
    ...(params.fitted
      ? [
          {
            value: FITTED_CHOICE,
            kind: "fitted" as const,
            name: nameOf(params.fitted, FITTED_CHOICE, lang),
            appliesTo: null,
            target: params.fitted,
            scorecard: params.fitted,
          },
        ]
      : []),
  ];
};

/**
 * The scorecard most accounts are scored by today: the saved catch-all one,
 * or Michi's default when there is none.
 */
export const currentChoiceValue = (saved: readonly WorkspaceScorecard[]): string => {
  const catchAll = saved.find(isCatchAll);
  return catchAll ? savedChoice(catchAll.key) : DEFAULT_SCORECARD_KEY;
};
