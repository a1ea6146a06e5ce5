import { Text } from "@mantine/core";
import { splitMentions } from "@michi/core";

/**
 * A note's body as plain text with its line breaks, mentions shown as
 * "@Name". The app has no markdown renderer: markdown stays as written, and
 * no HTML is ever made from what a user typed.
 */
export const MentionText = ({
  body,
  names,
}: {
  body: string;
  /** Current names of the mentioned users; the token's own name otherwise. */
  names: ReadonlyMap<string, string | null>;
}) => (
  <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
    {splitMentions(body).map((part, index) =>
      "text" in part ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder.
        <span key={index}>{part.text}</span>
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder.
        <Text key={index} span fw={600} c="blue">
          @{names.get(part.mention.userId) ?? part.mention.name}
        </Text>
      ),
    )}
  </Text>
);
