import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  type AccountPicklistField,
  type AccountPicklists,
  accountPicklistFields,
  accountPicklistsSchema,
  localizeText,
  type PicklistOption,
} from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  accountPicklistsQueryOptions,
  csSettingsKeys,
  saveAccountPicklists,
} from "../cs-settings.queries";
import { normaliseTexts, uiLanguage } from "../display-text";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { moveItem } from "../scorecard-drafts";
import { DisplayTextInput } from "./display-text-input";
import { SettingsFooter } from "./settings-footer";

export const AccountPicklistsPanel = () => {
  const picklists = useQuery(accountPicklistsQueryOptions());
  return (
    <QueryView query={picklists}>{(answer) => <AccountPicklistsEditor saved={answer} />}</QueryView>
  );
};

/**
 * The options of industry and segment: each a value (kept on the account and
 * in CSV files) and its label in Japanese and English, in the order offered.
 * An empty list leaves the field free text. Save sends both lists, checked
 * first with core's schema.
 */
export const AccountPicklistsEditor = ({ saved }: { saved: AccountPicklists }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [lists, setLists] = useState<AccountPicklists>(saved);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setLists(saved);
    setDirty(false);
  }, [saved]);

  const edit = (field: AccountPicklistField, options: PicklistOption[]) => {
    setLists({ ...lists, [field]: options });
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: saveAccountPicklists,
    onSuccess: (answer) => {
      queryClient.setQueryData(csSettingsKeys.accountPicklists(), answer);
      setErrors({});
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    const parsed = accountPicklistsSchema.safeParse({
      industry: normaliseTexts(lists.industry),
      segment: normaliseTexts(lists.segment),
    });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.picklists.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      {accountPicklistFields.map((field) => {
        const options = lists[field];
        return (
          <Stack key={field} gap="xs">
            <Title order={3} size="h5">
              {t(`csSettings.picklists.${field}`)}
            </Title>
            {options.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("csSettings.picklists.freeText")}
              </Text>
            ) : null}
            {options.map((option, index) => {
              const name = localizeText(option.label, lang) || option.value;
              const rowErrors = errorsUnder(errors, `${field}.${index}`);
              return (
                <Paper
                  // biome-ignore lint/suspicious/noArrayIndexKey: values are being edited; position is stable.
                  key={index}
                  withBorder
                  p="sm"
                  radius="md"
                  component="fieldset"
                  disabled={!canEdit}
                  aria-label={name}
                >
                  <Group align="flex-start" gap="sm" wrap="nowrap">
                    <TextInput
                      label={t("csSettings.picklists.value")}
                      aria-label={`${name}: ${t("csSettings.picklists.value")}`}
                      value={option.value}
                      error={rowErrors.value}
                      w={200}
                      onChange={(event) =>
                        edit(
                          field,
                          options.map((o, at) =>
                            at === index ? { ...o, value: event.currentTarget.value } : o,
                          ),
                        )
                      }
                    />
                    <div style={{ flex: 1 }}>
                      <DisplayTextInput
                        label={t("csSettings.picklists.label")}
                        required
                        value={option.label}
                        errors={errorsUnder(rowErrors, "label")}
                        onChange={(label) =>
                          edit(
                            field,
                            options.map((o, at) =>
                              at === index ? { ...o, label: label ?? "" } : o,
                            ),
                          )
                        }
                      />
                    </div>
                    {canEdit ? (
                      <Group gap={2} wrap="nowrap" mt={26}>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`${name}: ${t("csSettings.moveUp")}`}
                          disabled={index === 0}
                          onClick={() => edit(field, moveItem(options, index, -1))}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`${name}: ${t("csSettings.moveDown")}`}
                          disabled={index === options.length - 1}
                          onClick={() => edit(field, moveItem(options, index, 1))}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="red"
                          aria-label={`${name}: ${t("csSettings.remove")}`}
                          onClick={() =>
                            edit(
                              field,
                              options.filter((_, at) => at !== index),
                            )
                          }
                        >
                          ×
                        </ActionIcon>
                      </Group>
                    ) : null}
                  </Group>
                </Paper>
              );
            })}
            {canEdit ? (
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                onClick={() => edit(field, [...options, { value: "", label: "" }])}
              >
                {t("csSettings.picklists.add")}
              </Button>
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
            setLists(saved);
            setErrors({});
            setDirty(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
