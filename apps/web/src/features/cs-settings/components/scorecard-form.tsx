import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { WorkspaceScorecard } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "../../../lib/format";
import { errorsUnder } from "../schema-errors";
import { newMetricMeasure, newRatingMeasure } from "../scorecard-drafts";
import { DisplayTextInput } from "./display-text-input";
import { MeasureCard } from "./measure-card";
import { SegmentsInput } from "./segments-input";

type Props = {
  value: WorkspaceScorecard;
  onChange: (value: WorkspaceScorecard) => void;
  /** Errors keyed relative to the entry ("scorecard.bands.yellowMax"). */
  errors: Record<string, string>;
  phaseOptions: { value: string; label: string }[];
  readOnly: boolean;
};

const BAND_ORDER_MESSAGE = "cut-offs must be ordered";

/** One scorecard: who it applies to, its measures, band cut-offs and minimum coverage. */
export const ScorecardForm = ({ value, onChange, errors, phaseOptions, readOnly }: Props) => {
  const { t, i18n } = useTranslation();
  const card = value.scorecard;
  // Core's computeHealth: points weighted by weight ÷ total, over the measures with a value.
  const totalWeight = card.measures.reduce((sum, measure) => sum + measure.weight, 0);
  const weighed = Number.isFinite(totalWeight) && totalWeight > 0;
  const setCard = (next: Partial<WorkspaceScorecard["scorecard"]>) =>
    onChange({ ...value, scorecard: { ...card, ...next } });
  const setAppliesTo = (field: "segments" | "phases", list: string[]) => {
    const { [field]: _old, ...rest } = value.appliesTo;
    onChange({ ...value, appliesTo: list.length === 0 ? rest : { ...rest, [field]: list } });
  };
  const keys = card.measures.map((measure) => measure.key);
  const bandError = errors["scorecard.bands.yellowMax"] ?? errors["scorecard.bands"];
  const { redMax, yellowMax } = card.bands;
  return (
    <Stack gap="md">
      <Group gap="xs" align="flex-start">
        <TextInput
          label={t("csSettings.key")}
          description={t("csSettings.keyHelp")}
          value={value.key}
          w={220}
          disabled={readOnly}
          error={errors.key}
          onChange={(event) => onChange({ ...value, key: event.currentTarget.value })}
        />
      </Group>
      <DisplayTextInput
        label={t("csSettings.name")}
        value={card.name}
        errors={errorsUnder(errors, "scorecard.name")}
        onChange={(name) => {
          const { name: _old, ...rest } = card;
          onChange({ ...value, scorecard: name === undefined ? rest : { ...rest, name } });
        }}
      />
      <Group grow align="flex-start">
        <SegmentsInput
          label={t("csSettings.scorecards.segments")}
          description={t("csSettings.scorecards.segmentsHelp")}
          value={value.appliesTo.segments ?? []}
          disabled={readOnly}
          error={errors["appliesTo.segments"]}
          onChange={(list) => setAppliesTo("segments", list)}
        />
        <MultiSelect
          label={t("csSettings.scorecards.phases")}
          description={t("csSettings.scorecards.phasesHelp")}
          data={phaseOptions}
          value={value.appliesTo.phases ?? []}
          disabled={readOnly}
          error={errors["appliesTo.phases"]}
          onChange={(list) => setAppliesTo("phases", list)}
        />
      </Group>

      <Title order={3} size="h5">
        {t("csSettings.scorecards.measures")}
      </Title>
      {errors["scorecard.measures"] ? (
        <Text size="sm" c="red">
          {errors["scorecard.measures"]}
        </Text>
      ) : null}
      {card.measures.map((measure, index) => (
        <MeasureCard
          // biome-ignore lint/suspicious/noArrayIndexKey: keys are being edited; position is stable.
          key={index}
          measure={measure}
          readOnly={readOnly}
          // Just added: its name is still to be written.
          initiallyOpen={measure.name === ""}
          errors={errorsUnder(errors, `scorecard.measures.${index}`)}
          onChange={(next) =>
            setCard({ measures: card.measures.map((m, at) => (at === index ? next : m)) })
          }
          onRemove={() => setCard({ measures: card.measures.filter((_, at) => at !== index) })}
          share={weighed ? measure.weight / totalWeight : null}
        />
      ))}
      {card.measures.length > 0 ? (
        <Stack gap={4} data-testid="weight-summary">
          <Text size="sm" fw={600}>
            {t("csSettings.scorecards.weightTotal", {
              total: weighed ? formatNumber(totalWeight, i18n.language) : t("common.none"),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t("csSettings.scorecards.normalisation")}{" "}
            {!Number.isFinite(card.minCoverage)
              ? null
              : card.minCoverage > 0
                ? t("csSettings.scorecards.normalisationCoverage", {
                    min: formatPercent(card.minCoverage, i18n.language),
                  })
                : t("csSettings.scorecards.normalisationAnyData")}
          </Text>
        </Stack>
      ) : null}
      {readOnly ? null : (
        <Group gap="xs">
          <Button
            variant="light"
            size="xs"
            onClick={() => setCard({ measures: [...card.measures, newMetricMeasure(keys)] })}
          >
            {t("csSettings.scorecards.addMetricMeasure")}
          </Button>
          <Button
            variant="light"
            size="xs"
            color="grape"
            onClick={() => setCard({ measures: [...card.measures, newRatingMeasure(keys)] })}
          >
            {t("csSettings.scorecards.addRatingMeasure")}
          </Button>
        </Group>
      )}

      <Title order={3} size="h5">
        {t("csSettings.scorecards.bands")}
      </Title>
      <Group gap="xs" align="flex-start">
        <NumberInput
          label={t("csSettings.scorecards.redMax")}
          value={Number.isFinite(redMax) ? redMax : ""}
          min={0}
          max={100}
          allowDecimal={false}
          w={140}
          disabled={readOnly}
          error={errors["scorecard.bands.redMax"]}
          onChange={(next) =>
            setCard({
              bands: { ...card.bands, redMax: typeof next === "number" ? next : Number.NaN },
            })
          }
        />
        <NumberInput
          label={t("csSettings.scorecards.yellowMax")}
          value={Number.isFinite(yellowMax) ? yellowMax : ""}
          min={0}
          max={100}
          allowDecimal={false}
          w={140}
          disabled={readOnly}
          error={
            bandError?.startsWith(BAND_ORDER_MESSAGE)
              ? t("csSettings.scorecards.bandOrder")
              : bandError
          }
          onChange={(next) =>
            setCard({
              bands: { ...card.bands, yellowMax: typeof next === "number" ? next : Number.NaN },
            })
          }
        />
        <NumberInput
          label={t("csSettings.scorecards.minCoverage")}
          description={t("csSettings.scorecards.minCoverageHelp")}
          value={Number.isFinite(card.minCoverage) ? Math.round(card.minCoverage * 100) : ""}
          min={0}
          max={100}
          suffix="%"
          w={280}
          disabled={readOnly}
          error={errors["scorecard.minCoverage"]}
          onChange={(next) =>
            setCard({ minCoverage: typeof next === "number" ? next / 100 : Number.NaN })
          }
        />
      </Group>
      {redMax < yellowMax && yellowMax < 100 ? (
        <Text size="sm" c="dimmed">
          {t("csSettings.scorecards.bandSummary", {
            redMax,
            yellowFrom: redMax + 1,
            yellowMax,
            greenFrom: yellowMax + 1,
          })}
        </Text>
      ) : null}
    </Stack>
  );
};
