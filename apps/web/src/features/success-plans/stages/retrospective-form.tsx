import {
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import type { PlanDocument } from "@michi/core";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import type { Retrospective } from "../success-plans.queries";
import { directions, initialRetrospective, retrospectivePayload } from "./retrospective";

type Props = {
  document: PlanDocument;
  stage: number;
  pending: boolean;
  error: unknown;
  onSubmit: (retrospective: Retrospective) => void;
  onCancel: () => void;
};

/** ふりかえり: per objective, did its desired state come closer; what held, what did not, what changes. */
export const RetrospectiveForm = ({
  document: doc,
  stage,
  pending,
  error,
  onSubmit,
  onCancel,
}: Props) => {
  const { t } = useTranslation();
  const form = useForm({ mode: "uncontrolled", initialValues: initialRetrospective(doc) });
  const objectives = doc.pufu.objectives ?? [];
  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(retrospectivePayload(values)))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("plans.stages.retroHint", { stage, next: stage + 1 })}
        </Text>
        {objectives.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.stages.noObjectives")}
          </Text>
        ) : null}
        {objectives.map((objective, index) => (
          <Paper key={objective.key} withBorder p="md" radius="md" component="fieldset" m={0}>
            <Title order={4} size="h6" component="legend" px={4}>
              {t("plans.pufu.objective")}: {objective.title}
            </Title>
            {objective.desiredState ? (
              <Text size="xs" c="dimmed" mb="xs">
                {t("plans.pufu.desiredState")}: {objective.desiredState}
              </Text>
            ) : null}
            <Radio.Group
              label={t("plans.stages.directionFor", { name: objective.title })}
              key={form.key(`objectives.${index}.direction`)}
              {...form.getInputProps(`objectives.${index}.direction`)}
            >
              <Group gap="lg" mt={6}>
                {directions.map((direction) => (
                  <Radio
                    key={direction}
                    value={direction}
                    label={t(`plans.direction.${direction}`)}
                  />
                ))}
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" mt="sm">
              <Textarea
                label={t("plans.stages.held")}
                aria-label={`${t("plans.stages.held")} (${objective.title})`}
                autosize
                minRows={2}
                key={form.key(`objectives.${index}.held`)}
                {...form.getInputProps(`objectives.${index}.held`)}
              />
              <Textarea
                label={t("plans.stages.didNotHold")}
                aria-label={`${t("plans.stages.didNotHold")} (${objective.title})`}
                autosize
                minRows={2}
                key={form.key(`objectives.${index}.didNotHold`)}
                {...form.getInputProps(`objectives.${index}.didNotHold`)}
              />
              <Textarea
                label={t("plans.stages.changesNext")}
                aria-label={`${t("plans.stages.changesNext")} (${objective.title})`}
                autosize
                minRows={2}
                key={form.key(`objectives.${index}.changesNext`)}
                {...form.getInputProps(`objectives.${index}.changesNext`)}
              />
            </SimpleGrid>
          </Paper>
        ))}
        <Textarea
          label={t("plans.stages.summary")}
          description={t("plans.stages.summaryHint")}
          autosize
          minRows={3}
          key={form.key("summary")}
          {...form.getInputProps("summary")}
        />
        <ApiErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="grape" loading={pending}>
            {t("plans.stages.closeSubmit", { stage, next: stage + 1 })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
