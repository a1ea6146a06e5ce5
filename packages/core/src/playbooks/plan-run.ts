import type { TouchModel } from "../accounts/account-fields";
import type { DisplayLanguage } from "../usage/display-text";
import { localizeText } from "../usage/display-text";
import { addCalendarDays } from "../usage/metrics";
import { addBusinessDays } from "./business-days";
import { type ConditionEvaluation, evaluatePlaybookCondition } from "./conditions";
import type { PlaybookContact, PlaybookFacts } from "./facts";
import type { OwnerRule, Playbook, PlaybookStep } from "./playbook";
import { templateValuesFor } from "./run-texts";
import {
  type LocalizedTemplate,
  pickTemplate,
  type RenderMode,
  renderTemplate,
} from "./text-templates";
import type { PlaybookSignal } from "./triggers";

/*
 * planPlaybookRun turns a playbook, the signal that fired it and the
 * account's facts into the concrete actions of its run: the task with its
 * title, owner and due date, the email as it will be sent, the webhook body.
 * It decides everything and does nothing, so a dry run shows exactly what a
 * run would do: the runner calls it too, carries out the actions up to the
 * first wait, and when the wait is over calls it again from the next step
 * with the facts of that day (so a "stop if green" after a wait sees the
 * account as it is then).
 */

export type OwnerProblem = "noAccountOwner" | "noMemberWithRole" | "unknownUser";
export type ResolvedOwner = { userId: string | null; problem?: OwnerProblem };

export type EmailSkipReason = "noContactWithRole" | "noEmail" | "unsubscribed" | OwnerProblem;

type ActionBase = {
  stepIndex: number;
  /** The day the step runs: the run's day plus the waits before it. */
  on: string;
  /** After a wait: the run plans this step again on `on`, with the facts of that day. */
  provisional: boolean;
};

export type PlaybookAction = ActionBase &
  (
    | {
        kind: "createTask";
        title: string;
        owner: ResolvedOwner;
        dueDate: string;
      }
    | {
        kind: "sendEmail";
        to:
          | { kind: "contact"; contactId: string; name: string; email: string }
          | { kind: "member"; userId: string; name: string; email: string };
        language: DisplayLanguage;
        subject: string;
        text: string;
        html: string | null;
      }
    | {
        kind: "skipEmail";
        reason: EmailSkipReason;
        /** The contact passed over, when there is one. */
        contactId?: string;
      }
    | { kind: "callWebhook"; url: string; payload: PlaybookWebhookPayload }
    | { kind: "postToChat"; url: string; body: { text: string } }
    | { kind: "setField"; field: "touchModel"; value: TouchModel }
    | { kind: "setField"; field: "segment"; value: string }
    | { kind: "setField"; field: "owner"; value: ResolvedOwner }
    | { kind: "addNote"; body: string }
    | { kind: "wait"; days: number; until: string }
    | { kind: "stopIf"; holds: boolean; conditions: ConditionEvaluation }
  );

export type PlaybookWebhookPayload = {
  type: "playbook.step";
  playbook: { id: string; name: string };
  account: { id: string; name: string; url: string | null };
  signal: PlaybookSignal;
  stepIndex: number;
};

export const resolveOwner = (rule: OwnerRule, facts: PlaybookFacts): ResolvedOwner => {
  switch (rule.kind) {
    case "accountOwner": {
      const id = facts.account.ownerUserId;
      if (id === null || !facts.members.some((member) => member.id === id)) {
        return { userId: null, problem: "noAccountOwner" };
      }
      return { userId: id };
    }
    case "role": {
      const member = facts.members.find((candidate) => candidate.role === rule.role);
      return member ? { userId: member.id } : { userId: null, problem: "noMemberWithRole" };
    }
    case "user":
      return facts.members.some((member) => member.id === rule.userId)
        ? { userId: rule.userId }
        : { userId: null, problem: "unknownUser" };
  }
};

/**
 * Every action of a run from `fromStep` on, in order. The plan stops at a
 * stopIf that holds; the actions after the first wait are provisional.
 */
export const planPlaybookRun = (options: {
  playbookId: string;
  playbook: Playbook;
  signal: PlaybookSignal;
  facts: PlaybookFacts;
  /** The day the run (or its resumption) starts, YYYY-MM-DD. */
  today: string;
  /** Resume after a wait: the first step to plan. */
  fromStep?: number;
}): PlaybookAction[] => {
  const { playbookId, playbook, signal, facts, today, fromStep = 0 } = options;
  const actions: PlaybookAction[] = [];
  let on = today;
  let provisional = false;
  const render = (
    template: LocalizedTemplate,
    lang: DisplayLanguage,
    mode: RenderMode = "text",
    contact?: PlaybookContact,
  ) =>
    renderTemplate(
      pickTemplate(template, lang),
      templateValuesFor({ playbook, signal, facts, lang, on, ...(contact ? { contact } : {}) }),
      mode,
    );

  const emailActions = (
    step: Extract<PlaybookStep, { kind: "sendEmail" }>,
    base: ActionBase,
  ): PlaybookAction[] => {
    const email = (
      to: Extract<PlaybookAction, { kind: "sendEmail" }>["to"],
      lang: DisplayLanguage,
      contact?: PlaybookContact,
    ): PlaybookAction => ({
      ...base,
      kind: "sendEmail",
      to,
      language: lang,
      subject: render(step.template.subject, lang, "text", contact),
      text: render(step.template.text, lang, "text", contact),
      html: step.template.html ? render(step.template.html, lang, "html", contact) : null,
    });
    if (step.to.kind === "member") {
      const owner = resolveOwner(step.to.owner, facts);
      const member = facts.members.find((candidate) => candidate.id === owner.userId);
      if (!member) return [{ ...base, kind: "skipEmail", reason: owner.problem ?? "unknownUser" }];
      if (member.email === null) return [{ ...base, kind: "skipEmail", reason: "noEmail" }];
      return [
        email(
          { kind: "member", userId: member.id, name: member.name, email: member.email },
          member.language,
        ),
      ];
    }
    const role = step.to.role;
    const contacts = facts.contacts.filter((contact) => contact.roles.includes(role));
    if (contacts.length === 0) return [{ ...base, kind: "skipEmail", reason: "noContactWithRole" }];
    return contacts.map((contact): PlaybookAction => {
      if (contact.unsubscribed) {
        return { ...base, kind: "skipEmail", reason: "unsubscribed", contactId: contact.id };
      }
      if (contact.email === null) {
        return { ...base, kind: "skipEmail", reason: "noEmail", contactId: contact.id };
      }
      return email(
        { kind: "contact", contactId: contact.id, name: contact.name, email: contact.email },
        contact.language,
        contact,
      );
    });
  };

  for (let stepIndex = fromStep; stepIndex < playbook.steps.length; stepIndex += 1) {
    const step = playbook.steps[stepIndex]!;
    const base: ActionBase = { stepIndex, on, provisional };
    switch (step.kind) {
      case "createTask":
        actions.push({
          ...base,
          kind: "createTask",
          title: render(step.title, facts.language),
          owner: resolveOwner(step.owner, facts),
          dueDate: addBusinessDays(on, step.dueInBusinessDays),
        });
        break;
      case "sendEmail":
        actions.push(...emailActions(step, base));
        break;
      case "callWebhook":
        actions.push({
          ...base,
          kind: "callWebhook",
          url: step.url,
          payload: {
            type: "playbook.step",
            playbook: { id: playbookId, name: localizeText(playbook.name, facts.language) },
            account: { id: facts.account.id, name: facts.account.name, url: facts.account.url },
            signal,
            stepIndex,
          },
        });
        break;
      case "postToChat":
        actions.push({
          ...base,
          kind: "postToChat",
          url: step.url,
          body: { text: render(step.text, facts.language, "chat") },
        });
        break;
      case "setField":
        if (step.field === "owner") {
          actions.push({
            ...base,
            kind: "setField",
            field: "owner",
            value: resolveOwner(step.value, facts),
          });
        } else if (step.field === "touchModel") {
          actions.push({ ...base, kind: "setField", field: "touchModel", value: step.value });
        } else {
          actions.push({ ...base, kind: "setField", field: "segment", value: step.value });
        }
        break;
      case "addNote":
        actions.push({ ...base, kind: "addNote", body: render(step.body, facts.language) });
        break;
      case "wait": {
        const until = addCalendarDays(on, step.days);
        actions.push({ ...base, kind: "wait", days: step.days, until });
        on = until;
        provisional = true;
        break;
      }
      case "stopIf": {
        const conditions = evaluatePlaybookCondition(step.condition, facts);
        actions.push({ ...base, kind: "stopIf", holds: conditions.holds, conditions });
        if (conditions.holds) return actions;
        break;
      }
    }
  }
  return actions;
};

/**
 * The actions the runner carries out now: those up to and including the
 * first wait. `resume` says when and from which step to plan again.
 */
export const actionsDueNow = (
  actions: readonly PlaybookAction[],
): { now: PlaybookAction[]; resume: { on: string; fromStep: number } | null } => {
  const wait = actions.findIndex((action) => action.kind === "wait");
  if (wait < 0) return { now: [...actions], resume: null };
  const action = actions[wait] as Extract<PlaybookAction, { kind: "wait" }>;
  return {
    now: actions.slice(0, wait + 1),
    resume: { on: action.until, fromStep: action.stepIndex + 1 },
  };
};
