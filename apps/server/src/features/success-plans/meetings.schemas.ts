import { z } from "@hono/zod-openapi";
import { meetingAudiences } from "@michi/core";
import { storableDate, storableText } from "./plans.schemas";

export const meetingInputSchema = z
  .object({
    date: storableDate,
    audience: z.enum(meetingAudiences),
    title: storableText(200).trim().min(1, "is required"),
    notes: storableText(20_000).optional(),
    decisions: storableText(20_000).optional(),
  })
  .strict()
  .openapi("PlanMeetingInput");

export const meetingSchema = z
  .object({
    id: z.uuid(),
    date: z.string(),
    audience: z.enum(meetingAudiences),
    title: z.string(),
    notes: z.string().nullable(),
    decisions: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("PlanMeeting");

export const meetingListSchema = z
  .object({ data: z.array(meetingSchema) })
  .openapi("PlanMeetingList");

export type MeetingInput = z.infer<typeof meetingInputSchema>;
