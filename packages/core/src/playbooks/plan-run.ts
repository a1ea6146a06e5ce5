import type { TouchModel } from "../accounts/account-fields";
import type { WorkspaceRole } from "../auth/roles";
import { planCheckCodes } from "../success-plan/plan-check-codes";
import { daysBetween } from "../success-plan/plan-dates";
import type { DisplayLanguage, DisplayText } from "../usage/display-text";
import { localizeText } from "../usage/display-text";
import { addCalendarDays } from "../usage/metrics";
import { addBusinessDays } from "./business-days";
import {
  bandOf,
  type ConditionEvaluation,
  type ConditionFacts,
  evaluatePlaybookCondition,
  type PlaybookBand,
} from "./conditions";
import type { ContactRole, OwnerRule, Playbook, PlaybookStep } from "./playbook";
import {
  type LocalizedTemplate,
  pickTemplate,
  renderTemplate,
  type TemplateValues,
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

export type PlaybookMember = {
  id: string;
  name: string;
  role: WorkspaceRole;
  email: string | null;
  language: DisplayLanguage;
};

export type PlaybookContact = {
  id: string;
  name: string;
  email: string | null;
  /** "primary" and the plan roles the contact holds. */
  roles: readonly ContactRole[];
  unsubscribed: boolean;
  language: DisplayLanguage;
};

/** Everything a run reads about the account; the server gathers it, the core decides. */
export type PlaybookFacts = ConditionFacts & {
  account: ConditionFacts["account"] & {
    id: string;
    name: string;
    mrr: number | null;
    /** ISO 4217, for showing MRR. */
    currency: string;
    renewalDate: string | null;
    maturityLevel: number | null;
    /** The account's page in Michi, for links in emails and chat posts. */
    url: string | null;
  };
  /** Phase names by key, for texts. */
  phaseNames: Readonly<Record<string, DisplayText>>;
  /** Active members, in the order an owner rule by role tries them (the server's choice, e.g. by load). */
  members: readonly PlaybookMember[];
  contacts: readonly PlaybookContact[];
  /** The workspace's language: tasks, notes and chat posts are written in it. */
  language: DisplayLanguage;
};

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

const bandNames: Record<PlaybookBand, DisplayText> = {
  red: { ja: "赤", en: "Red" },
  yellow: { ja: "黄", en: "Yellow" },
  green: { ja: "緑", en: "Green" },
  insufficientData: { ja: "データ不足", en: "Insufficient data" },
};

const touchModelNames: Record<TouchModel, DisplayText> = {
  high: { ja: "ハイタッチ", en: "High touch" },
  low: { ja: "ロータッチ", en: "Low touch" },
  tech: { ja: "テックタッチ", en: "Tech touch" },
  community: { ja: "コミュニティ", en: "Community" },
};

const phaseName = (facts: PlaybookFacts, key: string | null, lang: DisplayLanguage) => {
  if (key === null) return lang === "ja" ? "なし" : "none";
  const name = facts.phaseNames[key];
  return name === undefined ? key : localizeText(name, lang);
};

/** What happened, in a line, for {{signal.summary}}. */
export const describeSignal = (
  signal: PlaybookSignal,
  facts: PlaybookFacts,
  lang: DisplayLanguage,
): string => {
  const ja = lang === "ja";
  switch (signal.kind) {
    case "healthBandChanged": {
      const from = localizeText(bandNames[bandOf(signal.from)], lang);
      const to = localizeText(bandNames[bandOf(signal.to)], lang);
      return ja
        ? `ヘルススコアが${from}から${to}になりました`
        : `Health moved from ${from} to ${to}`;
    }
    case "healthScored": {
      const today = signal.scores.find((score) => score.day === signal.at)?.score ?? null;
      const shown = today === null ? (ja ? "データ不足" : "insufficient data") : String(today);
      return ja
        ? `ヘルススコアが下がりました(現在 ${shown})`
        : `Health score dropped (now ${shown})`;
    }
    case "phaseChanged": {
      const from = phaseName(facts, signal.from, lang);
      const to = phaseName(facts, signal.to, lang);
      return ja ? `フェーズが${from}から${to}に移りました` : `Phase moved from ${from} to ${to}`;
    }
    case "phaseProposed": {
      const from = phaseName(facts, signal.from, lang);
      const to = phaseName(facts, signal.to, lang);
      return ja
        ? `${from}のゴールを満たしました。${to}への移行を提案します`
        : `Exit criteria of ${from} met: moving to ${to} is proposed`;
    }
    case "maturityLevelChanged": {
      const from = signal.from === null ? "-" : `Lv.${signal.from}`;
      const to = signal.to === null ? "-" : `Lv.${signal.to}`;
      return ja ? `成熟度が${from}から${to}になりました` : `Maturity moved from ${from} to ${to}`;
    }
    case "planFindingAppeared": {
      // Never the bare code on a screen: the finding's words, else the check's description.
      const text =
        signal.message ?? planCheckCodes.find((entry) => entry.code === signal.code)?.description;
      const words = text === undefined ? signal.code : text[lang];
      return ja ? `サクセスプランの指摘: ${words}` : `Success plan finding: ${words}`;
    }
    case "kpiOffTrack": {
      const kpi = signal.kpiName ?? signal.kpiKey;
      return ja
        ? `KPI「${kpi}」が${signal.since}から計画より遅れています`
        : `KPI "${kpi}" has been behind plan since ${signal.since}`;
    }
    case "milestoneOverdue": {
      const milestone = signal.milestoneName ?? signal.milestoneKey;
      return ja
        ? `マイルストーン「${milestone}」の期日(${signal.dueDate})が過ぎています`
        : `Milestone "${milestone}" was due on ${signal.dueDate}`;
    }
    case "renewalApproaching": {
      const left = daysBetween(signal.at, signal.renewalDate);
      return ja
        ? `契約更新日(${signal.renewalDate})まであと${left}日です`
        : `Renewal on ${signal.renewalDate}, ${left} days from now`;
    }
    case "contractCreated":
      return ja ? "新しい契約が登録されました" : "A new contract was added";
    case "contractEnded":
      return ja ? `契約が終了しました(${signal.endDate})` : `A contract ended on ${signal.endDate}`;
    case "usageEvent":
      return ja ? `イベント「${signal.event}」が届きました` : `Event "${signal.event}" arrived`;
    case "manual":
      return ja ? "手動で開始されました" : "Started by hand";
  }
};

/** The values of every template field for one text in one language. */
export const templateValuesFor = (options: {
  playbook: Playbook;
  signal: PlaybookSignal;
  facts: PlaybookFacts;
  lang: DisplayLanguage;
  on: string;
  contact?: PlaybookContact;
}): TemplateValues => {
  const { playbook, signal, facts, lang, on, contact } = options;
  const { account } = facts;
  const owner = facts.members.find((member) => member.id === account.ownerUserId);
  const locale = lang === "ja" ? "ja-JP" : "en-US";
  return {
    "account.name": account.name,
    "account.owner": owner?.name ?? null,
    "account.segment": account.segment,
    "account.phase": account.phase === null ? null : phaseName(facts, account.phase, lang),
    "account.touchModel":
      account.touchModel === null ? null : localizeText(touchModelNames[account.touchModel], lang),
    "account.mrr":
      account.mrr === null
        ? null
        : new Intl.NumberFormat(locale, { style: "currency", currency: account.currency }).format(
            account.mrr,
          ),
    "account.renewalDate": account.renewalDate,
    "account.daysToRenewal":
      account.renewalDate === null ? null : daysBetween(on, account.renewalDate),
    "account.healthScore": facts.health.score,
    "account.healthBand": localizeText(bandNames[bandOf(facts.health.band)], lang),
    "account.maturityLevel": account.maturityLevel === null ? null : `Lv.${account.maturityLevel}`,
    "account.url": account.url,
    "contact.name": contact?.name ?? null,
    "contact.email": contact?.email ?? null,
    "playbook.name": localizeText(playbook.name, lang),
    "signal.summary": describeSignal(signal, facts, lang),
    today: on,
  };
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
    mode: "text" | "html" = "text",
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
          body: { text: render(step.text, facts.language) },
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
