import { Group, NumberInput, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { formatDate } from "../../../lib/format";
import type { PeriodCheck, PeriodProblem } from "../lab-period";

export type PeriodDraft = {
  from: string;
  to: string;
  everyDays: number | string;
  horizonDays: number | string;
};

type Props = {
  value: PeriodDraft;
  onChange: (value: PeriodDraft) => void;
  check: PeriodCheck;
  /** Shown only once a person asked: an untouched default is never wrong. */
  showProblems: boolean;
  /** Field problems from the server's 422, by field, in its own words. */
  serverErrors?: Partial<Record<keyof PeriodDraft, string>>;
};

/**
 * The Lab's question: observation days from–to every N days, and how many
 * days after each one churn counts. Dates are typed as the browser's date
 * field; the line beneath says them in the UI language.
 */
export const PeriodControls = ({
  value,
  onChange,
  check,
  showProblems,
  serverErrors = {},
}: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const messageOf = (field: PeriodProblem["field"]): string | undefined => {
    const problem = showProblems ? check.problems.find((p) => p.field === field) : undefined;
    if (!problem) return serverErrors[field];
    switch (problem.code) {
      case "invalid":
        return t("healthLab.period.invalidDate");
      case "afterTo":
        return t("healthLab.period.fromAfterTo");
      case "noKnownOutcome":
        return t("healthLab.period.noKnownOutcome", {
          latest: formatDate(problem.latest, locale),
        });
      case "range":
        return t("healthLab.period.daysRange");
      case "tooMany":
        return t("healthLab.period.tooMany", { count: problem.count });
    }
  };
  const first = check.days[0];
  const last = check.days.at(-1);
  return (
    <>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <DateField
          label={t("healthLab.period.from")}
          value={value.from}
          onChange={(from) => onChange({ ...value, from })}
          // Level with the next field, which has a description.
          description=" "
          error={messageOf("from")}
          w={190}
        />
        <DateField
          label={t("healthLab.period.to")}
          value={value.to}
          onChange={(to) => onChange({ ...value, to })}
          // Level with the next field, which has a description.
          description=" "
          error={messageOf("to")}
          w={190}
        />
        <NumberInput
          label={t("healthLab.period.everyDays")}
          description={t("healthLab.period.everyDaysHelp")}
          value={value.everyDays}
          min={1}
          max={365}
          allowDecimal={false}
          suffix={t("healthLab.period.daysSuffix")}
          onChange={(everyDays) => onChange({ ...value, everyDays })}
          error={messageOf("everyDays")}
          w={170}
        />
        <NumberInput
          label={t("healthLab.period.horizonDays")}
          description={t("healthLab.period.horizonDaysHelp")}
          value={value.horizonDays}
          min={1}
          max={365}
          allowDecimal={false}
          suffix={t("healthLab.period.daysSuffix")}
          onChange={(horizonDays) => onChange({ ...value, horizonDays })}
          error={messageOf("horizonDays")}
          w={200}
        />
      </Group>
      {first && last ? (
        <Text size="sm" c="dimmed" data-testid="observation-days">
          {t("healthLab.period.summary", {
            count: check.days.length,
            from: formatDate(first, locale),
            to: formatDate(last, locale),
          })}
          {check.unknownDays > 0
            ? ` ${t("healthLab.period.leftOut", { count: check.unknownDays })}`
            : ""}
        </Text>
      ) : null}
    </>
  );
};
