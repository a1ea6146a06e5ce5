import { z } from "zod";
import { touchModels } from "../accounts/account-fields";
import { workspaceRoles } from "../auth/roles";
import { type PlanCheckCode, planCheckCodes } from "../success-plan/plan-check-codes";
import { displayTextSchema } from "../usage/display-text";
import { playbookBands, playbookConditionSchema } from "./conditions";
import {
  contactTemplateFields,
  type LocalizedTemplate,
  localizedTemplateFields,
  localizedTemplateSchema,
} from "./text-templates";

/*
 * A playbook (プレイブック, seed 004: a team's touchpoints and actions turned
 * into a list of steps): when its trigger fires on an account and its
 * conditions hold, its steps run in order. Stored as JSON, checked here, so
 * the API, the editor and the shipped templates share one definition.
 */

const key = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -");
const id = z.string().trim().min(1).max(200);
const days = (max: number) => z.number().int("must be a whole number of days").min(1).max(max);

export const PLAYBOOK_MAX_STEPS = 30;
/** The longest text of a template: a task title and an email body differ. */
export const TEMPLATE_MAX = { title: 300, subject: 300, body: 20_000, note: 20_000 } as const;

// ── Triggers ────────────────────────────────────────────────────────────────

const bandList = z.array(z.enum(playbookBands)).min(1).max(playbookBands.length);
const keyList = z.array(key).min(1).max(30);

export const playbookTriggerSchema = z.discriminatedUnion("kind", [
  /** The health band moved; absent `from` / `to`: any band, insufficient data included. */
  z.strictObject({
    kind: z.literal("healthBandChanged"),
    from: bandList.optional(),
    to: bandList.optional(),
  }),
  /** The score fell by at least `points` against its highest in the `withinDays` before. */
  z.strictObject({
    kind: z.literal("healthScoreDropped"),
    points: z.number().int().min(1).max(100),
    withinDays: days(90),
  }),
  z.strictObject({
    kind: z.literal("phaseChanged"),
    from: keyList.optional(),
    to: keyList.optional(),
  }),
  /** Exit criteria hold and the workspace proposes the move to the CSM (mode "propose"). */
  z.strictObject({ kind: z.literal("phaseProposed"), from: keyList.optional() }),
  z.strictObject({
    kind: z.literal("maturityLevelChanged"),
    direction: z.enum(["up", "down", "any"]).default("any"),
    /** A product key; absent: any product. */
    product: key.optional(),
  }),
  z.strictObject({
    kind: z.literal("planFindingAppeared"),
    codes: z
      .array(
        z.enum(planCheckCodes.map((entry) => entry.code) as [PlanCheckCode, ...PlanCheckCode[]]),
      )
      .min(1)
      .max(planCheckCodes.length),
  }),
  /** A KPI of the active plan fell behind its plan line (kpiOffTrackSince). */
  z.strictObject({ kind: z.literal("kpiOffTrack") }),
  z.strictObject({ kind: z.literal("milestoneOverdue") }),
  /** Date-based, evaluated daily: `days` or fewer to a contract's renewal date. */
  z.strictObject({ kind: z.literal("renewalDue"), days: days(730) }),
  z.strictObject({ kind: z.literal("contractCreated") }),
  z.strictObject({ kind: z.literal("contractEnded") }),
  /** A usage event by name, as sent through the Segment-style API. */
  z.strictObject({ kind: z.literal("usageEvent"), event: z.string().min(1).max(200) }),
  /** Started by a user on one account. */
  z.strictObject({ kind: z.literal("manual") }),
]);
export type PlaybookTrigger = z.infer<typeof playbookTriggerSchema>;
export type PlaybookTriggerKind = PlaybookTrigger["kind"];

// ── Steps ───────────────────────────────────────────────────────────────────

/** Who gets a task or an email from the workspace's side. */
export const ownerRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("accountOwner") }),
  /** The first member with this role, in the order the server lists members (by load). */
  z.strictObject({ kind: z.literal("role"), role: z.enum(workspaceRoles) }),
  z.strictObject({ kind: z.literal("user"), userId: id }),
]);
export type OwnerRule = z.infer<typeof ownerRuleSchema>;

/** Contact roles an email can go to: the primary contact or a plan role (seed 001). */
export const contactRoles = ["primary", "finalEvaluator", "evaluator", "promoter", "user"] as const;
export type ContactRole = (typeof contactRoles)[number];

export const emailRecipientSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("contact"), role: z.enum(contactRoles) }),
  z.strictObject({ kind: z.literal("member"), owner: ownerRuleSchema }),
]);
export type EmailRecipient = z.infer<typeof emailRecipientSchema>;

const emailTemplateSchema = z.strictObject({
  subject: localizedTemplateSchema(TEMPLATE_MAX.subject),
  text: localizedTemplateSchema(TEMPLATE_MAX.body),
  /** Absent: the plain text is sent alone. */
  html: localizedTemplateSchema(TEMPLATE_MAX.body).optional(),
});

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

export const playbookStepSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("createTask"),
    title: localizedTemplateSchema(TEMPLATE_MAX.title),
    owner: ownerRuleSchema,
    dueInBusinessDays: z.number().int().min(0).max(250),
  }),
  z.strictObject({
    kind: z.literal("sendEmail"),
    to: emailRecipientSchema,
    template: emailTemplateSchema,
  }),
  /** Michi's own JSON (playbook, account, signal), signed like the other webhooks. */
  z.strictObject({ kind: z.literal("callWebhook"), url: httpUrl }),
  /** Slack-compatible: `{ "text": … }` to an incoming-webhook URL. */
  z.strictObject({
    kind: z.literal("postToChat"),
    url: httpUrl,
    text: localizedTemplateSchema(TEMPLATE_MAX.body),
  }),
  z.discriminatedUnion("field", [
    z.strictObject({
      kind: z.literal("setField"),
      field: z.literal("touchModel"),
      value: z.enum(touchModels),
    }),
    z.strictObject({
      kind: z.literal("setField"),
      field: z.literal("owner"),
      value: ownerRuleSchema,
    }),
    z.strictObject({
      kind: z.literal("setField"),
      field: z.literal("segment"),
      value: z.string().trim().min(1).max(200),
    }),
  ]),
  z.strictObject({ kind: z.literal("addNote"), body: localizedTemplateSchema(TEMPLATE_MAX.note) }),
  z.strictObject({ kind: z.literal("wait"), days: days(365) }),
  /** Ends the run here when the condition holds (e.g. health back to green). */
  z.strictObject({ kind: z.literal("stopIf"), condition: playbookConditionSchema }),
]);
export type PlaybookStep = z.infer<typeof playbookStepSchema>;
export type PlaybookStepKind = PlaybookStep["kind"];

// ── The playbook ────────────────────────────────────────────────────────────

/** Every template of a step, with its path inside the step, for save-time checks. */
const stepTemplates = (
  step: PlaybookStep,
): { path: (string | number)[]; template: LocalizedTemplate }[] => {
  switch (step.kind) {
    case "createTask":
      return [{ path: ["title"], template: step.title }];
    case "sendEmail":
      return [
        { path: ["template", "subject"], template: step.template.subject },
        { path: ["template", "text"], template: step.template.text },
        ...(step.template.html
          ? [{ path: ["template", "html"], template: step.template.html }]
          : []),
      ];
    case "postToChat":
      return [{ path: ["text"], template: step.text }];
    case "addNote":
      return [{ path: ["body"], template: step.body }];
    default:
      return [];
  }
};

export const playbookSchema = z
  .strictObject({
    name: displayTextSchema,
    description: displayTextSchema.optional(),
    trigger: playbookTriggerSchema,
    /** Absent: every account the trigger fires on. */
    conditions: playbookConditionSchema.optional(),
    steps: z
      .array(playbookStepSchema)
      .min(1, "must have at least one step")
      .max(PLAYBOOK_MAX_STEPS),
    /** After a run on an account, the playbook does not fire again there for this many days. */
    coolDownDays: z.number().int().min(0).max(365).default(0),
    paused: z.boolean().default(false),
  })
  .superRefine((playbook, ctx) => {
    playbook.steps.forEach((step, index) => {
      // Contact fields have a value only in an email to a contact.
      const toContact = step.kind === "sendEmail" && step.to.kind === "contact";
      if (toContact) return;
      for (const { path, template } of stepTemplates(step)) {
        for (const field of localizedTemplateFields(template)) {
          if (contactTemplateFields.includes(field)) {
            ctx.addIssue({
              code: "custom",
              path: ["steps", index, ...path],
              message: `{{${field}}} has a value only in an email to a contact`,
              params: { code: "template-field-not-available", field },
            });
          }
        }
      }
    });
    const last = playbook.steps.at(-1);
    if (last?.kind === "wait") {
      ctx.addIssue({
        code: "custom",
        path: ["steps", playbook.steps.length - 1],
        message: "a playbook must not end with a wait",
      });
    }
  });
export type Playbook = z.infer<typeof playbookSchema>;
export type PlaybookInput = z.input<typeof playbookSchema>;

export type PlaybookProblem = { path: string; message: string; code?: string; field?: string };

/**
 * The save-time check: every problem of a playbook, each with a JSON pointer,
 * or the parsed playbook. Unknown template fields are found here, not when a
 * run renders the template.
 */
export const validatePlaybook = (
  input: unknown,
): { ok: true; playbook: Playbook } | { ok: false; problems: PlaybookProblem[] } => {
  const parsed = playbookSchema.safeParse(input);
  if (parsed.success) return { ok: true, playbook: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const params = (issue as { params?: { code?: string; field?: string } }).params;
      return {
        // A JSON pointer: "" is the whole playbook.
        path: issue.path.map((part) => `/${String(part)}`).join(""),
        message: issue.message,
        ...(params?.code ? { code: params.code } : {}),
        ...(params?.field ? { field: params.field } : {}),
      };
    }),
  };
};
