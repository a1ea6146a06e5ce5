import { randomUUID } from "node:crypto";
import {
  AppError,
  checkPlaybookReferences,
  coded,
  type FieldProblem,
  findPlaybookTemplate,
  isProblemCode,
  type Playbook,
  type PlaybookProblem,
  playbookSchema,
  playbookTemplates,
} from "@michi/core";
import type { Db } from "../../db/client";
import { badCursorError, decodeCursor, encodeCursor } from "../../lib/cursor";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { loadCsModel } from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { parseDefinition } from "../cs-settings/cs-settings.service";
import { listMembers } from "../workspaces/workspaces.queries";
import { dryRunPlaybook, startPlaybookManually } from "./playbook-engine";
import {
  archivePlaybook,
  findPlaybookRuns,
  findPlaybooks,
  insertPlaybook,
  type PlaybookRow,
  RUNS_PAGE,
  updatePlaybook,
} from "./playbooks.queries";
import type { PlaybookInputBody, PlaybookPatchBody } from "./playbooks.schemas";
import { forgetUsageEventTriggers } from "./usage-event-triggers";

const notFound = () => new AppError("not-found", "There is no such playbook in this workspace.");

const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

export const toPlaybookDto = (row: PlaybookRow) => ({
  id: row.id,
  // Stored definitions were parsed on save; parsing again fills defaults added since.
  definition: playbookSchema.parse(row.definition),
  templateKey: row.templateKey,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  runs: { total: Number(row.runsTotal ?? 0), lastAt: row.runsLastAt ? iso(row.runsLastAt) : null },
});

/** The params a reference problem's code carries, from the value it names. */
const referenceParams = (problem: PlaybookProblem) => {
  const value = problem.field ?? "";
  switch (problem.code) {
    case "unknown-phase":
      return coded("unknown-phase", { phaseKey: value });
    case "unknown-user":
      return coded("unknown-user", { userId: value });
    case "unknown-product":
      return coded("unknown-product", { product: value });
    default:
      return isProblemCode(problem.code) ? { code: problem.code } : {};
  }
};

/**
 * The save-time check: core's schema (templates included), then whether the
 * phases, members and products it names exist in the workspace. Every
 * problem at once, each pointing into the body.
 */
const checkedPlaybook = async (db: Db, workspaceId: string, input: unknown): Promise<Playbook> => {
  const playbook = parseDefinition(playbookSchema, input, "/definition");
  const [model, members] = await Promise.all([
    loadCsModel(db, workspaceId),
    listMembers(db, { workspaceId }),
  ]);
  const problems = checkPlaybookReferences(playbook, {
    phaseKeys: model.phases.map((phase) => phase.key),
    memberIds: members.map((member) => member.userId),
    productKeys: model.maturityModels.map((m) => m.product),
  });
  if (problems.length > 0) {
    throw new AppError(
      "validation-failed",
      "The playbook names what this workspace does not have.",
      problems.map(
        (problem): FieldProblem => ({
          pointer: `/definition${problem.path}`,
          message: problem.message,
          ...referenceParams(problem),
        }),
      ),
    );
  }
  return playbook;
};

const getPlaybookRow = async (db: Db, workspaceId: string, id: string) => {
  const [row] = await findPlaybooks(db, { workspaceId, id });
  if (!row) throw notFound();
  return row;
};

export const listPlaybooks = async (db: Db, actor: Actor) => ({
  data: (await findPlaybooks(db, { workspaceId: actor.workspaceId })).map(toPlaybookDto),
});

export const getPlaybook = async (db: Db, actor: Actor, id: string) =>
  toPlaybookDto(await getPlaybookRow(db, actor.workspaceId, id));

export const listPlaybookTemplates = () => ({
  data: playbookTemplates.map(({ key, summary, playbook }) => ({ key, summary, playbook })),
});

export const createPlaybook = async (db: Db, actor: Actor, body: PlaybookInputBody) => {
  if (body.templateKey !== undefined && !findPlaybookTemplate(body.templateKey)) {
    throw new AppError("validation-failed", "There is no such playbook template.", [
      { pointer: "/templateKey", message: "is not a template Michi ships" },
    ]);
  }
  const playbook = await checkedPlaybook(db, actor.workspaceId, body.definition);
  const id = await insertPlaybook(db, {
    workspaceId: actor.workspaceId,
    definition: playbook,
    templateKey: body.templateKey ?? null,
    createdByUserId: userIdOf(actor),
  });
  // Ingestion in this process hears a new usage-event trigger at once.
  forgetUsageEventTriggers(db, actor.workspaceId);
  return getPlaybook(db, actor, id);
};

export const patchPlaybook = async (db: Db, actor: Actor, id: string, body: PlaybookPatchBody) => {
  const current = await getPlaybookRow(db, actor.workspaceId, id);
  const next =
    body.definition !== undefined
      ? await checkedPlaybook(db, actor.workspaceId, body.definition)
      : playbookSchema.parse(current.definition);
  const definition = body.paused === undefined ? next : { ...next, paused: body.paused };
  if (!(await updatePlaybook(db, { workspaceId: actor.workspaceId, id, definition }))) {
    throw notFound();
  }
  forgetUsageEventTriggers(db, actor.workspaceId);
  return getPlaybook(db, actor, id);
};

export const removePlaybook = async (db: Db, actor: Actor, id: string) => {
  if (!(await archivePlaybook(db, { workspaceId: actor.workspaceId, id }))) throw notFound();
  forgetUsageEventTriggers(db, actor.workspaceId);
};

export const dryRun = async (
  db: Db,
  actor: Actor,
  id: string,
  accountId: string,
  baseURL?: string,
) => {
  const row = await getPlaybookRow(db, actor.workspaceId, id);
  await getAccount(db, actor, accountId);
  return dryRunPlaybook(db, {
    workspaceId: actor.workspaceId,
    playbookId: id,
    playbook: playbookSchema.parse(row.definition),
    accountId,
    ...(baseURL ? { baseURL } : {}),
  });
};

export const startManually = async (db: Db, actor: Actor, id: string, accountId: string) => {
  const row = await getPlaybookRow(db, actor.workspaceId, id);
  await getAccount(db, actor, accountId);
  if (playbookSchema.parse(row.definition).paused) {
    throw new AppError("conflict", "The playbook is paused; resume it to start it.");
  }
  return startPlaybookManually(db, {
    workspaceId: actor.workspaceId,
    playbookId: id,
    accountId,
    userId: userIdOf(actor),
    requestId: randomUUID(),
  });
};

export const listPlaybookRuns = async (
  db: Db,
  actor: Actor,
  query: {
    playbookId?: string | undefined;
    accountId?: string | undefined;
    cursor?: string | undefined;
  },
) => {
  let after: { createdAt: Date; id: string } | undefined;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    const createdAt = new Date(cursor.v);
    if (Number.isNaN(createdAt.getTime())) throw badCursorError();
    after = { createdAt, id: cursor.id };
  }
  const rows = await findPlaybookRuns(db, {
    workspaceId: actor.workspaceId,
    ...(query.playbookId ? { playbookId: query.playbookId } : {}),
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, RUNS_PAGE);
  const last = page.at(-1);
  return {
    data: page.map(({ playbookDefinition, ...run }) => ({
      ...run,
      playbookName: (playbookDefinition as Playbook).name,
      resumeAt: run.resumeAt ? iso(run.resumeAt) : null,
      createdAt: iso(run.createdAt),
      finishedAt: run.finishedAt ? iso(run.finishedAt) : null,
    })),
    nextCursor:
      rows.length > RUNS_PAGE && last
        ? encodeCursor({ v: iso(last.createdAt), id: last.id })
        : null,
  };
};
