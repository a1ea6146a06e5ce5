import { type DeliveryResult, postJson } from "./post-json";
import type { DeliveryOptions } from "./webhooks";

/**
 * A message for a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Discord's
 * /slack URLs): `text` is the fallback every one of them shows, `blocks` Slack's Block Kit.
 */
export type ChatMessage = { text: string; blocks?: unknown[] };

/**
 * Posts to a chat's incoming-webhook URL through the same guarded delivery as webhooks.
 * Unsigned: the URL itself is the chat's credential, and chats ignore Standard Webhooks headers.
 */
export const postChatMessage = (
  url: string,
  message: ChatMessage,
  options: Omit<DeliveryOptions, "now">,
): Promise<DeliveryResult> =>
  postJson({
    ...options,
    url,
    body: JSON.stringify(
      message.blocks ? { text: message.text, blocks: message.blocks } : { text: message.text },
    ),
  });
