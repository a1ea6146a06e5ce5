import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  type UsageLabel,
  type UsageLabelKind,
  type UsageLabels,
  usageLabelKinds,
  usageLabelsSchema,
} from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  saveUsageLabels,
  type UsageLabelsAnswer,
  usageLabelsQueryOptions,
} from "../cs-settings.queries";
import { apiErrorsToErrors, issuesToErrors } from "../schema-errors";
import { SettingsFooter } from "./settings-footer";

export const UsageLabelsPanel = () => {
  const labels = useQuery(usageLabelsQueryOptions());
  return <QueryView query={labels}>{(answer) => <UsageLabelsEditor saved={answer} />}</QueryView>;
};

type Draft = Record<UsageLabelKind, Record<string, { ja: string; en: string }>>;
const entriesOf = { event: "events", product: "products" } as const;

const toDraft = (answer: UsageLabelsAnswer): Draft => {
  const draftOf = (kind: UsageLabelKind) =>
    Object.fromEntries(
      answer.known[entriesOf[kind]].map((key) => {
        const label = answer[entriesOf[kind]][key];
        return [key, { ja: label?.ja ?? "", en: label?.en ?? "" }];
      }),
    );
  return { event: draftOf("event"), product: draftOf("product") };
};

/** What is saved: the texts written, trimmed; a name with none is left out (shown as sent). */
const fromDraft = (draft: Draft): UsageLabels => {
  const labelsOf = (kind: UsageLabelKind) =>
    Object.fromEntries(
      Object.entries(draft[kind]).flatMap(([key, texts]) => {
        const label: UsageLabel = {};
        if (texts.ja.trim()) label.ja = texts.ja.trim();
        if (texts.en.trim()) label.en = texts.en.trim();
        return label.ja || label.en ? [[key, label]] : [];
      }),
    );
  return { events: labelsOf("event"), products: labelsOf("product") };
};

/**
 * Names for the events the product sends and for its product keys, in
 * Japanese and English: what rules, maturity conditions and measures show
 * instead of the names as sent. Offered: the names seen lately or used by a
 * rule (the server's `known`), and any typed in to name ahead of time.
 */
export const UsageLabelsEditor = ({ saved }: { saved: UsageLabelsAnswer }) => {
  const { t } = useTranslation();
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<Record<UsageLabelKind, string>>({ event: "", product: "" });
  const [addError, setAddError] = useState<UsageLabelKind | null>(null);

  useEffect(() => {
    setDraft(toDraft(saved));
    setDirty(false);
  }, [saved]);

  const edit = (kind: UsageLabelKind, key: string, lang: "ja" | "en", text: string) => {
    const current = draft[kind][key] ?? { ja: "", en: "" };
    setDraft({ ...draft, [kind]: { ...draft[kind], [key]: { ...current, [lang]: text } } });
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: saveUsageLabels,
    onSuccess: (answer) => {
      queryClient.setQueryData(csSettingsKeys.usageLabels(), answer);
      setErrors({});
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    const parsed = usageLabelsSchema.safeParse(fromDraft(draft));
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const add = (kind: UsageLabelKind) => {
    const key = adding[kind].trim();
    if (!key || Object.hasOwn(draft[kind], key)) return;
    // The same check the server makes of a key, so a bad one is refused where it is typed.
    if (!usageLabelsSchema.shape[entriesOf[kind]].safeParse({ [key]: {} }).success) {
      setAddError(kind);
      return;
    }
    setAddError(null);
    setDraft({ ...draft, [kind]: { ...draft[kind], [key]: { ja: "", en: "" } } });
    setAdding({ ...adding, [kind]: "" });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.usageLabels.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      {usageLabelKinds.map((kind) => {
        const keys = Object.keys(draft[kind]);
        const group = entriesOf[kind];
        return (
          <Stack
            key={kind}
            gap="xs"
            component="section"
            aria-label={t(`csSettings.usageLabels.${kind}s`)}
          >
            <Title order={3} size="h5">
              {t(`csSettings.usageLabels.${kind}s`)}
            </Title>
            {keys.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t(`csSettings.usageLabels.no${kind === "event" ? "Events" : "Products"}`)}
              </Text>
            ) : (
              <Table fz="sm" aria-label={t(`csSettings.usageLabels.${kind}s`)}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`csSettings.usageLabels.${kind}Key`)}</Table.Th>
                    <Table.Th>{t("csSettings.lang.ja")}</Table.Th>
                    <Table.Th>{t("csSettings.lang.en")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {keys.map((key) => {
                    const texts = draft[kind][key] ?? { ja: "", en: "" };
                    return (
                      <Table.Tr key={key}>
                        <Table.Td>
                          {/* The name as sent is a code the admin reads to name it: an input of a key. */}
                          <TextInput
                            size="xs"
                            readOnly
                            variant="unstyled"
                            ff="monospace"
                            value={key}
                            aria-label={`${key}: ${t(`csSettings.usageLabels.${kind}Key`)}`}
                          />
                        </Table.Td>
                        {(["ja", "en"] as const).map((lang) => (
                          <Table.Td key={lang}>
                            <TextInput
                              size="xs"
                              disabled={!canEdit}
                              value={texts[lang]}
                              error={errors[`${group}.${key}.${lang}`]}
                              aria-label={`${key}: ${t("csSettings.usageLabels.name")} (${t(`csSettings.lang.${lang}`)})`}
                              onChange={(event) => edit(kind, key, lang, event.currentTarget.value)}
                            />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            {errors[group] || errors[`${group}.`] ? (
              <Text size="sm" c="red" role="alert">
                {errors[group] ?? errors[`${group}.`]}
              </Text>
            ) : null}
            {canEdit ? (
              <Group gap="xs" align="flex-end">
                <TextInput
                  size="xs"
                  w={240}
                  label={t(`csSettings.usageLabels.${kind}Key`)}
                  value={adding[kind]}
                  error={addError === kind ? t("csSettings.keyHelp") : undefined}
                  onChange={(event) => setAdding({ ...adding, [kind]: event.currentTarget.value })}
                  onKeyDown={(event) => {
                    if (event.key === "Enter") add(kind);
                  }}
                />
                <Button size="xs" variant="light" onClick={() => add(kind)}>
                  {t(`csSettings.usageLabels.add${kind === "event" ? "Event" : "Product"}`)}
                </Button>
              </Group>
            ) : null}
          </Stack>
        );
      })}
      {canEdit ? (
        <SettingsFooter
          dirty={dirty}
          saving={save.isPending}
          onSave={submit}
          onDiscard={() => {
            setDraft(toDraft(saved));
            setErrors({});
            setDirty(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
