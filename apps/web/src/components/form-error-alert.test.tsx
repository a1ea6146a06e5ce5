import { screen } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import { parseApiError } from "../lib/api-client";
import { problemsToFormErrors } from "../lib/form-errors";
import ja from "../locales/ja.json";
import { renderWithProviders } from "../test/render";
import { ApiErrorAlert } from "./api-error-alert";
import { FormErrorAlert } from "./form-error-alert";

/** A 422 as the API answers it: English words, and codes with params. */
const validation422 = () =>
  parseApiError(
    new Response(
      JSON.stringify({
        type: "https://michi.dev/problems/validation-failed",
        title: "Validation failed",
        status: 422,
        code: "validation-failed",
        detail: "The request body is not valid.",
        errors: [
          {
            pointer: "/name",
            message: "Too big: expected string to have <=200 characters",
            code: "too_big",
            params: { maximum: 200, origin: "string" },
          },
          {
            pointer: "/touchModel",
            message: 'Invalid option: expected one of "high"|"low"|"tech"|"community"',
            code: "invalid_enum",
            params: { options: ["high", "low", "tech", "community"] },
          },
        ],
      }),
      { status: 422, headers: { "content-type": "application/problem+json" } },
    ),
  );

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("a 422 in the Japanese UI", () => {
  it("puts Japanese text on the form's inputs and in the alert, not the API's English", async () => {
    await i18n.changeLanguage("ja");
    const error = await validation422();
    const { fieldErrors, otherProblems } = problemsToFormErrors(error.errors, ["name"]);
    expect(fieldErrors).toEqual({ name: "200 文字以内で入力してください" });

    renderWithProviders(<FormErrorAlert error={error} otherProblems={otherProblems} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain(ja.errors.validation);
    expect(alert.textContent).toContain(
      "/touchModel: 次のいずれかを指定してください: high、low、tech、community",
    );
    expect(alert.textContent).not.toContain("Invalid option");
  });

  it("words each field problem in ApiErrorAlert too", async () => {
    await i18n.changeLanguage("ja");
    renderWithProviders(<ApiErrorAlert error={await validation422()} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("/name: 200 文字以内で入力してください");
    expect(alert.textContent).not.toContain("Too big");
  });
});
