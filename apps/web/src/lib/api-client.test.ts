import { describe, expect, it } from "vitest";
import { ApiError, parseApiError } from "./api-client";

const problemResponse = (status: number, body: unknown, type = "application/problem+json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

describe("parseApiError", () => {
  it("reads a problem+json answer with field problems", async () => {
    const error = await parseApiError(
      problemResponse(422, {
        type: "https://michi.dev/problems/validation-failed",
        title: "Validation failed",
        status: 422,
        detail: "The request body is not valid.",
        errors: [
          { pointer: "/name", message: "is required" },
          { pointer: "/rows/3/touchModel", message: "must be one of", row: 3, field: "touchModel" },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.title).toBe("Validation failed");
    expect(error.detail).toBe("The request body is not valid.");
    expect(error.errors).toEqual([
      { pointer: "/name", message: "is required" },
      { pointer: "/rows/3/touchModel", message: "must be one of", row: 3, field: "touchModel" },
    ]);
  });

  it("reads better-auth's { message, code } answer", async () => {
    const error = await parseApiError(
      problemResponse(
        401,
        { message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" },
        "application/json",
      ),
    );
    expect(error.status).toBe(401);
    expect(error.detail).toBe("Invalid email or password");
    expect(error.errors).toEqual([]);
  });

  it("keeps the status of an answer that is not JSON", async () => {
    const error = await parseApiError(
      new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    expect(error.status).toBe(502);
    expect(error.title).toBe("Bad Gateway");
    expect(error.detail).toBeUndefined();
  });

  it("skips malformed field problems instead of failing", async () => {
    const error = await parseApiError(
      problemResponse(422, {
        title: "Validation failed",
        status: 422,
        errors: [null, { pointer: "/a" }, "x"],
      }),
    );
    expect(error.errors).toEqual([]);
  });
});
