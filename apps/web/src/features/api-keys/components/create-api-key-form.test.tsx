import type { WorkspaceRole } from "@michi/core";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { createApiKey } from "../api-keys.queries";
import { CreateApiKeyForm } from "./create-api-key-form";

const renderForm = (roles: readonly WorkspaceRole[]) => {
  const onSubmit = vi.fn();
  renderWithProviders(
    <CreateApiKeyForm
      roles={roles}
      pending={false}
      error={null}
      onSubmit={onSubmit}
      onCancel={() => {}}
    />,
  );
  return onSubmit;
};

const roleInput = () => screen.getByRole("combobox", { name: "権限" });
/** Opens the role select: its options, by label. */
const openRoles = async () => {
  fireEvent.click(roleInput());
  return await screen.findAllByRole("option");
};
const offeredRoles = async () => (await openRoles()).map((option) => option.textContent);

describe("CreateApiKeyForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("makes a CSM key unless another role is chosen", async () => {
    const onSubmit = renderForm(["admin", "manager", "csm", "viewer"]);
    expect(roleInput()).toHaveProperty("value", "CSM");
    fireEvent.change(screen.getByRole("textbox", { name: "名前" }), {
      target: { value: "  CRM連携 " },
    });
    fireEvent.click(screen.getByRole("button", { name: "作成" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: "CRM連携", role: "csm" }));
  });

  it("offers the roles it is given, labelled as elsewhere, and sends the one chosen", async () => {
    const onSubmit = renderForm(["admin", "manager", "csm", "viewer"]);
    const options = await openRoles();
    expect(options.map((option) => option.textContent)).toEqual([
      "管理者",
      "マネージャー",
      "CSM",
      "閲覧者",
    ]);
    fireEvent.click(options[0] as HTMLElement);
    expect(roleInput()).toHaveProperty("value", "管理者");
    fireEvent.change(screen.getByRole("textbox", { name: "名前" }), {
      target: { value: "バックフィル" },
    });
    fireEvent.click(screen.getByRole("button", { name: "作成" }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ name: "バックフィル", role: "admin" }),
    );
  });

  it("offers a manager no admin role", async () => {
    renderForm(["manager", "csm", "viewer"]);
    expect(await offeredRoles()).toEqual(["マネージャー", "CSM", "閲覧者"]);
  });
});

describe("createApiKey", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("POSTs the name and the role", async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ key: "michi_x", apiKey: {} }), {
          status: 201,
          headers: { "content-type": "application/json" },
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    await createApiKey({ name: "Backfill", role: "admin" });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(String(url)).toMatch(/\/api\/v1\/api-keys$/);
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ name: "Backfill", role: "admin" });
  });
});
