import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { planMeetings } from "../../db/schema";

export type MeetingRow = typeof planMeetings.$inferSelect;
export type NewMeeting = typeof planMeetings.$inferInsert;

const ofPlan = (params: { workspaceId: string; planId: string }) =>
  and(eq(planMeetings.workspaceId, params.workspaceId), eq(planMeetings.planId, params.planId));

/** The plan's meeting records, newest first. */
export const findMeetingsOfPlan = (db: DbOrTx, params: { workspaceId: string; planId: string }) =>
  db
    .select()
    .from(planMeetings)
    .where(ofPlan(params))
    .orderBy(desc(planMeetings.date), desc(planMeetings.createdAt), asc(planMeetings.id));

export const insertMeeting = async (db: DbOrTx, values: NewMeeting) => {
  const [row] = await db.insert(planMeetings).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};
