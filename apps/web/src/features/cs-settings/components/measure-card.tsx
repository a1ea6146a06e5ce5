import { Badge, Button, Group, NumberInput, Paper, Stack, Text, TextInput } from "@mantine/core";
import { describeMetric, localizeText, type ScorecardMeasure } from "@michi/core";
import { useTranslation } from "react-i18next";
import { uiLanguage } from "../display-text";
import { errorsUnder } from "../schema-errors";
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
};

/** One measure of a scorecard: a metric scored by a function, or a 1–5 rating by the CSM. */
export const MeasureCard = ({ measure, onChange, onRemove, errors, readOnly = false }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const name = measure.name ? localizeText(measure.name, lang) : measure.key;
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" disabled={readOnly} aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge variant="light" color={measure.kind === "metric" ? "indigo" : "grape"}>
              {t(
                measure.kind === "metric"
                  ? "csSettings.scorecards.metricMeasure"
                  : "csSettings.scorecards.ratingMeasure",
              )}
            </Badge>
            <Text fw={600}>{name}</Text>
          </Group>
          {readOnly ? null : (
            <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
              {t("csSettings.scorecards.removeMeasure")}
            </Button>
          )}
        </Group>
        <Group gap="xs" align="flex-start">
          <TextInput
            label={t("csSettings.key")}
            aria-label={`${name}: ${t("csSettings.key")}`}
            value={measure.key}
            w={180}
            error={errors.key}
            onChange={(event) => onChange({ ...measure, key: event.currentTarget.value })}
          />
          <NumberInput
            label={t("csSettings.scorecards.weight")}
            aria-label={`${name}: ${t("csSettings.scorecards.weight")}`}
            value={Number.isFinite(measure.weight) ? measure.weight : ""}
            min={0}
            w={120}
            error={errors.weight}
            onChange={(weight) =>
              onChange({ ...measure, weight: typeof weight === "number" ? weight : Number.NaN })
            }
          />
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
              {describeMetric(measure.metric, lang)}
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
    </Paper>
  );
};
