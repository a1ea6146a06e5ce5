import { MantineProvider } from "@mantine/core";
import type { WorkspaceRole } from "@michi/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { theme } from "../../theme";

type RenderOptions = { role?: WorkspaceRole; data?: [readonly unknown[], unknown][] };

const seededQueryClient = ({ role = "admin", data = [] }: RenderOptions) => {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const workspace = { id: "w1", name: "デモ株式会社", slug: "demo" };
  queryClient.setQueryData(["me"], {
    user: { id: "u1", name: "管理者", email: "admin@example.com" },
    workspace,
    role,
    workspaces: [{ ...workspace, role }],
  });
  for (const [key, value] of data) queryClient.setQueryData(key, value);
  return queryClient;
};

/** A query client that already knows who is logged in (useMe reads it) and never retries. */
export const renderWithQueries = (ui: ReactElement, options: RenderOptions = {}) => {
  const queryClient = seededQueryClient(options);
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme}>{ui}</MantineProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
};

/** The same, inside a router (for links), rendered once the router has settled. */
export const renderInRouter = async (ui: () => ReactElement, options: RenderOptions = {}) => {
  const queryClient = seededQueryClient(options);
  const router = createRouter({
    routeTree: createRootRoute({ component: ui }),
    history: createMemoryHistory({ initialEntries: ["/"] }),
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
  return { queryClient, router };
};

type Call = { method: string; url: string; body: unknown };

/** fetch replaced by answers per "METHOD path"; every call is recorded. */
export const stubFetch = (answers: Record<string, (body: unknown) => unknown>) => {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const text = init?.body ? String(init.body) : request ? await request.text() : "";
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    calls.push({ method, url, body });
    const path = new URL(url, "http://localhost").pathname;
    const answer = answers[`${method} ${path}`];
    if (!answer) {
      return new Response(JSON.stringify({ title: "Not found", status: 404 }), {
        status: 404,
        headers: { "content-type": "application/problem+json" },
      });
    }
    const answered = answer(body);
    if (answered instanceof Response) return answered;
    return new Response(JSON.stringify(answered), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
};
