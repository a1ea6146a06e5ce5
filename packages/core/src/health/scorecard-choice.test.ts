import { describe, expect, it } from "vitest";
import { defaultScorecard } from "./default-scorecard";
import {
  chooseScorecard,
  DEFAULT_SCORECARD_KEY,
  type WorkspaceScorecard,
  workspaceScorecardSchema,
  workspaceScorecardsSchema,
} from "./scorecard-choice";

const card = (key: string, appliesTo: WorkspaceScorecard["appliesTo"]): WorkspaceScorecard =>
  workspaceScorecardSchema.parse({ key, scorecard: defaultScorecard, appliesTo });

describe("chooseScorecard", () => {
  const list = [
    card("enterprise-onboarding", { segments: ["enterprise"], phases: ["onboarding"] }),
    card("enterprise", { segments: ["enterprise"] }),
    card("everyone", {}),
  ];

  it("takes the first that matches both segment and phase, in order", () => {
    expect(chooseScorecard(list, { segment: "enterprise", phase: "onboarding" }).key).toBe(
      "enterprise-onboarding",
    );
    expect(chooseScorecard(list, { segment: "enterprise", phase: "operation" }).key).toBe(
      "enterprise",
    );
    expect(chooseScorecard(list, { segment: "smb", phase: "onboarding" }).key).toBe("everyone");
    expect(chooseScorecard(list, { segment: null, phase: null }).key).toBe("everyone");
  });

  it("falls back to core's default when none applies", () => {
    const chosen = chooseScorecard(list.slice(0, 2), { segment: "smb", phase: null });
    expect(chosen.key).toBe(DEFAULT_SCORECARD_KEY);
    expect(chosen.scorecard).toBe(defaultScorecard);
  });
});

describe("workspaceScorecardsSchema", () => {
  it("refuses repeated keys with a pointer to the second", () => {
    const result = workspaceScorecardsSchema.safeParse([
      { key: "a", scorecard: defaultScorecard },
      { key: "a", scorecard: defaultScorecard },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1, "key"]);
  });

  it("refuses an empty segment list (absent means any)", () => {
    expect(
      workspaceScorecardSchema.safeParse({
        key: "a",
        scorecard: defaultScorecard,
        appliesTo: { segments: [] },
      }).success,
    ).toBe(false);
  });
});
