import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import type { Scoring } from "@michi/core";
import { useTranslation } from "react-i18next";

type Props = {
  value: Scoring;
  onChange: (value: Scoring) => void;
  /** Errors keyed relative to the scoring ("steps.1.min", "to"). */
  errors?: Record<string, string>;
  /** Used in labels so that inputs of several measures stay distinct for screen readers. */
  measureName: string;
};

const num = (value: number | string) => (typeof value === "number" ? value : Number.NaN);
const shown = (value: number) => (Number.isFinite(value) ? value : "");

/** How a measure's value becomes 0–100 points: threshold steps, or a linear range. */
export const ScoringEditor = ({ value, onChange, errors = {}, measureName }: Props) => {
  const { t } = useTranslation();
  const switchKind = (kind: string) => {
    if (kind === value.kind) return;
    onChange(
      kind === "thresholds"
        ? {
            kind: "thresholds",
            steps: [
              { min: 0, points: 0 },
              { min: 1, points: 100 },
            ],
          }
        : { kind: "linear", from: 0, to: 10, fromPoints: 0, toPoints: 100 },
    );
  };
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        aria-label={`${measureName}: ${t("csSettings.scorecards.scoring")}`}
        value={value.kind}
        onChange={switchKind}
        data={[
          { value: "thresholds", label: t("csSettings.scorecards.thresholds") },
          { value: "linear", label: t("csSettings.scorecards.linear") },
        ]}
        w="fit-content"
      />
      {value.kind === "thresholds" ? (
        <Stack gap={4}>
          {value.steps.map((step, index) => {
            const set = (next: Partial<typeof step>) =>
              onChange({
                ...value,
                steps: value.steps.map((existing, at) =>
                  at === index ? { ...existing, ...next } : existing,
                ),
              });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional.
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <NumberInput
                  size="xs"
                  label={t("csSettings.scorecards.stepMin")}
                  aria-label={`${measureName}: ${t("csSettings.scorecards.stepMin")} ${index + 1}`}
                  value={shown(step.min)}
                  w={130}
                  error={errors[`steps.${index}.min`]}
                  onChange={(min) => set({ min: num(min) })}
                />
                <NumberInput
                  size="xs"
                  label={t("csSettings.scorecards.stepPoints")}
                  aria-label={`${measureName}: ${t("csSettings.scorecards.stepPoints")} ${index + 1}`}
                  value={shown(step.points)}
                  min={0}
                  max={100}
                  w={110}
                  error={errors[`steps.${index}.points`]}
                  onChange={(points) => set({ points: num(points) })}
                />
                {value.steps.length > 1 ? (
                  <ActionIcon
                    mt={24}
                    variant="subtle"
                    color="red"
                    aria-label={t("csSettings.scorecards.removeStep")}
                    onClick={() =>
                      onChange({ ...value, steps: value.steps.filter((_, at) => at !== index) })
                    }
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            );
          })}
          {errors.steps ? (
            <Text size="xs" c="red">
              {errors.steps}
            </Text>
          ) : null}
          <Button
            size="xs"
            variant="subtle"
            w="fit-content"
            onClick={() => {
              const last = value.steps.at(-1);
              const min = last && Number.isFinite(last.min) ? last.min + 1 : 0;
              onChange({ ...value, steps: [...value.steps, { min, points: 100 }] });
            }}
          >
            {t("csSettings.scorecards.addStep")}
          </Button>
        </Stack>
      ) : (
        <Group gap="xs" align="flex-start">
          {(["from", "fromPoints", "to", "toPoints"] as const).map((field) => (
            <NumberInput
              key={field}
              size="xs"
              label={t(`csSettings.scorecards.${field}`)}
              aria-label={`${measureName}: ${t(`csSettings.scorecards.${field}`)}`}
              value={shown(value[field])}
              w={130}
              {...(field.endsWith("Points") ? { min: 0, max: 100 } : {})}
              error={errors[field]}
              onChange={(next) => onChange({ ...value, [field]: num(next) })}
            />
          ))}
        </Group>
      )}
    </Stack>
  );
};
