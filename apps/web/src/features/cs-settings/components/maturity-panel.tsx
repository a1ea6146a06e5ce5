import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText, type MaturityModel, maturityModelsSchema } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  type MaturityModelsAnswer,
  maturityModelsQueryOptions,
  saveMaturityModels,
} from "../cs-settings.queries";
import { normaliseTexts } from "../display-text";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { useUsageLabels } from "../use-usage-labels";
import { DisplayTextInput } from "./display-text-input";
import { ProblemsAlert } from "./problems-alert";
import { newComparison, RuleEditor } from "./rule-editor";
import { SettingsFooter } from "./settings-footer";

export const MaturityPanel = () => {
  const models = useQuery(maturityModelsQueryOptions());
  return <QueryView query={models}>{(answer) => <MaturityEditor answer={answer} />}</QueryView>;
};

type Level = MaturityModel["levels"][number];

const newLevel = (level: number): Level => ({ level, name: `Lv.${level}`, rule: newComparison() });

/** Levels are numbered by position: renumber after any removal. */
const renumber = (levels: Level[]): Level[] =>
  levels.map((level, index) => ({ ...level, level: index + 1 }));

/** Maturity models per product: levels Lv.1..n, each with a name, a description and a rule. */
export const MaturityEditor = ({ answer }: { answer: MaturityModelsAnswer }) => {
  const { t } = useTranslation();
  const { lang, productName } = useUsageLabels();
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [models, setModels] = useState<MaturityModel[]>(answer.models);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [resetting, setResetting] = useState(false);
  const [tab, setTab] = useState(0);

  useEffect(() => {
    setModels(answer.models);
    setDirty(false);
  }, [answer]);

  const edit = (next: MaturityModel[]) => {
    setModels(next);
    setDirty(true);
  };
  const setModel = (index: number, next: MaturityModel) =>
    edit(models.map((model, at) => (at === index ? next : model)));

  const save = useMutation({
    mutationFn: saveMaturityModels,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.maturity(), saved);
      setErrors({});
      setResetting(false);
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    const parsed = maturityModelsSchema.safeParse(normaliseTexts(models));
    if (!parsed.success) {
      const found = issuesToErrors(parsed.error.issues, "models");
      setErrors(found);
      const first = Object.keys(found)[0]?.split(".")[1];
      if (first !== undefined && /^\d+$/.test(first)) setTab(Number(first));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.maturity.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {!answer.custom && !dirty ? (
        <Alert color="blue" variant="light">
          {t("csSettings.usingDefault")}
        </Alert>
      ) : null}
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      <ProblemsAlert errors={errors} />
      {/* One product at a time: each has a handful of levels, each level a rule. */}
      <Tabs
        value={String(Math.min(tab, Math.max(0, models.length - 1)))}
        onChange={(value) => setTab(Number(value ?? 0))}
        variant="pills"
      >
        <Tabs.List aria-label={t("csSettings.maturity.product")} mb="sm">
          {models.map((model, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: product keys are being edited.
            <Tabs.Tab key={index} value={String(index)}>
              {(model.name && localizeText(model.name, lang)) || productName(model.product)}
              {Object.keys(errors).some((key) => key.startsWith(`models.${index}.`)) ? " (!)" : ""}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="lg">
            {models.map((model, index) => {
              if (index !== Math.min(tab, models.length - 1)) return null;
              const modelErrors = errorsUnder(errors, `models.${index}`);
              const title =
                (model.name && localizeText(model.name, lang)) || productName(model.product);
              return (
                <Paper
                  // biome-ignore lint/suspicious/noArrayIndexKey: product keys are being edited.
                  key={index}
                  withBorder
                  p="md"
                  radius="md"
                  component="section"
                  aria-label={title}
                >
                  <Stack gap="sm">
                    <Group justify="space-between">
                      <Title order={3} size="h4">
                        {title}
                      </Title>
                      {canEdit ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => edit(models.filter((_, at) => at !== index))}
                        >
                          {t("csSettings.maturity.removeProduct")}
                        </Button>
                      ) : null}
                    </Group>
                    <TextInput
                      label={t("csSettings.maturity.productKey")}
                      description={t("csSettings.keyHelp")}
                      value={model.product}
                      w={240}
                      error={modelErrors.product}
                      onChange={(event) =>
                        setModel(index, { ...model, product: event.currentTarget.value })
                      }
                    />
                    <DisplayTextInput
                      label={t("csSettings.maturity.productName")}
                      value={model.name}
                      errors={errorsUnder(modelErrors, "name")}
                      onChange={(name) => {
                        const { name: _old, ...rest } = model;
                        setModel(index, name === undefined ? rest : { ...rest, name });
                      }}
                    />
                    {modelErrors.levels ? (
                      <Text size="sm" c="red">
                        {modelErrors.levels}
                      </Text>
                    ) : null}
                    {model.levels.map((level, levelIndex) => {
                      const levelErrors = errorsUnder(modelErrors, `levels.${levelIndex}`);
                      const setLevel = (next: Partial<Level>) =>
                        setModel(index, {
                          ...model,
                          levels: model.levels.map((existing, at) =>
                            at === levelIndex ? { ...existing, ...next } : existing,
                          ),
                        });
                      return (
                        <Paper key={level.level} withBorder p="sm" radius="sm" bg="gray.0">
                          <Stack gap="xs">
                            <Group justify="space-between">
                              <Badge size="lg" variant="light">
                                {t("csSettings.maturity.level", { level: level.level })}
                              </Badge>
                              {canEdit && model.levels.length > 1 ? (
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  color="red"
                                  onClick={() =>
                                    setModel(index, {
                                      ...model,
                                      levels: renumber(
                                        model.levels.filter((_, at) => at !== levelIndex),
                                      ),
                                    })
                                  }
                                >
                                  {t("csSettings.maturity.removeLevel")}
                                </Button>
                              ) : null}
                            </Group>
                            <DisplayTextInput
                              label={t("csSettings.name")}
                              required
                              value={level.name}
                              errors={errorsUnder(levelErrors, "name")}
                              onChange={(name) => setLevel({ name: name ?? "" })}
                            />
                            <DisplayTextInput
                              label={t("csSettings.description")}
                              multiline
                              value={level.description}
                              errors={errorsUnder(levelErrors, "description")}
                              onChange={(description) => {
                                const { description: _old, ...rest } = level;
                                setModel(index, {
                                  ...model,
                                  levels: model.levels.map((existing, at) =>
                                    at === levelIndex
                                      ? description === undefined
                                        ? rest
                                        : { ...rest, description }
                                      : existing,
                                  ),
                                });
                              }}
                            />
                            <RuleEditor
                              label={t("csSettings.maturity.rule")}
                              value={level.rule}
                              errors={errorsUnder(levelErrors, "rule")}
                              onChange={(rule) => setLevel({ rule })}
                            />
                          </Stack>
                        </Paper>
                      );
                    })}
                    {canEdit ? (
                      <Button
                        size="xs"
                        variant="light"
                        w="fit-content"
                        disabled={model.levels.length >= 20}
                        onClick={() =>
                          setModel(index, {
                            ...model,
                            levels: [...model.levels, newLevel(model.levels.length + 1)],
                          })
                        }
                      >
                        {t("csSettings.maturity.addLevel")}
                      </Button>
                    ) : null}
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        </fieldset>
      </Tabs>
      {canEdit ? (
        <>
          <Button
            variant="light"
            w="fit-content"
            onClick={() => {
              let n = models.length + 1;
              while (models.some((model) => model.product === `product-${n}`)) n += 1;
              edit([...models, { product: `product-${n}`, levels: [newLevel(1)] }]);
              setTab(models.length);
            }}
          >
            {t("csSettings.maturity.addProduct")}
          </Button>
          <SettingsFooter
            dirty={dirty}
            saving={save.isPending}
            onSave={submit}
            onDiscard={() => {
              setModels(answer.models);
              setErrors({});
              setDirty(false);
            }}
            onReset={() => setResetting(true)}
          />
        </>
      ) : null}
      <ConfirmDialog
        opened={resetting}
        title={t("csSettings.resetConfirmTitle")}
        message={t("csSettings.resetConfirmBody")}
        confirmLabel={t("csSettings.resetToDefault")}
        loading={save.isPending}
        error={save.error}
        onConfirm={() => save.mutate([])}
        onClose={() => setResetting(false)}
      />
    </Stack>
  );
};
