import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { refuseCrossOriginAuthWrites } from "../auth/cross-origin.middleware";
import {
  acceptedInvitationSchema,
  acceptInvitationInputSchema,
  createdInvitationSchema,
  invitationIdParam,
  invitationInputSchema,
  invitationLinkSchema,
  invitationListSchema,
  invitationTokenParam,
} from "./invitations.schemas";
import {
  acceptInvitation,
  inviteToWorkspace,
  listWorkspaceInvitations,
  readInvitationLink,
  revokeWorkspaceInvitation,
} from "./invitations.service";

const listInvitations = defineRoute({
  method: "get",
  path: "/invitations",
  permission: "manage-users",
  tags: ["Users"],
  summary: "List the workspace's pending invitations (expired ones too)",
  responses: { 200: jsonContent(invitationListSchema, "The invitations"), ...errorResponses },
});

const createInvitation = defineRoute({
  method: "post",
  path: "/invitations",
  permission: "manage-users",
  tags: ["Users"],
  summary: "Invite an email address with a role; the link is in this answer only",
  description:
    "The answer is the same whether or not the address has an account: the person joins only by opening the link.",
  request: { body: jsonBody(invitationInputSchema) },
  responses: {
    201: jsonContent(createdInvitationSchema, "The invitation and its link"),
    ...errorResponses,
    409: problem("Already a member of this workspace"),
  },
});

const revokeInvitation = defineRoute({
  method: "delete",
  path: "/invitations/{id}",
  permission: "manage-users",
  tags: ["Users"],
  summary: "Revoke a pending invitation; its link stops working",
  request: { params: invitationIdParam },
  responses: {
    204: { description: "Revoked" },
    ...errorResponses,
    409: problem("Already accepted"),
  },
});

/** Routes of the workspace's settings: behind the actor middleware. */
export const invitationsRouter = createRouter()
  .openapi(listInvitations, async (c) =>
    c.json(await listWorkspaceInvitations(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(createInvitation, async (c) =>
    c.json(await inviteToWorkspace(c.var.deps, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(revokeInvitation, async (c) => {
    await revokeWorkspaceInvitation(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });

const linkGone = problem("The link was used, revoked or has expired");

const readLink = defineRoute({
  method: "get",
  path: "/invitation-links/{token}",
  permission: "public",
  tags: ["Invitations"],
  summary: "What an invitation link offers (no login needed)",
  security: [],
  request: { params: invitationTokenParam },
  responses: {
    200: jsonContent(invitationLinkSchema, "The invitation"),
    ...errorResponses,
    409: linkGone,
  },
});

const acceptLink = defineRoute({
  method: "post",
  path: "/invitation-links/{token}/accept",
  permission: "public",
  tags: ["Invitations"],
  summary: "Accept an invitation: logged in as the invited address, or creating the account",
  security: [],
  // Accepting may start a session: a write only our own pages may send, as a sign-in.
  middleware: [refuseCrossOriginAuthWrites],
  bodyLimit: limitBody(16 * 1024, "The body is too large."),
  request: { params: invitationTokenParam, body: jsonBody(acceptInvitationInputSchema) },
  responses: {
    200: jsonContent(
      acceptedInvitationSchema,
      "Joined; a new account also gets its session cookie",
    ),
    ...errorResponses,
    409: linkGone,
  },
});

/**
 * The links an invitee opens, before they have a session. app.ts mounts this
 * router ahead of the actor middleware: these handlers answer without it.
 */
export const invitationLinksRouter = createRouter()
  .openapi(readLink, async (c) =>
    c.json(await readInvitationLink(c.var.deps.db, c.req.valid("param").token), 200),
  )
  .openapi(acceptLink, async (c) => {
    const { db, auth } = c.var.deps;
    const found = await auth.api.getSession({ headers: c.req.raw.headers });
    const { setCookie, ...accepted } = await acceptInvitation(
      { db, auth },
      {
        token: c.req.valid("param").token,
        input: c.req.valid("json"),
        session: found
          ? { userId: found.user.id, sessionId: found.session.id, email: found.user.email }
          : null,
        headers: c.req.raw.headers,
      },
    );
    for (const cookie of setCookie) c.header("set-cookie", cookie, { append: true });
    return c.json(accepted, 200);
  });
