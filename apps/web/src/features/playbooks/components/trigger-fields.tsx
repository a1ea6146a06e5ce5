import {
  Chip,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TextInput,
} from "@mantine/core";
import {
  type PlaybookBand,
  type PlaybookTrigger,
  type PlaybookTriggerKind,
  planCheckCodes,
  playbookBands,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { defaultTrigger } from "../editor-model";

export const triggerKinds: PlaybookTriggerKind[] = [
  "healthBandChanged",
  "healthScoreDropped",
  "phaseChanged",
  "phaseProposed",
  "maturityLevelChanged",
  "planFindingAppeared",
  "kpiOffTrack",
  "milestoneOverdue",
  "renewalDue",
  "contractCreated",
  "contractEnded",
  "usageEvent",
  "manual",
];

type Props = {
  trigger: PlaybookTrigger;
  onChange: (trigger: PlaybookTrigger) => void;
  /** Problems by the parameter's name ("" for the trigger as a whole). */
  errors: Record<string, string | undefined>;
  phaseOptions: { value: string; label: string }[];
};

const numberOr = (value: string | number, fallback: number) =>
  typeof value === "number" ? value : Number.parseInt(value, 10) || fallback;

/** The trigger's kind and, below it, the parameters of that kind. */
export const TriggerFields = ({ trigger, onChange, errors, phaseOptions }: Props) => {
  const { t } = useTranslation();
  const set = (patch: Record<string, unknown>) =>
    onChange({ ...trigger, ...patch } as PlaybookTrigger);

  const bandChips = (key: "from" | "to", label: string) => {
    const value = (trigger as { from?: PlaybookBand[]; to?: PlaybookBand[] })[key] ?? [];
    return (
      <Input.Wrapper
        label={label}
        description={t("playbooks.editor.bandsHelp")}
        error={errors[key]}
      >
        <Chip.Group multiple value={value} onChange={(next) => set({ [key]: next })}>
          <Group gap="xs" mt={6}>
            {playbookBands.map((band) => (
              <Chip key={band} value={band} size="sm">
                {t(`playbooks.bandNames.${band}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
    );
  };

  const phaseSelect = (key: "from" | "to", label: string) => {
    const value = (trigger as { from?: string[]; to?: string[] })[key] ?? [];
    // A phase key the workspace no longer has still shows, so it can be removed.
    const known = new Set(phaseOptions.map((option) => option.value));
    const data = [
      ...phaseOptions,
      ...value.filter((key) => !known.has(key)).map((key) => ({ value: key, label: key })),
    ];
    return (
      <MultiSelect
        label={label}
        description={t("playbooks.editor.phasesHelp")}
        data={data}
        value={value}
        onChange={(next) => set({ [key]: next })}
        error={errors[key]}
        clearable
      />
    );
  };

  const params = () => {
    switch (trigger.kind) {
      case "healthBandChanged":
        return (
          <>
            {bandChips("from", t("playbooks.editor.bandsFrom"))}
            {bandChips("to", t("playbooks.editor.bandsTo"))}
          </>
        );
      case "healthScoreDropped":
        return (
          <Group grow align="flex-start">
            <NumberInput
              label={t("playbooks.editor.points")}
              min={1}
              max={100}
              allowDecimal={false}
              value={trigger.points}
              onChange={(value) => set({ points: numberOr(value, 1) })}
              error={errors.points}
            />
            <NumberInput
              label={t("playbooks.editor.withinDays")}
              min={1}
              max={90}
              allowDecimal={false}
              value={trigger.withinDays}
              onChange={(value) => set({ withinDays: numberOr(value, 1) })}
              error={errors.withinDays}
            />
          </Group>
        );
      case "phaseChanged":
        return (
          <Group grow align="flex-start">
            {phaseSelect("from", t("playbooks.editor.phasesFrom"))}
            {phaseSelect("to", t("playbooks.editor.phasesTo"))}
          </Group>
        );
      case "phaseProposed":
        return phaseSelect("from", t("playbooks.editor.phasesFrom"));
      case "maturityLevelChanged":
        return (
          <Group grow align="flex-start">
            <Select
              label={t("playbooks.editor.direction")}
              data={(["up", "down", "any"] as const).map((value) => ({
                value,
                label: t(`playbooks.directions.${value}`),
              }))}
              value={trigger.direction ?? "any"}
              onChange={(value) => set({ direction: value ?? "any" })}
              allowDeselect={false}
              error={errors.direction}
            />
            <TextInput
              label={t("playbooks.editor.product")}
              description={t("playbooks.editor.productHelp")}
              value={trigger.product ?? ""}
              onChange={(event) => set({ product: event.currentTarget.value })}
              error={errors.product}
            />
          </Group>
        );
      case "planFindingAppeared":
        return (
          <MultiSelect
            label={t("playbooks.editor.codes")}
            data={planCheckCodes.map((entry) => ({
              value: entry.code,
              label: t(`plans.checkCodes.${entry.code}.label` as "plans.checkCodes.overdue.label"),
            }))}
            value={trigger.codes}
            onChange={(next) => set({ codes: next })}
            error={errors.codes}
          />
        );
      case "renewalDue":
        return (
          <NumberInput
            label={t("playbooks.editor.renewalDays")}
            min={1}
            max={730}
            allowDecimal={false}
            value={trigger.days}
            onChange={(value) => set({ days: numberOr(value, 1) })}
            error={errors.days}
          />
        );
      case "usageEvent":
        return (
          <TextInput
            label={t("playbooks.editor.event")}
            value={trigger.event}
            onChange={(event) => set({ event: event.currentTarget.value })}
            error={errors.event}
          />
        );
      default:
        return null;
    }
  };

  return (
    <Stack gap="sm">
      <Select
        label={t("playbooks.editor.triggerKind")}
        data={triggerKinds.map((kind) => ({
          value: kind,
          label: t(`playbooks.triggerKinds.${kind}`),
        }))}
        value={trigger.kind}
        onChange={(kind) => {
          if (kind && kind !== trigger.kind) onChange(defaultTrigger(kind as PlaybookTriggerKind));
        }}
        allowDeselect={false}
        error={errors[""]}
      />
      {params()}
    </Stack>
  );
};
