import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  contactInputSchema,
  contactListSchema,
  contactPatchSchema,
  contactSchema,
} from "./contacts.schemas";
import {
  createContact,
  getContact,
  listContacts,
  patchContact,
  removeContact,
  toContactDto,
} from "./contacts.service";

const tags = ["Contacts"];

const list = defineRoute({
  method: "get",
  path: "/accounts/{id}/contacts",
  permission: "read",
  tags,
  summary: "List an account's contacts, by name",
  request: { params: idParam },
  responses: { 200: jsonContent(contactListSchema, "The account's contacts"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/accounts/{id}/contacts",
  permission: "write",
  tags,
  summary: "Add a contact to an account",
  request: { params: idParam, body: jsonBody(contactInputSchema) },
  responses: { 201: jsonContent(contactSchema, "The new contact"), ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/contacts/{id}",
  permission: "read",
  tags,
  summary: "Read a contact",
  request: { params: idParam },
  responses: { 200: jsonContent(contactSchema, "The contact"), ...errorResponses },
});

const update = defineRoute({
  method: "patch",
  path: "/contacts/{id}",
  permission: "write",
  tags,
  summary: "Update a contact",
  request: { params: idParam, body: jsonBody(contactPatchSchema) },
  responses: { 200: jsonContent(contactSchema, "The updated contact"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/contacts/{id}",
  permission: "write",
  tags,
  summary: "Delete a contact",
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const contactsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json(await listContacts(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(create, async (c) => {
    const row = await createContact(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(toContactDto(row), 201);
  })
  .openapi(read, async (c) => {
    const row = await getContact(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.json(toContactDto(row), 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const row = await patchContact(c.var.deps.db, c.var.actor, id, c.req.valid("json"));
    return c.json(toContactDto(row), 200);
  })
  .openapi(remove, async (c) => {
    await removeContact(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
