import {
  type DisplayLanguage,
  describeComparison,
  type EmailRecipient,
  type OwnerRule,
  operatorSymbols,
  type PlaybookAction,
  type PlaybookBand,
  type PlaybookCondition,
  type PlaybookStep,
  type PlaybookTrigger,
  type ResolvedOwner,
  type SkipReason,
  type TouchModel,
} from "@michi/core";
import type { TFunction } from "i18next";
import { formatDate } from "../../lib/format";

/*
 * A playbook in words: its trigger, steps, conditions, and the actions of a
 * dry run. Never a raw code on the screen: every kind, band, role and reason
 * is looked up in the locales.
 */

export type WordsContext = {
  t: TFunction;
  lang: DisplayLanguage;
  /** A phase key → the workspace's name for it. */
  phaseName: (key: string) => string;
  /** A user id → the member's name. */
  memberName: (userId: string) => string | undefined;
};

const join = (ctx: WordsContext, values: readonly string[], joiner: "or" | "list" = "or") =>
  values.join(joiner === "or" ? ctx.t("playbooks.or") : ctx.t("playbooks.listJoin"));

const bands = (ctx: WordsContext, values: readonly PlaybookBand[]) =>
  join(
    ctx,
    values.map((band) => ctx.t(`playbooks.bands.${band}`)),
  );

const phases = (ctx: WordsContext, keys: readonly string[]) => join(ctx, keys.map(ctx.phaseName));

const findingLabel = (ctx: WordsContext, code: string) =>
  ctx.t(`plans.checkCodes.${code}.label` as "plans.checkCodes.overdue.label", {
    defaultValue: code,
  });

const touchModelName = (ctx: WordsContext, value: TouchModel) => ctx.t(`touchModel.${value}`);

/** "ヘルスが赤になったとき": the trigger in a line. */
export const triggerText = (ctx: WordsContext, trigger: PlaybookTrigger): string => {
  const { t } = ctx;
  switch (trigger.kind) {
    case "healthBandChanged": {
      const from = trigger.from?.length ? bands(ctx, trigger.from) : null;
      const to = trigger.to?.length ? bands(ctx, trigger.to) : null;
      if (from && to) return t("playbooks.trigger.bandFromTo", { from, to });
      if (to) return t("playbooks.trigger.bandTo", { to });
      if (from) return t("playbooks.trigger.bandFrom", { from });
      return t("playbooks.trigger.bandAny");
    }
    case "healthScoreDropped":
      return t("playbooks.trigger.scoreDropped", {
        points: trigger.points,
        days: trigger.withinDays,
      });
    case "phaseChanged": {
      const from = trigger.from?.length ? phases(ctx, trigger.from) : null;
      const to = trigger.to?.length ? phases(ctx, trigger.to) : null;
      if (from && to) return t("playbooks.trigger.phaseFromTo", { from, to });
      if (to) return t("playbooks.trigger.phaseTo", { to });
      if (from) return t("playbooks.trigger.phaseFrom", { from });
      return t("playbooks.trigger.phaseAny");
    }
    case "phaseProposed":
      return trigger.from?.length
        ? t("playbooks.trigger.phaseProposedFrom", { from: phases(ctx, trigger.from) })
        : t("playbooks.trigger.phaseProposed");
    case "maturityLevelChanged": {
      const direction = trigger.direction ?? "any";
      return trigger.product
        ? t(`playbooks.trigger.maturityProduct_${direction}`, { product: trigger.product })
        : t(`playbooks.trigger.maturity_${direction}`);
    }
    case "planFindingAppeared":
      return t("playbooks.trigger.planFinding", {
        codes: join(
          ctx,
          trigger.codes.map((code) => findingLabel(ctx, code)),
          "list",
        ),
      });
    case "kpiOffTrack":
      return t("playbooks.trigger.kpiOffTrack");
    case "milestoneOverdue":
      return t("playbooks.trigger.milestoneOverdue");
    case "renewalDue":
      return t("playbooks.trigger.renewalDue", { days: trigger.days });
    case "contractCreated":
      return t("playbooks.trigger.contractCreated");
    case "contractEnded":
      return t("playbooks.trigger.contractEnded");
    case "usageEvent":
      return t("playbooks.trigger.usageEvent", { event: trigger.event });
    case "manual":
      return t("playbooks.trigger.manual");
  }
};

export const ownerText = (ctx: WordsContext, rule: OwnerRule): string => {
  switch (rule.kind) {
    case "accountOwner":
      return ctx.t("playbooks.owner.accountOwner");
    case "role":
      return ctx.t("playbooks.owner.role", { role: ctx.t(`roles.${rule.role}`) });
    case "user":
      return ctx.t("playbooks.owner.user", {
        name: ctx.memberName(rule.userId) ?? ctx.t("playbooks.owner.unknownMember"),
      });
  }
};

const recipientText = (ctx: WordsContext, to: EmailRecipient): string =>
  to.kind === "contact" ? ctx.t(`playbooks.contactRoles.${to.role}`) : ownerText(ctx, to.owner);

const pick = (text: string | { ja: string; en: string }, lang: DisplayLanguage) =>
  typeof text === "string" ? text : text[lang] || text.ja || text.en;

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A condition tree in words: "health is yellow or green". */
export const conditionText = (ctx: WordsContext, condition: PlaybookCondition): string => {
  const walk = (node: PlaybookCondition, nested: boolean): string => {
    if ("all" in node || "any" in node) {
      const [kind, children] =
        "all" in node ? (["and", node.all] as const) : (["or", node.any] as const);
      if (children.length === 1) return walk(children[0]!, nested);
      const text = children.map((child) => walk(child, true)).join(ctx.t(`playbooks.${kind}`));
      return nested ? `(${text})` : text;
    }
    if ("metric" in node) return describeComparison(node, ctx.lang);
    if (node.field === "healthScore") {
      return ctx.t("playbooks.condition.healthScore", {
        op: operatorSymbols[node.op],
        value: node.value,
      });
    }
    const negated = node.notIn !== undefined;
    const values = (node.in ?? node.notIn ?? []) as string[];
    const suffix = negated ? "NotIn" : "In";
    const words = (() => {
      switch (node.field) {
        case "healthBand":
          return bands(ctx, values as PlaybookBand[]);
        case "phase":
          return phases(ctx, values);
        case "touchModel":
          return join(
            ctx,
            values.map((value) => touchModelName(ctx, value as TouchModel)),
          );
        case "owner":
          return join(
            ctx,
            values.map((value) => ctx.memberName(value) ?? value),
          );
        case "planFinding":
          return join(
            ctx,
            values.map((value) => findingLabel(ctx, value)),
          );
        default:
          return join(ctx, values);
      }
    })();
    return ctx.t(`playbooks.condition.${node.field}${suffix}`, { values: words });
  };
  return walk(condition, false);
};

/** One step of the definition in a line. */
export const stepText = (ctx: WordsContext, step: PlaybookStep): string => {
  const { t, lang } = ctx;
  switch (step.kind) {
    case "createTask":
      return t("playbooks.step.createTask", {
        title: pick(step.title, lang),
        owner: ownerText(ctx, step.owner),
        days: step.dueInBusinessDays,
      });
    case "sendEmail":
      return t("playbooks.step.sendEmail", {
        to: recipientText(ctx, step.to),
        subject: pick(step.template.subject, lang),
      });
    case "callWebhook":
      return t("playbooks.step.callWebhook", { url: step.url });
    case "postToChat":
      return t("playbooks.step.postToChat", { url: step.url, text: short(pick(step.text, lang)) });
    case "setField":
      if (step.field === "touchModel") {
        return t("playbooks.step.setTouchModel", { value: touchModelName(ctx, step.value) });
      }
      if (step.field === "segment") return t("playbooks.step.setSegment", { value: step.value });
      return t("playbooks.step.setOwner", { owner: ownerText(ctx, step.value) });
    case "addNote":
      return t("playbooks.step.addNote", { body: short(pick(step.body, lang)) });
    case "wait":
      return t("playbooks.step.wait", { days: step.days });
    case "stopIf":
      return t("playbooks.step.stopIf", { condition: conditionText(ctx, step.condition) });
  }
};

const resolvedOwnerText = (ctx: WordsContext, owner: ResolvedOwner): string => {
  if (owner.userId === null) {
    return ctx.t(`playbooks.ownerProblems.${owner.problem ?? "unknownUser"}`);
  }
  return ctx.memberName(owner.userId) ?? ctx.t("playbooks.owner.unknownMember");
};

/** One action of a dry run in a line: "Task “…” for 佐藤, due 2026年12月10日". */
export const actionText = (
  ctx: WordsContext,
  action: PlaybookAction,
  stopCondition?: PlaybookCondition,
): string => {
  const { t, lang } = ctx;
  const date = (day: string) => formatDate(day, lang);
  switch (action.kind) {
    case "createTask":
      return t("playbooks.action.createTask", {
        title: action.title,
        owner: resolvedOwnerText(ctx, action.owner),
        date: date(action.dueDate),
      });
    case "sendEmail":
      return t("playbooks.action.sendEmail", {
        name: action.to.name,
        email: action.to.email,
        subject: action.subject,
      });
    case "skipEmail":
      return t("playbooks.action.skipEmail", { reason: t(`playbooks.emailSkip.${action.reason}`) });
    case "callWebhook":
      return t("playbooks.action.callWebhook", { url: action.url });
    case "postToChat":
      return t("playbooks.action.postToChat", { url: action.url, text: short(action.body.text) });
    case "setField":
      if (action.field === "touchModel") {
        return t("playbooks.action.setTouchModel", { value: touchModelName(ctx, action.value) });
      }
      if (action.field === "segment") {
        return t("playbooks.action.setSegment", { value: action.value });
      }
      return t("playbooks.action.setOwner", { owner: resolvedOwnerText(ctx, action.value) });
    case "addNote":
      return t("playbooks.action.addNote", { body: short(action.body, 160) });
    case "wait":
      return t("playbooks.action.wait", { days: action.days, until: date(action.until) });
    case "stopIf": {
      if (!stopCondition) {
        return action.holds
          ? t("playbooks.action.stopIfHoldsPlain")
          : t("playbooks.action.stopIfGoesOnPlain");
      }
      const condition = conditionText(ctx, stopCondition);
      return action.holds
        ? t("playbooks.action.stopIfHolds", { condition })
        : t("playbooks.action.stopIfGoesOn", { condition });
    }
  }
};

/** Why a dry run would not fire. */
export const skipText = (
  ctx: WordsContext,
  skipped: { reason: SkipReason; until?: string },
): string => {
  if (skipped.reason === "coolingDown") {
    return skipped.until
      ? ctx.t("playbooks.skip.coolingDown", { until: formatDate(skipped.until, ctx.lang) })
      : ctx.t("playbooks.skip.coolingDownNoDate");
  }
  return ctx.t(`playbooks.skip.${skipped.reason}`);
};
