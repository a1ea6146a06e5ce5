import type { WorkspaceRole } from "@michi/core";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { renderWithProviders } from "../../../test/render";
import { unusableReasonOf } from "./invitation-page";
import { InviteForm } from "./invite-form";

const renderForm = (roles: readonly WorkspaceRole[]) => {
  const onSubmit = vi.fn();
  renderWithProviders(
    <InviteForm
      roles={roles}
      pending={false}
      error={null}
      onSubmit={onSubmit}
      onCancel={() => {}}
    />,
  );
  return onSubmit;
};

describe("InviteForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("sends the trimmed address and the role, CSM unless another is chosen", async () => {
    const onSubmit = renderForm(["admin", "manager", "csm", "viewer"]);
    expect(screen.getByRole("combobox", { name: "権限" })).toHaveProperty("value", "CSM");
    fireEvent.change(screen.getByRole("textbox", { name: /メールアドレス/ }), {
      target: { value: "  hanako@example.com " },
    });
    fireEvent.click(screen.getByRole("button", { name: "招待する" }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ email: "hanako@example.com", role: "csm" }),
    );
  });

  it("offers a manager no admin role", async () => {
    renderForm(["manager", "csm", "viewer"]);
    fireEvent.click(screen.getByRole("combobox", { name: "権限" }));
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["マネージャー", "CSM", "閲覧者"]);
  });

  it("refuses a malformed address before sending", async () => {
    const onSubmit = renderForm(["admin", "manager", "csm", "viewer"]);
    fireEvent.change(screen.getByRole("textbox", { name: /メールアドレス/ }), {
      target: { value: "not-an-address" },
    });
    fireEvent.click(screen.getByRole("button", { name: "招待する" }));
    expect(await screen.findByText("正しいメールアドレスを入力してください")).toBeDefined();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe("unusableReasonOf", () => {
  const problem = (status: number, message?: string) =>
    new ApiError({
      status,
      title: "x",
      errors: message ? [{ pointer: "/token", message }] : [],
    });

  it("reads why a link cannot be used from the API's answer", () => {
    expect(unusableReasonOf(problem(409, "expired"))).toBe("expired");
    expect(unusableReasonOf(problem(409, "revoked"))).toBe("revoked");
    expect(unusableReasonOf(problem(409, "accepted"))).toBe("accepted");
    expect(unusableReasonOf(problem(404))).toBe("unknown");
    expect(unusableReasonOf(problem(500))).toBeNull();
    expect(unusableReasonOf(new TypeError("offline"))).toBeNull();
  });
});
