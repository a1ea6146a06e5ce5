import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { isApiError } from "../../../lib/api-client";
import { problemText } from "../../../lib/problem-text";
import { addNote, timelineKeys } from "../timeline.queries";
import { insertToken, MentionPicker } from "./mention-picker";

const MAX_BODY = 20_000;

/** Add a note to the account's timeline, mentioning members with `@[Name](id)`. */
export const NoteComposer = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const post = useMutation({
    mutationFn: (text: string) => addNote(accountId, text),
    onSuccess: () => {
      setBody("");
      void queryClient.invalidateQueries({ queryKey: timelineKeys.ofAccount(accountId) });
      notifications.show({ color: "teal", message: t("timeline.posted") });
    },
  });
  const fieldError =
    problem ??
    (isApiError(post.error)
      ? post.error.errors
          .filter((e) => e.pointer === "/body")
          .map(problemText)
          .join(" ") || null
      : null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim() === "") return setProblem(t("timeline.bodyRequired"));
        if (body.length > MAX_BODY) return setProblem(t("common.tooLong", { max: MAX_BODY }));
        setProblem(null);
        post.mutate(body);
      }}
    >
      <Stack gap="xs">
        <FormErrorAlert error={post.error} otherProblems={[]} />
        <Textarea
          ref={textarea}
          label={t("timeline.noteLabel")}
          placeholder={t("timeline.notePlaceholder")}
          autosize
          minRows={2}
          maxRows={10}
          value={body}
          error={fieldError ?? undefined}
          onChange={(event) => setBody(event.currentTarget.value)}
        />
        <Group justify="space-between">
          <Group gap="xs">
            <MentionPicker
              onPick={(token) =>
                setBody((current) =>
                  insertToken(current, token, textarea.current?.selectionStart ?? current.length),
                )
              }
            />
            <Text size="xs" c="dimmed">
              {t("timeline.plainTextHint")}
            </Text>
          </Group>
          <Button type="submit" loading={post.isPending}>
            {t("timeline.post")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
