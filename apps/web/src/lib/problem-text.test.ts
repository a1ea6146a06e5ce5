import { appErrorCodes, problemCodes } from "@michi/core";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import en from "../locales/en.json";
import ja from "../locales/ja.json";
import { ApiError } from "./api-client";
import { errorMessageKey } from "./error-message";
import { problemDetailText, problemText } from "./problem-text";

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("problem texts in the locales", () => {
  it("has a ja and an en text for every declared code", () => {
    const missing = problemCodes.flatMap((code) =>
      [
        ["ja", ja.problems],
        ["en", en.problems],
      ].flatMap(([lang, texts]) => {
        const text = (texts as Record<string, string>)[code];
        return typeof text === "string" && text.trim() !== "" ? [] : [`${lang}: ${code}`];
      }),
    );
    expect(missing).toEqual([]);
  });

  it("has no text for a code that is not declared, in either language", () => {
    const declared = new Set<string>(problemCodes);
    const base = (key: string) =>
      key.replace(/_(string|array|number|email|date|datetime|uuid|url|name)$/, "");
    expect(
      Object.keys(ja.problems)
        .map(base)
        .filter((key) => !declared.has(key)),
    ).toEqual([]);
    expect(Object.keys(ja.problems).sort()).toEqual(Object.keys(en.problems).sort());
  });

  it("words every kind of problem through the status summary", async () => {
    for (const code of appErrorCodes) {
      const status = {
        "validation-failed": 422,
        "bad-request": 400,
        unauthenticated: 401,
        forbidden: 403,
        "not-found": 404,
        conflict: 409,
        "payload-too-large": 413,
        "unsupported-media-type": 415,
        "too-many-requests": 429,
        internal: 500,
      }[code];
      const key = errorMessageKey(new ApiError({ status, title: code, code }));
      expect(i18n.exists(key, { lng: "ja" }), code).toBe(true);
    }
  });
});

describe("problemText", () => {
  it("words a field problem in the UI language with its params", async () => {
    await i18n.changeLanguage("ja");
    const tooLong = {
      message: "Too big",
      code: "too_big",
      params: { maximum: 200, origin: "string" },
    } as const;
    expect(problemText(tooLong)).toBe("200 文字以内で入力してください");
    expect(problemText({ message: "is required", code: "required" })).toBe("入力してください");
    expect(
      problemText({
        message: "…",
        code: "plan-reference-wrong-kind",
        params: { key: "o2", kind: "objective", expected: "KPI" },
      }),
    ).toBe("「o2」を参照していますが、それはKPIではなく中間目的です");
    expect(problemText({ message: "…", code: "role-above-own", params: { role: "csm" } })).toBe(
      "自分のロール（CSM）より上のロールは指定できません",
    );
    expect(problemText({ message: "…", code: "role-above-own", params: { role: "admin" } })).toBe(
      "自分のロール（管理者）より上のロールは指定できません",
    );
    await i18n.changeLanguage("en");
    expect(problemText(tooLong)).toBe("must be at most 200 characters");
  });

  it("words the health lab's, usage's and lifecycle's field problems", async () => {
    await i18n.changeLanguage("ja");
    expect(
      problemText({
        message: "must be a whole number of days from 1 to 365",
        code: "days-out-of-range",
        params: { minimum: 1, maximum: 365 },
      }),
    ).toBe("1〜365 の整数の日数で入力してください");
    expect(
      problemText({
        message: "…",
        code: "too-many-observation-days",
        params: { count: 400, maximum: 366 },
      }),
    ).toBe("観測日が 400 日になります。366 日までです（観測の間隔を広げてください）");
    expect(problemText({ message: "…", code: "unknown-phase", params: { phaseKey: "x" } })).toBe(
      "このワークスペースのフェーズではありません",
    );
    expect(
      problemText({
        message: "…",
        code: "timestamp-too-early",
        params: { earliest: "2000-01-01" },
      }),
    ).toBe("2000年1月1日より前の時刻は受け付けません");
    await i18n.changeLanguage("en");
    expect(
      problemText({ message: "…", code: "outcome-not-known-yet", params: { days: 91, today: "" } }),
    ).toBe("must be at least 91 days before today: churn within the horizon is not known yet");
  });

  it("falls back to the English message for an unknown code, no code, or the catch-all", async () => {
    await i18n.changeLanguage("ja");
    expect(problemText({ message: "is odd", code: "brand-new-code" })).toBe("is odd");
    expect(problemText({ message: "is odd" })).toBe("is odd");
    expect(problemText({ message: "userId or anonymousId is required", code: "invalid" })).toBe(
      "userId or anonymousId is required",
    );
  });

  it("words a problem's own code, and keeps the English detail of a bare kind", async () => {
    await i18n.changeLanguage("ja");
    const taken = new ApiError({
      status: 409,
      title: "Conflict",
      detail: 'Another account already has the external id "a-1".',
      code: "account-external-id-taken",
      params: { externalId: "a-1" },
    });
    expect(problemDetailText(taken)).toBe("外部ID「a-1」はすでに別の顧客で使われています。");
    const gone = new ApiError({
      status: 404,
      title: "Not found",
      detail: "No such plan.",
      code: "not-found",
    });
    expect(problemDetailText(gone)).toBe("No such plan.");
  });
});
