import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQueries, stubFetch } from "../../cs-settings/test-utils";
import type { Webhook, WebhookList } from "../webhooks.queries";
import { WebhooksPanel } from "./webhooks-panel";

const eventTypes: WebhookList["eventTypes"] = [
  "account.health_band_changed",
  "account.phase_changed",
  "task.created",
];

const webhook = (overrides: Partial<Webhook> = {}): Webhook => ({
  id: "11111111-1111-4111-8111-111111111111",
  url: "https://crm.example.com/hooks",
  description: "CRM 連携",
  eventTypes: ["task.created"],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failuresInARow: 0,
  lastFailure: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
  ...overrides,
});

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("WebhooksPanel", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("creates a subscription with the ticked events and shows its secret once", async () => {
    let list: Webhook[] = [];
    const calls = stubFetch({
      "GET /api/v1/webhooks": () => ({ data: list, eventTypes }),
      "POST /api/v1/webhooks": (body) => {
        const created = webhook(body as Partial<Webhook>);
        list = [created];
        return new Response(JSON.stringify({ ...created, secret }), {
          status: 201,
          headers: { "content-type": "application/json" },
        });
      },
    });
    renderWithQueries(<WebhooksPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Webhook を追加" }));
    fireEvent.change(await screen.findByRole("textbox", { name: "送信先 URL" }), {
      target: { value: " https://crm.example.com/hooks " },
    });
    // Ticked out of order: sent in the list's order.
    fireEvent.click(screen.getByRole("checkbox", { name: /タスクが作成された/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /ヘルスの区分が変わった/ }));
    fireEvent.change(screen.getByRole("textbox", { name: "説明" }), {
      target: { value: "CRM 連携" },
    });
    fireEvent.click(screen.getByRole("button", { name: "作成" }));

    await waitFor(() => expect(calls.some((call) => call.method === "POST")).toBe(true));
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({
      url: "https://crm.example.com/hooks",
      eventTypes: ["account.health_band_changed", "task.created"],
      description: "CRM 連携",
    });
    const dialog = await screen.findByRole("dialog", { name: "署名シークレット" });
    expect(within(dialog).getByRole("textbox", { name: "シークレット" })).toHaveProperty(
      "value",
      secret,
    );
    expect(within(dialog).getByText(/表示されるのは今回だけです/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "閉じる" }));
    await waitFor(() => expect(screen.queryByDisplayValue(secret)).toBeNull());
    expect(await screen.findByText("https://crm.example.com/hooks")).toBeTruthy();
  }, 60_000);

  it("refuses an empty form before sending", async () => {
    const calls = stubFetch({ "GET /api/v1/webhooks": () => ({ data: [], eventTypes }) });
    renderWithQueries(<WebhooksPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Webhook を追加" }));
    fireEvent.click(await screen.findByRole("button", { name: "作成" }));
    expect(await screen.findByText("送信先 URL を入力してください")).toBeTruthy();
    expect(screen.getByText("イベントを 1 つ以上選んでください")).toBeTruthy();
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("shows the server's refusal of the URL next to it", async () => {
    stubFetch({
      "GET /api/v1/webhooks": () => ({ data: [], eventTypes }),
      "POST /api/v1/webhooks": () =>
        new Response(
          JSON.stringify({
            type: "about:blank",
            title: "Validation failed",
            status: 422,
            code: "validation-failed",
            errors: [
              {
                pointer: "/url",
                message: "points at 10.0.0.5",
                code: "webhook-url-refused",
                params: { reason: "privateAddress" },
              },
            ],
          }),
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderWithQueries(<WebhooksPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Webhook を追加" }));
    fireEvent.change(await screen.findByRole("textbox", { name: "送信先 URL" }), {
      target: { value: "http://10.0.0.5/hook" },
    });
    fireEvent.click(screen.getByRole("checkbox", { name: /タスクが作成された/ }));
    fireEvent.click(screen.getByRole("button", { name: "作成" }));
    expect(await screen.findByText(/この URL には送れません/)).toBeTruthy();
  }, 60_000);

  it("tells why a subscription was turned off, and turns it on again", async () => {
    const off = webhook({
      enabled: false,
      disabledReason: "failing",
      disabledAt: "2026-12-06T03:00:00.000Z",
      failuresInARow: 12,
      lastFailure: { at: "2026-12-06T03:00:00.000Z", statusCode: 503, error: "http: busy" },
    });
    const calls = stubFetch({
      "GET /api/v1/webhooks": () => ({ data: [off], eventTypes }),
      [`PATCH /api/v1/webhooks/${off.id}`]: () => ({ ...off, enabled: true, disabledReason: null }),
    });
    renderWithQueries(<WebhooksPanel />);
    expect(await screen.findByText("Webhook が停止されました")).toBeTruthy();
    expect(screen.getByText(/1 日以上失敗し続けたため/)).toBeTruthy();
    expect(screen.getByText("失敗が続いたため自動停止")).toBeTruthy();
    expect(screen.getByText(/503 http: busy/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "crm.example.com への送信を再開" }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === "PATCH")?.body).toEqual({ enabled: true }),
    );
  });

  it("deletes after confirming, and rotates the secret showing the new one", async () => {
    const existing = webhook();
    const calls = stubFetch({
      "GET /api/v1/webhooks": () => ({ data: [existing], eventTypes }),
      [`DELETE /api/v1/webhooks/${existing.id}`]: () => new Response(null, { status: 204 }),
      [`POST /api/v1/webhooks/${existing.id}/rotate-secret`]: () => ({ secret }),
    });
    renderWithQueries(<WebhooksPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "crm.example.com を削除" }));
    const confirm = await screen.findByRole("dialog", { name: "Webhook の削除" });
    expect(calls.some((call) => call.method === "DELETE")).toBe(false);
    fireEvent.click(within(confirm).getByRole("button", { name: "削除" }));
    await waitFor(() => expect(calls.some((call) => call.method === "DELETE")).toBe(true));

    fireEvent.click(
      await screen.findByRole("button", { name: "crm.example.com のシークレットを再発行" }),
    );
    const rotate = await screen.findByRole("dialog", { name: "署名シークレットの再発行" });
    fireEvent.click(within(rotate).getByRole("button", { name: "シークレットを再発行" }));
    const shown = await screen.findByRole("dialog", { name: "署名シークレット" });
    expect(within(shown).getByRole("textbox", { name: "シークレット" })).toHaveProperty(
      "value",
      secret,
    );
  }, 60_000);

  it("shows the delivery log and resends a delivery", async () => {
    const existing = webhook();
    const delivery = {
      id: "22222222-2222-4222-8222-222222222222",
      eventType: "task.created" as const,
      status: "failed" as const,
      attempts: 8,
      nextAttemptAt: null,
      lastStatusCode: 500,
      lastError: "http: the receiver answered 500",
      createdAt: "2026-12-05T01:00:00.000Z",
      deliveredAt: null,
    };
    const calls = stubFetch({
      "GET /api/v1/webhooks": () => ({ data: [existing], eventTypes }),
      [`GET /api/v1/webhooks/${existing.id}/deliveries`]: () => ({
        data: [delivery],
        nextCursor: null,
      }),
      [`POST /api/v1/webhooks/${existing.id}/deliveries/${delivery.id}/resend`]: () =>
        new Response(JSON.stringify({ ...delivery, status: "pending", attempts: 0 }), {
          status: 202,
          headers: { "content-type": "application/json" },
        }),
    });
    renderWithQueries(<WebhooksPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "crm.example.com の送信履歴" }));
    const log = await screen.findByRole("table", { name: "送信履歴" });
    expect(within(log).getByText("タスクが作成された")).toBeTruthy();
    expect(within(log).getByText("失敗")).toBeTruthy();
    expect(within(log).getByText("500")).toBeTruthy();
    expect(within(log).getByText("http: the receiver answered 500")).toBeTruthy();
    fireEvent.click(within(log).getByRole("button", { name: /タスクが作成された」を再送/ }));
    await waitFor(() =>
      expect(calls.some((call) => call.method === "POST" && call.url.endsWith("/resend"))).toBe(
        true,
      ),
    );
  });
});
