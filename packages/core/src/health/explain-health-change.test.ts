import { describe, expect, it } from "vitest";
import { computeHealth } from "./compute-health";
import { explainHealthChange } from "./explain-health-change";
import { scorecardSchema } from "./scorecard";

const card = scorecardSchema.parse({
  measures: [
    {
      kind: "metric",
      key: "seats",
      name: "Seat utilisation",
      metric: "seatUtilisation:30d",
      scoring: { kind: "linear", from: 0, to: 100 },
      weight: 4,
    },
    {
      kind: "metric",
      key: "recency",
      name: "Last seen",
      metric: "daysSinceLastSeen",
      scoring: { kind: "linear", from: 0, to: 30, fromPoints: 100, toPoints: 0 },
      weight: 3,
    },
    {
      kind: "metric",
      key: "nps",
      name: "NPS",
      metric: "lastNps",
      scoring: { kind: "linear", from: -100, to: 100 },
      weight: 2,
    },
    { kind: "rating", key: "promotion", name: "Internal promotion", weight: 1 },
  ],
});

describe("explainHealthChange", () => {
  const before = computeHealth(
    { "seatUtilisation:30d": 80, daysSinceLastSeen: 0, lastNps: 20 },
    card,
    { promotion: { value: 4 } },
  );
  const after = computeHealth(
    { "seatUtilisation:30d": 70, daysSinceLastSeen: 15, lastNps: 20 },
    card,
    { promotion: { value: 5 } },
  );
  const change = explainHealthChange(before, after);

  // Before: 32 + 30 + 12 + 7.5 = 81.5 → 82; after: 28 + 15 + 12 + 10 = 65.
  it("lists measures by the size of their contribution change, values then and now", () => {
    expect(change.measures.map(({ key, contributionChange }) => [key, contributionChange])).toEqual(
      [
        ["recency", -15],
        ["seats", -4],
        ["promotion", 2], // 7.5 rounded up to 8 before (largest remainder), 10 now
        ["nps", 0],
      ],
    );
    expect(change.measures[0]).toMatchObject({
      valueBefore: 0,
      valueAfter: 15,
      pointsBefore: 100,
      pointsAfter: 50,
      contributionBefore: 30,
      contributionAfter: 15,
    });
  });

  it("adds the contribution changes up to the score change", () => {
    expect(change).toMatchObject({ scoreBefore: 82, scoreAfter: 65, scoreChange: -17 });
    expect(change.bandBefore).toBe("green");
    expect(change.bandAfter).toBe("yellow");
    expect(change.measures.reduce((sum, measure) => sum + measure.contributionChange, 0)).toBe(-17);
  });

  it("explains a measure that went missing, and one only in the new scorecard", () => {
    const edited = scorecardSchema.parse({
      measures: [
        card.measures[0],
        {
          kind: "metric",
          key: "trend",
          name: "Trend",
          metric: "eventCountChange:30d",
          scoring: { kind: "linear", from: -50, to: 10 },
          weight: 4,
        },
      ],
    });
    const later = computeHealth({ "seatUtilisation:30d": 70, "eventCountChange:30d": 10 }, edited);
    const explained = explainHealthChange(before, later);
    expect(explained.measures.map((measure) => measure.key)).toEqual([
      "trend", // +50
      "recency", // −30
      "nps", // −12
      "promotion", // −8
      "seats", // +3
    ]);
    expect(explained.measures.find((measure) => measure.key === "recency")).toMatchObject({
      valueBefore: 0,
      valueAfter: null,
      contributionAfter: 0,
    });
    expect(explained.measures.reduce((sum, measure) => sum + measure.contributionChange, 0)).toBe(
      explained.scoreChange,
    );
  });

  it("has no score change when a score is missing", () => {
    const none = computeHealth({}, card);
    expect(explainHealthChange(none, after).scoreChange).toBeNull();
  });

  it("orders equal whole changes by their exact change, then as listed", () => {
    const same = explainHealthChange(before, before);
    expect(same.measures.map((measure) => measure.key)).toEqual([
      "seats",
      "recency",
      "nps",
      "promotion",
    ]);
  });
});
