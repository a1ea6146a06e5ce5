import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  contractInputSchema,
  contractListSchema,
  contractPatchSchema,
  contractSchema,
} from "./contracts.schemas";
import {
  createContract,
  getContract,
  listContracts,
  patchContract,
  removeContract,
  toContractDto,
} from "./contracts.service";

const tags = ["Contracts"];

const list = defineRoute({
  method: "get",
  path: "/accounts/{id}/contracts",
  permission: "read",
  tags,
  summary: "List an account's contracts, by start date",
  request: { params: idParam },
  responses: { 200: jsonContent(contractListSchema, "The account's contracts"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/accounts/{id}/contracts",
  permission: "write",
  tags,
  summary: "Add a contract to an account",
  request: { params: idParam, body: jsonBody(contractInputSchema) },
  responses: { 201: jsonContent(contractSchema, "The new contract"), ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/contracts/{id}",
  permission: "read",
  tags,
  summary: "Read a contract",
  request: { params: idParam },
  responses: { 200: jsonContent(contractSchema, "The contract"), ...errorResponses },
});

const update = defineRoute({
  method: "patch",
  path: "/contracts/{id}",
  permission: "write",
  tags,
  summary: "Update a contract",
  request: { params: idParam, body: jsonBody(contractPatchSchema) },
  responses: { 200: jsonContent(contractSchema, "The updated contract"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/contracts/{id}",
  permission: "write",
  tags,
  summary: "Delete a contract",
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const contractsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json(await listContracts(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(create, async (c) => {
    const row = await createContract(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(toContractDto(row), 201);
  })
  .openapi(read, async (c) => {
    const row = await getContract(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.json(toContractDto(row), 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const row = await patchContract(c.var.deps.db, c.var.actor, id, c.req.valid("json"));
    return c.json(toContractDto(row), 200);
  })
  .openapi(remove, async (c) => {
    await removeContract(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
