import {
  ActionIcon,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import {
  describeRule,
  type MetricRule,
  metricRuleSchema,
  RULE_MAX_CHILDREN,
  RULE_MAX_DEPTH,
  type RuleComparison,
  ruleOperators,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { defaultMetric } from "../metric-refs";
import { errorsUnder } from "../schema-errors";
import { useUsageLabels } from "../use-usage-labels";
import { MetricPicker } from "./metric-picker";

type Props = {
  value: MetricRule;
  onChange: (value: MetricRule) => void;
  /** Errors keyed relative to the rule ("all.1.value"), e.g. a server 422 mapped by pointer. */
  errors?: Record<string, string>;
  label?: string;
};

export const newComparison = (): RuleComparison => ({ metric: defaultMetric, op: ">=", value: 1 });

const isGroup = (rule: MetricRule): rule is { all: MetricRule[] } | { any: MetricRule[] } =>
  "all" in rule || "any" in rule;

const groupOf = (rule: { all: MetricRule[] } | { any: MetricRule[] }) =>
  "all" in rule
    ? { kind: "all" as const, rules: rule.all }
    : { kind: "any" as const, rules: rule.any };

const makeGroup = (kind: "all" | "any", rules: MetricRule[]): MetricRule =>
  kind === "all" ? { all: rules } : { any: rules };

/**
 * A rule tree (core's metricRuleSchema): all / any groups and comparisons of a
 * metric with a number. Shared by exit criteria, maturity levels and
 * touch-model rules. Below it, the rule in words (describeRule), or what is
 * wrong with it.
 */
export const RuleEditor = ({ value, onChange, errors = {}, label }: Props) => {
  const { t } = useTranslation();
  const { lang, labels } = useUsageLabels();
  const parsed = metricRuleSchema.safeParse(value);
  const localIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const serverTop = errors[""];
  return (
    <Stack gap="xs">
      {label ? (
        <Text size="sm" fw={500}>
          {label}
        </Text>
      ) : null}
      <RuleNode
        rule={value}
        onChange={onChange}
        depth={1}
        errors={errors}
        onWrap={(kind) => onChange(makeGroup(kind, [value, newComparison()]))}
      />
      {parsed.success ? (
        <Text size="sm" c="dimmed" data-testid="rule-text">
          {t("csSettings.rules.reads")} {describeRule(parsed.data, lang, labels)}
        </Text>
      ) : (
        <Box role="alert">
          {localIssues.map((issue) => (
            <Text key={`${issue.path}-${issue.message}`} size="sm" c="red">
              {issue.path ? `${issue.path}: ` : ""}
              {issue.message}
            </Text>
          ))}
        </Box>
      )}
      {serverTop ? (
        <Text size="sm" c="red" role="alert">
          {serverTop}
        </Text>
      ) : null}
    </Stack>
  );
};

type NodeProps = {
  rule: MetricRule;
  onChange: (rule: MetricRule) => void;
  depth: number;
  errors: Record<string, string>;
  /** Root comparison only: turn it into a group with a second condition. */
  onWrap?: (kind: "all" | "any") => void;
  onRemove?: () => void;
};

const RuleNode = ({ rule, onChange, depth, errors, onWrap, onRemove }: NodeProps) => {
  const { t } = useTranslation();
  if (!isGroup(rule)) {
    return (
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <ComparisonRow comparison={rule} onChange={onChange} errors={errors} />
        {onWrap ? (
          <Button size="xs" variant="subtle" onClick={() => onWrap("all")}>
            {t("csSettings.rules.addCondition")}
          </Button>
        ) : null}
        {onRemove ? (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t("csSettings.rules.removeCondition")}
            onClick={onRemove}
          >
            ×
          </ActionIcon>
        ) : null}
      </Group>
    );
  }
  const { kind, rules } = groupOf(rule);
  const setChild = (index: number, child: MetricRule) =>
    onChange(
      makeGroup(
        kind,
        rules.map((existing, at) => (at === index ? child : existing)),
      ),
    );
  const full = rules.length >= RULE_MAX_CHILDREN;
  return (
    <Paper withBorder p="xs" radius="sm" bg={depth % 2 === 0 ? "gray.0" : undefined}>
      <Stack gap="xs">
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            aria-label={t("csSettings.rules.groupKind")}
            value={kind}
            data={[
              { value: "all", label: t("csSettings.rules.all") },
              { value: "any", label: t("csSettings.rules.any") },
            ]}
            onChange={(next) => onChange(makeGroup(next === "any" ? "any" : "all", rules))}
          />
          {onRemove ? (
            <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
              {t("csSettings.rules.removeGroup")}
            </Button>
          ) : null}
        </Group>
        {rules.map((child, index) => (
          <RuleNode
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own; position is it.
            key={index}
            rule={child}
            depth={depth + 1}
            errors={errorsUnder(errors, `${kind}.${index}`)}
            onChange={(next) => setChild(index, next)}
            {...(rules.length > 1
              ? {
                  onRemove: () =>
                    onChange(
                      makeGroup(
                        kind,
                        rules.filter((_, at) => at !== index),
                      ),
                    ),
                }
              : {})}
          />
        ))}
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            disabled={full}
            onClick={() => onChange(makeGroup(kind, [...rules, newComparison()]))}
          >
            {t("csSettings.rules.addCondition")}
          </Button>
          {depth < RULE_MAX_DEPTH - 1 ? (
            <Button
              size="xs"
              variant="subtle"
              disabled={full}
              onClick={() =>
                onChange(
                  makeGroup(kind, [
                    ...rules,
                    makeGroup(kind === "all" ? "any" : "all", [newComparison()]),
                  ]),
                )
              }
            >
              {t("csSettings.rules.addGroup")}
            </Button>
          ) : null}
        </Group>
        {errors[""] && depth > 1 ? (
          <Text size="sm" c="red">
            {errors[""]}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
};

const ComparisonRow = ({
  comparison,
  onChange,
  errors,
}: {
  comparison: RuleComparison;
  onChange: (comparison: RuleComparison) => void;
  errors: Record<string, string>;
}) => {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <MetricPicker
        value={comparison.metric}
        errors={errorsUnder(errors, "metric")}
        onChange={(metric) => onChange({ ...comparison, metric })}
      />
      <Select
        label={t("csSettings.rules.operator")}
        data={ruleOperators.map((op) => ({ value: op, label: t(`csSettings.rules.op.${op}`) }))}
        value={comparison.op}
        allowDeselect={false}
        w={130}
        error={errors.op}
        onChange={(op) => {
          const next = ruleOperators.find((candidate) => candidate === op);
          if (next) onChange({ ...comparison, op: next });
        }}
      />
      <NumberInput
        label={t("csSettings.rules.value")}
        value={Number.isFinite(comparison.value) ? comparison.value : ""}
        w={120}
        error={errors.value}
        onChange={(value) =>
          onChange({ ...comparison, value: typeof value === "number" ? value : Number.NaN })
        }
      />
    </Group>
  );
};
