import { MantineProvider } from "@mantine/core";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, render, screen, within } from "@testing-library/react";
import i18n from "i18next";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import type { AccountListItem } from "../accounts.queries";
import { AccountsTable } from "./accounts-table";

const healthOf = (index: number): AccountListItem["health"] =>
  index % 3 === 0
    ? { score: 82, band: "green", day: "2026-01-10" }
    : index % 3 === 1
      ? null
      : { score: null, band: null, day: "2026-01-10" };

const accountsOf = (count: number): AccountListItem[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    name: `顧客 ${index + 1}`,
    nameKana: null,
    externalId: `ACC-${index + 1}`,
    industry: "製造",
    segment: "SMB",
    ownerUserId: index % 2 === 0 ? "u1" : null,
    touchModel: "tech",
    profile: {},
    churn: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    health: healthOf(index),
    // A key no longer among the workspace's phases shows as it is.
    phase: { key: index % 2 === 0 ? "onboarding" : "retired", since: "2026-01-01T00:00:00.000Z" },
    mrr: index === 0 ? [{ currency: "JPY", minor: 350_000 }] : [],
    renewalOn: index === 0 ? "2027-03-31" : null,
    planProgress: index === 0 ? 42.857 : null,
  }));

const renderTable = async (props: Partial<Parameters<typeof AccountsTable>[0]> = {}) => {
  const onLoadMore = vi.fn();
  const rootRoute = createRootRoute({
    component: () => (
      <AccountsTable
        accounts={accountsOf(10_000)}
        ownerNames={new Map([["u1", "田中 美咲"]])}
        phaseNames={new Map([["onboarding", "オンボーディング"]])}
        segmentNames={new Map([["SMB", "中小企業"]])}
        hasNextPage={false}
        isFetchingNextPage={false}
        onLoadMore={onLoadMore}
        onOpen={() => {}}
        sort="name"
        onSortChange={() => {}}
        {...props}
      />
    ),
  });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/accounts"] }),
  });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
  });
  return { onLoadMore };
};

describe("AccountsTable", () => {
  // jsdom has no layout: give the scroll box the size of a laptop screen's list.
  const sizes = ["clientHeight", "clientWidth"] as const;
  beforeAll(() => {
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

  it("draws only the rows in view out of 10,000, as a real table", async () => {
    await renderTable();
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    // The header, then 600 px of 45 px rows plus overscan: never all 10,000.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(rows[1]?.textContent).toContain("顧客 1");
    expect(rows[1]?.textContent).toContain("田中 美咲");
    expect(rows[1]?.textContent).toContain("テックタッチ");
    // The segment by its label in the workspace's picklist, not its value.
    expect(rows[1]?.textContent).toContain("中小企業");
    expect(rows[1]?.textContent).not.toContain("SMB");
    expect(within(rows[1] as HTMLElement).getByRole("link", { name: "顧客 1" })).toBeTruthy();
    expect(screen.getByText("10,000 件を表示")).toBeTruthy();
  });

  it("shows each account's health score in its band and its phase by name", async () => {
    await renderTable({ accounts: accountsOf(3) });
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const cells = (row: number) =>
      within(rows[row] as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent);
    expect(within(rows[0] as HTMLElement).getAllByRole("columnheader")[1]?.textContent).toBe(
      "ヘルススコア",
    );
    expect(cells(1).slice(1, 3)).toEqual(["82・緑", "オンボーディング"]);
    // No score, never scored or scored without enough data: insufficient data, never 0 or red.
    expect(cells(2).slice(1, 3)).toEqual(["データ不足", "retired"]);
    expect(cells(3).slice(1, 3)).toEqual(["データ不足", "オンボーディング"]);
    const badge = within(rows[1] as HTMLElement).getByText("82・緑");
    expect(badge.closest(".mantine-Badge-root")?.getAttribute("style")).toContain("teal");
    const unknown = within(rows[3] as HTMLElement).getByText("データ不足");
    expect(unknown.closest(".mantine-Badge-root")?.getAttribute("style")).toContain("gray");
  });

  it("gives a churned account no health and its last phase as at its churn", async () => {
    const [customer, former] = accountsOf(2);
    await renderTable({
      accounts: [
        customer!,
        {
          ...former!,
          churn: { churnedOn: "2026-04-26", source: "contracts", reason: null, note: "" },
          health: null,
          phase: { key: "onboarding", since: "2026-02-21T01:00:00.000Z" },
        },
      ],
    });
    const row = within(screen.getByRole("table")).getAllByRole("row")[2] as HTMLElement;
    const cells = within(row)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells[0]).toBe("解約済み顧客 2");
    expect(cells.slice(1, 3)).toEqual(["—", "オンボーディング（解約時）"]);
    expect(within(row).getByTitle("解約済みの顧客にヘルススコアはありません")).toBeTruthy();
  });

  it("shows MRR, the renewal date and the plan's progress, a dash without them", async () => {
    await renderTable({ accounts: accountsOf(2) });
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const cells = (row: number) =>
      within(rows[row] as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent);
    expect(cells(1).slice(3, 6)).toEqual(["￥350,000", "2027/03/31", "43%"]);
    expect(cells(2).slice(3, 6)).toEqual(["—", "—", "—"]);
  });

  it("sorts by a column when its header is clicked, then the other way", async () => {
    const onSortChange = vi.fn();
    await renderTable({ accounts: accountsOf(2), sort: "-mrr", onSortChange });
    const header = (name: string) =>
      screen.getAllByRole("columnheader").find((th) => th.textContent?.startsWith(name)) as
        | HTMLElement
        | undefined;
    expect(header("MRR")?.getAttribute("aria-sort")).toBe("descending");
    expect(header("顧客名")?.getAttribute("aria-sort")).toBe("none");
    act(() =>
      within(header("MRR") as HTMLElement)
        .getByRole("button")
        .click(),
    );
    expect(onSortChange).toHaveBeenLastCalledWith("mrr");
    act(() =>
      within(header("更新日") as HTMLElement)
        .getByRole("button")
        .click(),
    );
    expect(onSortChange).toHaveBeenLastCalledWith("renewalOn");
    // The lowest health first on the first click: what a CSM triages by.
    act(() =>
      within(header("ヘルススコア") as HTMLElement)
        .getByRole("button")
        .click(),
    );
    expect(onSortChange).toHaveBeenLastCalledWith("healthScore");
  });

  it("offers the next page with a button when there is one", async () => {
    const { onLoadMore } = await renderTable({ accounts: accountsOf(30), hasNextPage: true });
    // The end of 30 rows is in view, so the next page is asked for at once.
    expect(onLoadMore).toHaveBeenCalled();
    act(() => screen.getByRole("button", { name: "さらに読み込む" }).click());
    expect(onLoadMore).toHaveBeenCalledTimes(2);
  });
});
