import {
  Button,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { type PlanStatus, planStatuses } from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { requiredField } from "../../../lib/required-field";
import { setPlanDetails } from "../plan-edits";
import type { PlanEditor } from "../use-plan-editor";

const purposeFields = ["businessIssue", "problem", "solution", "benefit"] as const;

/** The plan's title, status and period, and its purpose: business issue → problem → solution → benefit. */
export const PurposeForm = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => {
  const { t } = useTranslation();
  const doc = editor.document;
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: doc.title,
      status: (doc.status ?? "draft") as PlanStatus,
      start: doc.period?.start ?? "",
      end: doc.period?.end ?? "",
      businessIssue: doc.purpose?.businessIssue ?? "",
      problem: doc.purpose?.problem ?? "",
      solution: doc.purpose?.solution ?? "",
      benefit: doc.purpose?.benefit ?? "",
    },
    validate: {
      title: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("plans.titleRequired"),
      end: (value, values) =>
        value && values.start && value < values.start ? t("plans.periodOrder") : null,
    },
  });
  const submit = form.onSubmit(async (values) => {
    const saved = await editor.update(
      setPlanDetails({
        title: values.title.trim(),
        status: values.status,
        period: { start: values.start || undefined, end: values.end || undefined },
        purpose: {
          businessIssue: values.businessIssue.trim(),
          problem: values.problem.trim(),
          solution: values.solution.trim(),
          benefit: values.benefit.trim(),
        },
      }),
    );
    if (saved) form.resetDirty();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput
              {...requiredField(t("plans.title"))}
              disabled={!canWrite}
              key={form.key("title")}
              {...form.getInputProps("title")}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Select
              label={t("plans.statusLabel")}
              data={planStatuses.map((value) => ({ value, label: t(`plans.status.${value}`) }))}
              allowDeselect={false}
              disabled={!canWrite}
              key={form.key("status")}
              {...form.getInputProps("status")}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <DateField
              label={t("plans.periodStart")}
              disabled={!canWrite}
              key={form.key("start")}
              {...form.getInputProps("start")}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <DateField
              label={t("plans.periodEnd")}
              disabled={!canWrite}
              key={form.key("end")}
              {...form.getInputProps("end")}
            />
          </Grid.Col>
        </Grid>
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h5">
            {t("plans.purpose.title")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t("plans.purpose.hint")}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md">
            {purposeFields.map((field, index) => (
              <Textarea
                key={form.key(field)}
                label={`${index + 1}. ${t(`plans.fields.purpose_${field}`)}`}
                description={t(`plans.purpose.${field}Hint`)}
                placeholder={t(`plans.guidance.${field}`)}
                autosize
                minRows={4}
                disabled={!canWrite}
                {...form.getInputProps(field)}
              />
            ))}
          </SimpleGrid>
        </Paper>
        {canWrite ? (
          <Group justify="flex-end">
            <Button type="submit">{t("plans.purpose.save")}</Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
};
