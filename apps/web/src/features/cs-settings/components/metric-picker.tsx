import { Group, NumberInput, Select, TextInput } from "@mantine/core";
import { type MetricRef, metricNames } from "@michi/core";
import { useTranslation } from "react-i18next";
import { isWindowedName, switchMetric } from "../metric-refs";
import { useUsageLabels } from "../use-usage-labels";

type Props = {
  value: MetricRef;
  onChange: (value: MetricRef) => void;
  /** Errors keyed relative to the metric: "windowDays", "event", … */
  errors?: Record<string, string>;
  label?: string;
};

const toNumber = (value: number | string): number =>
  typeof value === "number" ? value : Number.NaN;

/** One metric of core's list, with its window and event where it takes them. */
export const MetricPicker = ({ value, onChange, errors = {}, label }: Props) => {
  const { t } = useTranslation();
  const { eventName, productName } = useUsageLabels();
  // The name the workspace gave what is typed, under the input, once it has one.
  const named = (key: string | undefined, name: (key: string) => string) =>
    key && name(key) !== key ? t("csSettings.rules.shownAs", { name: name(key) }) : undefined;
  const data = metricNames.map((name) => ({ value: name, label: t(`csSettings.metric.${name}`) }));
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        label={label ?? t("csSettings.rules.metric")}
        data={data}
        value={value.name}
        allowDeselect={false}
        searchable
        w={240}
        error={errors[""] ?? errors.name}
        onChange={(name) => {
          const next = metricNames.find((candidate) => candidate === name);
          if (next) onChange(switchMetric(value, next));
        }}
      />
      {isWindowedName(value.name) && "windowDays" in value ? (
        <NumberInput
          label={t("csSettings.rules.windowDays")}
          value={Number.isFinite(value.windowDays) ? value.windowDays : ""}
          min={1}
          max={365}
          allowDecimal={false}
          suffix={t("csSettings.rules.daysSuffix")}
          w={110}
          error={errors.windowDays}
          onChange={(days) => onChange({ ...value, windowDays: toNumber(days) })}
        />
      ) : null}
      {value.name === "eventCount" ||
      value.name === "eventCountChange" ||
      value.name === "eventsPerActiveUser" ||
      value.name === "eventsPerSeat" ? (
        <TextInput
          label={t("csSettings.rules.event")}
          placeholder={value.name === "eventCount" ? "" : t("csSettings.rules.anyEvent")}
          required={value.name === "eventCount"}
          value={value.event ?? ""}
          description={named(value.event, eventName)}
          w={200}
          error={errors.event}
          onChange={(event) => {
            const text = event.currentTarget.value;
            if (value.name === "eventCount") onChange({ ...value, event: text });
            else {
              const { event: _old, ...rest } = value;
              onChange(text === "" ? rest : { ...rest, event: text });
            }
          }}
        />
      ) : null}
      {value.name === "maturityLevel" ? (
        <TextInput
          label={t("csSettings.rules.product")}
          placeholder={t("csSettings.rules.anyProduct")}
          value={value.product ?? ""}
          description={named(value.product, productName)}
          w={160}
          error={errors.product}
          onChange={(event) => {
            const text = event.currentTarget.value;
            onChange(
              text === "" ? { name: "maturityLevel" } : { name: "maturityLevel", product: text },
            );
          }}
        />
      ) : null}
      {value.name === "custom" ? (
        <TextInput
          label={t("csSettings.rules.customKey")}
          required
          value={value.key}
          w={160}
          error={errors.key}
          onChange={(event) => onChange({ name: "custom", key: event.currentTarget.value })}
        />
      ) : null}
    </Group>
  );
};
