import { useTranslation } from "react-i18next";
import type { DiffSection } from "./change-value";

/** Document fields a diff or the history names, with words for people; others show as written. */
const fieldNames = [
  "title",
  "status",
  "period.start",
  "period.end",
  "purpose.businessIssue",
  "purpose.problem",
  "purpose.solution",
  "purpose.benefit",
  "goal",
  "winCondition.text",
  "winCondition.kpiKeys",
  "desiredState",
  "kpiKeys",
  "objectiveKeys",
  "ownerKey",
  "effortHoursPerWeek",
  "description",
  "name",
  "unit",
  "direction",
  "baseline",
  "target",
  "dueDate",
  "doneDate",
  "evaluationMethod",
  "dataSource",
  "aggregation",
  "measurements",
  "kind",
  "process",
  "purpose",
  "how",
  "howMuch",
  "impact",
  "difficulty",
  "startDate",
  "role",
  "side",
  "email",
  "measureKey",
  "milestoneKey",
  "audience",
  "everyDays",
  "text",
  "discussed",
] as const;
type FieldName = (typeof fieldNames)[number];
const isFieldName = (field: string): field is FieldName =>
  (fieldNames as readonly string[]).includes(field);

/** A field's name in words; `section` tells fields of the same name apart (a team member's title is a job title). */
export const useFieldLabel = () => {
  const { t } = useTranslation();
  return (field: string, section?: DiffSection) => {
    if (section === "team" && field === "title") return t("plans.team.jobTitle");
    if (field.startsWith("factors.")) {
      const factor = field.slice("factors.".length);
      const known = [
        "people",
        "money",
        "time",
        "quality",
        "dealStructure",
        "environment",
        "rivals",
        "externalThreats",
        "headcount",
        "hoursPerWeekPerPerson",
      ] as const;
      const match = known.find((name) => name === factor);
      return match ? `${t("plans.pufu.factors")}: ${t(`plans.factors.${match}`)}` : field;
    }
    return isFieldName(field) ? t(`plans.fields.${field.replace(".", "_") as FieldKey}`) : field;
  };
};

type FieldKey = {
  [F in FieldName]: F extends `${infer A}.${infer B}` ? `${A}_${B}` : F;
}[FieldName];
