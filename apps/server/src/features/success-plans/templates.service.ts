import { AppError, type PlanDocument } from "@michi/core";
import type { Db, DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { loadPlanDocument, parsePlanDocument, planNotFound } from "./plan-store";
import { type BuiltInTemplate, builtInTemplates, findBuiltInTemplate } from "./templates.builtin";
import {
  deleteTemplate,
  findTemplate,
  findTemplates,
  insertTemplate,
  type TemplateRow,
} from "./templates.queries";
import type { TemplateInput } from "./templates.schemas";

const builtInDto = (t: BuiltInTemplate) => ({
  id: t.id,
  name: t.localized.ja.name,
  description: t.localized.ja.description,
  builtIn: true,
  localized: t.localized,
  createdAt: null,
});

const templateDto = (row: TemplateRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  builtIn: false,
  localized: null,
  createdAt: iso(row.createdAt),
});

/** The document of a built-in or workspace template; undefined when there is none. */
export const findTemplateDocument = async (
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<PlanDocument | undefined> =>
  findBuiltInTemplate(id)?.document ?? (await findTemplate(db, { workspaceId, id }))?.document;

const when = <T>(value: T | undefined, make: (v: T) => object) =>
  value === undefined ? {} : make(value);

/**
 * A plan made reusable: no account, no dates, no measurements, no emails, and
 * every status back at its start (planned, todo, not discussed). Names, texts,
 * links, baselines and targets stay: they are the know-how worth reusing.
 */
export const toTemplateDocument = (doc: PlanDocument): PlanDocument => {
  const { account: _account, period: _period, ...rest } = doc;
  return {
    ...rest,
    status: "draft",
    ...when(doc.team, (team) => ({ team: team.map(({ email: _e, ...m }) => m) })),
    pufu: {
      ...doc.pufu,
      ...when(doc.pufu.measures, (measures) => ({
        measures: measures.map((m) => ({ ...m, ...when(m.status, () => ({ status: "planned" })) })),
      })),
    },
    ...when(doc.roadmap, (items) => ({
      roadmap: items.map(({ startDate: _s, ...r }) => ({
        ...r,
        ...when(r.status, () => ({ status: "planned" })),
      })),
    })),
    ...when(doc.kpis, (kpis) => ({
      kpis: kpis.map(({ dueDate: _d, measurements: _m, ...k }) => k),
    })),
    ...when(doc.milestones, (milestones) => ({
      milestones: milestones.map(({ dueDate: _d, doneDate: _done, ...m }) => m),
    })),
    ...when(doc.tasks, (tasks) => ({
      tasks: tasks.map(({ dueDate: _d, ...t }) => ({
        ...t,
        ...when(t.status, () => ({ status: "todo" })),
      })),
    })),
    ...when(doc.failurePatterns, (patterns) => ({
      failurePatterns: patterns.map((f) => ({
        ...f,
        ...when(f.discussed, () => ({ discussed: false })),
      })),
    })),
  };
};

export const listTemplates = async (db: Db, actor: Actor) => {
  const rows = await findTemplates(db, { workspaceId: actor.workspaceId });
  return { data: [...builtInTemplates.map(builtInDto), ...rows.map(templateDto)] };
};

export const createTemplate = async (db: Db, actor: Actor, input: TemplateInput) => {
  const loaded = await loadPlanDocument(db, {
    workspaceId: actor.workspaceId,
    planId: input.planId,
  });
  if (!loaded) throw planNotFound();
  // Stripping keeps keys and links, so the result stays valid; checked all the same.
  const document = parsePlanDocument(toTemplateDocument(loaded.document));
  const row = await insertTemplate(db, {
    workspaceId: actor.workspaceId,
    name: input.name,
    description: input.description ?? null,
    document: { ...document, title: input.name },
    createdByUserId: actor.kind === "user" ? actor.userId : null,
  });
  return templateDto(row);
};

export const removeTemplate = async (db: Db, actor: Actor, id: string) => {
  if (findBuiltInTemplate(id)) {
    throw new AppError("forbidden", "Built-in templates cannot be deleted.");
  }
  if (!(await deleteTemplate(db, { workspaceId: actor.workspaceId, id }))) {
    throw new AppError("not-found", "There is no such template in this workspace.");
  }
};
