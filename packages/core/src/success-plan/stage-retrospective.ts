/** Whether an objective's desired state came closer over a stage. */
export const retrospectiveDirections = ["closer", "unchanged", "further"] as const;
export type RetrospectiveDirection = (typeof retrospectiveDirections)[number];

/**
 * ふりかえり, as recorded when a stage (局面) is closed: per objective, did its
 * desired state come closer, what held, what did not, what changes next.
 * The API's schema (server, stages.schemas.ts) validates it on the way in.
 */
export type StageRetrospective = {
  summary?: string;
  objectives: {
    key: string;
    direction: RetrospectiveDirection;
    held?: string;
    didNotHold?: string;
    changesNext?: string;
  }[];
};
