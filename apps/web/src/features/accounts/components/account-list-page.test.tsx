import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import type { AccountListItem, AccountListSearch } from "../accounts.queries";
import { AccountListPage } from "./account-list-page";

const account: AccountListItem = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "株式会社みち物流",
  nameKana: "ミチブツリュウ",
  externalId: null,
  industry: null,
  segment: null,
  ownerUserId: null,
  touchModel: null,
  profile: {},
  churn: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  health: { score: 34, band: "red", day: "2026-01-10" },
  phase: { key: "trial", since: "2026-01-05T00:00:00.000Z" },
  mrr: [],
  renewalOn: null,
  planProgress: null,
};

/** Answers the list, the phases, the users and me; records the list URLs asked for. */
const stubApi = () => {
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
      if (url.pathname === "/api/v1/accounts") {
        asked.push(url);
        return json({ data: [account], nextCursor: null });
      }
      if (url.pathname === "/api/v1/settings/phases") {
        // The workspace's own phases, named in both languages.
        return json({
          phases: [{ key: "trial", name: { ja: "試験導入", en: "Trial" }, exitCriteria: [] }],
          mode: "propose",
        });
      }
      if (url.pathname === "/api/v1/users") return json({ data: [] });
      if (url.pathname === "/api/v1/account-views") {
        return json({
          data: [{ id: "v1", name: "赤い中小企業", search: { band: "red", segment: "smb" } }],
        });
      }
      if (url.pathname === "/api/v1/settings/account-picklists") {
        return json({
          industry: [],
          segment: [{ value: "smb", label: { ja: "中小企業", en: "SMB" } }],
        });
      }
      if (url.pathname === "/api/v1/me") return json({ role: "viewer" });
      return new Response("{}", { status: 404 });
    }),
  );
  return asked;
};

const renderPage = async (search: AccountListSearch, onSearchChange = vi.fn()) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({
    component: () => (
      <AccountListPage search={search} onSearchChange={onSearchChange} onOpenAccount={() => {}} />
    ),
  });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/accounts"] }),
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
  return { onSearchChange };
};

describe("AccountListPage", () => {
  // jsdom has no layout: give the list's scroll box a size so rows are drawn.
  const sizes = ["clientHeight", "clientWidth"] as const;
  beforeAll(() => {
    // Mantine's combobox scrolls the selected option into view; jsdom cannot.
    Element.prototype.scrollIntoView ??= () => {};
    for (const size of sizes) {
      Object.defineProperty(HTMLElement.prototype, size, {
        configurable: true,
        get: () => (size === "clientHeight" ? 600 : 1000),
      });
    }
  });
  afterAll(() => {
    for (const size of sizes) delete (HTMLElement.prototype as Partial<HTMLElement>)[size];
  });
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the band in the URL and names the phase from the workspace's phases", async () => {
    const asked = stubApi();
    await renderPage({ band: "red", sort: "healthScore" });
    const link = await screen.findByRole("link", { name: account.name });
    const row = link.closest("tr") as HTMLElement;
    expect(await within(row).findByText("試験導入")).toBeTruthy();
    expect(within(row).getByText("34・赤")).toBeTruthy();
    expect(asked[0]?.searchParams.get("band")).toBe("red");
    expect(asked[0]?.searchParams.get("sort")).toBe("healthScore");
  });

  it("puts the chosen band in the search, and clears it with the other filters", async () => {
    stubApi();
    const { onSearchChange } = await renderPage({ band: "none" });
    // The label names the input and its list of options: the input.
    const band = screen
      .getAllByLabelText("ヘルススコア")
      .find((element) => element instanceof HTMLInputElement) as HTMLInputElement;
    expect(band.value).toBe("データ不足");
    act(() => screen.getByRole("button", { name: "条件をクリア" }).click());
    expect(onSearchChange).toHaveBeenLastCalledWith({});

    fireEvent.click(band);
    fireEvent.click(await screen.findByRole("option", { name: "黄", hidden: true }));
    expect(onSearchChange).toHaveBeenLastCalledWith({ band: "yellow" });
  });

  it("applies a saved view's filters and offers the workspace's segments by label", async () => {
    stubApi();
    const { onSearchChange } = await renderPage({});
    fireEvent.click(await screen.findByRole("button", { name: "保存したビュー" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "赤い中小企業", hidden: true }));
    expect(onSearchChange).toHaveBeenLastCalledWith({ band: "red", segment: "smb" });
    // Once the picklist is in, the segment filter is a choice among its labels, not free text.
    const segment = await waitFor(() => {
      const input = screen
        .getAllByLabelText("セグメント")
        .find((element) => element instanceof HTMLInputElement && element.readOnly);
      if (!input) throw new Error("the segment filter is still free text");
      return input;
    });
    fireEvent.click(segment);
    fireEvent.click(await screen.findByRole("option", { name: "中小企業", hidden: true }));
    expect(onSearchChange).toHaveBeenLastCalledWith({ segment: "smb" });
  });
});
