import {
  Alert,
  Button,
  Code,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import {
  type CsvEntity,
  type CsvLanguage,
  csvColumnStandIns,
  csvColumns,
  csvEntities,
  findCsvColumnLabel,
  requiredCsvColumns,
} from "@michi/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { isApiError } from "../../../lib/api-client";
import { currentLanguage } from "../../../lib/i18n";
import { type CsvImportResult, previewCsvColumns, runCsvImport } from "../csv.queries";
import {
  CsvColumnMapping,
  type CsvMappingChoice,
  initialMappingChoice,
  isMappingComplete,
} from "./csv-column-mapping";
import { CsvResult, type RowProblem } from "./csv-result";
import { CsvTemplateLinks } from "./csv-template-links";

/** "外部ID (externalId), 顧客名 (name)": columns by their label in the UI language and their name. */
const describeColumn = (entity: CsvEntity, column: string, lang: CsvLanguage) =>
  `${findCsvColumnLabel(entity, column, lang)} (${column})`;

const describeColumns = (entity: CsvEntity, columns: readonly string[], lang: CsvLanguage) =>
  columns.map((column) => describeColumn(entity, column, lang)).join(", ");

/** The required columns, each with the column that may stand in for it ("A or B"). */
const describeRequired = (entity: CsvEntity, lang: CsvLanguage, or: string) => {
  const standIns = csvColumnStandIns[entity] as Partial<Record<string, string>>;
  return requiredCsvColumns[entity]
    .map((column) => {
      const standIn = standIns[column];
      const own = describeColumn(entity, column, lang);
      return standIn ? `${own} ${or} ${describeColumn(entity, standIn, lang)}` : own;
    })
    .join(", ");
};

/**
 * The file's columns are read first and mapped (the mapping step); then a
 * preview (dry run) with that mapping; the import is allowed only for the
 * file and mapping that previewed clean.
 */
export const CsvImportCard = () => {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const entityLabelId = useId();
  const [entity, setEntity] = useState<CsvEntity>("accounts");
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const columns = useMutation({ mutationFn: previewCsvColumns });
  const [choice, setChoice] = useState<CsvMappingChoice | null>(null);
  const preview = useMutation({ mutationFn: runCsvImport });
  const commit = useMutation({
    mutationFn: runCsvImport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });

  const resetResults = () => {
    preview.reset();
    commit.reset();
  };
  /** Reads the file's columns for the mapping step, for the kind of file chosen. */
  const readColumns = (next: { entity: CsvEntity; file: File | null }) => {
    setChoice(null);
    if (!next.file) {
      columns.reset();
      return;
    }
    columns.mutate(
      { entity: next.entity, file: next.file },
      { onSuccess: (data) => setChoice(initialMappingChoice(data)) },
    );
  };
  const mapped = columns.data && choice ? { preview: columns.data, choice } : null;
  const canPreview =
    file !== null && mapped !== null && isMappingComplete(entity, mapped.preview, mapped.choice);
  const runWith = (dryRun: boolean) =>
    file && mapped
      ? { entity, file, dryRun, columns: mapped.choice.targets, matchBy: mapped.choice.matchBy }
      : null;
  const previewed: CsvImportResult | undefined = preview.data;
  const canImport =
    canPreview && previewed !== undefined && previewed.errors.length === 0 && !commit.isSuccess;

  // A refused real run (422) lists its row problems like a dry run does.
  const commitProblems: RowProblem[] =
    isApiError(commit.error) && commit.error.status === 422
      ? commit.error.errors.map((problem) => ({
          row: problem.row ?? 0,
          field: problem.field ?? null,
          message: problem.message,
          ...(problem.code ? { code: problem.code } : {}),
          ...(problem.params ? { params: problem.params } : {}),
        }))
      : [];

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500} id={entityLabelId}>
            {t("csv.entity")}
          </Text>
          <SegmentedControl<CsvEntity>
            aria-labelledby={entityLabelId}
            value={entity}
            onChange={(next) => {
              setEntity(next);
              resetResults();
              readColumns({ entity: next, file });
            }}
            data={csvEntities.map((value) => ({ value, label: t(`csv.entities.${value}`) }))}
            w={{ base: "100%", sm: 420 }}
          />
          <Text size="xs" c="dimmed">
            {t("csv.columns")}: <Code>{describeColumns(entity, csvColumns[entity], lang)}</Code>
            <br />
            {t("csv.requiredColumns")}: <Code>{describeRequired(entity, lang, t("csv.or"))}</Code>
          </Text>
        </Stack>
        <CsvTemplateLinks entity={entity} />
        <TextInput
          key={fileInputKey}
          type="file"
          label={t("csv.file")}
          description={t("csv.fileHint")}
          accept=".csv,text/csv"
          w={{ base: "100%", sm: 420 }}
          styles={{ input: { paddingTop: 5, paddingBottom: 5, height: "auto" } }}
          onChange={(event) => {
            const next = event.currentTarget.files?.[0] ?? null;
            setFile(next);
            resetResults();
            readColumns({ entity, file: next });
          }}
        />
        {columns.isError ? <ApiErrorAlert error={columns.error} /> : null}
        {columns.isPending ? (
          <Text size="sm" c="dimmed">
            {t("csv.mapping.loading")}
          </Text>
        ) : null}
        {mapped && !commit.data ? (
          <CsvColumnMapping
            entity={entity}
            preview={mapped.preview}
            choice={mapped.choice}
            onChange={(next) => {
              setChoice(next);
              resetResults();
            }}
          />
        ) : null}
        <Group>
          <Button
            variant="default"
            disabled={!canPreview}
            loading={preview.isPending}
            onClick={() => {
              const run = runWith(true);
              if (run) preview.mutate(run);
            }}
          >
            {t("csv.preview")}
          </Button>
          <Button
            disabled={!canImport}
            loading={commit.isPending}
            onClick={() => {
              const run = runWith(false);
              if (run) commit.mutate(run);
            }}
          >
            {t("csv.import")}
          </Button>
          {!previewed && !commit.data ? (
            <Text size="sm" c="dimmed">
              {t("csv.chooseFileFirst")}
            </Text>
          ) : null}
        </Group>

        {preview.isError ? <ApiErrorAlert error={preview.error} /> : null}
        {commit.data ? (
          <Alert color="teal" variant="light" role="status">
            {t("csv.done", { created: commit.data.created, updated: commit.data.updated })}
            <Button
              variant="subtle"
              size="compact-sm"
              ml="sm"
              onClick={() => {
                setFile(null);
                setFileInputKey((key) => key + 1);
                resetResults();
                readColumns({ entity, file: null });
              }}
            >
              {t("csv.another")}
            </Button>
          </Alert>
        ) : null}
        {commit.isError ? (
          commitProblems.length > 0 ? (
            <Alert color="red" variant="light" role="alert">
              {t("csv.failed")}
            </Alert>
          ) : (
            <ApiErrorAlert error={commit.error} />
          )
        ) : null}
        {commitProblems.length > 0 ? (
          <CsvResult entity={entity} problems={commitProblems} />
        ) : previewed && !commit.data ? (
          <CsvResult entity={entity} result={previewed} problems={previewed.errors} />
        ) : null}
      </Stack>
    </Paper>
  );
};
