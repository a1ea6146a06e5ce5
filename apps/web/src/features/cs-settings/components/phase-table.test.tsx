import { describeRule, type Phase } from "@michi/core";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { csSettingsKeys } from "../cs-settings.queries";
import { PhasePrintPage } from "../print/phase-print-page";
import { renderWithQueries } from "../test-utils";
import { PhaseTable, phaseRows } from "./phase-table";

const t = (key: string) => i18n.t(key as never) as string;

const phases: Phase[] = [
  {
    key: "onboarding",
    name: { ja: "導入", en: "Onboarding" },
    userActions: {
      ja: "管理者アカウントを作る\n利用者を招待する",
      en: "Create the admin\nInvite users",
    },
    userExperience: "設定手順を読む",
    services: { ja: "キックオフ", en: "Kickoff" },
    goal: { ja: "3人以上が使っている", en: "Three people use it" },
    exitCriteria: [
      {
        key: "users-started",
        name: { ja: "3人以上が使い始めた", en: "Three people started" },
        rule: { metric: { name: "activeUsers", windowDays: 30 }, op: ">=", value: 3 },
      },
    ],
  },
  { key: "operation", name: { ja: "運用", en: "Operation" }, exitCriteria: [] },
];

describe("phase design table", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("has one column per phase and the four rows of seed 003, exit criteria in words", () => {
    renderWithProviders(
      <PhaseTable phases={phases} lang="ja" accountsByPhase={{ onboarding: 4 }} />,
    );
    const table = screen.getByRole("table", { name: t("csSettings.phases.tableLabel") });
    const [header, ...body] = within(table).getAllByRole("row");
    expect(within(header!).getAllByRole("columnheader")).toHaveLength(1 + phases.length);
    expect(body.map((row) => within(row).getByRole("rowheader").textContent)).toEqual(
      phaseRows.map((row) => t(`csSettings.phases.${row}`)),
    );
    for (const row of body) expect(within(row).getAllByRole("cell")).toHaveLength(phases.length);
    expect(
      within(body[0]!)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["管理者アカウントを作る", "利用者を招待する"]);
    const criteria = screen.getByTestId("exit-criteria-onboarding").textContent;
    expect(criteria).toContain("3人以上が使い始めた");
    expect(criteria).toContain(describeRule(phases[0]!.exitCriteria[0]!.rule, "ja"));
    expect(screen.getByText(t("csSettings.phases.noCriteria"))).toBeTruthy();
    expect(screen.getByTestId("phase-count-onboarding").textContent).toContain("4");
    expect(screen.getByTestId("phase-count-operation").textContent).toContain("0");
  });

  it("prints the saved table on its own sheet", async () => {
    const rootRoute = createRootRoute({ component: PhasePrintPage });
    const router = createRouter({
      routeTree: rootRoute,
      history: createMemoryHistory({ initialEntries: ["/"] }),
    });
    renderWithQueries(<RouterProvider router={router} />, {
      data: [
        [
          csSettingsKeys.phases(),
          { phases, mode: "auto", custom: true, accountsByPhase: { onboarding: 2 } },
        ],
      ],
    });
    const sheet = await screen.findByRole("region", { name: t("csSettings.print.title") });
    expect(within(sheet).getByText("デモ株式会社")).toBeTruthy();
    expect(within(sheet).getByText(/自動で移動/)).toBeTruthy();
    const table = within(sheet).getByRole("table");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + phaseRows.length);
    expect(within(sheet).getByTestId("exit-criteria-onboarding").textContent).toContain(
      describeRule(phases[0]!.exitCriteria[0]!.rule, "ja"),
    );
  });
});
