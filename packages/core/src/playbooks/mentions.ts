/*
 * @mentions in notes and logged calls (issue 17). A mention is written in the
 * markdown body as `@[Name](userId)`: the name is what a reader sees, the id
 * says who is meant, so renaming a user never breaks an old note. The web's
 * composer inserts the token; anything else that looks like "@someone" is
 * plain text.
 */

/** Longest name and id a mention token may carry. */
const MAX_NAME = 200;
const MAX_ID = 100;

const MENTION = new RegExp(
  `@\\[([^\\]\\n]{1,${MAX_NAME}})\\]\\(([A-Za-z0-9_-]{1,${MAX_ID}})\\)`,
  "g",
);

export type Mention = { name: string; userId: string };

/** Every mention token in a body, in order (the same user may appear twice). */
export const findMentions = (body: string): Mention[] =>
  Array.from(body.matchAll(MENTION), (match) => ({
    name: match[1] ?? "",
    userId: match[2] ?? "",
  }));

/** The distinct user ids mentioned in a body, in the order first mentioned. */
export const mentionedUserIds = (body: string): string[] => [
  ...new Set(findMentions(body).map((mention) => mention.userId)),
];

/** The token that mentions a user; brackets in the name are dropped so it stays one token. */
export const mentionToken = (name: string, userId: string): string =>
  `@[${name.replace(/[[\]\n]/g, "").slice(0, MAX_NAME) || userId}](${userId})`;

/** A body cut into text and mentions, for showing it (a mention as "@Name"). */
export type BodyPart = { text: string } | { mention: Mention };

export const splitMentions = (body: string): BodyPart[] => {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: body.slice(last, start) });
    parts.push({ mention: { name: match[1] ?? "", userId: match[2] ?? "" } });
    last = start + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
};
