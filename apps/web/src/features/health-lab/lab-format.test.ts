import { describe, expect, it } from "vitest";
import { aucVerdict, formatAuc, scoringRows } from "./lab-format";

describe("aucVerdict", () => {
  it("reads an AUC in words, 0.5 being chance and below it backwards", () => {
    expect([null, 0.3, 0.5, 0.58, 0.65, 0.71, 0.86].map(aucVerdict)).toEqual([
      "unknown",
      "inverse",
      "chance",
      "weak",
      "fair",
      "good",
      "strong",
    ]);
  });
});

describe("formats", () => {
  it("says AUCs to two decimals", () => {
    expect(formatAuc(0.7049, "ja")).toBe("0.70");
    expect(formatAuc(null, "ja")).toBe("—");
  });
});

describe("scoringRows", () => {
  it("reads threshold steps as ranges, with the 0 points below the first step", () => {
    expect(
      scoringRows({
        kind: "thresholds",
        steps: [
          { min: 5, points: 40 },
          { min: 12, points: 100 },
        ],
      }),
    ).toEqual([
      { from: null, to: 5, points: 0 },
      { from: 5, to: 12, points: 40 },
      { from: 12, to: null, points: 100 },
    ]);
    expect(scoringRows({ kind: "thresholds", steps: [{ min: 0, points: 0 }] })).toEqual([
      { from: 0, to: null, points: 0 },
    ]);
    // Days since last seen cannot be below 0: no "below 0 days" row.
    expect(
      scoringRows(
        {
          kind: "thresholds",
          steps: [
            { min: 0, points: 100 },
            { min: 14, points: 0 },
          ],
        },
        0,
      ),
    ).toEqual([
      { from: 0, to: 14, points: 100 },
      { from: 14, to: null, points: 0 },
    ]);
  });
});
