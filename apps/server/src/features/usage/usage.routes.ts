import { z } from "@hono/zod-openapi";
import {
  SEGMENT_MAX_BATCH_BYTES,
  SEGMENT_MAX_EVENT_BYTES,
  type SegmentEventType,
  segmentBatchSchema,
  segmentCallSchemas,
} from "@michi/core";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../lib/hono-env";
import { errorResponses, jsonBody, jsonContent, problem, problemSchema } from "../../lib/openapi";
import { defineRoute, documentedRoute, routeGuard } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { parseSegmentBody } from "./usage.parse";
import { assertSegmentSize, getAccountUsageMetrics, ingestUsageEvents } from "./usage.service";

/**
 * Refuses an oversize body before it is read: by Content-Length when sent,
 * else while streaming (bodyLimit). The text is measured again after reading.
 */
const segmentSizeLimit = (kind: "event" | "batch") => {
  const maxSize = kind === "event" ? SEGMENT_MAX_EVENT_BYTES : SEGMENT_MAX_BATCH_BYTES;
  const streamed = bodyLimit({
    maxSize,
    onError: () => {
      assertSegmentSize(maxSize + 1, kind);
      throw new Error("unreachable");
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    const length = Number(c.req.header("content-length"));
    if (Number.isFinite(length)) assertSegmentSize(length, kind);
    return streamed(c, next);
  });
};

const ingest = async (c: Context<AppEnv>, type: SegmentEventType | "batch") => {
  const receivedAt = new Date();
  const text = await c.req.text();
  assertSegmentSize(Buffer.byteLength(text), type === "batch" ? "batch" : "event");
  const { events, dropped } = parseSegmentBody(type, JSON.parse(text) as unknown, receivedAt);
  // Awaited: the answer is sent only after the transaction has committed.
  if (events.length > 0) {
    await ingestUsageEvents(c.var.deps.db, { workspaceId: c.var.actor.workspaceId, events });
  }
  return c.json(
    type === "batch" ? { success: true as const, dropped } : { success: true as const },
    200,
  );
};

const metricsQuery = z.object({
  window: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .openapi({
      param: { name: "window", in: "query" },
      description: "Days in the window, ending on asOf",
    }),
  asOf: z.iso.date({ message: "must be a date as YYYY-MM-DD" }).optional().openapi({
    description:
      "The window's last day (default today, UTC): the metrics as they stood at the end of it",
  }),
});

const windowTotals = z.object({
  from: z.string(),
  to: z.string(),
  eventCounts: z.record(z.string(), z.number()),
  totalEvents: z.number(),
  activeUsers: z.number(),
  activeDays: z.number(),
});

const metricsSchema = z
  .object({
    accountId: z.string(),
    metrics: z
      .object({
        asOf: z.string(),
        windowDays: z.number(),
        current: windowTotals,
        previous: windowTotals,
        distinctEvents: z.number(),
        seats: z.number().nullable(),
        seatUtilisation: z.number().nullable(),
        lastSeen: z.string().nullable(),
        daysSinceLastSeen: z.number().nullable(),
        eventCountChange: z.number().nullable(),
        activeUsersChange: z.number().nullable(),
        openKpiProgress: z.number().nullable(),
        lastNps: z.number().nullable(),
        daysSinceEvaluatorMeeting: z.number().nullable(),
        daysToRenewal: z.number().nullable(),
        mrr: z
          .number()
          .nullable()
          .openapi({ description: "In major units of the workspace's main currency" }),
      })
      .passthrough(),
    values: z.record(z.string(), z.number().nullable().optional()),
  })
  .openapi("AccountUsageMetrics");

const metrics = defineRoute({
  method: "get",
  path: "/accounts/{id}/metrics",
  permission: "read",
  tags: ["Usage"],
  summary: "An account's usage metrics over a window",
  request: { params: idParam, query: metricsQuery },
  responses: { 200: jsonContent(metricsSchema, "The metrics and their values"), ...errorResponses },
});

/*
 * The Segment calls are documented here but handled by plain handlers: they
 * must answer Segment's way (400 for any bad payload, sizes refused before the
 * body is parsed), which the OpenAPI validator hook would not do.
 */
const segmentSuccess = z
  .object({
    success: z.literal(true),
    dropped: z
      .array(
        z.object({
          index: z.number().int().openapi({ description: "The item's place in `batch`, from 0" }),
          errors: problemSchema.shape.errors.unwrap(),
        }),
      )
      .optional()
      .openapi({ description: "batch only: the items not stored, and why" }),
  })
  .openapi("SegmentSuccess");
const batchDescription = [
  "A batch is taken Segment's way (Segment's HTTP API answers 200 for every request but",
  "invalid JSON and oversize payloads): the good items are stored and the answer, 200, lists",
  "in `dropped` the items that were not, with the reason for each, so a client does not retry",
  "a batch that can never be taken. An item is dropped when it is not a valid call, holds a",
  "NUL character or a lone surrogate, nests deeper than 100 levels, or happened before",
  "2000-01-01 or more than a day after it was received. The whole batch answers 400 when it",
  "is not JSON, has no `batch` array, has an item over 32 KB, or its own context or sentAt",
  "is invalid.",
].join(" ");
const segmentRoute = (type: SegmentEventType | "batch") => {
  const isBatch = type === "batch";
  const limit = isBatch ? "500 KB (32 KB an item)" : "32 KB";
  return defineRoute({
    method: "post",
    path: `/${type}`,
    permission: "write",
    // Segment's limits (answered 400 Segment's way), not the general JSON limit.
    bodyLimit: segmentSizeLimit(isBatch ? "batch" : "event"),
    tags: ["Usage (Segment)"],
    summary: isBatch ? "Segment batch of calls" : `Segment ${type} call`,
    description: `Segment HTTP Tracking API compatible: the write key as the Basic user name (empty password) or a Bearer API key. Answers 200 { success: true } only after the events are stored. At most ${limit}; larger bodies, invalid JSON and invalid calls answer 400 problem+json.${isBatch ? ` ${batchDescription}` : " A call whose time is before 2000-01-01 or more than a day after it was received is invalid."}`,
    request: { body: jsonBody(isBatch ? segmentBatchSchema : segmentCallSchemas[type]) },
    responses: {
      200: jsonContent(segmentSuccess, "Stored (a repeated messageId is stored once)"),
      400: problem("Invalid JSON, an invalid call, or over Segment's size limit"),
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
};
const track = segmentRoute("track");
const identify = segmentRoute("identify");
const group = segmentRoute("group");
const page = segmentRoute("page");
const screen = segmentRoute("screen");
const batch = segmentRoute("batch");

const router = createRouter();
for (const route of [track, identify, group, page, screen, batch]) {
  router.openAPIRegistry.registerPath(documentedRoute(route));
}

export const usageRouter = router
  .openapi(metrics, async (c) => {
    const result = await getAccountUsageMetrics(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      windowDays: c.req.valid("query").window,
      asOf: c.req.valid("query").asOf,
    });
    return c.json(result, 200);
  })
  .post("/track", routeGuard(track), (c) => ingest(c, "track"))
  .post("/identify", routeGuard(identify), (c) => ingest(c, "identify"))
  .post("/group", routeGuard(group), (c) => ingest(c, "group"))
  .post("/page", routeGuard(page), (c) => ingest(c, "page"))
  .post("/screen", routeGuard(screen), (c) => ingest(c, "screen"))
  .post("/batch", routeGuard(batch), (c) => ingest(c, "batch"));
