import { MantineProvider } from "@mantine/core";
import { checkPlan, PLAN_FORMAT, type PlanDocument, planCheckCodes } from "@michi/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import { theme } from "../../../theme";
import { planKeys } from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";
import { ChecksPanel } from "./checks-panel";

const today = "2026-03-01";

const document: PlanDocument = {
  format: PLAN_FORMAT,
  title: "計画",
  period: { start: "2026-01-01" },
  team: [{ key: "e1", name: "部長", side: "customer", role: "evaluator" }],
  pufu: { goal: "待機時間を半減する", winCondition: { text: "平均45分以下" } },
  milestones: [{ key: "ms1", title: "全拠点で予約開始", dueDate: "2026-02-10" }],
};

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("ChecksPanel", () => {
  it("shows each finding with the check's name and dates in Japanese, never a code or ISO date", async () => {
    await i18n.changeLanguage("ja");
    const findings = checkPlan(document, {
      today,
      meetings: [{ date: "2026-01-20", audience: "evaluators" }],
      exitCriteria: [
        { key: "onboarding.all-seats", text: { ja: "全席 ≥ 100%", en: "seats ≥ 100%" } },
      ],
    });
    expect(findings.map((finding) => finding.code)).toEqual(
      expect.arrayContaining(["overdue", "evaluator-not-met", "exit-criterion-unrealistic"]),
    );
    const client = new QueryClient({
      defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } },
    });
    client.setQueryData(planKeys.checks("p1", today, 3), { asOf: today, findings });
    const editor = { today, plan: { id: "p1", version: 3 }, document } as unknown as PlanEditor;
    const { container } = render(
      <QueryClientProvider client={client}>
        <MantineProvider theme={theme}>
          <ChecksPanel editor={editor} onGoTo={() => {}} />
        </MantineProvider>
      </QueryClientProvider>,
    );

    const table = await screen.findByRole("table", { name: "指摘一覧" });
    const overdue = within(table)
      .getByText(/マイルストーン「全拠点で予約開始」/)
      .closest("tr")!;
    expect(overdue.textContent).toContain("期限(2026/02/10)を19日過ぎても");
    expect(overdue.textContent).toContain("期限切れ");
    // An exit criterion is the workspace's, not the plan's: named so, not by its key.
    const exit = within(table)
      .getByText(/が100%を求めています/)
      .closest("tr")!;
    expect(exit.textContent).toContain("フェーズのゴール「全席 ≥ 100%」");
    expect(exit.textContent).toContain("現実的でないフェーズのゴール");
    expect(exit.textContent).not.toContain("onboarding.all-seats");
    // "What is checked" lists every check by its name too.
    const text = container.textContent ?? "";
    expect(text).toContain("現実的でないフェーズのゴール");
    expect(text).toContain(planCheckCodes[0].description.ja);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const { code } of planCheckCodes) expect(text).not.toContain(code);
  });
});
