import { Badge, Button, Group, NumberInput, Paper, Stack, Text, TextInput } from "@mantine/core";
import { describeMetric, localizeText, type ScorecardMeasure } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatPercent } from "../../../lib/format";
import { errorsUnder } from "../schema-errors";
import { useUsageLabels } from "../use-usage-labels";
import { DisplayTextInput } from "./display-text-input";
import { MetricPicker } from "./metric-picker";
import { ScoringEditor } from "./scoring-editor";

type Props = {
  measure: ScorecardMeasure;
  onChange: (measure: ScorecardMeasure) => void;
  onRemove: () => void;
  /** Errors keyed relative to the measure. */
  errors: Record<string, string>;
  readOnly?: boolean;
  /** New measures open with their details shown; loaded ones show a summary line. */
  initiallyOpen?: boolean;
  /** The weight's share of the scorecard's total (0–1); null while a weight is not a number. */
  share?: number | null;
};

/** One measure of a scorecard: a metric scored by a function, or a 1–5 rating by the CSM. */
export const MeasureCard = ({
  measure,
  onChange,
  onRemove,
  errors,
  readOnly = false,
  initiallyOpen = false,
  share = null,
}: Props) => {
  const { t, i18n } = useTranslation();
  const { lang, labels } = useUsageLabels();
  const [toggled, setToggled] = useState(initiallyOpen);
  // A measure with a problem stays open so its message is seen.
  const hasErrors = Object.keys(errors).some((key) => key !== "weight");
  const open = toggled || hasErrors;
  const name = measure.name ? localizeText(measure.name, lang) : measure.key;
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" disabled={readOnly} aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color={measure.kind === "metric" ? "indigo" : "grape"}>
                {t(
                  measure.kind === "metric"
                    ? "csSettings.scorecards.metricMeasure"
                    : "csSettings.scorecards.ratingMeasure",
                )}
              </Badge>
              <Text fw={600} truncate>
                {name}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {measure.kind === "metric"
                ? `${describeMetric(measure.metric, lang, labels)} · `
                : ""}
              {describeScoring(measure.scoring, t)}
            </Text>
          </Stack>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={t("csSettings.scorecards.weight")}
              aria-label={`${name}: ${t("csSettings.scorecards.weight")}`}
              value={Number.isFinite(measure.weight) ? measure.weight : ""}
              min={0}
              size="xs"
              w={90}
              error={errors.weight}
              onChange={(weight) =>
                onChange({ ...measure, weight: typeof weight === "number" ? weight : Number.NaN })
              }
            />
            {share === null ? null : (
              <Text size="xs" c="dimmed" w={72} pb={6} data-testid="weight-share">
                {t("csSettings.scorecards.weightShare", {
                  share: formatPercent(share, i18n.language),
                })}
              </Text>
            )}
            <Button
              size="xs"
              variant="default"
              aria-expanded={open}
              aria-label={`${name}: ${t("csSettings.scorecards.details")}`}
              onClick={() => setToggled(!open)}
            >
              {t(open ? "csSettings.scorecards.hideDetails" : "csSettings.scorecards.details")}
            </Button>
          </Group>
        </Group>
        {open ? (
          <MeasureDetails
            measure={measure}
            onChange={onChange}
            onRemove={onRemove}
            errors={errors}
            readOnly={readOnly}
            name={name}
          />
        ) : null}
      </Stack>
    </Paper>
  );
};

const describeScoring = (
  scoring: ScorecardMeasure["scoring"],
  t: (key: "csSettings.scorecards.thresholds" | "csSettings.scorecards.linear") => string,
): string =>
  scoring.kind === "thresholds"
    ? `${t("csSettings.scorecards.thresholds")} (${scoring.steps
        .map((step) => `${step.min}→${step.points}`)
        .join(", ")})`
    : `${t("csSettings.scorecards.linear")} (${scoring.from}→${scoring.fromPoints}, ${scoring.to}→${scoring.toPoints})`;

const MeasureDetails = ({
  measure,
  onChange,
  onRemove,
  errors,
  readOnly,
  name,
}: Required<Omit<Props, "initiallyOpen" | "share">> & { name: string }) => {
  const { t } = useTranslation();
  const { lang, labels } = useUsageLabels();
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" justify="space-between">
        <TextInput
          label={t("csSettings.key")}
          aria-label={`${name}: ${t("csSettings.key")}`}
          value={measure.key}
          w={180}
          error={errors.key}
          onChange={(event) => onChange({ ...measure, key: event.currentTarget.value })}
        />
        {readOnly ? null : (
          <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
            {t("csSettings.scorecards.removeMeasure")}
          </Button>
        )}
      </Group>
      <DisplayTextInput
        label={t("csSettings.name")}
        required
        value={measure.name}
        errors={errorsUnder(errors, "name")}
        onChange={(text) => onChange({ ...measure, name: text ?? "" })}
      />
      <DisplayTextInput
        label={t("csSettings.description")}
        value={measure.description}
        multiline
        errors={errorsUnder(errors, "description")}
        onChange={(text) => {
          const { description: _old, ...rest } = measure;
          onChange(text === undefined ? rest : { ...rest, description: text });
        }}
      />
      {measure.kind === "metric" ? (
        <>
          <MetricPicker
            value={measure.metric}
            errors={errorsUnder(errors, "metric")}
            onChange={(metric) => onChange({ ...measure, metric })}
          />
          <Text size="xs" c="dimmed">
            {describeMetric(measure.metric, lang, labels)}
          </Text>
        </>
      ) : (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("csSettings.scorecards.scale")}
          </Text>
          {[0, 1, 2, 3, 4].map((index) => (
            <DisplayTextInput
              key={index}
              label={t("csSettings.scorecards.scaleLevel", { level: index + 1 })}
              value={measure.scale?.[index]}
              errors={errorsUnder(errors, `scale.${index}`)}
              onChange={(text) => {
                const scale = [0, 1, 2, 3, 4].map((at) =>
                  at === index ? (text ?? "") : (measure.scale?.[at] ?? ""),
                );
                const { scale: _old, ...rest } = measure;
                // All five blank: no scale labels at all (the schema wants five or none).
                onChange(scale.every((entry) => entry === "") ? rest : { ...rest, scale });
              }}
            />
          ))}
        </Stack>
      )}
      <ScoringEditor
        value={measure.scoring}
        measureName={name}
        errors={errorsUnder(errors, "scoring")}
        onChange={(scoring) => onChange({ ...measure, scoring })}
      />
    </Stack>
  );
};
