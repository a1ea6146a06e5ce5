import Mustache from "mustache";
import { z } from "zod";
import type { DisplayLanguage } from "../usage/display-text";

/*
 * Playbook texts (task titles, email subjects and bodies, notes, chat posts)
 * are Mustache templates: `{{account.name}} 様`. Mustache is small, has no
 * dependencies, and its parser hands us the tokens, so a template is checked
 * when the playbook is saved: every field must be one we know, and only plain
 * fields and sections (`{{#contact.name}}…{{/contact.name}}`, to leave out
 * a line when a value is empty) are allowed. Partials, delimiter changes and
 * triple braces are refused: nothing here needs them, and `{{{…}}}` would let
 * a value's HTML into an email unescaped.
 *
 * Values are escaped for HTML bodies (and for chat posts, whose `<…>` is
 * markup); titles, subjects and plain-text bodies get the value as is. A known field without a value
 * (an account with no segment) renders as empty text, never as an error.
 */

export const templateFieldNames = [
  "account.name",
  "account.owner",
  "account.segment",
  "account.phase",
  "account.touchModel",
  "account.mrr",
  "account.renewalDate",
  "account.daysToRenewal",
  "account.healthScore",
  "account.healthBand",
  "account.maturityLevel",
  "account.url",
  "contact.name",
  "contact.email",
  "playbook.name",
  "signal.summary",
  "today",
] as const;
export type TemplateFieldName = (typeof templateFieldNames)[number];

/** Fields that have a value only in an email to a customer contact. */
export const contactTemplateFields: readonly TemplateFieldName[] = [
  "contact.name",
  "contact.email",
];

/** Values by field name; null or absent renders as empty text. */
export type TemplateValues = Partial<Record<TemplateFieldName, string | number | null>>;

export const templateProblemCodes = [
  "template-syntax",
  "template-unsupported-tag",
  "template-unknown-field",
  "template-field-not-available",
] as const;
export type TemplateProblemCode = (typeof templateProblemCodes)[number];

export type TemplateProblem = {
  code: TemplateProblemCode;
  message: string;
  /** The field or tag at fault, when there is one. */
  field?: string;
};

const TAGS: [string, string] = ["{{", "}}"];
// A writer of our own: Mustache's default one is shared by every user of the
// module, and its settings (tags, escaping) are global.
const writer = new Mustache.Writer();
// Mustache keeps every template it has parsed, without limit; a long-lived
// server sees playbook texts edited over months, so the cache is bounded.
const TEMPLATE_CACHE_MAX = 1000;
const parsedTemplates = new Map<string, string>();
(writer as unknown as { templateCache: Mustache.TemplateCache }).templateCache = {
  set: (cacheKey, value) => {
    if (parsedTemplates.size >= TEMPLATE_CACHE_MAX) parsedTemplates.clear();
    parsedTemplates.set(cacheKey, value);
  },
  get: (cacheKey) => parsedTemplates.get(cacheKey),
  clear: () => parsedTemplates.clear(),
};
const known = new Set<string>(templateFieldNames);

type Token = [type: string, value: string, start: number, end: number, children?: Token[]];

const parse = (template: string): { tokens: Token[] } | { problem: TemplateProblem } => {
  try {
    return { tokens: writer.parse(template, TAGS) as Token[] };
  } catch (error) {
    return {
      problem: {
        code: "template-syntax",
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
};

/** Every field a template reads, each once, in the order written; or its first problem. */
const walkTokens = (tokens: readonly Token[], fields: Set<string>): TemplateProblem | null => {
  for (const [type, value, , , children] of tokens) {
    if (type === "text" || type === "!") continue;
    if (type === "name" || type === "#" || type === "^") {
      if (!known.has(value)) {
        return {
          code: "template-unknown-field",
          field: value,
          message: `unknown field {{${value}}}; known: ${templateFieldNames.join(", ")}`,
        };
      }
      fields.add(value);
      if (children) {
        const problem = walkTokens(children, fields);
        if (problem) return problem;
      }
      continue;
    }
    const tag =
      type === "&" || type === "{" ? "{{{…}}} / {{&…}}" : type === ">" ? "{{>…}}" : "{{=…=}}";
    return {
      code: "template-unsupported-tag",
      field: value,
      message: `${tag} is not allowed in a playbook template`,
    };
  }
  return null;
};

export type TemplateCheck =
  | { ok: true; fields: TemplateFieldName[] }
  | { ok: false; problem: TemplateProblem };

/** Whether a template can be rendered, and the fields it reads. */
export const checkTemplate = (template: string): TemplateCheck => {
  const parsed = parse(template);
  if ("problem" in parsed) return { ok: false, problem: parsed.problem };
  const fields = new Set<string>();
  const problem = walkTokens(parsed.tokens, fields);
  if (problem) return { ok: false, problem };
  return { ok: true, fields: [...fields] as TemplateFieldName[] };
};

/**
 * A template as stored: checked at save time, so that a run never meets an
 * unknown field. The issue carries its code in `params.code`, which the API's
 * problem mapping (codeOfZodIssue) reads once the code is declared there.
 */
export const templateTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max)
    .superRefine((text, ctx) => {
      const check = checkTemplate(text);
      if (!check.ok) {
        ctx.addIssue({
          code: "custom",
          message: check.problem.message,
          params: { code: check.problem.code, field: check.problem.field },
        });
      }
    });

export type RenderMode = "text" | "html" | "chat";

/**
 * Slack's message text reads `<…>` as links and mentions (`<!channel>`), so a
 * value must not bring its own; Slack asks for exactly these three escaped.
 */
const escapeChat = (value: unknown) =>
  String(value).replace(/[&<>]/g, (char) =>
    char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;",
  );

const escapes: Record<RenderMode, (value: unknown) => string> = {
  text: (value) => String(value),
  html: Mustache.escape,
  chat: escapeChat,
};

/**
 * The template with the values filled in. `html` escapes every value for
 * HTML, `chat` for a Slack-compatible message; `text` inserts values as they
 * are (a title or a subject is not markup). A template that does not pass
 * checkTemplate throws: it should never have been saved.
 */
export const renderTemplate = (
  template: string,
  values: TemplateValues,
  mode: RenderMode = "text",
): string => {
  const check = checkTemplate(template);
  if (!check.ok) throw new Error(`invalid template: ${check.problem.message}`);
  // Mustache reads `account.name` as view.account.name: nest the flat names.
  const view: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    const dot = name.indexOf(".");
    if (dot < 0) {
      view[name] = value;
    } else {
      const head = name.slice(0, dot);
      const group = (view[head] as Record<string, unknown> | undefined) ?? {};
      group[name.slice(dot + 1)] = value;
      view[head] = group;
    }
  }
  return writer.render(template, view, undefined, {
    tags: TAGS,
    escape: escapes[mode],
  });
};

/** A text in both languages, or one text for both (like DisplayText). */
export type LocalizedTemplate = string | { ja: string; en: string };

export const localizedTemplateSchema = (max: number) =>
  z.union([
    templateTextSchema(max),
    z.strictObject({ ja: templateTextSchema(max), en: templateTextSchema(max) }),
  ]);

export const pickTemplate = (template: LocalizedTemplate, lang: DisplayLanguage): string =>
  typeof template === "string" ? template : template[lang];

/** Every field a localized template reads, in both languages. */
export const localizedTemplateFields = (template: LocalizedTemplate): TemplateFieldName[] => {
  const texts = typeof template === "string" ? [template] : [template.ja, template.en];
  const fields = new Set<TemplateFieldName>();
  for (const text of texts) {
    const check = checkTemplate(text);
    if (check.ok) for (const field of check.fields) fields.add(field);
  }
  return [...fields];
};
