import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  interactionInputSchema,
  MAX_BODY,
  noteInputSchema,
  noteItemSchema,
  noteParams,
  timelineItemSchema,
  timelinePageSchema,
  timelineQuerySchema,
} from "./timeline.schemas";
import { addNote, getTimeline, logInteraction, removeNote } from "./timeline.service";

const tags = ["Timeline"];

/** A note of MAX_BODY characters, each up to 4 bytes of UTF-8 and escaped, fits with room. */
const touchpointBodyLimit = limitBody(MAX_BODY * 8 + 4096);

const timeline = defineRoute({
  method: "get",
  path: "/accounts/{id}/timeline",
  permission: "read",
  tags,
  summary: "The account's timeline, newest first",
  description:
    "Notes, logged calls and meetings (the plans' meetings too), emails Michi sent or could not send, tasks made and completed, playbook runs, health band, phase, maturity and contract changes, closed plan stages and KPI measurements. Pages by `nextCursor`.",
  request: { params: idParam, query: timelineQuerySchema },
  responses: {
    200: jsonContent(timelinePageSchema, "One page of the timeline"),
    ...errorResponses,
  },
});

const createNote = defineRoute({
  method: "post",
  path: "/accounts/{id}/notes",
  permission: "write",
  bodyLimit: touchpointBodyLimit,
  tags,
  summary: "Add a note (markdown, @mentions) to the account's timeline",
  request: { params: idParam, body: jsonBody(noteInputSchema) },
  responses: {
    201: jsonContent(noteItemSchema, "The note, as the timeline shows it"),
    ...errorResponses,
  },
});

const createInteraction = defineRoute({
  method: "post",
  path: "/accounts/{id}/interactions",
  permission: "write",
  bodyLimit: touchpointBodyLimit,
  tags,
  summary: "Log a call or a meeting on the account's timeline",
  request: { params: idParam, body: jsonBody(interactionInputSchema) },
  responses: {
    201: jsonContent(timelineItemSchema, "The call or meeting, as the timeline shows it"),
    ...errorResponses,
  },
});

const deleteNote = defineRoute({
  method: "delete",
  path: "/accounts/{id}/notes/{noteId}",
  permission: "write",
  tags,
  summary: "Delete a note, or a logged call or meeting",
  description: "Its author may; an admin or a manager may delete anyone's.",
  request: { params: noteParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const timelineRouter = createRouter()
  .openapi(timeline, async (c) =>
    c.json(
      await getTimeline(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        query: c.req.valid("query"),
      }),
      200,
    ),
  )
  .openapi(createNote, async (c) => {
    const item = await addNote(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(item, 201);
  })
  .openapi(createInteraction, async (c) => {
    const item = await logInteraction(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(item, 201);
  })
  .openapi(deleteNote, async (c) => {
    const { id, noteId } = c.req.valid("param");
    await removeNote(c.var.deps.db, c.var.actor, { accountId: id, noteId });
    return c.body(null, 204);
  });
