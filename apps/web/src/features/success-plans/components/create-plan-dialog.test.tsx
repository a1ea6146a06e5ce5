import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ja from "../../../locales/ja.json" with { type: "json" };
import { theme } from "../../../theme";
import { meQueryOptions } from "../../auth/auth.queries";
import { CreatePlanDialog, defaultPlanPeriod } from "./create-plan-dialog";

const ACCOUNT = "22222222-2222-4222-8222-222222222222";
const YAMADA = "33333333-3333-4333-8333-333333333333";
const TAKAHASHI = "44444444-4444-4444-8444-444444444444";
const KOBAYASHI = "55555555-5555-4555-8555-555555555555";
const TEMPLATE = "00000000-0000-4000-8000-000000000001";

let posts: unknown[];
let answer: { status: number; body: unknown };

const contact = (id: string, name: string, title: string | null) => ({
  id,
  accountId: ACCOUNT,
  externalId: null,
  name,
  email: null,
  title,
  department: null,
  notes: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

const stubApi = () => {
  posts = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(
        new URL(String(input instanceof Request ? input.url : input), "http://localhost"),
        init,
      );
      const path = new URL(request.url).pathname;
      if (request.method === "POST") {
        posts.push(JSON.parse(await request.text()));
        return new Response(JSON.stringify(answer.body), {
          status: answer.status,
          headers: {
            "content-type": answer.status < 300 ? "application/json" : "application/problem+json",
          },
        });
      }
      if (path === "/api/v1/plan-templates") {
        return Response.json({
          data: [
            {
              id: TEMPLATE,
              name: "成果支援計画（エンタープライズ・6か月）",
              description: null,
              builtIn: true,
              localized: null,
              createdAt: null,
            },
          ],
        });
      }
      if (path === `/api/v1/accounts/${ACCOUNT}/contacts`) {
        return Response.json({
          data: [
            contact(YAMADA, "山田 太郎", "DX推進課長"),
            contact(TAKAHASHI, "高橋 一郎", "部長"),
            contact(KOBAYASHI, "小林 結衣", null),
          ],
        });
      }
      if (path === `/api/v1/accounts/${ACCOUNT}`) {
        return Response.json({ id: ACCOUNT, name: "北浜精工株式会社", ownerUserId: "u2" });
      }
      if (path === "/api/v1/users") {
        return Response.json({
          data: [{ userId: "u2", name: "佐藤 美咲", email: "sato@michi.example", role: "csm" }],
        });
      }
      return Response.json({});
    }),
  );
};

const renderDialog = async (onCreated = vi.fn()) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: "u1", name: "山本 彩", email: "yamamoto@michi.example" },
    workspace: { id: "w1", name: "Michi", slug: "michi" },
    role: "csm",
    workspaces: [],
  } as never);
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <CreatePlanDialog opened accountId={ACCOUNT} onClose={() => {}} onCreated={onCreated} />
        </QueryClientProvider>
      </MantineProvider>,
    );
  });
  return onCreated;
};

const roleSelect = (name: string) =>
  // The Select's visible input comes first; a hidden one carries the value for forms.
  screen.getAllByLabelText(ja.plans.create.contactRole.replace("{{name}}", name))[0]!;

const choose = async (name: string, option: string) => {
  const input = roleSelect(name);
  fireEvent.click(input);
  // This Select's own dropdown, in a portal the modal hides from the accessibility tree.
  const listbox = await waitFor(() => {
    const id = input.getAttribute("aria-controls");
    const element = id ? document.getElementById(id) : null;
    if (!element) throw new Error("the dropdown is not open");
    return element;
  });
  fireEvent.click(within(listbox).getByRole("option", { name: option, hidden: true }));
};

describe("CreatePlanDialog", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    answer = { status: 201, body: { id: "66666666-6666-4666-8666-666666666666" } };
    stubApi();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers six months from today, and sends the period and the contacts in their roles", async () => {
    const onCreated = await renderDialog();
    const period = defaultPlanPeriod(new Date());
    const start = screen.getByLabelText(ja.plans.periodStart, { exact: false }) as HTMLInputElement;
    expect(start.value).toBe(period.start.replaceAll("-", "/"));
    expect(await screen.findByText("自社側（CSM）: 佐藤 美咲")).toBeTruthy();
    await waitFor(() => expect(roleSelect("山田 太郎")).toBeTruthy());
    expect((roleSelect("高橋 一郎") as HTMLInputElement).value).toBe(ja.plans.role.user);

    await choose("山田 太郎", ja.plans.role.promoter);
    await choose("高橋 一郎", ja.plans.role.evaluator);
    await choose("小林 結衣", ja.plans.create.notInTeam);
    fireEvent.click(screen.getByText(/^成果支援計画（エンタープライズ・6か月）/));
    fireEvent.click(screen.getByRole("button", { name: ja.common.create }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posts).toEqual([
      {
        templateId: TEMPLATE,
        period,
        contacts: [
          { contactId: YAMADA, role: "promoter" },
          { contactId: TAKAHASHI, role: "evaluator" },
        ],
      },
    ]);
  });

  it("refuses an end that is not after the start before asking the server", async () => {
    await renderDialog();
    const end = screen.getByLabelText(ja.plans.periodEnd, { exact: false }) as HTMLInputElement;
    fireEvent.change(end, { target: { value: "2020/01/01" } });
    fireEvent.click(screen.getByRole("button", { name: ja.common.create }));
    expect(await screen.findByText(ja.plans.create.periodEndAfterStart)).toBeTruthy();
    expect(posts).toEqual([]);
  });

  it("shows the server's period problem in Japanese under the end date", async () => {
    answer = {
      status: 422,
      body: {
        type: "about:blank",
        title: "Validation failed",
        status: 422,
        detail: "The request is not valid.",
        code: "validation-failed",
        errors: [
          { pointer: "/period/end", message: "must be after start", code: "end-not-after-start" },
        ],
      },
    };
    await renderDialog();
    fireEvent.click(screen.getByRole("button", { name: ja.common.create }));
    expect(await screen.findByText(ja.problems["end-not-after-start"])).toBeTruthy();
  });
});

describe("defaultPlanPeriod", () => {
  it("runs six calendar months from today in Japan", () => {
    expect(defaultPlanPeriod(new Date("2026-12-07T03:00:00Z"))).toEqual({
      start: "2026-12-07",
      end: "2027-06-07",
    });
    // 20:00 UTC on 31 Aug is already 1 Sep in Tokyo.
    expect(defaultPlanPeriod(new Date("2026-08-31T20:00:00Z"))).toEqual({
      start: "2026-09-01",
      end: "2027-03-01",
    });
  });
});
