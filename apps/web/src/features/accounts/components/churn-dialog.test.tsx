import { defaultChurnReasons } from "@michi/core";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csSettingsKeys } from "../../cs-settings/cs-settings.queries";
import { renderWithQueries, stubFetch } from "../../cs-settings/test-utils";
import { ChurnDialog } from "./churn-dialog";

const ACCOUNT_ID = "00000000-0000-4000-8000-000000000001";
const MARK = `PUT /api/v1/accounts/${ACCOUNT_ID}/churn`;

const reasons = {
  reasons: [
    { key: "price", label: { ja: "価格・費用対効果", en: "Price / value for money" } },
    { key: "champion-left", label: { ja: "推進者の異動・退職", en: "Champion left" } },
  ],
  custom: true,
  defaultReasons: defaultChurnReasons,
};

const renderDialog = (onClose = vi.fn()) => {
  renderWithQueries(<ChurnDialog accountId={ACCOUNT_ID} opened onClose={onClose} />, {
    data: [[csSettingsKeys.churnReasons(), reasons]],
  });
  return onClose;
};

const dialog = () => screen.getByRole("dialog", { name: "解約として記録" });

const chooseReason = async (label: string) => {
  const input = within(dialog()).getByRole("combobox", { name: "解約理由" });
  fireEvent.focus(input);
  fireEvent.click(input);
  const options = await screen.findAllByRole("option");
  fireEvent.click(options.find((option) => option.textContent === label) as HTMLElement);
};

describe("ChurnDialog", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers the workspace's reasons in the UI language and sends the day, reason and note", async () => {
    const calls = stubFetch({
      "GET /api/v1/settings/churn-reasons": () => reasons,
      [MARK]: (body) => ({
        churn: { ...(body as object), source: "manual" },
        currency: "JPY",
        mrrChanges: [],
      }),
    });
    const onClose = renderDialog();
    await chooseReason("推進者の異動・退職");
    fireEvent.change(within(dialog()).getByLabelText("解約日"), {
      target: { value: "2026-10-31" },
    });
    fireEvent.change(within(dialog()).getByLabelText("メモ"), {
      target: { value: " 情シス部長が異動し、後任が決まらなかった " },
    });
    fireEvent.click(within(dialog()).getByRole("button", { name: "記録する" }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const sent = calls.find((call) => call.method === "PUT");
    expect(sent?.url).toContain(`/api/v1/accounts/${ACCOUNT_ID}/churn`);
    expect(sent?.body).toEqual({
      churnedOn: "2026-10-31",
      reason: "champion-left",
      note: "情シス部長が異動し、後任が決まらなかった",
    });
  });

  it("asks for a reason and a day not in the future before sending anything", async () => {
    const calls = stubFetch({ "GET /api/v1/settings/churn-reasons": () => reasons });
    renderDialog();
    fireEvent.change(within(dialog()).getByLabelText("解約日"), {
      target: { value: "2999-01-01" },
    });
    fireEvent.click(within(dialog()).getByRole("button", { name: "記録する" }));
    expect(await within(dialog()).findByText("解約理由を選んでください")).toBeTruthy();
    expect(within(dialog()).getByText("今日以前の日付にしてください")).toBeTruthy();
    expect(calls.filter((call) => call.method === "PUT")).toEqual([]);
  });

  it("shows the server's 422 problems next to the fields they point at", async () => {
    stubFetch({
      "GET /api/v1/settings/churn-reasons": () => reasons,
      [MARK]: () =>
        new Response(
          JSON.stringify({
            type: "https://michi.dev/problems/validation-failed",
            title: "Validation failed",
            status: 422,
            detail: "The churn mark is not valid.",
            errors: [
              { pointer: "/churnedOn", message: "must not be after today" },
              { pointer: "/reason", message: "must be one of the workspace's churn reasons" },
            ],
          }),
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    const onClose = renderDialog();
    await chooseReason("価格・費用対効果");
    fireEvent.click(within(dialog()).getByRole("button", { name: "記録する" }));

    expect(await within(dialog()).findByText("must not be after today")).toBeTruthy();
    expect(within(dialog()).getByText("must be one of the workspace's churn reasons")).toBeTruthy();
    expect(within(dialog()).getByRole("alert").textContent).toContain("入力内容");
    expect(onClose).not.toHaveBeenCalled();
  });
});
