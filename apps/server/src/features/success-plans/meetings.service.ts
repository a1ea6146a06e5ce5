import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { findMeetingsOfPlan, insertMeeting, type MeetingRow } from "./meetings.queries";
import type { MeetingInput } from "./meetings.schemas";
import { getPlanRow } from "./plans.service";

/*
 * Meeting records (議事録) are not part of the plan document: they are what
 * happened, not what is planned, so they neither bump the plan's version nor
 * go into its stages. The evaluator-not-met check reads them.
 */

export const toMeetingDto = (row: MeetingRow) => ({
  id: row.id,
  date: row.date,
  audience: row.audience,
  title: row.title,
  notes: row.notes,
  decisions: row.decisions,
  createdAt: iso(row.createdAt),
});

export const listMeetings = async (db: Db, actor: Actor, planId: string) => {
  await getPlanRow(db, actor, planId);
  const rows = await findMeetingsOfPlan(db, { workspaceId: actor.workspaceId, planId });
  return { data: rows.map(toMeetingDto) };
};

export const recordMeeting = async (
  db: Db,
  actor: Actor,
  params: { planId: string; input: MeetingInput },
) => {
  await getPlanRow(db, actor, params.planId);
  const row = await insertMeeting(db, {
    workspaceId: actor.workspaceId,
    planId: params.planId,
    ...params.input,
    createdByUserId: actor.kind === "user" ? actor.userId : null,
  });
  return toMeetingDto(row);
};
