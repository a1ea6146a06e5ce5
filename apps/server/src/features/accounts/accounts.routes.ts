import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  accountInputSchema,
  accountListQuerySchema,
  accountListSchema,
  accountPatchSchema,
  accountSchema,
  idParam,
} from "./accounts.schemas";
import {
  createAccount,
  getAccount,
  listAccounts,
  patchAccount,
  removeAccount,
  toAccountDto,
} from "./accounts.service";

const tags = ["Accounts"];

const list = defineRoute({
  method: "get",
  path: "/accounts",
  permission: "read",
  tags,
  summary: "List accounts",
  request: { query: accountListQuerySchema },
  responses: { 200: jsonContent(accountListSchema, "A page of accounts"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/accounts",
  permission: "write",
  tags,
  summary: "Create an account",
  request: { body: jsonBody(accountInputSchema) },
  responses: { 201: jsonContent(accountSchema, "The new account"), ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/accounts/{id}",
  permission: "read",
  tags,
  summary: "Read an account",
  request: { params: idParam },
  responses: { 200: jsonContent(accountSchema, "The account"), ...errorResponses },
});

const update = defineRoute({
  method: "patch",
  path: "/accounts/{id}",
  permission: "write",
  tags,
  summary: "Update an account",
  request: { params: idParam, body: jsonBody(accountPatchSchema) },
  responses: { 200: jsonContent(accountSchema, "The updated account"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/accounts/{id}",
  permission: "write",
  tags,
  summary: "Delete an account with its contacts and contracts",
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const accountsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json(await listAccounts(c.var.deps.db, c.var.actor, c.req.valid("query")), 200),
  )
  .openapi(create, async (c) => {
    const row = await createAccount(c.var.deps.db, c.var.actor, c.req.valid("json"));
    return c.json(toAccountDto(row), 201);
  })
  .openapi(read, async (c) => {
    const row = await getAccount(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.json(toAccountDto(row), 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const row = await patchAccount(c.var.deps.db, c.var.actor, id, c.req.valid("json"));
    return c.json(toAccountDto(row), 200);
  })
  .openapi(remove, async (c) => {
    await removeAccount(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
