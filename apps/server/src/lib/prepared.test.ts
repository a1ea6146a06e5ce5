import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../db/client";
import { preparedQuery } from "./prepared";

/** A stand-in for a drizzle query: its SQL, and the names it was prepared under. */
const fakeQuery = (text: string, prepared: string[]) => ({
  toSQL: () => ({ sql: text }),
  prepare: (name: string) => {
    prepared.push(name);
    return { name };
  },
});

describe("preparedQuery", () => {
  it("builds and prepares once a database handle and shape, named after the SQL", () => {
    const prepared: string[] = [];
    const builds: string[] = [];
    const query = preparedQuery((_db, shape) => {
      builds.push(shape);
      return fakeQuery(shape === "b" ? "select 2" : "select 1", prepared);
    });
    const one = {} as DbOrTx;
    const other = {} as DbOrTx;

    const first = query(one, "a");
    expect(query(one, "a")).toBe(first);
    expect(query(one, "b")).not.toBe(first);
    // Another handle (another pool: its own connections) prepares its own, under the same name.
    expect(query(other, "a")).not.toBe(first);
    expect(query(other, "a").name).toBe(first.name);

    expect(builds).toEqual(["a", "b", "a"]);
    expect(prepared).toHaveLength(3);
    expect(prepared[0]).toMatch(/^michi_[0-9a-f]{24}$/);
    expect(prepared[1]).not.toBe(prepared[0]);
  });
});
