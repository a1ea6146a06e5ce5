import {
  kpiDirections,
  kpiKinds,
  measureStatuses,
  meetingAudiences,
  planRoles,
  planSides,
  planStatuses,
  taskStatuses,
} from "@michi/core";
import type { TFunction } from "i18next";
import { formatDate } from "../../../lib/format";
import { formatKpiValue } from "../kpis/kpi-format";

/** Where a changed field sits in core's PlanDiff: the plan itself, the pufu, or an element list. */
export type DiffSection =
  | "plan"
  | "pufu"
  | "objectives"
  | "measures"
  | "kpis"
  | "roadmap"
  | "milestones"
  | "tasks"
  | "team"
  | "meetingCadences"
  | "failurePatterns";

export type ChangeValueContext = {
  section: DiffSection;
  /** Every element's title by key (core's PlanDiff.names). */
  names: Readonly<Record<string, string>>;
  /** The KPI's unit, for a KPI's baseline and target. */
  unit?: string | undefined;
  t: TFunction;
  lang: string;
};

const DASH = "—";

const dateFields = new Set(["period.start", "period.end", "dueDate", "doneDate", "startDate"]);
const keyFields = new Set(["ownerKey", "measureKey", "milestoneKey"]);

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  (values as readonly unknown[]).includes(value);

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Array.isArray(value) && value.length === 0);

/** A status in the words of its list: the plan's, a measure's or roadmap item's, a task's. */
const statusText = (value: unknown, { section, t }: ChangeValueContext): string | null => {
  if (section === "plan" && oneOf(planStatuses, value)) return t(`plans.status.${value}`);
  if ((section === "measures" || section === "roadmap") && oneOf(measureStatuses, value)) {
    return t(`plans.measureStatus.${value}`);
  }
  if (section === "tasks" && oneOf(taskStatuses, value)) return t(`plans.taskStatus.${value}`);
  return null;
};

/** An enumerated value in words; null when the field has none (or the value is unknown). */
const enumText = (field: string, value: unknown, ctx: ChangeValueContext): string | null => {
  const { t } = ctx;
  if (field === "status") return statusText(value, ctx);
  if (field === "kind" && oneOf(kpiKinds, value)) return t(`plans.kpiKind.${value}`);
  if (field === "direction" && oneOf(kpiDirections, value)) return t(`plans.kpiDirection.${value}`);
  if (field === "role" && oneOf(planRoles, value)) return t(`plans.role.${value}`);
  if (field === "side" && oneOf(planSides, value)) return t(`plans.team.${value}`);
  if (field === "audience" && oneOf(meetingAudiences, value)) return t(`plans.audience.${value}`);
  if (field === "discussed" && typeof value === "boolean") {
    return value ? t("plans.meetings.discussed") : t("plans.meetings.notDiscussed");
  }
  return null;
};

/** A number with the unit the field is counted in. */
const numberText = (field: string, value: number, ctx: ChangeValueContext): string => {
  const { t, lang } = ctx;
  const number = new Intl.NumberFormat(lang).format(value);
  if (ctx.section === "kpis" && (field === "baseline" || field === "target")) {
    return formatKpiValue(value, ctx.unit, lang);
  }
  if (field === "effortHoursPerWeek" || field === "factors.hoursPerWeekPerPerson") {
    return t("plans.pufu.effort", { hours: number });
  }
  if (field === "factors.headcount") return t("plans.diff.people", { count: value });
  if (field === "everyDays") return t("plans.meetings.everyN", { count: value });
  if (field === "impact" || field === "difficulty") return t("plans.diff.rank", { value: number });
  return number;
};

/**
 * One side of a field change as a person reads it: element keys as their
 * titles, statuses and other enumerated values in the UI language, dates in
 * its format, numbers with their units. What it does not know it shows as
 * written (a field a newer server sends), never hides.
 */
export const formatChangeValue = (
  field: string,
  value: unknown,
  ctx: ChangeValueContext,
): string => {
  if (isEmpty(value)) return DASH;
  const nameOf = (key: unknown) => ctx.names[String(key)] ?? String(key);
  if (Array.isArray(value)) {
    const items = field.endsWith("Keys") ? value.map(nameOf) : value.map(String);
    return new Intl.ListFormat(ctx.lang, { style: "narrow" }).format(items);
  }
  if (keyFields.has(field)) return nameOf(value);
  if (dateFields.has(field) && typeof value === "string") return formatDate(value, ctx.lang);
  const named = enumText(field, value, ctx);
  if (named !== null) return named;
  if (typeof value === "number") return numberText(field, value, ctx);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};
