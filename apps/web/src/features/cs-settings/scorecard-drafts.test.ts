import { metricMeasureSchema } from "@michi/core";
import { describe, expect, it } from "vitest";
import { newEventMeasure } from "./scorecard-drafts";

describe("newEventMeasure", () => {
  it("counts the event over 30 days, full points at an average account's 30 days", () => {
    const measure = newEventMeasure([], { event: "Report Exported", count: 900, accounts: 10 });
    expect(measure).toMatchObject({
      kind: "metric",
      key: "event-Report-Exported",
      name: { ja: "30日間の「Report Exported」の回数", en: '"Report Exported" events in 30 days' },
      metric: { name: "eventCount", windowDays: 30, event: "Report Exported" },
      scoring: { kind: "linear", from: 0, to: 30, fromPoints: 0, toPoints: 100 },
      weight: 1,
    });
    expect(metricMeasureSchema.safeParse(measure).success).toBe(true);
  });

  it("keeps keys unique and valid for any event name", () => {
    const measure = newEventMeasure(["event-post", "event-post-2"], {
      event: "post",
      count: 1,
      accounts: 1,
    });
    expect(measure.key).toBe("event-post-3");
    expect(measure.scoring).toMatchObject({ to: 1 });
    const japanese = newEventMeasure([], { event: "投稿", count: 0, accounts: 0 });
    expect(japanese.key).toBe("event");
    expect(metricMeasureSchema.safeParse(japanese).success).toBe(true);
  });
});
