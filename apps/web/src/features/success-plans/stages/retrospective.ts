import type { PlanDocument } from "@michi/core";
import type { Retrospective } from "../success-plans.queries";

export const directions = ["closer", "unchanged", "further"] as const;
export type Direction = (typeof directions)[number];

export type ObjectiveReview = {
  key: string;
  direction: Direction;
  held: string;
  didNotHold: string;
  changesNext: string;
};

export type RetrospectiveValues = { summary: string; objectives: ObjectiveReview[] };

/** The form's starting values: every objective of the plan, "unchanged" and blank. */
export const initialRetrospective = (doc: PlanDocument): RetrospectiveValues => ({
  summary: "",
  objectives: (doc.pufu.objectives ?? []).map((objective) => ({
    key: objective.key,
    direction: "unchanged",
    held: "",
    didNotHold: "",
    changesNext: "",
  })),
});

const text = (value: string) => {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
};

/** The body of POST /stages: blank texts left out, every objective with its direction. */
export const retrospectivePayload = (values: RetrospectiveValues): Retrospective => {
  const summary = text(values.summary);
  return {
    ...(summary ? { summary } : {}),
    objectives: values.objectives.map((review) => {
      const held = text(review.held);
      const didNotHold = text(review.didNotHold);
      const changesNext = text(review.changesNext);
      return {
        key: review.key,
        direction: review.direction,
        ...(held ? { held } : {}),
        ...(didNotHold ? { didNotHold } : {}),
        ...(changesNext ? { changesNext } : {}),
      };
    }),
  };
};
