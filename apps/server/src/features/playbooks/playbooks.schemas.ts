import { z } from "@hono/zod-openapi";
import {
  type Playbook,
  type PlaybookAction,
  type PlaybookInput,
  type PlaybookSignal,
  playbookRunStatuses,
  runStepOutcomes,
  type SkipReason,
} from "@michi/core";

/*
 * Playbook definitions are parsed by the service with core's playbookSchema
 * (every problem at once, with pointers into the body, template codes
 * included); here they are typed for the client and described.
 */
const definition = <T>(description: string) =>
  z.custom<T>(() => true).openapi({ type: "object", description });

const displayText = z
  .union([z.string(), z.object({ ja: z.string(), en: z.string() })])
  .openapi({ description: 'A plain text, or { "ja": "…", "en": "…" }' });

export const playbookIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

export const playbookInputSchema = z
  .object({
    definition: definition<PlaybookInput>(
      "The playbook: name, trigger, conditions, steps, coolDownDays, paused (core's playbookSchema).",
    ),
    templateKey: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "The shipped template it was made from, if any." }),
  })
  .strict()
  .openapi("PlaybookInput");

export const playbookPatchSchema = z
  .object({
    definition: definition<PlaybookInput>("The whole new definition.").optional(),
    paused: z
      .boolean()
      .optional()
      .openapi({ description: "Pause or resume without a new definition." }),
  })
  .strict()
  .openapi("PlaybookPatch");

export const playbookSchema = z
  .object({
    id: z.uuid(),
    definition: definition<Playbook>("The playbook as stored (defaults filled in)."),
    templateKey: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    runs: z
      .object({ total: z.number().int(), lastAt: z.string().nullable() })
      .openapi({ description: "How often it ran, and when it last started." }),
  })
  .openapi("Playbook");

export const playbookListSchema = z
  .object({ data: z.array(playbookSchema) })
  .openapi("PlaybookList");

export const playbookTemplateListSchema = z
  .object({
    data: z.array(
      z.object({
        key: z.string(),
        summary: displayText,
        playbook: definition<Playbook>("The template's playbook, ready to copy."),
      }),
    ),
  })
  .openapi("PlaybookTemplateList");

export const playbookAccountInputSchema = z
  .object({ accountId: z.uuid({ message: "must be a UUID" }) })
  .strict()
  .openapi("PlaybookAccountInput");

export const playbookDryRunSchema = z
  .object({
    /** Whether the playbook would fire now on this account (a manual start always would). */
    fires: z.boolean(),
    skipped: z
      .object({
        reason: z.enum(["paused", "coolingDown", "conditionsNotMet"] satisfies SkipReason[]),
        until: z.string().optional(),
      })
      .nullable(),
    actions: z.array(definition<PlaybookAction>("One action the run would take, in order.")),
  })
  .openapi("PlaybookDryRun");

export const playbookStartedSchema = z.object({ runId: z.uuid() }).openapi("PlaybookStarted");

const runStepSchema = z.object({
  stepIndex: z.number().int(),
  kind: z.string(),
  outcome: z.enum(runStepOutcomes),
  at: z.string(),
  detail: z.string().optional(),
  ref: z.string().optional(),
});

export const playbookRunSchema = z
  .object({
    id: z.uuid(),
    playbookId: z.uuid(),
    playbookName: displayText,
    accountId: z.uuid(),
    accountName: z.string(),
    signal: definition<PlaybookSignal>("What fired it."),
    status: z.enum(playbookRunStatuses),
    steps: z.array(runStepSchema),
    error: z.string().nullable(),
    resumeAt: z.string().nullable(),
    startedByUserId: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("PlaybookRun");

export const playbookRunListSchema = z
  .object({ data: z.array(playbookRunSchema), nextCursor: z.string().nullable() })
  .openapi("PlaybookRunList");

export const playbookRunsQuery = z.object({
  playbookId: z.uuid({ message: "must be a UUID" }).optional(),
  accountId: z.uuid({ message: "must be a UUID" }).optional(),
  cursor: z.string().max(500).optional(),
});

export type PlaybookInputBody = z.infer<typeof playbookInputSchema>;
export type PlaybookPatchBody = z.infer<typeof playbookPatchSchema>;
