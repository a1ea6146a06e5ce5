import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { meetingInputSchema, meetingListSchema, meetingSchema } from "./meetings.schemas";
import { listMeetings, recordMeeting } from "./meetings.service";
import { planIdParam } from "./plans.schemas";

const tags = ["Success plans"];

const list = defineRoute({
  method: "get",
  path: "/plans/{id}/meetings",
  permission: "read",
  tags,
  summary: "The plan's meeting records, newest first",
  request: { params: planIdParam },
  responses: { 200: jsonContent(meetingListSchema, "The meetings"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/plans/{id}/meetings",
  permission: "write",
  tags,
  summary: "Record a meeting (議事録); meetings with evaluators satisfy evaluator-not-met",
  request: { params: planIdParam, body: jsonBody(meetingInputSchema) },
  responses: { 201: jsonContent(meetingSchema, "The meeting record"), ...errorResponses },
});

export const meetingsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json(await listMeetings(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(create, async (c) => {
    const meeting = await recordMeeting(c.var.deps.db, c.var.actor, {
      planId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(meeting, 201);
  });
