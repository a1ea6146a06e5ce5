import { z } from "@hono/zod-openapi";
import { AppError, accountBandFilters, accountSorts, touchModels } from "@michi/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountListViews } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { isUniqueViolation } from "../../lib/sql";

/*
 * Saved views of the accounts list: a person's name for a set of filters and
 * a sort, kept per user (a CSM's "my renewals this quarter"), never shown to
 * anyone else. Small enough to keep schema, queries, service and routes here.
 */

const MAX_VIEWS = 50;

/** The list's filters and sort as the web keeps them in its URL (accounts list search). */
export const accountListViewSearchSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    sort: z.enum(accountSorts).optional(),
    ownerUserId: z.string().max(200).optional(),
    segment: z.string().max(100).optional(),
    touchModel: z.enum(touchModels).optional(),
    band: z.enum(accountBandFilters).optional(),
    status: z.enum(["churned", "all"]).optional(),
  })
  .strict()
  .openapi("AccountListViewSearch");

const viewInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(100),
    search: accountListViewSearchSchema,
  })
  .strict()
  .openapi("AccountListViewInput");

const viewSchema = z
  .object({ id: z.uuid(), name: z.string(), search: accountListViewSearchSchema })
  .openapi("AccountListView");

const viewIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

/** Views belong to a person: an API key or the CLI has none. */
const userOf = (actor: Actor) => {
  if (actor.kind !== "user") {
    throw new AppError("forbidden", "Saved views belong to a person: sign in to use them.");
  }
  return actor.userId;
};

const toView = (row: typeof accountListViews.$inferSelect) => ({
  id: row.id,
  name: row.name,
  // Written through the schema; read through it too, so a stored oddity never reaches the web.
  search: accountListViewSearchSchema.catch({}).parse(row.search),
});

const listViews = async (db: Db, actor: Actor) => {
  const rows = await db
    .select()
    .from(accountListViews)
    .where(
      and(
        eq(accountListViews.workspaceId, actor.workspaceId),
        eq(accountListViews.userId, userOf(actor)),
      ),
    )
    .orderBy(asc(accountListViews.name));
  return { data: rows.map(toView) };
};

const saveView = async (db: Db, actor: Actor, input: z.infer<typeof viewInputSchema>) => {
  const userId = userOf(actor);
  const { data } = await listViews(db, actor);
  if (data.length >= MAX_VIEWS) {
    throw new AppError("conflict", `A person can keep at most ${MAX_VIEWS} saved views.`);
  }
  try {
    const [row] = await db
      .insert(accountListViews)
      .values({ workspaceId: actor.workspaceId, userId, name: input.name, search: input.search })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return toView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `You already have a view named "${input.name}".`);
    }
    throw error;
  }
};

const deleteView = async (db: Db, actor: Actor, id: string) => {
  const deleted = await db
    .delete(accountListViews)
    .where(
      and(
        eq(accountListViews.workspaceId, actor.workspaceId),
        eq(accountListViews.userId, userOf(actor)),
        eq(accountListViews.id, id),
      ),
    )
    .returning({ id: accountListViews.id });
  if (deleted.length === 0) throw new AppError("not-found", "You have no such saved view.");
};

const tags = ["Accounts"];

const list = defineRoute({
  method: "get",
  path: "/account-views",
  permission: "member",
  tags,
  summary: "Your saved views of the accounts list",
  responses: {
    200: jsonContent(z.object({ data: z.array(viewSchema) }), "Your views, by name"),
    ...errorResponses,
  },
});

const create = defineRoute({
  method: "post",
  path: "/account-views",
  permission: "member",
  tags,
  summary: "Save the accounts list's filters and sort under a name, for yourself",
  request: { body: jsonBody(viewInputSchema) },
  responses: {
    201: jsonContent(viewSchema, "The saved view"),
    ...errorResponses,
    409: problem("A view of that name exists, or you have too many"),
  },
});

const remove = defineRoute({
  method: "delete",
  path: "/account-views/{id}",
  permission: "member",
  tags,
  summary: "Delete one of your saved views",
  request: { params: viewIdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const accountViewsRouter = createRouter()
  .openapi(list, async (c) => c.json(await listViews(c.var.deps.db, c.var.actor), 200))
  .openapi(create, async (c) =>
    c.json(await saveView(c.var.deps.db, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(remove, async (c) => {
    await deleteView(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
