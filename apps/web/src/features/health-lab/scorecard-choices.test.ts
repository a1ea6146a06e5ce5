import { defaultScorecard } from "@michi/core";
import { describe, expect, it } from "vitest";
import { currentChoiceValue, scorecardChoices } from "./scorecard-choices";
import { draftFixture, labScorecard } from "./test-fixtures";

const saved = [
  { key: "enterprise", scorecard: labScorecard, appliesTo: { segments: ["enterprise"] } },
  { key: "standard", scorecard: { ...labScorecard, name: "標準" }, appliesTo: {} },
];

describe("scorecardChoices", () => {
  it("offers the saved scorecards, Michi's default, the editor's edit and the fitted draft", () => {
    const choices = scorecardChoices({
      saved,
      defaultScorecard,
      editor: { key: "standard", scorecard: labScorecard },
      fitted: draftFixture.scorecard,
      lang: "ja",
    });
    expect(choices.map((c) => [c.value, c.kind, c.name, c.appliesTo])).toEqual([
      ["saved:enterprise", "saved", "標準ヘルススコア", "enterprise"],
      ["saved:standard", "saved", "標準", null],
      ["default", "default", "標準ヘルススコア", null],
      ["editor", "editor", "標準ヘルススコア", null],
      ["fitted", "fitted", "過去の解約から学習したヘルススコア", null],
    ]);
    // Saved ones and the default are sent by key; edits as documents.
    expect(choices.map((c) => typeof c.target)).toEqual([
      "string",
      "string",
      "string",
      "object",
      "object",
    ]);
  });

  it("calls current the catch-all scorecard, or the default when there is none", () => {
    expect(currentChoiceValue(saved)).toBe("saved:standard");
    expect(currentChoiceValue(saved.slice(0, 1))).toBe("default");
  });
});
