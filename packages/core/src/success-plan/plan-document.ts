import { z } from "zod";
import { isoDateSchema } from "../accounts/account-fields";
import { withCode } from "../problem-codes";

/*
 * The michi.plan/v1 document (plan-format.schema.json beside this file) as a
 * zod schema. The two must accept and reject the same documents;
 * plan-document.test.ts holds them to it. References between elements are not
 * JSON Schema's business: validatePlanDocument checks those.
 */

export const PLAN_FORMAT = "michi.plan/v1";

export const planStatuses = ["draft", "agreed", "active", "closed"] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const planSides = ["customer", "vendor"] as const;
export type PlanSide = (typeof planSides)[number];

export const planRoles = [
  "finalEvaluator",
  "evaluator",
  "promoter",
  "user",
  "csm",
  "sales",
  "consultant",
  "support",
  "other",
] as const;
export type PlanRole = (typeof planRoles)[number];

export const measureStatuses = ["planned", "inProgress", "done", "dropped"] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const roadmapItemStatuses = ["planned", "inProgress", "done", "dropped"] as const;
export type RoadmapItemStatus = (typeof roadmapItemStatuses)[number];

export const kpiKinds = ["kgi", "kpi"] as const;
export type KpiKind = (typeof kpiKinds)[number];

export const kpiDirections = ["increase", "decrease"] as const;
export type KpiDirection = (typeof kpiDirections)[number];

export const taskStatuses = ["todo", "doing", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const meetingAudiences = ["users", "promoters", "evaluators", "all"] as const;
export type MeetingAudience = (typeof meetingAudiences)[number];

export const PLAN_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * How many of each element one plan may hold, and how long its strings may be.
 * No real plan comes near (a dozen KPIs, each measured weekly for a few years); the limits keep one document from holding the embedded
 * database's single thread, and the PowerPoint export, for seconds. The JSON
 * Schema beside this file states the same numbers as maxItems / maxLength.
 */
export const planLimits = {
  team: 100,
  objectives: 50,
  measures: 100,
  roadmap: 100,
  kpis: 30,
  measurementsPerKpi: 200,
  milestones: 100,
  tasks: 500,
  meetingCadences: 50,
  failurePatterns: 100,
  keysPerList: 100,
  /** Code points of a title, name or other one-line string. */
  name: 500,
  /** Code points of a free text (purpose, factors, descriptions, goal). */
  text: 10_000,
} as const;

/*
 * JSON Schema counts a string's length in code points, String#length (and so
 * zod's .max) in UTF-16 units: an emoji is 1 for one and 2 for the other.
 * Counting code points keeps the two schemas in step.
 */
const codePointLength = (text: string) => {
  let length = 0;
  for (const _ of text) length++;
  return length;
};
const boundedString = ({ nonEmpty = false, max }: { nonEmpty?: boolean; max: number }) =>
  (nonEmpty ? z.string().min(1, "must not be empty") : z.string()).refine(
    (text) => codePointLength(text) <= max,
    withCode("too_big", `must be at most ${max} characters`, { maximum: max, origin: "string" }),
  );

const keySchema = z
  .string()
  .regex(PLAN_KEY_PATTERN, "must be a key of 1 to 64 letters, digits, _ or -");

const limited = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, `must have at most ${max} items`);

const keysSchema = limited(keySchema, planLimits.keysPerList).superRefine((keys, ctx) => {
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) {
      ctx.addIssue({
        code: "custom",
        path: [index],
        message: `repeats the key "${key}"`,
        params: { code: "repeated-key", key },
      });
    }
  });
});

const textSchema = boundedString({ max: planLimits.text });
const nameSchema = boundedString({ nonEmpty: true, max: planLimits.name });
const lineSchema = boundedString({ max: planLimits.name });

export const planTeamMemberSchema = z
  .object({
    key: keySchema,
    name: nameSchema,
    email: lineSchema.optional(),
    title: lineSchema.optional(),
    side: z.enum(planSides),
    role: z.enum(planRoles),
  })
  .strict();

export const planWinConditionSchema = z
  .object({ text: textSchema, kpiKeys: keysSchema.optional() })
  .strict();

export const planObjectiveSchema = z
  .object({
    key: keySchema,
    title: nameSchema,
    desiredState: textSchema.optional(),
    kpiKeys: keysSchema.optional(),
  })
  .strict();

export const planMeasureSchema = z
  .object({
    key: keySchema,
    title: nameSchema,
    description: textSchema.optional(),
    objectiveKeys: keysSchema.optional(),
    ownerKey: keySchema.optional(),
    effortHoursPerWeek: z.number().min(0).optional(),
    status: z.enum(measureStatuses).optional(),
  })
  .strict();

export const planFactorsSchema = z
  .object({
    people: textSchema.optional(),
    money: textSchema.optional(),
    time: textSchema.optional(),
    quality: textSchema.optional(),
    dealStructure: textSchema.optional(),
    environment: textSchema.optional(),
    rivals: textSchema.optional(),
    externalThreats: textSchema.optional(),
    headcount: z.number().min(0).optional(),
    hoursPerWeekPerPerson: z.number().min(0).optional(),
  })
  .strict();

export const pufuSchema = z
  .object({
    goal: textSchema,
    winCondition: planWinConditionSchema,
    objectives: limited(planObjectiveSchema, planLimits.objectives).optional(),
    measures: limited(planMeasureSchema, planLimits.measures).optional(),
    factors: planFactorsSchema.optional(),
  })
  .strict();

const rankSchema = z.number().int().min(1).max(5);

export const planRoadmapItemSchema = z
  .object({
    key: keySchema,
    process: nameSchema,
    purpose: textSchema.optional(),
    how: textSchema.optional(),
    howMuch: textSchema.optional(),
    impact: rankSchema.optional(),
    difficulty: rankSchema.optional(),
    status: z.enum(roadmapItemStatuses).optional(),
    startDate: isoDateSchema.optional(),
    kpiKeys: keysSchema.optional(),
  })
  .strict();

export const planKpiMeasurementSchema = z
  .object({ date: isoDateSchema, value: z.number(), note: lineSchema.optional() })
  .strict();

export const planKpiSchema = z
  .object({
    key: keySchema,
    kind: z.enum(kpiKinds),
    name: nameSchema,
    unit: lineSchema.optional(),
    direction: z.enum(kpiDirections).optional(),
    baseline: z.number().optional(),
    target: z.number().optional(),
    dueDate: isoDateSchema.optional(),
    evaluationMethod: textSchema.optional(),
    dataSource: textSchema.optional(),
    aggregation: textSchema.optional(),
    measurements: limited(planKpiMeasurementSchema, planLimits.measurementsPerKpi).optional(),
  })
  .strict();

export const planMilestoneSchema = z
  .object({
    key: keySchema,
    title: nameSchema,
    dueDate: isoDateSchema.optional(),
    doneDate: isoDateSchema.optional(),
    objectiveKeys: keysSchema.optional(),
  })
  .strict();

export const planTaskSchema = z
  .object({
    key: keySchema,
    title: nameSchema,
    ownerKey: keySchema.optional(),
    dueDate: isoDateSchema.optional(),
    status: z.enum(taskStatuses).optional(),
    measureKey: keySchema.optional(),
    milestoneKey: keySchema.optional(),
  })
  .strict();

export const planMeetingCadenceSchema = z
  .object({
    key: keySchema,
    name: nameSchema,
    audience: z.enum(meetingAudiences),
    everyDays: z.number().int().min(1).max(366),
  })
  .strict();

export const planFailurePatternSchema = z
  .object({
    key: keySchema,
    text: boundedString({ nonEmpty: true, max: planLimits.text }),
    discussed: z.boolean().optional(),
  })
  .strict();

export const planDocumentSchema = z
  .object({
    format: z.literal(PLAN_FORMAT),
    title: boundedString({ nonEmpty: true, max: 200 }),
    account: z
      .object({ externalId: lineSchema.optional(), name: lineSchema.optional() })
      .strict()
      .optional(),
    status: z.enum(planStatuses).optional(),
    period: z
      .object({ start: isoDateSchema.optional(), end: isoDateSchema.optional() })
      .strict()
      .optional(),
    purpose: z
      .object({
        businessIssue: textSchema.optional(),
        problem: textSchema.optional(),
        solution: textSchema.optional(),
        benefit: textSchema.optional(),
      })
      .strict()
      .optional(),
    team: limited(planTeamMemberSchema, planLimits.team).optional(),
    pufu: pufuSchema,
    roadmap: limited(planRoadmapItemSchema, planLimits.roadmap).optional(),
    kpis: limited(planKpiSchema, planLimits.kpis).optional(),
    milestones: limited(planMilestoneSchema, planLimits.milestones).optional(),
    tasks: limited(planTaskSchema, planLimits.tasks).optional(),
    meetingCadences: limited(planMeetingCadenceSchema, planLimits.meetingCadences).optional(),
    failurePatterns: limited(planFailurePatternSchema, planLimits.failurePatterns).optional(),
  })
  .strict();

export type PlanDocument = z.infer<typeof planDocumentSchema>;
export type PlanTeamMember = z.infer<typeof planTeamMemberSchema>;
export type PlanWinCondition = z.infer<typeof planWinConditionSchema>;
export type PlanObjective = z.infer<typeof planObjectiveSchema>;
export type PlanMeasure = z.infer<typeof planMeasureSchema>;
export type PlanFactors = z.infer<typeof planFactorsSchema>;
export type Pufu = z.infer<typeof pufuSchema>;
export type PlanRoadmapItem = z.infer<typeof planRoadmapItemSchema>;
export type PlanKpi = z.infer<typeof planKpiSchema>;
export type PlanKpiMeasurement = z.infer<typeof planKpiMeasurementSchema>;
export type PlanMilestone = z.infer<typeof planMilestoneSchema>;
export type PlanTask = z.infer<typeof planTaskSchema>;
export type PlanMeetingCadence = z.infer<typeof planMeetingCadenceSchema>;
export type PlanFailurePattern = z.infer<typeof planFailurePatternSchema>;
