import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQueries, stubFetch } from "../../cs-settings/test-utils";
import { MailSettingsPanel } from "./mail-settings-panel";

describe("MailSettingsPanel", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the From address and sends a test to the caller, in the UI's language", async () => {
    const calls = stubFetch({
      "GET /api/v1/settings/mail": () => ({ configured: true, from: "Michi <michi@example.com>" }),
      "POST /api/v1/settings/mail/test": () => ({
        status: "sent",
        to: "admin@example.com",
        messageId: "<1@example.com>",
      }),
    });
    renderWithQueries(<MailSettingsPanel />);
    expect(await screen.findByText("設定済み")).toBeTruthy();
    expect(screen.getByText("Michi <michi@example.com>")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "テスト送信" }));
    expect(await screen.findByText("admin@example.com にテストメールを送りました")).toBeTruthy();
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({ language: "ja" });
  });

  it("sends to the address typed, and shows the SMTP server's refusal", async () => {
    const calls = stubFetch({
      "GET /api/v1/settings/mail": () => ({ configured: true, from: "michi@example.com" }),
      "POST /api/v1/settings/mail/test": () => ({
        status: "failed",
        to: "nobody@example.com",
        error: "Mailbox unavailable",
        responseCode: 550,
      }),
    });
    renderWithQueries(<MailSettingsPanel />);
    fireEvent.change(await screen.findByRole("textbox", { name: /テストメールの宛先/ }), {
      target: { value: "nobody@example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: "テスト送信" }));
    expect(await screen.findByText("テストメールを送れませんでした")).toBeTruthy();
    expect(screen.getByText(/550 Mailbox unavailable/)).toBeTruthy();
    await waitFor(() =>
      expect(calls.find((call) => call.method === "POST")?.body).toEqual({
        to: "nobody@example.com",
        language: "ja",
      }),
    );
  });

  it("says when mail is not configured, with no test button", async () => {
    stubFetch({ "GET /api/v1/settings/mail": () => ({ configured: false, from: null }) });
    renderWithQueries(<MailSettingsPanel />);
    expect(await screen.findByText("未設定")).toBeTruthy();
    expect(screen.getByText(/MICHI_SMTP_URL と MICHI_MAIL_FROM を設定/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "テスト送信" })).toBeNull();
  });
});
