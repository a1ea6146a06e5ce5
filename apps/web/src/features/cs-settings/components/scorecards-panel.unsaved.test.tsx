import { MantineProvider } from "@mantine/core";
import { defaultPhases, defaultScorecard, type WorkspaceScorecard } from "@michi/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import { csSettingsKeys, type ScorecardsAnswer } from "../cs-settings.queries";
import { stubFetch } from "../test-utils";
import { ScorecardsEditor } from "./scorecards-panel";

// jsdom cannot draw the preview's chart.
vi.mock("./band-chart", () => ({ BandChart: () => null }));

const scorecard: WorkspaceScorecard = {
  key: "enterprise",
  appliesTo: {},
  scorecard: {
    measures: [
      {
        kind: "metric",
        key: "active-users",
        name: "アクティブユーザー",
        metric: { name: "activeUsers", windowDays: 30 },
        scoring: { kind: "linear", from: 0, to: 20, fromPoints: 0, toPoints: 100 },
        weight: 2,
      },
    ],
    bands: { redMax: 50, yellowMax: 75 },
    minCoverage: 0.5,
  },
};
const answer: ScorecardsAnswer = { scorecards: [scorecard], defaultScorecard };

/** The editor on /settings of an app that also has /portfolio, as an admin. */
const renderEditor = async () => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const workspace = { id: "w1", name: "デモ株式会社", slug: "demo" };
  queryClient.setQueryData(["me"], {
    user: { id: "u1", name: "管理者", email: "admin@example.com" },
    workspace,
    role: "admin",
    workspaces: [{ ...workspace, role: "admin" }],
  });
  queryClient.setQueryData(csSettingsKeys.phases(), {
    phases: defaultPhases,
    mode: "propose",
    custom: false,
    accountsByPhase: {},
  });
  const root = createRootRoute({ component: Outlet });
  const router = createRouter({
    routeTree: root.addChildren([
      createRoute({
        getParentRoute: () => root,
        path: "/settings",
        component: () => <ScorecardsEditor answer={answer} />,
      }),
      createRoute({ getParentRoute: () => root, path: "/portfolio", component: () => "portfolio" }),
      createRoute({ getParentRoute: () => root, path: "/health-lab", component: () => "lab" }),
    ]),
    history: createMemoryHistory({ initialEntries: ["/settings"] }),
  });
  await act(async () => {
    render(
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme}>
          <RouterProvider router={router} />
        </MantineProvider>
      </QueryClientProvider>,
    );
  });
  return router;
};

describe("ScorecardsEditor: leaving with unsaved edits", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    stubFetch({
      "POST /api/v1/settings/scorecards/preview": () => ({
        evaluated: 0,
        current: { red: 0, yellow: 0, green: 0, none: 0 },
        preview: { red: 0, yellow: 0, green: 0, none: 0 },
        rows: [],
      }),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("leaves freely before an edit, and asks once a weight is changed", async () => {
    const router = await renderEditor();
    await act(() => router.navigate({ to: "/portfolio" }));
    expect(router.state.location.pathname).toBe("/portfolio");
    await act(() => router.navigate({ to: "/settings" }));

    fireEvent.change(await screen.findByLabelText("アクティブユーザー: 重み"), {
      target: { value: "7" },
    });
    await act(async () => {
      void router.navigate({ to: "/portfolio" });
    });
    await screen.findByRole("dialog", { name: "保存していない変更があります" });
    fireEvent.click(screen.getByRole("button", { name: "キャンセル" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(router.state.location.pathname).toBe("/settings");
    // The edit is still there.
    expect((screen.getByLabelText("アクティブユーザー: 重み") as HTMLInputElement).value).toBe("7");
  });

  it("asks no more once the edit is discarded", async () => {
    const router = await renderEditor();
    fireEvent.change(await screen.findByLabelText("アクティブユーザー: 重み"), {
      target: { value: "7" },
    });
    fireEvent.click(screen.getByRole("button", { name: "変更を取り消す" }));
    await act(() => router.navigate({ to: "/portfolio" }));
    expect(router.state.location.pathname).toBe("/portfolio");
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
