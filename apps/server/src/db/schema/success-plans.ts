import type {
  KpiDirection,
  KpiKind,
  MeasureStatus,
  MeetingAudience,
  PlanDocument,
  PlanRole,
  PlanSide,
  PlanStatus,
  RoadmapItemStatus,
  StageRetrospective,
  TaskStatus,
} from "@michi/core";
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  type AnyPgTable,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users, workspaces } from "./auth";

/*
 * Success plans, stored relationally so they can be queried, permissioned and
 * reported on; the michi.plan/v1 document is only their import/export form
 * (features/success-plans/plan-rows.ts maps one to the other).
 *
 * Elements of a plan (team members, objectives, measures, KPIs, …) are keyed
 * by the document's keys: their primary key is (workspace_id, plan_id, key)
 * and links between them are foreign keys on those keys. Every save replaces
 * a plan's element rows in one transaction, so a surrogate id would change on
 * every save while the key stays: the key is the element's identity. Each
 * element keeps its place in the document in `position`.
 */

const workspaceId = () =>
  text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
const planId = () => uuid("plan_id").notNull();
const position = () => integer("position").notNull();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Who did something: a user, an API key or the CLI; the name is kept as it was then. */
export type ActorKind = "user" | "apiKey" | "system";

export const successPlans = pgTable(
  "success_plans",
  {
    workspaceId: workspaceId(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    title: text("title").notNull(),
    /** Null when the document leaves it out; lists show it as draft. */
    status: text("status").$type<PlanStatus>(),
    periodStart: date("period_start", { mode: "string" }),
    periodEnd: date("period_end", { mode: "string" }),
    purposeBusinessIssue: text("purpose_business_issue"),
    purposeProblem: text("purpose_problem"),
    purposeSolution: text("purpose_solution"),
    purposeBenefit: text("purpose_benefit"),
    goal: text("goal").notNull(),
    winConditionText: text("win_condition_text").notNull(),
    factorPeople: text("factor_people"),
    factorMoney: text("factor_money"),
    factorTime: text("factor_time"),
    factorQuality: text("factor_quality"),
    factorDealStructure: text("factor_deal_structure"),
    factorEnvironment: text("factor_environment"),
    factorRivals: text("factor_rivals"),
    factorExternalThreats: text("factor_external_threats"),
    headcount: doublePrecision("headcount"),
    hoursPerWeekPerPerson: doublePrecision("hours_per_week_per_person"),
    active: boolean("active").notNull().default(false),
    /**
     * core's planProgress(...).percent when the plan was last saved: done
     * tasks, milestones and measures over all of them (null: none). The
     * account list shows it without loading each plan.
     */
    progressPercent: doublePrecision("progress_percent"),
    /** Optimistic concurrency: every save must name the version it read. */
    version: integer("version").notNull().default(1),
    /** The open stage (局面); closed stages are in plan_stages. */
    stage: integer("stage").notNull().default(1),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    updatedByUserId: text("updated_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "success_plans_account_fk",
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
    index("success_plans_account_idx").on(t.workspaceId, t.accountId),
    /** One active plan per account. */
    uniqueIndex("success_plans_one_active_idx")
      .on(t.workspaceId, t.accountId)
      .where(sql`${t.active}`),
  ],
);

/** The (workspace_id, plan_id) → plan foreign key every plan table has. */
const planFk = (name: string, t: { workspaceId: any; planId: any }) =>
  foreignKey({
    name,
    columns: [t.workspaceId, t.planId],
    foreignColumns: [successPlans.workspaceId, successPlans.id],
  }).onDelete("cascade");

export const planTeamMembers = pgTable(
  "plan_team_members",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    name: text("name").notNull(),
    email: text("email"),
    title: text("title"),
    side: text("side").$type<PlanSide>().notNull(),
    role: text("role").$type<PlanRole>().notNull(),
    /**
     * Set on save by matching the email to a contact of the plan's account. No
     * foreign key: a composite one cannot set only this column to null when
     * the contact is deleted; readers treat a missing contact as no link.
     */
    contactId: uuid("contact_id"),
    /** Set on save by matching the email to a member of the workspace. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_team_members_plan_fk", t),
    index("plan_team_members_user_idx").on(t.userId),
    index("plan_team_members_email_idx").on(t.workspaceId, sql`lower(${t.email})`),
  ],
);

const teamMemberFk = (name: string, t: { workspaceId: any; planId: any }, ownerKey: any) =>
  foreignKey({
    name,
    columns: [t.workspaceId, t.planId, ownerKey],
    foreignColumns: [planTeamMembers.workspaceId, planTeamMembers.planId, planTeamMembers.key],
  });

export const planObjectives = pgTable(
  "plan_objectives",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    title: text("title").notNull(),
    desiredState: text("desired_state"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_objectives_plan_fk", t),
  ],
);

export const planMeasures = pgTable(
  "plan_measures",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    title: text("title").notNull(),
    description: text("description"),
    ownerKey: text("owner_key"),
    effortHoursPerWeek: doublePrecision("effort_hours_per_week"),
    status: text("status").$type<MeasureStatus>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_measures_plan_fk", t),
    teamMemberFk("plan_measures_owner_fk", t, t.ownerKey),
  ],
);

/** measure → objective (施策 → 中間目的), in the order of the measure's objectiveKeys. */
export const planMeasureObjectives = pgTable(
  "plan_measure_objectives",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    measureKey: text("measure_key").notNull(),
    objectiveKey: text("objective_key").notNull(),
    position: position(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.measureKey, t.objectiveKey] }),
    foreignKey({
      name: "plan_measure_objectives_measure_fk",
      columns: [t.workspaceId, t.planId, t.measureKey],
      foreignColumns: [planMeasures.workspaceId, planMeasures.planId, planMeasures.key],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_measure_objectives_objective_fk",
      columns: [t.workspaceId, t.planId, t.objectiveKey],
      foreignColumns: [planObjectives.workspaceId, planObjectives.planId, planObjectives.key],
    }).onDelete("cascade"),
  ],
);

export const planKpis = pgTable(
  "plan_kpis",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    kind: text("kind").$type<KpiKind>().notNull(),
    name: text("name").notNull(),
    unit: text("unit"),
    direction: text("direction").$type<KpiDirection>(),
    baseline: doublePrecision("baseline"),
    target: doublePrecision("target"),
    dueDate: date("due_date", { mode: "string" }),
    evaluationMethod: text("evaluation_method"),
    dataSource: text("data_source"),
    aggregation: text("aggregation"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_kpis_plan_fk", t),
  ],
);

export type KpiLinkSource = "winCondition" | "objective" | "roadmapItem";

/**
 * What a KPI measures: the win condition, an objective or a roadmap item.
 * `source_key` is the objective's or item's key, and '' for the win condition
 * (there is one per plan) so that it can be part of the primary key.
 */
export const planKpiLinks = pgTable(
  "plan_kpi_links",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    sourceKind: text("source_kind").$type<KpiLinkSource>().notNull(),
    sourceKey: text("source_key").notNull(),
    kpiKey: text("kpi_key").notNull(),
    position: position(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.sourceKind, t.sourceKey, t.kpiKey] }),
    foreignKey({
      name: "plan_kpi_links_kpi_fk",
      columns: [t.workspaceId, t.planId, t.kpiKey],
      foreignColumns: [planKpis.workspaceId, planKpis.planId, planKpis.key],
    }).onDelete("cascade"),
  ],
);

export const planKpiMeasurements = pgTable(
  "plan_kpi_measurements",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    kpiKey: text("kpi_key").notNull(),
    position: position(),
    date: date("date", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.kpiKey, t.position] }),
    foreignKey({
      name: "plan_kpi_measurements_kpi_fk",
      columns: [t.workspaceId, t.planId, t.kpiKey],
      foreignColumns: [planKpis.workspaceId, planKpis.planId, planKpis.key],
    }).onDelete("cascade"),
  ],
);

/** 改善ロードマップ; `position` is the priority order. */
export const planRoadmapItems = pgTable(
  "plan_roadmap_items",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    process: text("process").notNull(),
    purpose: text("purpose"),
    how: text("how"),
    howMuch: text("how_much"),
    impact: integer("impact"),
    difficulty: integer("difficulty"),
    status: text("status").$type<RoadmapItemStatus>(),
    startDate: date("start_date", { mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_roadmap_items_plan_fk", t),
  ],
);

export const planMilestones = pgTable(
  "plan_milestones",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    title: text("title").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    doneDate: date("done_date", { mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_milestones_plan_fk", t),
  ],
);

export const planMilestoneObjectives = pgTable(
  "plan_milestone_objectives",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    milestoneKey: text("milestone_key").notNull(),
    objectiveKey: text("objective_key").notNull(),
    position: position(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.milestoneKey, t.objectiveKey] }),
    foreignKey({
      name: "plan_milestone_objectives_milestone_fk",
      columns: [t.workspaceId, t.planId, t.milestoneKey],
      foreignColumns: [planMilestones.workspaceId, planMilestones.planId, planMilestones.key],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_milestone_objectives_objective_fk",
      columns: [t.workspaceId, t.planId, t.objectiveKey],
      foreignColumns: [planObjectives.workspaceId, planObjectives.planId, planObjectives.key],
    }).onDelete("cascade"),
  ],
);

export const planTasks = pgTable(
  "plan_tasks",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    title: text("title").notNull(),
    ownerKey: text("owner_key"),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status").$type<TaskStatus>(),
    measureKey: text("measure_key"),
    milestoneKey: text("milestone_key"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_tasks_plan_fk", t),
    teamMemberFk("plan_tasks_owner_fk", t, t.ownerKey),
    foreignKey({
      name: "plan_tasks_measure_fk",
      columns: [t.workspaceId, t.planId, t.measureKey],
      foreignColumns: [planMeasures.workspaceId, planMeasures.planId, planMeasures.key],
    }),
    foreignKey({
      name: "plan_tasks_milestone_fk",
      columns: [t.workspaceId, t.planId, t.milestoneKey],
      foreignColumns: [planMilestones.workspaceId, planMilestones.planId, planMilestones.key],
    }),
    index("plan_tasks_owner_idx").on(t.workspaceId, t.planId, t.ownerKey),
  ],
);

export const planMeetingCadences = pgTable(
  "plan_meeting_cadences",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    name: text("name").notNull(),
    audience: text("audience").$type<MeetingAudience>().notNull(),
    everyDays: integer("every_days").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_meeting_cadences_plan_fk", t),
  ],
);

export const planFailurePatterns = pgTable(
  "plan_failure_patterns",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    key: text("key").notNull(),
    position: position(),
    text: text("text").notNull(),
    /** Null when the document leaves it out (not yet discussed). */
    discussed: boolean("discussed"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.key] }),
    planFk("plan_failure_patterns_plan_fk", t),
  ],
);

/** 議事録: not part of the document; the evaluator-not-met check reads them. */
export const planMeetings = pgTable(
  "plan_meetings",
  {
    workspaceId: workspaceId(),
    id: uuid("id").notNull().defaultRandom(),
    planId: planId(),
    date: date("date", { mode: "string" }).notNull(),
    audience: text("audience").$type<MeetingAudience>().notNull(),
    title: text("title").notNull(),
    notes: text("notes"),
    decisions: text("decisions"),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    planFk("plan_meetings_plan_fk", t),
    index("plan_meetings_plan_date_idx").on(t.workspaceId, t.planId, t.date),
  ],
);

/** Per objective, as recorded when a stage is closed (the type lives in core). */
export type { StageRetrospective };

/** 局面: a closed stage, with the whole document as it was (immutable, so jsonb). */
export const planStages = pgTable(
  "plan_stages",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    number: integer("number").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedByKind: text("closed_by_kind").$type<ActorKind>().notNull(),
    closedById: text("closed_by_id"),
    closedByName: text("closed_by_name").notNull(),
    document: jsonb("document").$type<PlanDocument>().notNull(),
    retrospective: jsonb("retrospective").$type<StageRetrospective>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.number] }),
    planFk("plan_stages_plan_fk", t),
  ],
);

export type PlanHistoryAction = "created" | "imported" | "updated" | "stageClosed";

/**
 * Who changed what. `summary` is a short form of core's diffPlans between the
 * versions (history-summary.ts); { stage } for a closed stage; null on create.
 */
export const planHistory = pgTable(
  "plan_history",
  {
    workspaceId: workspaceId(),
    id: uuid("id").notNull().defaultRandom(),
    planId: planId(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    action: text("action").$type<PlanHistoryAction>().notNull(),
    /** The plan's version after the change. */
    version: integer("version").notNull(),
    actorKind: text("actor_kind").$type<ActorKind>().notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    summary: jsonb("summary").$type<unknown>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    planFk("plan_history_plan_fk", t),
    index("plan_history_plan_at_idx").on(t.workspaceId, t.planId, t.at),
  ],
);

/**
 * A workspace's own templates. The built-in templates are not rows: they are
 * code (success-plans/templates.builtin.ts) and ship with each release.
 */
export const planTemplates = pgTable(
  "plan_templates",
  {
    workspaceId: workspaceId(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    document: jsonb("document").$type<PlanDocument>().notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/**
 * Where a プ譜 node was placed by hand. Keys are the document's keys, or
 * names starting with "_" for nodes that are no element (_goal, _winCondition,
 * _factors); positions of removed elements are pruned on save.
 */
export const planLayoutPositions = pgTable(
  "plan_layout_positions",
  {
    workspaceId: workspaceId(),
    planId: planId(),
    nodeKey: text("node_key").notNull(),
    x: doublePrecision("x").notNull(),
    y: doublePrecision("y").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.nodeKey] }),
    planFk("plan_layout_positions_plan_fk", t),
  ],
);

/*
 * Relations, for drizzle's relational queries: a plan with all its elements is
 * read in one statement (plans.queries.ts, findPlanGraph) rather than one a table.
 */
export const successPlansRelations = relations(successPlans, ({ one, many }) => ({
  account: one(accounts, {
    fields: [successPlans.workspaceId, successPlans.accountId],
    references: [accounts.workspaceId, accounts.id],
  }),
  team: many(planTeamMembers),
  objectives: many(planObjectives),
  measures: many(planMeasures),
  measureObjectives: many(planMeasureObjectives),
  kpis: many(planKpis),
  kpiLinks: many(planKpiLinks),
  measurements: many(planKpiMeasurements),
  roadmap: many(planRoadmapItems),
  milestones: many(planMilestones),
  milestoneObjectives: many(planMilestoneObjectives),
  tasks: many(planTasks),
  meetingCadences: many(planMeetingCadences),
  failurePatterns: many(planFailurePatterns),
  layout: many(planLayoutPositions),
}));

/** The element → plan side of a relation above (drizzle pairs the two by table). */
const toPlan = <T extends AnyPgTable & { workspaceId: AnyPgColumn; planId: AnyPgColumn }>(
  table: T,
) =>
  relations(table, ({ one }) => ({
    plan: one(successPlans, {
      fields: [table.workspaceId, table.planId],
      references: [successPlans.workspaceId, successPlans.id],
    }),
  }));

export const planTeamMembersRelations = toPlan(planTeamMembers);
export const planObjectivesRelations = toPlan(planObjectives);
export const planMeasuresRelations = toPlan(planMeasures);
export const planMeasureObjectivesRelations = toPlan(planMeasureObjectives);
export const planKpisRelations = toPlan(planKpis);
export const planKpiLinksRelations = toPlan(planKpiLinks);
export const planKpiMeasurementsRelations = toPlan(planKpiMeasurements);
export const planRoadmapItemsRelations = toPlan(planRoadmapItems);
export const planMilestonesRelations = toPlan(planMilestones);
export const planMilestoneObjectivesRelations = toPlan(planMilestoneObjectives);
export const planTasksRelations = toPlan(planTasks);
export const planMeetingCadencesRelations = toPlan(planMeetingCadences);
export const planFailurePatternsRelations = toPlan(planFailurePatterns);
export const planLayoutPositionsRelations = toPlan(planLayoutPositions);
