import { z } from "@hono/zod-openapi";
import {
  accountTaskStatuses,
  contractStatuses,
  emailDeliveryStatuses,
  healthBands,
  meetingAudiences,
  playbookRunStatuses,
  runStepOutcomes,
  taskResultCodes,
  timelineKinds,
} from "@michi/core";

/*
 * The account timeline (issue 17, decision 0030): one stream read from the
 * tables where each thing is stored, newest first. Every item has `id`,
 * `kind` and `at`; the rest depends on the kind (one schema per kind, a
 * discriminated union in the OpenAPI document).
 */

/** Longest note or logged call/meeting body (markdown). */
export const MAX_BODY = 20_000;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const kindList = timelineKinds.join(", ");

export const timelineQuerySchema = z.object({
  kind: z
    .union([z.string().max(500), z.array(z.string().max(100)).max(50)])
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : [value])
            .flatMap((text) => text.split(","))
            .map((name) => name.trim())
            .filter((name) => name !== ""),
    )
    .pipe(
      z
        .array(z.enum(timelineKinds, { message: `must be one of ${kindList}` }))
        .optional()
        .transform((kinds) => (kinds && kinds.length > 0 ? [...new Set(kinds)] : undefined)),
    )
    .openapi({
      type: "string",
      description: `Only these kinds: repeat the parameter or separate by commas, any of ${kindList}. All when left out.`,
      example: "note,call,meeting",
    }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .openapi({ description: "The `nextCursor` of the page before; opaque." }),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const noteParams = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
  noteId: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "noteId", in: "path" } }),
});

const bodyText = z.string().max(MAX_BODY).openapi({
  description:
    "Markdown. Mention a member of the workspace as `@[Name](userId)`; the ids must be members.",
});

export const noteInputSchema = z
  .object({
    body: bodyText.refine((text) => text.trim() !== "", { message: "is required" }),
  })
  .strict()
  .openapi("NoteInput");
export type NoteInput = z.infer<typeof noteInputSchema>;

export const interactionInputSchema = z
  .object({
    kind: z.enum(["call", "meeting"], { message: "must be call or meeting" }),
    subject: z.string().trim().max(300).nullable().optional(),
    body: bodyText.default(""),
    occurredAt: z.iso
      .datetime({ offset: true, message: "must be a date and time (ISO 8601)" })
      .optional()
      .openapi({ description: "When it took place; now when left out. Not in the future." }),
  })
  .strict()
  .openapi("InteractionInput");
export type InteractionInput = z.infer<typeof interactionInputSchema>;

const userRef = z
  .object({ id: z.string(), name: z.string().nullable() })
  .nullable()
  .openapi("TimelineUser", {
    description: "A user, with their name when read (null: the user no longer exists).",
  });

const base = {
  id: z.string().openapi({ description: "Unique in the stream; a note's id is its UUID." }),
  at: z.string().openapi({ description: "When it happened (ISO 8601, UTC)." }),
};

const touchpoint = {
  ...base,
  subject: z.string().nullable(),
  body: z.string().openapi({ description: "Markdown with `@[Name](userId)` mentions." }),
  mentions: z.array(userRef.unwrap()),
  author: userRef,
  playbookRunId: z
    .uuid()
    .nullable()
    .openapi({ description: "The playbook run that wrote it (a note step); null: a person." }),
};

const planRef = z.object({ id: z.uuid(), title: z.string() }).openapi("TimelinePlan");

export const noteItemSchema = z
  .object({ kind: z.literal("note"), ...touchpoint })
  .openapi("TimelineNote");

export const callItemSchema = z
  .object({ kind: z.literal("call"), ...touchpoint })
  .openapi("TimelineCall");

export const meetingItemSchema = z
  .object({
    kind: z.literal("meeting"),
    ...touchpoint,
    source: z.enum(["interaction", "plan"]).openapi({
      description: "interaction: logged on the account; plan: a success plan's meeting record.",
    }),
    plan: planRef.nullable(),
    audience: z.enum(meetingAudiences).nullable(),
    decisions: z.string().nullable(),
  })
  .openapi("TimelineMeeting");

export const emailItemSchema = z
  .object({
    kind: z.literal("email"),
    ...base,
    subject: z.string().nullable(),
    body: z.string(),
    to: z.string().nullable(),
    status: z.enum(emailDeliveryStatuses).nullable(),
    detail: z.string().nullable().openapi({ description: "Why it was not sent, or what failed." }),
    playbookRunId: z.uuid().nullable(),
  })
  .openapi("TimelineEmail");

export const taskItemSchema = z
  .object({
    kind: z.literal("task"),
    ...base,
    event: z.enum(["created", "completed"]),
    taskId: z.uuid(),
    title: z.string(),
    status: z.enum(accountTaskStatuses),
    owner: userRef,
    dueDate: z.string().nullable(),
    resultCode: z.enum(taskResultCodes).nullable(),
    by: userRef.openapi({ description: "Who made it (created) or completed it (completed)." }),
    playbookRunId: z.uuid().nullable(),
  })
  .openapi("TimelineTask");

export const playbookRunItemSchema = z
  .object({
    kind: z.literal("playbookRun"),
    ...base,
    playbookId: z.uuid(),
    playbookName: z
      .union([z.string(), z.object({ ja: z.string(), en: z.string() })])
      .openapi({ description: "The playbook's name: a text, or { ja, en }." }),
    status: z.enum(playbookRunStatuses),
    steps: z.array(
      z.object({
        stepIndex: z.number().int(),
        kind: z.string(),
        outcome: z.enum(runStepOutcomes),
        at: z.string(),
        detail: z.string().optional(),
        ref: z.string().optional(),
      }),
    ),
    startedBy: userRef,
    finishedAt: z.string().nullable(),
  })
  .openapi("TimelinePlaybookRun");

export const healthBandItemSchema = z
  .object({
    kind: z.literal("healthBand"),
    ...base,
    from: z.enum(healthBands).nullable().openapi({ description: "Null: no band before." }),
    to: z.enum(healthBands).nullable(),
    score: z.number().nullable(),
  })
  .openapi("TimelineHealthBand");

export const phaseItemSchema = z
  .object({
    kind: z.literal("phase"),
    ...base,
    from: z
      .string()
      .nullable()
      .openapi({ description: "Phase key; null: the workspace's first phase." }),
    to: z.string(),
  })
  .openapi("TimelinePhase");

export const maturityItemSchema = z
  .object({
    kind: z.literal("maturity"),
    ...base,
    product: z.string(),
    from: z.number().nullable(),
    to: z.number(),
  })
  .openapi("TimelineMaturity");

export const contractItemSchema = z
  .object({
    kind: z.literal("contract"),
    ...base,
    event: z.enum(["created", "ended"]),
    contractId: z.string(),
    product: z.string().nullable(),
    mrrMinor: z.number().nullable(),
    currency: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    status: z.enum(contractStatuses).nullable(),
  })
  .openapi("TimelineContract");

export const planStageItemSchema = z
  .object({
    kind: z.literal("planStage"),
    ...base,
    plan: planRef,
    stage: z.number().int(),
    closedByName: z.string(),
  })
  .openapi("TimelinePlanStage");

export const kpiMeasurementItemSchema = z
  .object({
    kind: z.literal("kpiMeasurement"),
    ...base,
    plan: planRef,
    kpiKey: z.string(),
    kpiName: z.string(),
    unit: z.string().nullable(),
    date: z.string(),
    value: z.number(),
    target: z.number().nullable(),
    note: z.string().nullable(),
  })
  .openapi("TimelineKpiMeasurement");

export const timelineItemSchema = z
  .discriminatedUnion("kind", [
    noteItemSchema,
    callItemSchema,
    meetingItemSchema,
    emailItemSchema,
    taskItemSchema,
    playbookRunItemSchema,
    healthBandItemSchema,
    phaseItemSchema,
    maturityItemSchema,
    contractItemSchema,
    planStageItemSchema,
    kpiMeasurementItemSchema,
  ])
  .openapi("TimelineItem");

export const timelinePageSchema = z
  .object({
    data: z.array(timelineItemSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi("TimelinePage");

export type TimelineItem = z.infer<typeof timelineItemSchema>;
export type TimelineUserRef = z.infer<typeof userRef>;
export type TouchpointItem = z.infer<
  typeof noteItemSchema | typeof callItemSchema | typeof meetingItemSchema
>;
