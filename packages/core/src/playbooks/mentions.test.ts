import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findMentions, mentionedUserIds, mentionToken, splitMentions } from "./mentions";

describe("mentions", () => {
  it("finds @[Name](id) tokens and nothing else", () => {
    const body = "@[山田 太郎](u_1) と @someone と [x](y) と @[Abe](u-2) と @[山田 太郎](u_1)";
    expect(findMentions(body)).toEqual([
      { name: "山田 太郎", userId: "u_1" },
      { name: "Abe", userId: "u-2" },
      { name: "山田 太郎", userId: "u_1" },
    ]);
    expect(mentionedUserIds(body)).toEqual(["u_1", "u-2"]);
    expect(mentionedUserIds("no mention, @[broken](has space)")).toEqual([]);
  });

  it("makes a token that reads back as the same mention", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        (name, id) => {
          const [mention] = findMentions(`hello ${mentionToken(name, id)}!`);
          expect(mention?.userId).toBe(id);
        },
      ),
    );
  });

  it("splits a body into text and mentions, keeping every character of the text", () => {
    expect(splitMentions("a @[B](b1)\nc")).toEqual([
      { text: "a " },
      { mention: { name: "B", userId: "b1" } },
      { text: "\nc" },
    ]);
    expect(splitMentions("")).toEqual([]);
  });
});
