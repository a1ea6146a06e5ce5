import { AppError } from "@michi/core";

/**
 * Keyset-pagination cursors: the last row's sort value and id, base64url JSON.
 * Opaque to clients; a tampered cursor is a 400, never a 500.
 */
export type Cursor = { v: string; id: string };

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString("base64url");

export const decodeCursor = (raw: string): Cursor => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      parsed &&
      typeof parsed === "object" &&
      typeof (parsed as Cursor).v === "string" &&
      typeof (parsed as Cursor).id === "string" &&
      /^[0-9a-f-]{36}$/i.test((parsed as Cursor).id)
    ) {
      return parsed as Cursor;
    }
  } catch {
    // fall through
  }
  throw badCursorError();
};

/** A cursor this API did not give out (or one tampered with): a 400. */
export const badCursorError = () =>
  new AppError("bad-request", "The cursor is not valid; start again without it.", [
    { pointer: "/cursor", message: "is not a cursor this API gave out" },
  ]);
