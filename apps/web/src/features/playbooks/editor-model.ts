import type {
  DisplayText,
  FieldProblem,
  Playbook,
  PlaybookCondition,
  PlaybookInput,
  PlaybookStep,
  PlaybookStepKind,
  PlaybookTrigger,
  PlaybookTriggerKind,
} from "@michi/core";
import { pointerToPath } from "../../lib/form-errors";
import { normaliseTexts } from "../cs-settings/display-text";

/*
 * The editor's draft of a playbook and back. Texts are kept in both
 * languages while typing (normaliseTexts folds them on save); conditions are
 * JSON text until saved; each step has a uid so a moved card keeps its inputs.
 */

export type StepDraft = PlaybookStep & { uid: string; conditionText?: string };

export type EditorValues = {
  name: DisplayText;
  description: DisplayText | undefined;
  trigger: PlaybookTrigger;
  conditionsText: string;
  steps: StepDraft[];
  coolDownDays: number;
  paused: boolean;
};

let uidCounter = 0;
const newUid = () => {
  uidCounter += 1;
  return `step-${uidCounter}`;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const toStepDraft = (step: PlaybookStep): StepDraft => ({
  ...step,
  uid: newUid(),
  ...(step.kind === "stopIf" ? { conditionText: json(step.condition) } : {}),
});

export const toEditorValues = (playbook: Playbook): EditorValues => ({
  name: playbook.name,
  description: playbook.description,
  trigger: playbook.trigger,
  conditionsText: playbook.conditions ? json(playbook.conditions) : "",
  steps: playbook.steps.map(toStepDraft),
  coolDownDays: playbook.coolDownDays,
  paused: playbook.paused,
});

const blank = { ja: "", en: "" };

export const defaultStep = (kind: PlaybookStepKind): PlaybookStep => {
  switch (kind) {
    case "createTask":
      return { kind, title: blank, owner: { kind: "accountOwner" }, dueInBusinessDays: 3 };
    case "sendEmail":
      return {
        kind,
        to: { kind: "contact", role: "primary" },
        template: { subject: blank, text: blank },
      };
    case "callWebhook":
      return { kind, url: "" };
    case "postToChat":
      return { kind, url: "", text: blank };
    case "setField":
      return { kind, field: "touchModel", value: "high" };
    case "addNote":
      return { kind, body: blank };
    case "wait":
      return { kind, days: 7 };
    case "stopIf":
      return { kind, condition: { field: "healthBand", in: ["green"] } };
  }
};

export const defaultTrigger = (kind: PlaybookTriggerKind): PlaybookTrigger => {
  switch (kind) {
    case "healthBandChanged":
      return { kind, to: ["red"] };
    case "healthScoreDropped":
      return { kind, points: 10, withinDays: 14 };
    case "maturityLevelChanged":
      return { kind, direction: "any" };
    case "planFindingAppeared":
      return { kind, codes: ["overdue"] };
    case "renewalDue":
      return { kind, days: 90 };
    case "usageEvent":
      return { kind, event: "" };
    case "phaseChanged":
    case "phaseProposed":
    case "kpiOffTrack":
    case "milestoneOverdue":
    case "contractCreated":
    case "contractEnded":
    case "manual":
      return { kind };
  }
};

/** Optional lists left empty mean "any": they are left out. */
const cleanTrigger = (trigger: PlaybookTrigger): PlaybookTrigger => {
  const copy: Record<string, unknown> = { ...trigger };
  for (const key of ["from", "to"]) {
    if (Array.isArray(copy[key]) && (copy[key] as unknown[]).length === 0) delete copy[key];
  }
  if (typeof copy.product === "string" && copy.product.trim() === "") delete copy.product;
  return copy as PlaybookTrigger;
};

const isBlankText = (text: DisplayText | undefined) =>
  text === undefined ||
  (typeof text === "string" ? text.trim() === "" : text.ja.trim() === "" && text.en.trim() === "");

export type BuildResult =
  | { ok: true; definition: PlaybookInput }
  | { ok: false; errors: Record<string, string> };

/**
 * The definition to save, or the JSON problems of the conditions (by form
 * path). `invalidJson` words a parse error.
 */
export const buildDefinition = (
  values: EditorValues,
  invalidJson: (message: string) => string,
): BuildResult => {
  const errors: Record<string, string> = {};
  const parse = (text: string, path: string): PlaybookCondition | undefined => {
    if (text.trim() === "") return undefined;
    try {
      return JSON.parse(text) as PlaybookCondition;
    } catch (error) {
      errors[path] = invalidJson(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const conditions = parse(values.conditionsText, "conditionsText");
  const steps = values.steps.map((draft, index): PlaybookStep => {
    const { uid: _uid, conditionText, ...step } = draft;
    if (step.kind === "stopIf") {
      const condition = parse(conditionText ?? "", `steps.${index}.conditionText`);
      return { ...step, condition: condition ?? (undefined as unknown as PlaybookCondition) };
    }
    if (step.kind === "sendEmail" && isBlankText(step.template.html)) {
      const { html: _html, ...template } = step.template;
      return { ...step, template };
    }
    return step as PlaybookStep;
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const definition: PlaybookInput = normaliseTexts({
    name: values.name,
    ...(isBlankText(values.description) ? {} : { description: values.description }),
    trigger: cleanTrigger(values.trigger),
    ...(conditions ? { conditions } : {}),
    steps,
    coolDownDays: values.coolDownDays,
    paused: values.paused,
  });
  return { ok: true, definition };
};

const textPaths = (path: string) => [path, `${path}.ja`, `${path}.en`];

/** Every path of the editor that shows a problem, for the values as they are. */
export const editorFieldPaths = (values: EditorValues): string[] => {
  const paths = [
    ...textPaths("name"),
    ...textPaths("description"),
    "trigger",
    ...["from", "to", "points", "withinDays", "direction", "product", "codes", "days", "event"].map(
      (key) => `trigger.${key}`,
    ),
    "conditionsText",
    "coolDownDays",
    "paused",
    "steps",
  ];
  values.steps.forEach((step, index) => {
    const at = (path: string) => `steps.${index}.${path}`;
    paths.push(`steps.${index}`);
    switch (step.kind) {
      case "createTask":
        paths.push(...textPaths(at("title")), at("owner"), at("dueInBusinessDays"));
        break;
      case "sendEmail":
        paths.push(
          at("to"),
          ...textPaths(at("template.subject")),
          ...textPaths(at("template.text")),
          ...textPaths(at("template.html")),
        );
        break;
      case "callWebhook":
        paths.push(at("url"));
        break;
      case "postToChat":
        paths.push(at("url"), ...textPaths(at("text")));
        break;
      case "setField":
        paths.push(at("field"), at("value"));
        break;
      case "addNote":
        paths.push(...textPaths(at("body")));
        break;
      case "wait":
        paths.push(at("days"));
        break;
      case "stopIf":
        paths.push(at("conditionText"));
        break;
    }
  });
  return paths;
};

/**
 * Server path → editor path, for problems deeper than any input (a band in
 * the list, a user id inside an owner rule): the nearest input above takes
 * them; conditions go to their JSON text.
 */
export const problemAliases = (
  problems: readonly FieldProblem[],
  fields: readonly string[],
): Record<string, string> => {
  const aliases: Record<string, string> = {};
  for (const problem of problems) {
    const serverPath = pointerToPath(problem.pointer);
    if (!serverPath.startsWith("definition.") && serverPath !== "definition") continue;
    let path = serverPath.replace(/^definition\.?/, "");
    path = path.replace(/^conditions(\..*)?$/, "conditionsText");
    path = path.replace(/^(steps\.\d+)\.condition(\..*)?$/, "$1.conditionText");
    while (path !== "" && !fields.includes(path)) {
      path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    if (path !== "") aliases[serverPath] = path;
  }
  return aliases;
};
