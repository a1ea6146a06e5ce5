import { describe, expect, it } from "vitest";
import { normalizeNameReading } from "./name-reading";

describe("normalizeNameReading", () => {
  it("turns hiragana and half-width katakana into katakana", () => {
    expect(normalizeNameReading("みどりや")).toBe("ミドリヤ");
    expect(normalizeNameReading("ﾐﾄﾞﾘﾔ")).toBe("ミドリヤ");
    expect(normalizeNameReading("がっこう")).toBe("ガッコウ");
  });

  it("keeps katakana, the long vowel mark and Latin, and collapses spaces", () => {
    expect(normalizeNameReading("  ハルナ　リテイル ")).toBe("ハルナ リテイル");
    expect(normalizeNameReading("ホームセンター")).toBe("ホームセンター");
    expect(normalizeNameReading("ＡＢＣ ｼｽﾃﾑ")).toBe("ABC システム");
  });

  it("sorts in 五十音 order by code point once normalised", () => {
    const readings = ["ツバメカデン", "あおば", "ガクシュウ", "カモメ", "きた", "アオイ"].map(
      normalizeNameReading,
    );
    expect([...readings].sort()).toEqual([
      "アオイ",
      "アオバ",
      "カモメ",
      "ガクシュウ",
      "キタ",
      "ツバメカデン",
    ]);
  });
});
