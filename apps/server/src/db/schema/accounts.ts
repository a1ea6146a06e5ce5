import {
  type AccountProfile,
  type ChurnSource,
  type ContractStatus,
  defaultApiKeyRole,
  type TouchModel,
  type WorkspaceRole,
  workspaceRoles,
} from "@michi/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";

/**
 * Tenant-owned tables: the primary key and every foreign key lead with
 * workspace_id, so rows can be sharded by tenant (Citus) and a row can never
 * point at another workspace's row.
 */
const tenant = {
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  id: uuid("id").notNull().defaultRandom(),
};
const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const accounts = pgTable(
  "accounts",
  {
    ...tenant,
    name: text("name").notNull(),
    /** The name's reading (フリガナ), normalised by core's normalizeNameReading; the list sorts by it. */
    nameKana: text("name_kana"),
    externalId: text("external_id"),
    industry: text("industry"),
    segment: text("segment"),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    touchModel: text("touch_model").$type<TouchModel>(),
    profile: jsonb("profile").$type<AccountProfile>().notNull().default({}),
    /**
     * The day the account churned, null while it is a customer: from its
     * contracts (core's churnFromContracts, refreshed when they change and
     * daily) or marked by a person with a reason. Lists leave churned
     * accounts out; the Health Lab's backtest reads it as the outcome.
     */
    churnedOn: date("churned_on", { mode: "string" }),
    churnSource: text("churn_source").$type<ChurnSource>(),
    /** A key of the workspace's churn reasons (a person's mark; null from contracts). */
    churnReason: text("churn_reason"),
    churnNote: text("churn_note").notNull().default(""),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique("accounts_workspace_external_id_key").on(t.workspaceId, t.externalId),
    check(
      "accounts_churn_source_check",
      sql`${t.churnSource} is null or ${t.churnSource} in ('contracts', 'manual')`,
    ),
    // The list's name order: the reading, else the name, by code point (core's accountSorts).
    index("accounts_workspace_sort_name_idx").on(
      t.workspaceId,
      sql`(coalesce(${t.nameKana}, ${t.name}) collate "C")`,
      t.id,
    ),
    index("accounts_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("accounts_workspace_owner_idx").on(t.workspaceId, t.ownerUserId),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    ...tenant,
    accountId: uuid("account_id").notNull(),
    externalId: text("external_id"),
    name: text("name").notNull(),
    email: text("email"),
    title: text("title"),
    department: text("department"),
    notes: text("notes"),
    /** When the contact used the unsubscribe link of a playbook email; no more such emails. */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "contacts_account_fk",
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
    unique("contacts_workspace_external_id_key").on(t.workspaceId, t.externalId),
    index("contacts_workspace_account_idx").on(t.workspaceId, t.accountId),
  ],
);

export const contracts = pgTable(
  "contracts",
  {
    ...tenant,
    accountId: uuid("account_id").notNull(),
    externalId: text("external_id"),
    product: text("product").notNull(),
    /** Monthly recurring revenue in the currency's minor units (yen have none). */
    mrrMinor: bigint("mrr_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("JPY"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** The renewal date; null for an open-ended contract. */
    endDate: date("end_date", { mode: "string" }),
    status: text("status").$type<ContractStatus>().notNull().default("active"),
    /** Licensed seats (users the customer pays for); null when the contract does not count seats. */
    seats: integer("seats"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "contracts_account_fk",
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
    unique("contracts_workspace_external_id_key").on(t.workspaceId, t.externalId),
    index("contracts_workspace_account_idx").on(t.workspaceId, t.accountId),
    index("contracts_workspace_end_date_idx").on(t.workspaceId, t.endDate),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    ...tenant,
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so a person can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    /** The role the key acts with; at most its creator's (decision 0003). */
    role: text("role").$type<WorkspaceRole>().notNull().default(defaultApiKeyRole),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // The code trusts the column's type: a role outside core's four is refused here.
    check(
      "api_keys_role_check",
      sql`${t.role} in (${sql.raw(workspaceRoles.map((role) => `'${role}'`).join(", "))})`,
    ),
  ],
);

/**
 * A person's saved accounts list: a name and the list's filters and sort
 * (validated with accountListViewSearchSchema when written). Each user sees
 * only their own.
 */
export const accountListViews = pgTable(
  "account_list_views",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    search: jsonb("search").$type<Record<string, string>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique("account_list_views_user_name_key").on(t.workspaceId, t.userId, t.name),
  ],
);
