import { z } from "@hono/zod-openapi";
import { isoDateSchema, meetingAudiences } from "@michi/core";

export const meetingInputSchema = z
  .object({
    date: isoDateSchema,
    audience: z.enum(meetingAudiences),
    title: z.string().trim().min(1, "is required").max(200),
    notes: z.string().max(20_000).optional(),
    decisions: z.string().max(20_000).optional(),
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
