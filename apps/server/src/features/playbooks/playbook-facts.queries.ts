import {
  type ContactRole,
  contactRoles,
  type DisplayLanguage,
  type DisplayText,
  type MetricRef,
  type Playbook,
  type PlaybookCondition,
  type PlaybookContact,
  type PlaybookFacts,
  type PlaybookMember,
  type TouchModel,
  type WorkspaceRole,
} from "@michi/core";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { utcDay } from "../../lib/days";
import {
  evaluateAccounts,
  findMainCurrency,
  loadAccountInputs,
  loadCsModel,
} from "../../recompute";

/*
 * What a playbook run reads about accounts (core's PlaybookFacts), gathered
 * for many accounts of one workspace in a fixed number of statements, so the
 * dispatcher reads a recompute's hundreds of band changes at once.
 *
 * - Health: the stored latest score (account_health_latest), as the
 *   recompute wrote it; phase: the current stay, else the first phase.
 * - Metrics: only those the playbooks' conditions name, computed by the
 *   recompute's own evaluator (evaluateAccounts), so `mrr` or a usage metric
 *   means what it means in a scorecard. None named: nothing is computed.
 * - Plan findings: not gathered yet (running the plan checks per account is
 *   not cheap): null without an active plan, [] with one; a `planFinding`
 *   condition therefore does not hold.
 * - Members: every member of the workspace, fewest open account tasks first
 *   (an owner rule by role picks the least loaded).
 * - Contacts: "primary" is the account's first contact (the earliest made:
 *   there is no primary flag), plan roles from the active plan's team
 *   (customer side, linked to the contact).
 * - Language: there is no workspace or user language setting yet: ja.
 */

export const DEFAULT_LANGUAGE: DisplayLanguage = "ja";

/** The metric leaves of a condition tree. */
const conditionMetricRefs = (condition: PlaybookCondition, into: Map<string, MetricRef>) => {
  if ("all" in condition) for (const child of condition.all) conditionMetricRefs(child, into);
  else if ("any" in condition) for (const child of condition.any) conditionMetricRefs(child, into);
  else if ("metric" in condition) into.set(JSON.stringify(condition.metric), condition.metric);
};

/** Every metric the playbooks' conditions and stop-ifs read. */
export const playbookMetricRefs = (playbooks: readonly Playbook[]): MetricRef[] => {
  const refs = new Map<string, MetricRef>();
  for (const playbook of playbooks) {
    if (playbook.conditions) conditionMetricRefs(playbook.conditions, refs);
    for (const step of playbook.steps) {
      if (step.kind === "stopIf") conditionMetricRefs(step.condition, refs);
    }
  }
  return [...refs.values()];
};

type AccountRow = {
  id: string;
  name: string;
  ownerUserId: string | null;
  segment: string | null;
  touchModel: TouchModel | null;
  score: number | null;
  band: PlaybookFacts["health"]["band"];
  phase: string | null;
  maturityLevel: number | null;
  hasActivePlan: boolean;
};

type ContactRow = {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  unsubscribed: boolean;
  primary: boolean;
  planRoles: string[] | string | null;
};

type MemberRow = {
  id: string;
  name: string;
  email: string | null;
  role: WorkspaceRole;
};

const uuidList = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/**
 * The facts of many accounts of one workspace on `at`'s day. Accounts that
 * do not exist in the workspace are absent from the answer.
 */
export const loadPlaybookFactsBatch = async (
  db: Db,
  params: {
    workspaceId: string;
    accountIds: readonly string[];
    at: Date;
    baseURL: string | null;
    /** The playbooks whose conditions will be read (their metrics are computed). */
    playbooks: readonly Playbook[];
  },
): Promise<Map<string, PlaybookFacts>> => {
  const { workspaceId, at } = params;
  const accountIds = [...new Set(params.accountIds)];
  const facts = new Map<string, PlaybookFacts>();
  if (accountIds.length === 0) return facts;
  const asOf = utcDay(at);
  const refs = playbookMetricRefs(params.playbooks);
  const model = await loadCsModel(db, workspaceId);
  const mainCurrency = await findMainCurrency(db, workspaceId);
  const [accountRows, contactRows, memberRows, inputs, evaluations] = await Promise.all([
    rowsOf<AccountRow>(
      db,
      sql`select a.id, a.name, a.owner_user_id as "ownerUserId", a.segment,
          a.touch_model as "touchModel", h.score, h.band,
          (select p.phase_key from account_phases p
            where p.workspace_id = a.workspace_id and p.account_id = a.id and p.until is null
            order by p.since desc limit 1) as phase,
          (select max(m.level) from account_maturity_levels m
            where m.workspace_id = a.workspace_id and m.account_id = a.id
              and m.until is null)::int as "maturityLevel",
          exists (select 1 from success_plans s
            where s.workspace_id = a.workspace_id and s.account_id = a.id and s.active)
            as "hasActivePlan"
        from accounts a
        left join account_health_latest h
          on h.workspace_id = a.workspace_id and h.account_id = a.id
        where a.workspace_id = ${workspaceId} and a.id = any(${uuidList(accountIds)})`,
    ),
    rowsOf<ContactRow>(
      db,
      sql`select c.id, c.account_id as "accountId", c.name, c.email,
          c.unsubscribed_at is not null as unsubscribed,
          c.id = (select f.id from contacts f
            where f.workspace_id = c.workspace_id and f.account_id = c.account_id
            order by f.created_at, f.id limit 1) as "primary",
          (select json_agg(distinct t.role) from plan_team_members t
            join success_plans s on s.workspace_id = t.workspace_id and s.id = t.plan_id
            where t.workspace_id = c.workspace_id and s.account_id = c.account_id and s.active
              and t.side = 'customer' and t.contact_id = c.id) as "planRoles"
        from contacts c
        where c.workspace_id = ${workspaceId} and c.account_id = any(${uuidList(accountIds)})
        order by c.created_at, c.id`,
    ),
    rowsOf<MemberRow>(
      db,
      sql`select u.id, u.name, u.email, m.role
        from workspace_members m join users u on u.id = m.user_id
        where m.workspace_id = ${workspaceId}
        order by (select count(*) from account_tasks t
            where t.workspace_id = m.workspace_id and t.owner_user_id = m.user_id
              and t.status = 'open'),
          m.created_at, u.id`,
    ),
    loadAccountInputs(db, { workspaceId, accountIds, asOf, mainCurrency }),
    refs.length === 0
      ? Promise.resolve(null)
      : evaluateAccounts(db, { workspaceId, accountIds, at, model, mainCurrency, extraRefs: refs }),
  ]);

  const language = DEFAULT_LANGUAGE;
  const members: PlaybookMember[] = memberRows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    language,
  }));
  const contactsOf = new Map<string, PlaybookContact[]>();
  for (const row of contactRows) {
    const planRoles =
      typeof row.planRoles === "string"
        ? (JSON.parse(row.planRoles) as string[])
        : (row.planRoles ?? []);
    const roles: ContactRole[] = [
      ...(row.primary ? (["primary"] as const) : []),
      ...contactRoles.filter((role) => role !== "primary" && planRoles.includes(role)),
    ];
    const list = contactsOf.get(row.accountId) ?? [];
    list.push({
      id: row.id,
      name: row.name,
      email: row.email,
      roles,
      unsubscribed: row.unsubscribed,
      language,
    });
    contactsOf.set(row.accountId, list);
  }
  const phaseNames: Record<string, DisplayText> = Object.fromEntries(
    model.phases.map((phase) => [phase.key, phase.name]),
  );
  const firstPhase = model.phases[0]?.key ?? null;
  const baseURL = params.baseURL?.replace(/\/+$/, "") ?? null;
  for (const row of accountRows) {
    const input = inputs.get(row.id);
    const phaseKnown = row.phase !== null && row.phase in phaseNames;
    facts.set(row.id, {
      account: {
        id: row.id,
        name: row.name,
        ownerUserId: row.ownerUserId,
        segment: row.segment,
        phase: phaseKnown ? row.phase : firstPhase,
        touchModel: row.touchModel,
        mrr: input?.mrr ?? null,
        currency: mainCurrency ?? "JPY",
        renewalDate: input?.renewalDate ?? null,
        maturityLevel: row.maturityLevel,
        url: baseURL === null ? null : `${baseURL}/accounts/${row.id}`,
      },
      health: {
        score: row.score === null ? null : Number(row.score),
        band: row.band ?? null,
      },
      metrics: evaluations?.get(row.id)?.values ?? {},
      planFindings: row.hasActivePlan ? [] : null,
      phaseNames,
      members,
      contacts: contactsOf.get(row.id) ?? [],
      language,
    });
  }
  return facts;
};

/** The facts of one account, or undefined when it is not in the workspace. */
export const loadPlaybookFacts = async (
  db: Db,
  params: {
    workspaceId: string;
    accountId: string;
    at: Date;
    baseURL: string | null;
    playbooks: readonly Playbook[];
  },
): Promise<PlaybookFacts | undefined> => {
  const { accountId, ...rest } = params;
  return (await loadPlaybookFactsBatch(db, { ...rest, accountIds: [accountId] })).get(accountId);
};
