import { z } from "zod";
import { isoDateSchema } from "../accounts/account-fields";
import { withCode } from "../problem-codes";
import type { PlanDocument, PlanRole, PlanSide, PlanTeamMember } from "./plan-document";

/*
 * What a new plan starts with besides its template: the period it covers and
 * the real people of its project team.
 */

/** Which plan roles each side plays (DOMAIN.md): evaluators, promoter, users; CSM, sales… */
export const planRolesBySide = {
  customer: ["finalEvaluator", "evaluator", "promoter", "user", "other"],
  vendor: ["csm", "sales", "consultant", "support", "other"],
} as const satisfies Record<PlanSide, readonly PlanRole[]>;

/** The period a new plan is asked for: both dates, the end after the start. */
/** A calendar date the databases can store: year 1 on (PostgreSQL has no year 0). */
const storableDate = isoDateSchema.refine(
  (date) => !date.startsWith("0000-"),
  withCode("date-before-year-1", "must be a date in year 1 or later"),
);

export const planPeriodInputSchema = z
  .object({ start: storableDate, end: storableDate })
  .strict()
  .refine(({ start, end }) => end > start, {
    ...withCode("end-not-after-start", "must be after start"),
    path: ["end"],
  });

export type PlanPeriodInput = z.infer<typeof planPeriodInputSchema>;

/** A person to put in a new plan's team: the account owner, a contact. */
export type PlanTeamCandidate = {
  side: PlanSide;
  role: PlanRole;
  name: string;
  email?: string | undefined;
  title?: string | undefined;
};

const PREFIX: Record<PlanSide, string> = { customer: "c", vendor: "v" };

const keysOf = (doc: PlanDocument): string[] =>
  [
    ...(doc.pufu.objectives ?? []),
    ...(doc.pufu.measures ?? []),
    ...(doc.roadmap ?? []),
    ...(doc.kpis ?? []),
    ...(doc.milestones ?? []),
    ...(doc.tasks ?? []),
    ...(doc.meetingCadences ?? []),
    ...(doc.failurePatterns ?? []),
  ].map((e) => e.key);

/**
 * The team of a new plan: the template's members are slots (「評価者（部長）」,
 * 「担当CSM」), not people. Each candidate takes the first free slot of its side
 * and role, keeping the slot's key so that the measures and tasks it owns
 * pass to that person; the others join with a new key. Slots nobody takes
 * are left out, with their ownership of measures and tasks, so no placeholder
 * name is saved as a person.
 */
export const prefillPlanTeam = (
  doc: PlanDocument,
  candidates: readonly PlanTeamCandidate[],
): PlanDocument => {
  const slots = doc.team ?? [];
  const taken = new Set<string>();
  const used = new Set([...keysOf(doc), ...slots.map((m) => m.key)]);
  const freshKey = (side: PlanSide) => {
    let n = 1;
    while (used.has(`${PREFIX[side]}${n}`)) n++;
    const key = `${PREFIX[side]}${n}`;
    used.add(key);
    return key;
  };
  const team: PlanTeamMember[] = candidates.map((person) => {
    const slot = slots.find(
      (s) => !taken.has(s.key) && s.side === person.side && s.role === person.role,
    );
    if (slot) taken.add(slot.key);
    const member: PlanTeamMember = {
      key: slot?.key ?? freshKey(person.side),
      name: person.name,
      side: person.side,
      role: person.role,
    };
    if (person.email) member.email = person.email;
    if (person.title) member.title = person.title;
    return member;
  });
  const kept = new Set(team.map((m) => m.key));
  const owner = <T extends { ownerKey?: string }>(element: T): T => {
    if (element.ownerKey === undefined || kept.has(element.ownerKey)) return element;
    const { ownerKey: _dropped, ...rest } = element;
    return rest as T;
  };
  const { team: _slots, ...rest } = doc;
  return {
    ...rest,
    ...(team.length > 0 ? { team } : {}),
    pufu: {
      ...doc.pufu,
      ...(doc.pufu.measures ? { measures: doc.pufu.measures.map(owner) } : {}),
    },
    ...(doc.tasks ? { tasks: doc.tasks.map(owner) } : {}),
  };
};
