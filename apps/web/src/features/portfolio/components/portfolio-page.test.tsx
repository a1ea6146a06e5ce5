import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, render, screen, within } from "@testing-library/react";
import i18n from "i18next";
import type { ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import type { Portfolio } from "../portfolio.queries";
import { AtRiskTable } from "./at-risk-table";
import { PortfolioPage } from "./portfolio-page";

// jsdom cannot lay out or draw a chart; the page's figures and table carry the same numbers.
vi.mock("./portfolio-charts", () => ({
  HealthDistributionChart: () => null,
  HealthTrendChart: () => null,
  PhaseFunnelChart: () => null,
  MaturityChart: () => null,
  TouchModelChart: () => null,
}));

const t = (key: string, options?: Record<string, unknown>) =>
  String(i18n.t(key as never, options as never));

const atRisk: Portfolio["atRisk"] = [
  {
    accountId: "00000000-0000-4000-8000-00000000000a",
    name: "A商事",
    owner: { id: "u1", name: "佐藤 花子" },
    score: 45,
    band: "red",
    change: -35,
    reasons: [
      { measure: "support", name: "問い合わせ", contributionChange: -25, points: 10 },
      { measure: "usage", name: "利用", contributionChange: -10, points: 80 },
    ],
  },
  {
    accountId: "00000000-0000-4000-8000-00000000000e",
    name: "E工業",
    owner: null,
    score: 30,
    band: "red",
    change: null,
    reasons: [{ measure: "support", name: "問い合わせ", contributionChange: null, points: 10 }],
  },
];

const portfolio = (overrides: Partial<Portfolio> = {}): Portfolio => ({
  asOf: "2026-11-23",
  accounts: 5,
  mrr: [
    { currency: "JPY", minor: 400_000 },
    { currency: "USD", minor: 5_000 },
  ],
  segments: ["enterprise", "smb"],
  health: {
    distribution: { red: 2, yellow: 1, green: 1, none: 1 },
    averageScore: 53.8,
    trend: [],
  },
  phases: [],
  maturity: [],
  touchModels: [],
  atRisk,
  tasks: [
    { owner: { id: "u1", name: "佐藤 花子" }, open: 4, overdue: 2 },
    { owner: null, open: 1, overdue: 0 },
  ],
  ...overrides,
});

/** Renders inside a router (for links) and a fresh query client. */
const renderPage = async (ui: () => ReactElement) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({ component: ui });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/portfolio"] }),
  });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>,
    );
  });
};

/** Answers the portfolio and users calls; records the portfolio URLs asked for. */
const stubApi = (answer: Portfolio) => {
  const asked: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input), "http://x");
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      if (url.pathname === "/api/v1/portfolio") {
        asked.push(url);
        return json(answer);
      }
      if (url.pathname === "/api/v1/users") return json({ data: [] });
      return new Response("{}", { status: 404 });
    }),
  );
  return asked;
};

describe("portfolio", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists accounts at risk in the order given, linking to each account's Health tab", async () => {
    await renderPage(() => <AtRiskTable accounts={atRisk} />);
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map((row) => within(row).getAllByRole("cell"));
    expect(first![0]!.textContent).toBe("A商事");
    expect(within(rows[0]!).getByRole("link", { name: "A商事" }).getAttribute("href")).toBe(
      `/accounts/${atRisk[0]!.accountId}?tab=health`,
    );
    expect(first![1]!.textContent).toBe("佐藤 花子");
    expect(first![2]!.textContent).toBe(`45・${t("health.band.red")}`);
    expect(first![3]!.textContent).toBe("−35");
    expect(first![4]!.textContent).toBe("問い合わせ −25、利用 −10");
    // No owner, and nothing 30 days ago to compare with: its weakest measure with its points.
    expect(second![1]!.textContent).toBe(t("portfolio.noOwner"));
    expect(second![3]!.textContent).toBe(t("portfolio.noChange"));
    expect(second![4]!.textContent).toBe(
      t("portfolio.reasonPoints", { name: "問い合わせ", points: 10 }),
    );
  });

  it("reads no score as insufficient data and a measure without data as such, never 0", async () => {
    await renderPage(() => (
      <AtRiskTable
        accounts={[
          {
            ...atRisk[1]!,
            score: null,
            band: null,
            change: -4,
            reasons: [
              { measure: "usage", name: "利用", contributionChange: null, points: null },
              { measure: "support", name: "問い合わせ", contributionChange: null, points: 26.67 },
            ],
          },
        ]}
      />
    ));
    const cells = within(screen.getAllByRole("row")[1]!).getAllByRole("cell");
    expect(cells[2]!.textContent).toBe(t("health.insufficientData"));
    expect(cells[2]!.textContent).not.toMatch(/0|赤/);
    expect(cells[4]!.textContent).toBe(
      [
        t("portfolio.reasonNoData", { name: "利用" }),
        t("portfolio.reasonPoints", { name: "問い合わせ", points: "27" }),
      ].join(t("portfolio.reasonSeparator")),
    );
  });

  it("says so when no account is at risk", async () => {
    await renderPage(() => <AtRiskTable accounts={[]} />);
    expect(screen.getByText(t("portfolio.atRiskEmpty"))).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("asks with the filters from the URL and shows the totals and the at-risk list", async () => {
    const asked = stubApi(portfolio());
    await renderPage(() => (
      <PortfolioPage search={{ touchModel: "tech", segment: "smb" }} onSearchChange={() => {}} />
    ));
    expect(await screen.findByText("A商事")).toBeTruthy();
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0]!.searchParams)).toEqual({
      touchModel: "tech",
      segment: "smb",
      lang: "ja",
    });
    const accounts = screen.getByText(t("portfolio.accounts")).parentElement!;
    expect(accounts.textContent).toContain("5");
    const mrr = screen.getByText(t("portfolio.mrr")).parentElement!;
    expect(mrr.textContent).toMatch(/400,000.*\+.*\$50\.00/);
    expect(screen.getByText("53.8")).toBeTruthy();
    expect(screen.getByRole("button", { name: t("portfolio.clearFilters") })).toBeTruthy();
    // Open account tasks per owner, unowned ones under "no owner".
    const tasks = screen.getByRole("region", { name: t("portfolio.tasks") });
    const sato = within(tasks).getByText("佐藤 花子").closest("tr")!;
    expect(sato.textContent).toContain("4");
    expect(sato.textContent).toContain("2");
    expect(within(tasks).getByText(t("portfolio.noOwner"))).toBeTruthy();
  });

  it("shows an empty state when no account matches the filters", async () => {
    stubApi(portfolio({ accounts: 0, mrr: [], atRisk: [] }));
    await renderPage(() => <PortfolioPage search={{ owner: "u9" }} onSearchChange={() => {}} />);
    expect(await screen.findByText(t("portfolio.empty"))).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
