import { AppError, coded, mayGrantRole, type WorkspaceRole } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import {
  createApiKey,
  findApiKeys,
  listApiKeys,
  revokeApiKey,
  type toPublicApiKey,
} from "./api-keys.queries";
import type { ApiKeyDto, ApiKeyInput } from "./api-keys.schemas";

type PublicApiKey = ReturnType<typeof toPublicApiKey>;

export const toApiKeyDto = (key: PublicApiKey): ApiKeyDto => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  role: key.role,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
});

export const listWorkspaceApiKeys = async (db: Db, actor: Actor) => {
  const keys = await listApiKeys(db, { workspaceId: actor.workspaceId });
  return { data: keys.map(toApiKeyDto) };
};

/** A key may act with the creator's role or a lesser one, never more (an admin key: admins only). */
const assertMayGrant = (actor: Actor, role: WorkspaceRole) => {
  if (!mayGrantRole(actor.role, role)) {
    throw new AppError(
      "forbidden",
      `Your role (${actor.role}) may not create a key with the ${role} role: a key can have at most the rights of the one who creates it.`,
      [
        {
          pointer: "/role",
          message: `is above your own role (${actor.role})`,
          ...coded("role-above-own", { role: actor.role }),
        },
      ],
    );
  }
};

/** The whole key is returned this once; only its hash is stored. */
export const issueApiKey = async (db: Db, actor: Actor, input: ApiKeyInput) => {
  assertMayGrant(actor, input.role);
  const { key, apiKey } = await createApiKey(db, {
    workspaceId: actor.workspaceId,
    name: input.name,
    role: input.role,
    createdByUserId: actor.kind === "user" ? actor.userId : null,
  });
  return { key, apiKey: toApiKeyDto(apiKey) };
};

/**
 * Revokes one key, named by its id or (from the CLI) by its visible prefix.
 * Revoking a revoked key changes nothing; an unknown one is a 404.
 */
export const revokeWorkspaceApiKey = async (
  db: Db,
  actor: Actor,
  which: { id: string } | { prefix: string },
) => {
  const matches = await findApiKeys(db, { workspaceId: actor.workspaceId, ...which });
  const [match] = matches;
  if (!match) throw new AppError("not-found", "There is no such API key in this workspace.");
  if (matches.length > 1) {
    throw new AppError(
      "conflict",
      `${matches.length} keys start with this prefix; revoke by id instead: ${matches
        .map((k) => k.id)
        .join(", ")}`,
    );
  }
  if (match.revokedAt) return toApiKeyDto(match);
  const [revoked] = await revokeApiKey(db, { workspaceId: actor.workspaceId, id: match.id });
  return toApiKeyDto(revoked ?? match);
};
