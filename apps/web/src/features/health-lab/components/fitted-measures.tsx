import { Badge, Button, Group, NumberInput, Paper, Stack, Table, Text } from "@mantine/core";
import { describeMetric, formatMetricValue, localizeText, type Scorecard } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ScoringEditor } from "../../cs-settings/components/scoring-editor";
import { uiLanguage } from "../../cs-settings/display-text";
import { errorsUnder } from "../../cs-settings/schema-errors";
import { useUsageLabels } from "../../cs-settings/use-usage-labels";
import type { DraftReport } from "../health-lab.queries";
import { aucVerdict, formatAuc, metricFloor, scoringRows, verdictColors } from "../lab-format";

type Measure = Scorecard["measures"][number];

type Props = {
  scorecard: Scorecard;
  report: DraftReport;
  onChange: (scorecard: Scorecard) => void;
  /** Errors of core's schema, keyed "measures.0.weight". */
  errors: Record<string, string>;
  readOnly: boolean;
};

/**
 * The fitted measures as a CS person checks them: what each counts, its
 * steps as ranges with their points, its weight, and the sentence that
 * says why (in the UI language) with how well it told churners apart alone.
 * Weights and steps can be changed here before the draft is accepted.
 */
export const FittedMeasures = ({ scorecard, report, onChange, errors, readOnly }: Props) => {
  const { t } = useTranslation();
  const total = scorecard.measures.reduce(
    (sum, measure) => sum + (Number.isFinite(measure.weight) ? measure.weight : 0),
    0,
  );
  const setMeasure = (index: number, next: Measure) =>
    onChange({
      ...scorecard,
      measures: scorecard.measures.map((measure, at) => (at === index ? next : measure)),
    });
  return (
    <Stack gap="sm">
      {scorecard.measures.map((measure, index) => (
        <FittedMeasure
          key={measure.key}
          measure={measure}
          share={total > 0 && Number.isFinite(measure.weight) ? measure.weight / total : null}
          reported={report.measures.find((m) => m.key === measure.key)}
          errors={errorsUnder(errors, `measures.${index}`)}
          readOnly={readOnly}
          onChange={(next) => setMeasure(index, next)}
        />
      ))}
      <Text size="sm" c="dimmed">
        {t("healthLab.fit.weightTotal", { total })}
      </Text>
    </Stack>
  );
};

const FittedMeasure = ({
  measure,
  share,
  reported,
  errors,
  readOnly,
  onChange,
}: {
  measure: Measure;
  share: number | null;
  reported: DraftReport["measures"][number] | undefined;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (measure: Measure) => void;
}) => {
  const { t, i18n } = useTranslation();
  const { lang, labels } = useUsageLabels();
  const [editing, setEditing] = useState(false);
  const name = localizeText(measure.name, lang) || measure.key;
  const verdict = aucVerdict(reported?.trainingAuc ?? null);
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600}>{name}</Text>
            {measure.kind === "metric" && describeMetric(measure.metric, lang, labels) !== name ? (
              <Text size="xs" c="dimmed">
                {describeMetric(measure.metric, lang, labels)}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              size="xs"
              w={90}
              label={t("healthLab.fit.weight")}
              aria-label={`${name}: ${t("healthLab.fit.weight")}`}
              value={Number.isFinite(measure.weight) ? measure.weight : ""}
              min={0}
              disabled={readOnly}
              error={errors.weight}
              onChange={(weight) =>
                onChange({ ...measure, weight: typeof weight === "number" ? weight : Number.NaN })
              }
            />
            {share !== null ? (
              <Text size="xs" c="dimmed" pb={6}>
                {new Intl.NumberFormat(i18n.language, { style: "percent" }).format(share)}
              </Text>
            ) : null}
          </Group>
        </Group>
        {reported ? (
          <Text size="sm" data-testid="measure-explanation">
            {localizeText(reported.explanation, lang)}
          </Text>
        ) : null}
        {reported ? (
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t("healthLab.fit.trainingAuc", {
                auc: formatAuc(reported.trainingAuc, i18n.language),
              })}
            </Text>
            <Badge size="xs" variant="light" color={verdictColors[verdict]}>
              {t(`healthLab.verdict.${verdict}`)}
            </Badge>
          </Group>
        ) : null}
        <StepTable measure={measure} />
        {readOnly ? null : (
          <Button
            size="compact-xs"
            variant="subtle"
            w="fit-content"
            aria-expanded={editing}
            aria-label={`${name}: ${t(editing ? "healthLab.fit.doneEditingSteps" : "healthLab.fit.editSteps")}`}
            onClick={() => setEditing(!editing)}
          >
            {t(editing ? "healthLab.fit.doneEditingSteps" : "healthLab.fit.editSteps")}
          </Button>
        )}
        {editing ? (
          <ScoringEditor
            value={measure.scoring}
            measureName={name}
            errors={errorsUnder(errors, "scoring")}
            onChange={(scoring) => onChange({ ...measure, scoring })}
          />
        ) : null}
      </Stack>
    </Paper>
  );
};

/** "Below 12 → 0 points; 12 to under 30 → 40; 30 or more → 100", as a small table. */
const StepTable = ({ measure }: { measure: Measure }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const { scoring } = measure;
  const value = (n: number) =>
    measure.kind === "metric" ? formatMetricValue(measure.metric, n, lang) : String(n);
  if (scoring.kind === "linear") {
    return (
      <Text size="sm">
        {t("healthLab.fit.linear", {
          from: value(scoring.from),
          fromPoints: scoring.fromPoints,
          to: value(scoring.to),
          toPoints: scoring.toPoints,
        })}
      </Text>
    );
  }
  const rangeOf = (row: ReturnType<typeof scoringRows>[number]) => {
    if (row.from === null && row.to !== null)
      return t("healthLab.fit.below", { to: value(row.to) });
    if (row.from !== null && row.to === null)
      return t("healthLab.fit.atLeast", { from: value(row.from) });
    if (row.from !== null && row.to !== null) {
      return t("healthLab.fit.between", { from: value(row.from), to: value(row.to) });
    }
    return "";
  };
  return (
    <Table
      fz="sm"
      withTableBorder
      maw={480}
      aria-label={t("healthLab.fit.stepsOf", { name: localizeText(measure.name, lang) })}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("healthLab.fit.range")}</Table.Th>
          <Table.Th ta="right">{t("healthLab.fit.points")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {scoringRows(scoring, measure.kind === "metric" ? metricFloor(measure.metric) : null).map(
          (row) => (
            <Table.Tr key={`${row.from}-${row.to}`}>
              <Table.Td>{rangeOf(row)}</Table.Td>
              <Table.Td ta="right">{row.points}</Table.Td>
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
};
