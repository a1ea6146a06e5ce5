import { Badge, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { type CsvEntity, findCsvColumnLabel } from "@michi/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../lib/i18n";
import { problemText } from "../../../lib/problem-text";
import type { CsvImportResult } from "../csv.queries";

/** A row problem: English message, and the code and params it is worded from. */
export type RowProblem = {
  row: number;
  field: string | null;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
};

/** At most this many preview rows are drawn; the counts cover the whole file. */
const PREVIEW_ROWS = 200;

const Stat = ({ label, value, color }: { label: string; value: number; color?: string }) => (
  <Paper withBorder p="sm" radius="md">
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text size="xl" fw={700} c={color}>
      {value.toLocaleString()}
    </Text>
  </Paper>
);

/** How the server names what it read a file as. */
const encodingNames: Record<string, string> = { "utf-8": "UTF-8", shift_jis: "Shift_JIS" };

/** A problem's column as the file's header may have it: "タッチモデル (touchModel)". */
const columnName = (entity: CsvEntity, field: string) => {
  const label = findCsvColumnLabel(entity, field, currentLanguage());
  return label ? `${label} (${field})` : field;
};

type Props = { entity: CsvEntity; result?: CsvImportResult; problems: RowProblem[] };

export const CsvResult = ({ entity, result, problems }: Props) => {
  const { t } = useTranslation();
  const dash = t("common.none");
  return (
    <Stack>
      {result ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t("csv.totalRows")} value={result.totalRows} />
          <Stat label={t("csv.toCreate")} value={result.created} color="teal" />
          <Stat label={t("csv.toUpdate")} value={result.updated} color="blue" />
          <Stat
            label={t("csv.errorCount")}
            value={problems.length}
            {...(problems.length > 0 ? { color: "red" } : {})}
          />
        </SimpleGrid>
      ) : null}

      {result ? (
        <Text size="xs" c="dimmed">
          {t("csv.readAs", { encoding: encodingNames[result.encoding] ?? result.encoding })}
        </Text>
      ) : null}

      {result && problems.length === 0 ? (
        <Text c="teal" fw={500} role="status">
          {t("csv.ready", { created: result.created, updated: result.updated })}
        </Text>
      ) : null}

      {problems.length > 0 ? (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("csv.errorsTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("csv.errorsHint")}
          </Text>
          <ScrollArea.Autosize mah={420}>
            <Table striped withTableBorder aria-label={t("csv.errorsTitle")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t("csv.row")}</Table.Th>
                  <Table.Th w={200}>{t("csv.field")}</Table.Th>
                  <Table.Th>{t("csv.message")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((problem) => (
                  <Table.Tr key={`${problem.row}-${problem.field}-${problem.message}`}>
                    <Table.Td>{problem.row || dash}</Table.Td>
                    <Table.Td>{problem.field ? columnName(entity, problem.field) : dash}</Table.Td>
                    <Table.Td>{problemText(problem)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      ) : null}

      {result && result.rows.length > 0 ? (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("csv.rowsTitle")}
          </Title>
          {result.rows.length > PREVIEW_ROWS ? (
            <Text size="sm" c="dimmed">
              {t("csv.rowsShown", { shown: PREVIEW_ROWS, total: result.rows.length })}
            </Text>
          ) : null}
          <ScrollArea.Autosize mah={420}>
            <Table withTableBorder aria-label={t("csv.rowsTitle")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t("csv.row")}</Table.Th>
                  <Table.Th w={120}>{t("csv.action")}</Table.Th>
                  <Table.Th w={200}>{t("accounts.externalId")}</Table.Th>
                  <Table.Th>{t("csv.name")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <Table.Tr key={row.row}>
                    <Table.Td>{row.row}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={row.action === "create" ? "teal" : "blue"}>
                        {row.action === "create" ? t("csv.actionCreate") : t("csv.actionUpdate")}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace">{row.externalId ?? dash}</Table.Td>
                    <Table.Td>{row.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      ) : null}
    </Stack>
  );
};
