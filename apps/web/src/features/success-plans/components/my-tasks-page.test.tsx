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
import type { MyTask, TeamTask } from "../success-plans.queries";
import { MyTasksPage, type TaskView } from "./my-tasks-page";

const task = (overrides: Partial<MyTask>): MyTask => ({
  planId: "11111111-1111-4111-8111-111111111111",
  planTitle: "東和精機 物流予約オンボーディング計画",
  planActive: true,
  accountId: "22222222-2222-4222-8222-222222222222",
  accountName: "東和精機株式会社",
  key: "t3",
  title: "第三倉庫の予約枠を設定",
  dueDate: "2026-11-01",
  status: "todo",
  overdue: true,
  ownerKey: "v1",
  measureKey: null,
  milestoneKey: null,
  ...overrides,
});

const mine = [
  task({}),
  task({ key: "t5", title: "説明会の日程調整", dueDate: null, overdue: false }),
];
const team: TeamTask[] = [
  { ...task({}), owner: { userId: "u1", name: "山本 彩" } },
  { ...task({ key: "t9", title: "小野さんのタスク" }), owner: { userId: "u2", name: "小野 健" } },
];

type Answer = { status: number; body: unknown };
let patchAnswer: Answer;
/** The PATCH is answered when the test says so, to see the list before the answer. */
let releasePatch: () => void;
let patchReleased: Promise<void>;
/** What the server holds: a GET after a successful PATCH reads the new status. */
let myTasks: MyTask[];
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
      if (request.method === "PATCH") {
        await patchReleased;
        if (patchAnswer.status === 200) {
          myTasks = myTasks.map((t) =>
            t.key === "t3" ? { ...t, status: "done", overdue: false } : t,
          );
        }
        return patchAnswer.status === 200
          ? Response.json(patchAnswer.body)
          : new Response(JSON.stringify(patchAnswer.body), {
              status: patchAnswer.status,
              headers: { "content-type": "application/problem+json" },
            });
      }
      if (url.pathname === "/api/v1/me/tasks") return Response.json({ data: myTasks });
      if (url.pathname === "/api/v1/team/tasks") return Response.json({ data: team });
      if (url.pathname === "/api/v1/users") return Response.json({ data: [] });
      return Response.json({});
    }),
  );
};

const renderPage = async (role: WorkspaceRole, view: TaskView = "mine") => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: "u1", name: "山本 彩", email: "yamamoto@michi.example" },
    workspace: { id: "w1", name: "Michi", slug: "michi" },
    role,
    workspaces: [],
  } as never);
  const rootRoute = createRootRoute({
    component: () => (
      <MyTasksPage
        includeDone={false}
        onIncludeDoneChange={() => {}}
        view={view}
        onViewChange={() => {}}
        member={undefined}
        onMemberChange={() => {}}
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

const patches = () => requests.filter((r) => r.method === "PATCH");

describe("MyTasksPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    patchAnswer = {
      status: 200,
      body: { planId: mine[0]!.planId, key: "t3", status: "done", version: 3 },
    };
    myTasks = mine;
    patchReleased = new Promise((resolve) => {
      releasePatch = resolve;
    });
    stubApi();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("links each task to its account and plan, and marks the overdue ones", async () => {
    await renderPage("csm");
    const row = (await screen.findByText("第三倉庫の予約枠を設定")).closest("tr")!;
    expect(row.getAttribute("data-overdue")).toBe("true");
    expect(within(row).getByText("期限切れ")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "東和精機株式会社" }).getAttribute("href")).toBe(
      `/accounts/${mine[0]!.accountId}`,
    );
    expect(within(row).getByRole("link", { name: mine[0]!.planTitle }).getAttribute("href")).toBe(
      `/accounts/${mine[0]!.accountId}/plans/${mine[0]!.planId}?tab=milestones`,
    );
    const other = screen.getByText("説明会の日程調整").closest("tr")!;
    expect(other.getAttribute("data-overdue")).toBeNull();
    // A csm has no team view.
    expect(screen.queryByRole("radiogroup", { name: "表示するタスク" })).toBeNull();
  });

  it("completes a task inline at once and sends its status", async () => {
    await renderPage("csm");
    const box = await screen.findByRole("checkbox", {
      name: "「第三倉庫の予約枠を設定」を完了にする",
    });
    fireEvent.click(box);
    // Shown done before the server answers.
    const done = await screen.findByRole("checkbox", {
      name: "「第三倉庫の予約枠を設定」を未完了に戻す",
    });
    expect((done as HTMLInputElement).checked).toBe(true);
    expect(done.closest("tr")!.getAttribute("data-overdue")).toBeNull();
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toMatchObject({
      url: `/api/v1/plans/${mine[0]!.planId}/tasks/t3`,
      body: JSON.stringify({ status: "done" }),
    });
    await act(async () => releasePatch());
    // Read again after the answer: still done.
    await waitFor(() => expect(requests.filter((r) => r.method === "GET").length).toBe(2));
    expect(
      (
        screen.getByRole("checkbox", {
          name: "「第三倉庫の予約枠を設定」を未完了に戻す",
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
  });

  it("puts the task back when the server refuses", async () => {
    patchAnswer = { status: 409, body: { type: "about:blank", title: "Conflict", status: 409 } };
    await renderPage("csm");
    const box = await screen.findByRole("checkbox", {
      name: "「第三倉庫の予約枠を設定」を完了にする",
    });
    fireEvent.click(box);
    await waitFor(() => expect(patches()).toHaveLength(1));
    await act(async () => releasePatch());
    const back = await screen.findByRole("checkbox", {
      name: "「第三倉庫の予約枠を設定」を完了にする",
    });
    await waitFor(() => expect((back as HTMLInputElement).checked).toBe(false));
  });

  it("lets a viewer read but not complete", async () => {
    await renderPage("viewer");
    await screen.findByText("第三倉庫の予約枠を設定");
    expect(screen.queryByRole("checkbox")).toBeNull();
  });

  it("gives a manager the team's tasks with their owners", async () => {
    await renderPage("manager", "team");
    expect(await screen.findByText("小野さんのタスク")).toBeTruthy();
    expect(screen.getByText("小野 健")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "チームのタスク" })).toBeTruthy();
    expect(requests.some((r) => r.url.startsWith("/api/v1/team/tasks"))).toBe(true);
  });
});
