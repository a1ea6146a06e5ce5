import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { type RatingMeasure, rateAccount } from "../health.queries";
import { RatingForm } from "./rating-form";

const measure: RatingMeasure = {
  key: "internal-promotion",
  name: "社内推進度",
  description: "お客様の社内で製品の利用がどこまで推進されているか(CSM評価)",
  scale: [
    "推進者がいない",
    "推進者はいるが動けていない",
    "一部の部門で推進されている",
    "全社的に推進されている",
    "経営層が自ら推進している",
  ],
  latest: null,
};

const renderForm = () => {
  const onSubmit = vi.fn();
  renderWithProviders(
    <RatingForm
      measure={measure}
      pending={false}
      error={null}
      onSubmit={onSubmit}
      onCancel={() => {}}
    />,
  );
  return onSubmit;
};

describe("RatingForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("refuses to save without a rating from 1 to 5", async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByRole("button", { name: "評価を保存" }));
    expect(await screen.findByText("1〜5 のいずれかを選んでください")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("labels each step with the scale's words and sends measure, rating and comment", async () => {
    const onSubmit = renderForm();
    expect(screen.getAllByRole("radio").map((radio) => radio.getAttribute("value"))).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    fireEvent.click(screen.getByRole("radio", { name: "4 — 全社的に推進されている" }));
    fireEvent.change(screen.getByRole("textbox", { name: /コメント/ }), {
      target: { value: "  情シス部長が全社展開を主導  " },
    });
    fireEvent.click(screen.getByRole("button", { name: "評価を保存" }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        measure: "internal-promotion",
        rating: 4,
        comment: "情シス部長が全社展開を主導",
      }),
    );
  });
});

describe("rateAccount", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("POSTs the rating to the account's ratings", async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ accountId: "a1" }), {
          status: 201,
          headers: { "content-type": "application/json" },
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    await rateAccount("a1", { measure: "owner-relationship", rating: 2, comment: "接点が少ない" });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(String(url)).toMatch(/\/api\/v1\/accounts\/a1\/health\/ratings$/);
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({
      measure: "owner-relationship",
      rating: 2,
      comment: "接点が少ない",
    });
  });
});
