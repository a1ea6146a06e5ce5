import {
  Alert,
  Badge,
  NativeSelect,
  Radio,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import {
  type CsvEntity,
  checkCsvColumnMapping,
  csvColumns,
  findCsvColumnLabel,
  requiredCsvColumnsFor,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../lib/i18n";
import type { CsvColumnPreview, CsvMatchBy } from "../csv.queries";

/** The mapping a person is choosing: one column (or null: ignore) per header cell. */
export type CsvMappingChoice = { targets: (string | null)[]; matchBy: CsvMatchBy };

/** The mapping first shown: as the server proposed it, matched otherwise when no column is the ID. */
export const initialMappingChoice = (preview: CsvColumnPreview): CsvMappingChoice => {
  const targets = preview.columns.map((c) => c.column);
  return { targets, matchBy: fittingMatch(preview.matchOptions, targets, "externalId") };
};

/** Without an externalId column, rows can only be matched another way. */
export const fittingMatch = (
  options: readonly CsvMatchBy[],
  targets: readonly (string | null)[],
  matchBy: CsvMatchBy,
): CsvMatchBy =>
  matchBy === "externalId" && !targets.includes("externalId")
    ? (options.find((option) => option !== "externalId") ?? matchBy)
    : matchBy;

/** Whether the mapping may be sent: every required column mapped, none twice. */
export const isMappingComplete = (
  entity: CsvEntity,
  preview: CsvColumnPreview,
  choice: CsvMappingChoice,
) =>
  preview.columns.length > 0 &&
  checkCsvColumnMapping({
    entity,
    headers: preview.columns.map((c) => c.header),
    targets: choice.targets,
    matchBy: choice.matchBy,
  }).ok;

const IGNORE = "";
const sourceColors = { remembered: "grape", label: "teal", none: "gray" } as const;

type Props = {
  entity: CsvEntity;
  preview: CsvColumnPreview;
  choice: CsvMappingChoice;
  onChange: (choice: CsvMappingChoice) => void;
};

/**
 * The mapping step: each column of the file with the Michi column it goes
 * to (labels in the UI language, required ones marked), the first rows, and
 * how rows without an external ID are matched.
 */
export const CsvColumnMapping = ({ entity, preview, choice, onChange }: Props) => {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const headers = preview.columns.map((c) => c.header);
  const required: readonly string[] = requiredCsvColumnsFor(entity, choice.matchBy);
  const labelOf = (column: string) => findCsvColumnLabel(entity, column, lang) ?? column;
  const options = [
    { value: IGNORE, label: t("csv.mapping.ignore") },
    ...csvColumns[entity].map((column) => ({
      value: column,
      label: required.includes(column)
        ? t("csv.mapping.required", { label: labelOf(column) })
        : labelOf(column),
    })),
  ];
  const checked = checkCsvColumnMapping({
    entity,
    headers,
    targets: choice.targets,
    matchBy: choice.matchBy,
  });
  const problemColumns = (code: string) =>
    checked.ok
      ? []
      : checked.problems.flatMap((p) => (p.code === code && p.field ? [labelOf(p.field)] : []));
  const list = (items: string[]) => new Intl.ListFormat(lang, { style: "narrow" }).format(items);
  const missing = problemColumns("csv-missing-column");
  const duplicates = problemColumns("csv-duplicate-column");
  const headerName = (header: string, index: number) =>
    header || t("csv.mapping.unnamed", { column: index + 1 });
  const setTarget = (index: number, value: string) => {
    const targets = choice.targets.map((target, i) =>
      i === index ? (value === IGNORE ? null : value) : target,
    );
    onChange({ targets, matchBy: fittingMatch(preview.matchOptions, targets, choice.matchBy) });
  };
  const hasExternalId = choice.targets.includes("externalId");

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("csv.mapping.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("csv.mapping.hint")}
      </Text>
      <ScrollArea.Autosize mah={480}>
        <Table withTableBorder aria-label={t("csv.mapping.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("csv.mapping.fileColumn")}</Table.Th>
              <Table.Th>{t("csv.mapping.example")}</Table.Th>
              <Table.Th w={300}>{t("csv.mapping.target")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map(({ header, source }, index) => {
              const name = headerName(header, index);
              const target = choice.targets[index] ?? null;
              const edited = target !== (preview.columns[index]?.column ?? null);
              return (
                // Header cells may repeat or be empty: the position is what identifies one.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Table.Tr key={index}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                    {edited ? null : (
                      <Badge size="xs" variant="light" color={sourceColors[source]}>
                        {t(`csv.mapping.sources.${source}`)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {preview.rows[0]?.[index] ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t("csv.mapping.targetOf", { header: name })}
                      data={options}
                      value={target ?? IGNORE}
                      onChange={(event) => setTarget(index, event.currentTarget.value)}
                      error={
                        target !== null && duplicates.includes(labelOf(target)) ? true : undefined
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {missing.length > 0 ? (
        <Alert color="orange" variant="light">
          {t("csv.mapping.missing", { columns: list(missing) })}
        </Alert>
      ) : null}
      {duplicates.length > 0 ? (
        <Alert color="orange" variant="light">
          {t("csv.mapping.duplicates", { columns: list(duplicates) })}
        </Alert>
      ) : null}

      <Radio.Group
        label={t("csv.mapping.matchBy")}
        description={t("csv.mapping.matchByHint")}
        value={choice.matchBy}
        onChange={(value) => onChange({ ...choice, matchBy: value as CsvMatchBy })}
      >
        <Stack gap={6} mt="xs">
          {preview.matchOptions.map((option) => (
            <Radio
              key={option}
              value={option}
              label={t(`csv.mapping.matchOptions.${option}`)}
              disabled={option === "externalId" && !hasExternalId}
            />
          ))}
        </Stack>
      </Radio.Group>

      <CsvFirstRows preview={preview} headerName={headerName} />
    </Stack>
  );
};

/** The file's first rows as written, under its own headers. */
const CsvFirstRows = ({
  preview,
  headerName,
}: {
  preview: CsvColumnPreview;
  headerName: (header: string, index: number) => string;
}) => {
  const { t } = useTranslation();
  if (preview.rows.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t("csv.mapping.firstRows", { shown: preview.rows.length, total: preview.totalRows })}
      </Text>
      <ScrollArea>
        <Table withTableBorder striped aria-label={t("csv.mapping.firstRowsLabel")}>
          <Table.Thead>
            <Table.Tr>
              {preview.columns.map(({ header }, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: header cells may repeat
                <Table.Th key={index}>{headerName(header, index)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((cells, row) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows as the file has them
              <Table.Tr key={row}>
                {preview.columns.map((_, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one cell per header cell
                  <Table.Td key={index}>{cells[index] ?? ""}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
};
