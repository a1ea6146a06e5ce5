import { MantineProvider } from "@mantine/core";
import { PLAN_FORMAT, type PlanDocument } from "@michi/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ja from "../../../locales/ja.json" with { type: "json" };
import { theme } from "../../../theme";
import { TaskForm } from "./task-form";

const plan: PlanDocument = {
  format: PLAN_FORMAT,
  title: "北浜精工 成果支援計画",
  team: [
    { key: "c3", name: "山田 太郎", side: "customer", role: "promoter" },
    { key: "v1", name: "佐藤 美咲", email: "Sato@michi.example", side: "vendor", role: "csm" },
  ],
  pufu: { goal: "", winCondition: { text: "" } },
};

const renderForm = async (onSubmit = vi.fn()) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <TaskForm document={plan} onSubmit={onSubmit} onCancel={() => {}} />
        </QueryClientProvider>
      </MantineProvider>,
    );
  });
  return onSubmit;
};

const ownerInput = () =>
  screen
    .getAllByLabelText(ja.plans.tasks.owner)
    .find((element) => element instanceof HTMLInputElement && element.type !== "hidden")!;

const openOwners = async () => {
  fireEvent.click(ownerInput());
  return waitFor(() => {
    const id = ownerInput().getAttribute("aria-controls");
    const listbox = id ? document.getElementById(id) : null;
    if (!listbox) throw new Error("the owner list is not open");
    return listbox;
  });
};

describe("TaskForm's owner", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json({
          data: [
            { userId: "u2", name: "佐藤 美咲", email: "sato@michi.example", role: "csm" },
            { userId: "u3", name: "小野 健", email: "ono@michi.example", role: "manager" },
          ],
        }),
      ),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the team by side, then workspace users not in it", async () => {
    await renderForm();
    const listbox = await openOwners();
    await waitFor(() => within(listbox).getByText("小野 健"));
    const options = within(listbox)
      .getAllByRole("option", { hidden: true })
      .map((o) => o.textContent);
    // 佐藤 is in the team already (same email in another case): listed once, with her role.
    expect(options).toEqual(["山田 太郎（推進者）", "佐藤 美咲（CSM）", "小野 健"]);
    expect(within(listbox).getByText(ja.plans.tasks.workspaceUsers)).toBeTruthy();
  });

  it("keeps a team member's key, and hands a workspace user over to join the team", async () => {
    const onSubmit = await renderForm();
    fireEvent.change(screen.getByLabelText(ja.plans.tasks.title, { exact: false }), {
      target: { value: "キックオフ資料を送る" },
    });
    let listbox = await openOwners();
    fireEvent.click(
      within(listbox).getByRole("option", { name: "山田 太郎（推進者）", hidden: true }),
    );
    fireEvent.click(screen.getByRole("button", { name: ja.plans.tasks.add }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]).toEqual([
      expect.objectContaining({ title: "キックオフ資料を送る", ownerKey: "c3" }),
      undefined,
    ]);

    listbox = await openOwners();
    await waitFor(() => within(listbox).getByText("小野 健"));
    fireEvent.click(within(listbox).getByRole("option", { name: "小野 健", hidden: true }));
    fireEvent.click(screen.getByRole("button", { name: ja.plans.tasks.add }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1]).toEqual([
      expect.objectContaining({ title: "キックオフ資料を送る", ownerKey: undefined }),
      { name: "小野 健", email: "ono@michi.example", side: "vendor", role: "other" },
    ]);
  });
});
