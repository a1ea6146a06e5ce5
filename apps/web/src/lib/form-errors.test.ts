import { describe, expect, it } from "vitest";
import { pointerToPath, problemsToFormErrors } from "./form-errors";

describe("pointerToPath", () => {
  it("turns a JSON pointer into a form path", () => {
    expect(pointerToPath("/name")).toBe("name");
    expect(pointerToPath("/profile/persona")).toBe("profile.persona");
    expect(pointerToPath("/a~1b")).toBe("a/b");
  });
});

describe("problemsToFormErrors", () => {
  it("puts problems on known fields and returns the rest", () => {
    const result = problemsToFormErrors(
      [
        { pointer: "/name", message: "is required" },
        { pointer: "/name", message: "is too long" },
        { pointer: "/profile/persona", message: "is too long" },
        { pointer: "/ownerUserId", message: "is not a member" },
      ],
      ["name", "profile.persona"],
    );
    expect(result.fieldErrors).toEqual({ name: "is required", "profile.persona": "is too long" });
    expect(result.otherProblems).toEqual([{ pointer: "/ownerUserId", message: "is not a member" }]);
  });

  it("maps a server field onto the form field that edits it", () => {
    const result = problemsToFormErrors(
      [{ pointer: "/mrrMinor", message: "must not be negative" }],
      ["mrr"],
      { mrrMinor: "mrr" },
    );
    expect(result.fieldErrors).toEqual({ mrr: "must not be negative" });
  });
});
