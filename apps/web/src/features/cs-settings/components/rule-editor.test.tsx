import { describeRule, type MetricRule, metricRuleSchema } from "@michi/core";
import { fireEvent, screen } from "@testing-library/react";
import i18n from "i18next";
import { useState } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { RuleEditor } from "./rule-editor";

const t = (key: string) => i18n.t(key as never) as string;

/** The editor as a form holds it: every change kept, the last one readable by the test. */
const Harness = ({ initial, seen }: { initial: MetricRule; seen: MetricRule[] }) => {
  const [rule, setRule] = useState(initial);
  return (
    <RuleEditor
      value={rule}
      onChange={(next) => {
        seen.push(next);
        setRule(next);
      }}
    />
  );
};

const start: MetricRule = { metric: { name: "activeUsers", windowDays: 30 }, op: ">=", value: 3 };

describe("RuleEditor", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("builds an any-group by clicks, valid for core's schema, and reads it out with describeRule", () => {
    const seen: MetricRule[] = [];
    renderWithProviders(<Harness initial={start} seen={seen} />);
    expect(screen.getByTestId("rule-text").textContent).toContain(describeRule(start, "ja"));

    fireEvent.click(screen.getByText(t("csSettings.rules.addCondition")));
    const values = screen.getAllByLabelText(t("csSettings.rules.value"));
    expect(values).toHaveLength(2);
    fireEvent.change(values[1]!, { target: { value: "12" } });
    fireEvent.click(screen.getByLabelText(t("csSettings.rules.any")));

    const last = seen.at(-1)!;
    const parsed = metricRuleSchema.safeParse(last);
    expect(parsed.success).toBe(true);
    expect(last).toEqual({
      any: [start, { metric: { name: "activeUsers", windowDays: 30 }, op: ">=", value: 12 }],
    });
    const text = screen.getByTestId("rule-text").textContent;
    expect(text).toContain(describeRule(last, "ja"));
    expect(text).toContain("または");
  });

  it("says what is wrong instead of a reading when a number is missing", () => {
    const seen: MetricRule[] = [];
    renderWithProviders(<Harness initial={start} seen={seen} />);
    fireEvent.change(screen.getByLabelText(t("csSettings.rules.value")), {
      target: { value: "" },
    });
    expect(screen.queryByTestId("rule-text")).toBeNull();
    expect(screen.getByRole("alert").textContent).toMatch(/must be a number/);
    expect(metricRuleSchema.safeParse(seen.at(-1)).success).toBe(false);
  });
});
