import { problemCodes } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../test/context";

/*
 * Every error answer keeps its English `detail` and `message`s and adds stable
 * codes with params, which the web app words in the user's language.
 */

let ctx: TestContext;
let headers: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  const workspaceId = (await buildWorkspace(ctx)).id;
  headers = (await buildUser(ctx, { workspaceId, role: "csm" })).headers;
});

describe("problem codes in error answers", () => {
  it("gives each zod field problem a code and params, beside the English message (422)", async () => {
    const res = await call(ctx, "POST", "/api/v1/accounts", {
      headers,
      body: { name: "x".repeat(201), touchModel: "medium", unknownField: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      status: 422,
      code: "validation-failed",
      detail: "The request body is not valid.",
    });
    const byPointer = Object.fromEntries(
      res.json.errors.map((p: { pointer: string }) => [p.pointer, p]),
    );
    expect(byPointer["/name"]).toEqual({
      pointer: "/name",
      message: expect.stringMatching(/200/),
      code: "too_big",
      params: { maximum: 200, origin: "string" },
    });
    expect(byPointer["/touchModel"]).toMatchObject({
      code: "invalid_enum",
      params: { options: ["high", "low", "tech", "community"] },
    });
    expect(byPointer["/unknownField"]).toMatchObject({
      code: "unrecognized_key",
      params: { name: "unknownField" },
    });
    for (const problem of res.json.errors) expect(problemCodes).toContain(problem.code);
  });

  it("reads a missing required value as `required`", async () => {
    const res = await call(ctx, "POST", "/api/v1/accounts", { headers, body: {} });
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual({
      pointer: "/name",
      message: expect.any(String),
      code: "required",
    });
  });

  it("answers 404 with its kind as the code and the English detail", async () => {
    const res = await call(ctx, "GET", `/api/v1/accounts/${crypto.randomUUID()}`, { headers });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      type: "https://michi.dev/problems/not-found",
      code: "not-found",
      detail: expect.stringMatching(/[A-Za-z]/),
    });
  });

  it("answers 409 with the problem's own code and params", async () => {
    const body = { name: "Dup", externalId: "dup-1" };
    expect((await call(ctx, "POST", "/api/v1/accounts", { headers, body })).status).toBe(201);
    const again = await call(ctx, "POST", "/api/v1/accounts", { headers, body });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      type: "https://michi.dev/problems/conflict",
      code: "account-external-id-taken",
      params: { externalId: "dup-1" },
      detail: 'Another account already has the external id "dup-1".',
      errors: [
        {
          pointer: "/externalId",
          message: "is already used by another account",
          code: "already-used",
        },
      ],
    });
  });

  it("documents the codes in the OpenAPI document", async () => {
    const res = await call(ctx, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const schemas = res.json.components.schemas;
    expect(schemas.ProblemCode.enum).toEqual(problemCodes);
    expect(schemas.Problem.properties.code).toBeDefined();
    expect(schemas.CsvProblem.properties.code).toBeDefined();
  });
});
