import { MantineProvider } from "@mantine/core";
import type { WorkspaceRole } from "@michi/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import { meQueryOptions } from "../../auth/auth.queries";
import type { QueueOwner, TaskLoad, WorkQueueItem } from "../work-queue.queries";
import { WorkQueuePage } from "./work-queue-page";

const ACCOUNT = "22222222-2222-4222-8222-222222222222";
const PLAN = "11111111-1111-4111-8111-111111111111";
const TASK = "33333333-3333-4333-8333-333333333333";

const item = (overrides: Partial<WorkQueueItem>): WorkQueueItem => ({
  source: "account",
  id: TASK,
  taskId: TASK,
  planId: null,
  planTitle: null,
  taskKey: null,
  accountId: ACCOUNT,
  accountName: "東和精機株式会社",
  title: "更新前の電話",
  dueDate: "2026-11-01",
  status: "open",
  overdue: true,
  snoozedUntil: null,
  owner: { userId: "u1", name: "山本 彩" },
  mrr: [{ currency: "JPY", minor: 500_000 }],
  health: { score: 30, band: "red" },
  resultCode: null,
  completedAt: null,
  playbookRunId: null,
  ...overrides,
});

const queue: WorkQueueItem[] = [
  item({}),
  item({
    source: "plan",
    id: `${PLAN}:t3`,
    taskId: null,
    planId: PLAN,
    planTitle: "オンボーディング計画",
    taskKey: "t3",
    title: "第三倉庫の予約枠を設定",
    dueDate: null,
    overdue: false,
    health: null,
    mrr: [],
  }),
];
const load: TaskLoad[] = [
  { owner: { userId: "u1", name: "山本 彩" }, open: 2, overdue: 1, dueThisWeek: 0 },
  { owner: { userId: "u2", name: "小野 健" }, open: 0, overdue: 0, dueThisWeek: 0 },
];

let requests: { method: string; url: string; body: string | null }[];

const stubApi = () => {
  requests = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(
        new URL(String(input instanceof Request ? input.url : input), "http://localhost"),
        init,
      );
      const url = new URL(request.url);
      const body = request.method === "GET" ? null : await request.text();
      requests.push({ method: request.method, url: url.pathname + url.search, body });
      if (url.pathname === "/api/v1/work-queue") {
        const owner = url.searchParams.get("owner");
        return Response.json({
          today: "2026-12-07",
          data: queue,
          ...(owner === "me" ? {} : { load }),
        });
      }
      if (url.pathname === "/api/v1/users") {
        return Response.json({
          data: [
            { userId: "u1", name: "山本 彩", email: "yamamoto@michi.example", role: "csm" },
            { userId: "u2", name: "小野 健", email: "ono@michi.example", role: "csm" },
          ],
        });
      }
      if (url.pathname === "/api/v1/accounts") {
        return Response.json({
          data: [{ id: ACCOUNT, name: "東和精機株式会社" }],
          nextCursor: null,
        });
      }
      return Response.json(
        {},
        { status: request.method === "POST" && url.pathname.endsWith("/tasks") ? 201 : 200 },
      );
    }),
  );
};

const renderPage = async (role: WorkspaceRole, owner: QueueOwner = "me") => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: "u1", name: "山本 彩", email: "yamamoto@michi.example" },
    workspace: { id: "w1", name: "Michi", slug: "michi" },
    role,
    workspaces: [],
  } as never);
  const rootRoute = createRootRoute({
    component: () => (
      <WorkQueuePage
        owner={owner}
        onOwnerChange={() => {}}
        includeAll={false}
        onIncludeAllChange={() => {}}
      />
    ),
  });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/my-tasks"] }),
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

const writes = () => requests.filter((r) => r.method !== "GET");

/** Opens a Select by its input and picks an option from its own dropdown. */
const choose = async (input: HTMLElement, option: string) => {
  fireEvent.click(input);
  const listbox = await waitFor(() => {
    const id = input.getAttribute("aria-controls");
    const element = id ? document.getElementById(id) : null;
    if (!element) throw new Error("the dropdown is not open");
    return element;
  });
  await waitFor(() => within(listbox).getByRole("option", { name: option, hidden: true }));
  fireEvent.click(within(listbox).getByRole("option", { name: option, hidden: true }));
};

describe("WorkQueuePage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    stubApi();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows both sources with account, due, MRR and health; overdue in red", async () => {
    await renderPage("csm");
    expect(screen.getByRole("heading", { name: "ワークキュー" })).toBeTruthy();
    const row = (await screen.findByText("更新前の電話")).closest("tr")!;
    expect(row.getAttribute("data-overdue")).toBe("true");
    expect(within(row).getByText("期限切れ")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "東和精機株式会社" }).getAttribute("href")).toBe(
      `/accounts/${ACCOUNT}`,
    );
    expect(within(row).getByText("顧客タスク")).toBeTruthy();
    expect(within(row).getByText(/500,000/)).toBeTruthy();
    expect(within(row).getByText(/30/)).toBeTruthy();
    const plan = screen.getByText("第三倉庫の予約枠を設定").closest("tr")!;
    expect(plan.getAttribute("data-overdue")).toBeNull();
    expect(
      within(plan).getByRole("link", { name: "プラン: オンボーディング計画" }).getAttribute("href"),
    ).toBe(`/accounts/${ACCOUNT}/plans/${PLAN}?tab=milestones`);
    // A plan task is not snoozed or reassigned here.
    expect(within(plan).queryByRole("button", { name: /スヌーズ/ })).toBeNull();
    expect(
      requests.filter((r) => r.url.startsWith("/api/v1/work-queue")).map((r) => r.url),
    ).toEqual(["/api/v1/work-queue?owner=me&include=open"]);
    // A csm has no owner filter and no load.
    expect(screen.queryByLabelText("担当者")).toBeNull();
    expect(screen.queryByRole("region", { name: "メンバーごとの負荷" })).toBeNull();
  });

  it("completes an account task with a result code and a note", async () => {
    await renderPage("csm");
    fireEvent.click(await screen.findByRole("button", { name: "「更新前の電話」を完了にする" }));
    const dialog = await screen.findByRole("dialog", { name: "タスクを完了" });
    await choose(within(dialog).getAllByLabelText("結果")[0]!, "連絡がついた");
    fireEvent.change(within(dialog).getByRole("textbox", { name: /メモ/ }), {
      target: { value: "来月の更新に前向き" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "完了" }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual({
      method: "POST",
      url: `/api/v1/account-tasks/${TASK}/complete`,
      body: JSON.stringify({ resultCode: "contacted", note: "来月の更新に前向き" }),
    });
    // The queue is read again.
    await waitFor(() =>
      expect(requests.filter((r) => r.url.startsWith("/api/v1/work-queue")).length).toBe(2),
    );
  });

  it("logs a call with the task's account from the queue", async () => {
    await renderPage("csm");
    fireEvent.click(
      (
        await screen.findAllByRole("button", {
          name: "「東和精機株式会社」との電話・会議・メモを記録",
        })
      )[0]!,
    );
    const dialog = await screen.findByRole("dialog", { name: "メモ・電話・会議を記録" });
    fireEvent.change(within(dialog).getByRole("textbox", { name: /件名/ }), {
      target: { value: "更新の相談" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "記録する" }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({
      method: "POST",
      url: `/api/v1/accounts/${ACCOUNT}/interactions`,
    });
    expect(JSON.parse(writes()[0]!.body ?? "{}")).toMatchObject({
      kind: "call",
      subject: "更新の相談",
    });
  });

  it("completes a plan task through its plan at once", async () => {
    await renderPage("csm");
    fireEvent.click(
      await screen.findByRole("button", { name: "「第三倉庫の予約枠を設定」を完了にする" }),
    );
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual({
      method: "PATCH",
      url: `/api/v1/plans/${PLAN}/tasks/t3`,
      body: JSON.stringify({ status: "done" }),
    });
  });

  it("snoozes and reassigns an account task", async () => {
    await renderPage("csm");
    fireEvent.click(await screen.findByRole("button", { name: "「更新前の電話」をスヌーズ" }));
    let dialog = await screen.findByRole("dialog", { name: "スヌーズ" });
    fireEvent.change(within(dialog).getByLabelText(/この日まで隠す/), {
      target: { value: "2026年12月20日" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "スヌーズ" }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual({
      method: "PATCH",
      url: `/api/v1/account-tasks/${TASK}`,
      body: JSON.stringify({ snoozedUntil: "2026-12-20" }),
    });

    fireEvent.click(screen.getByRole("button", { name: "「更新前の電話」の担当を変更" }));
    dialog = await screen.findByRole("dialog", { name: "担当を変更" });
    await choose(within(dialog).getAllByLabelText("新しい担当者")[0]!, "小野 健");
    fireEvent.click(within(dialog).getByRole("button", { name: "担当を変更" }));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]).toEqual({
      method: "PATCH",
      url: `/api/v1/account-tasks/${TASK}`,
      body: JSON.stringify({ ownerUserId: "u2" }),
    });
  });

  it("adds a task on an account, asking for the account and the title first", async () => {
    await renderPage("csm");
    fireEvent.click(await screen.findByRole("button", { name: "タスクを追加" }));
    const dialog = await screen.findByRole("dialog", { name: "顧客にタスクを追加" });
    fireEvent.click(within(dialog).getByRole("button", { name: "タスクを追加" }));
    expect(await within(dialog).findByText("顧客を選んでください")).toBeTruthy();
    expect(within(dialog).getByText("タスクを入力してください")).toBeTruthy();
    expect(writes()).toEqual([]);

    await choose(within(dialog).getAllByLabelText(/顧客/)[0]!, "東和精機株式会社");
    fireEvent.change(within(dialog).getByRole("textbox", { name: /タスク/ }), {
      target: { value: "QBRの日程調整" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "タスクを追加" }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual({
      method: "POST",
      url: `/api/v1/accounts/${ACCOUNT}/tasks`,
      body: JSON.stringify({ title: "QBRの日程調整" }),
    });
  });

  it("gives a manager everyone's queue with owners and the load per member", async () => {
    await renderPage("manager", "all");
    expect(await screen.findByRole("heading", { name: "チームのワークキュー" })).toBeTruthy();
    const loadTable = await screen.findByRole("table", { name: "メンバーごとの負荷" });
    const ono = within(loadTable).getByText("小野 健").closest("tr")!;
    expect(within(ono).getAllByText("0")).toHaveLength(3);
    const yamamoto = within(loadTable).getByText("山本 彩").closest("tr")!;
    expect(yamamoto.textContent).toContain("2");
    expect(requests.some((r) => r.url === "/api/v1/work-queue?owner=all&include=open")).toBe(true);
    // The owner column in the queue.
    const row = screen.getByText("更新前の電話").closest("tr")!;
    expect(within(row).getByText("山本 彩")).toBeTruthy();
    expect(screen.getAllByLabelText("担当者")[0]).toBeTruthy();
  });

  it("lets a viewer read but change nothing", async () => {
    await renderPage("viewer");
    await screen.findByText("更新前の電話");
    expect(screen.queryByRole("button", { name: /完了にする|タスクを追加|スヌーズ/ })).toBeNull();
  });
});
