import { Text } from "@mantine/core";
import { playbookConditionSchema } from "@michi/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { conditionText } from "../playbook-words";
import { usePlaybookWords } from "../use-playbook-words";

/** Under a condition's JSON: what it says, in words, once it reads as a condition. */
export const ConditionWords = ({ json, stop = false }: { json: string; stop?: boolean }) => {
  const { t } = useTranslation();
  const words = usePlaybookWords();
  const text = useMemo(() => {
    if (json.trim() === "") return null;
    try {
      const parsed = playbookConditionSchema.safeParse(JSON.parse(json));
      return parsed.success ? conditionText(words, parsed.data) : null;
    } catch {
      return null;
    }
  }, [json, words]);
  if (!text) return null;
  return (
    <Text size="sm" c="dimmed">
      {stop
        ? t("playbooks.step.stopIf", { condition: text })
        : t("playbooks.condition.conditions", { condition: text })}
    </Text>
  );
};
