import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csSettingsKeys, type UsageLabelsAnswer } from "../cs-settings.queries";
import { renderWithQueries, stubFetch } from "../test-utils";
import { PhaseTable } from "./phase-table";
import { UsageLabelsEditor } from "./usage-labels-panel";

const t = (key: string) => i18n.t(key as never) as string;

const answer: UsageLabelsAnswer = {
  events: { document_created: { ja: "文書の作成", en: "Document created" } },
  products: {},
  known: { events: ["document_created", "login"], products: ["docs"] },
};

describe("UsageLabelsEditor", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers the known events and products, and saves the names written, leaving blanks out", async () => {
    const calls = stubFetch({ "PUT /api/v1/settings/usage-labels": () => answer });
    renderWithQueries(<UsageLabelsEditor saved={answer} />);
    const name = (key: string, lang: "ja" | "en") =>
      screen.getByLabelText(
        `${key}: ${t("csSettings.usageLabels.name")} (${t(`csSettings.lang.${lang}`)})`,
      );
    const events = screen.getByRole("table", { name: t("csSettings.usageLabels.events") });
    expect(within(events).getAllByRole("row")).toHaveLength(3);
    expect(name("document_created", "ja")).toHaveProperty("value", "文書の作成");
    expect(name("login", "ja")).toHaveProperty("value", "");

    fireEvent.change(name("login", "ja"), { target: { value: " ログイン " } });
    fireEvent.change(name("docs", "en"), { target: { value: "Michi Docs" } });
    fireEvent.click(screen.getByText(t("common.save")));

    await waitFor(() => expect(calls.filter((call) => call.method === "PUT")).toHaveLength(1));
    expect(calls.find((call) => call.method === "PUT")?.body).toEqual({
      events: {
        document_created: { ja: "文書の作成", en: "Document created" },
        login: { ja: "ログイン" },
      },
      products: { docs: { en: "Michi Docs" } },
    });
  }, 60_000);

  it("adds a product key to name ahead of time, refusing one the server would", () => {
    renderWithQueries(<UsageLabelsEditor saved={answer} />);
    // The input to add one: the rows' key inputs are named "<key>: 製品キー".
    const productKey = screen.getByRole("textbox", {
      name: t("csSettings.usageLabels.productKey"),
    });
    fireEvent.change(productKey, { target: { value: "my docs" } });
    fireEvent.click(screen.getByText(t("csSettings.usageLabels.addProduct")));
    expect(screen.getByText(t("csSettings.keyHelp"))).toBeTruthy();
    fireEvent.change(productKey, { target: { value: "sign" } });
    fireEvent.click(screen.getByText(t("csSettings.usageLabels.addProduct")));
    expect(
      screen.getByLabelText(
        `sign: ${t("csSettings.usageLabels.name")} (${t("csSettings.lang.ja")})`,
      ),
    ).toBeTruthy();
  });

  it("is read-only for a CSM", () => {
    renderWithQueries(<UsageLabelsEditor saved={answer} />, { role: "csm" });
    expect(screen.getByText(t("csSettings.readOnly"))).toBeTruthy();
    expect(screen.queryByText(t("common.save"))).toBeNull();
    expect(
      screen.getByLabelText(
        `login: ${t("csSettings.usageLabels.name")} (${t("csSettings.lang.ja")})`,
      ),
    ).toHaveProperty("disabled", true);
  });
});

describe("a rule shown with the workspace's names", () => {
  it("words an exit criterion's event and product by their labels", () => {
    renderWithQueries(
      <PhaseTable
        lang="ja"
        phases={[
          {
            key: "adoption",
            name: "定着",
            exitCriteria: [
              {
                key: "docs-used",
                name: "文書が作られている",
                rule: {
                  all: [
                    {
                      metric: { name: "eventCount", windowDays: 30, event: "document_created" },
                      op: ">=",
                      value: 10,
                    },
                    { metric: { name: "maturityLevel", product: "docs" }, op: ">=", value: 3 },
                  ],
                },
              },
            ],
          },
        ]}
      />,
      {
        data: [
          [
            csSettingsKeys.usageLabels(),
            { ...answer, products: { docs: { ja: "Michi 文書" } } } satisfies UsageLabelsAnswer,
          ],
        ],
      },
    );
    const criteria = screen.getByTestId("exit-criteria-adoption").textContent;
    expect(criteria).toContain("30日間の「文書の作成」の回数 ≥ 10");
    expect(criteria).toContain("Michi 文書 の成熟度レベル ≥ Lv.3");
    expect(criteria).not.toContain("document_created");
  });
});
