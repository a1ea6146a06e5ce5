import { displayTextSchema } from "@michi/core";
import { describe, expect, it } from "vitest";
import { normaliseTexts } from "./display-text";

describe("normaliseTexts", () => {
  it("saves a text written in one language as a plain text, and two different ones as both", () => {
    const value = {
      name: { ja: "導入", en: "" },
      goal: { ja: " 3人以上 ", en: "Three people" },
      same: { ja: "MRR", en: "MRR" },
      empty: { ja: "", en: " " },
      nested: [{ description: { ja: "", en: "Only English" }, weight: 2 }],
      dropped: undefined,
    };
    expect(normaliseTexts(value)).toEqual({
      name: "導入",
      goal: { ja: "3人以上", en: "Three people" },
      same: "MRR",
      // Both blank: left empty so that core's schema names the field.
      empty: "",
      nested: [{ description: "Only English", weight: 2 }],
    });
    expect(displayTextSchema.safeParse(normaliseTexts(value).name).success).toBe(true);
    expect(displayTextSchema.safeParse(normaliseTexts(value).empty).success).toBe(false);
  });
});
