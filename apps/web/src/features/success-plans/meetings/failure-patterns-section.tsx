import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { nextKey, putFailurePattern, removeFailurePattern } from "../plan-edits";
import type { PlanEditor } from "../use-plan-editor";

/** よくある失敗例: known ways onboarding fails, shown at kickoff and ticked off once discussed. */
export const FailurePatternsSection = ({
  editor,
  canWrite,
}: {
  editor: PlanEditor;
  canWrite: boolean;
}) => {
  const { t } = useTranslation();
  const patterns = editor.document.failurePatterns ?? [];
  const [text, setText] = useState("");
  const discussed = patterns.filter((p) => p.discussed).length;
  const add = () => {
    if (!text.trim()) return;
    void editor.update(
      putFailurePattern({
        key: nextKey(editor.document, "f"),
        text: text.trim(),
        discussed: false,
      }),
    );
    setText("");
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("plans.meetings.failurePatterns")}
        </Title>
        {patterns.length > 0 ? (
          <Group gap="xs" w={220}>
            <Progress
              value={(discussed / patterns.length) * 100}
              flex={1}
              color="teal"
              aria-hidden
            />
            <Text size="xs" c="dimmed">
              {t("plans.meetings.discussedCount", { done: discussed, total: patterns.length })}
            </Text>
          </Group>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t("plans.meetings.failurePatternsHint")}
      </Text>
      <Paper withBorder radius="md" p="sm">
        <Stack gap="sm">
          {patterns.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("plans.pufu.none")}
            </Text>
          ) : (
            patterns.map((pattern) => (
              <Group key={pattern.key} justify="space-between" wrap="nowrap" align="flex-start">
                <Checkbox
                  label={pattern.text}
                  description={
                    pattern.discussed
                      ? t("plans.meetings.discussed")
                      : t("plans.meetings.notDiscussed")
                  }
                  checked={pattern.discussed ?? false}
                  disabled={!canWrite}
                  onChange={(event) =>
                    void editor.update(
                      putFailurePattern({ ...pattern, discussed: event.currentTarget.checked }),
                    )
                  }
                />
                {canWrite ? (
                  <CloseButton
                    size="sm"
                    aria-label={t("plans.meetings.removePattern", { name: pattern.text })}
                    onClick={() => void editor.update(removeFailurePattern(pattern.key))}
                  />
                ) : null}
              </Group>
            ))
          )}
          {canWrite ? (
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t("plans.meetings.newPattern")}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    add();
                  }
                }}
                flex={1}
              />
              <Button variant="light" onClick={add} disabled={!text.trim()}>
                {t("plans.meetings.addPattern")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
};
