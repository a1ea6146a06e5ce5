import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codeOfZodIssue, isProblemCode, problemCodes, withCode } from "./problem-codes";

const codesOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues.map((issue) => codeOfZodIssue(issue, input));
};

describe("codeOfZodIssue", () => {
  const schema = z.object({
    name: z.string().max(3),
    kind: z.enum(["a", "b"]),
    email: z.email().optional(),
    count: z.number().min(1).optional(),
    currency: z
      .string()
      .refine((text) => text === "JPY", withCode("invalid-currency", "bad"))
      .optional(),
  });

  it("reads a missing value as required, and keeps zod's params", () => {
    expect(codesOf(schema, { kind: "c" })).toEqual([
      { code: "required" },
      { code: "invalid_enum", params: { options: ["a", "b"] } },
    ]);
    expect(codesOf(schema, { name: "long", kind: "a", email: "x", count: 0 })).toEqual([
      { code: "too_big", params: { maximum: 3, origin: "string" } },
      { code: "invalid_format", params: { format: "email" } },
      { code: "too_small", params: { minimum: 1, origin: "number" } },
    ]);
  });

  it("takes a code of ours from a check's params", () => {
    expect(codesOf(schema, { name: "a", kind: "a", currency: "YEN" })).toEqual([
      { code: "invalid-currency" },
    ]);
  });

  it("declares every code once", () => {
    expect(new Set(problemCodes).size).toBe(problemCodes.length);
    expect(isProblemCode("required")).toBe(true);
    expect(isProblemCode("toString")).toBe(false);
  });
});
