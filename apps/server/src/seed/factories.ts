import type { DbOrTx } from "../db/client";
import { accounts, contacts, contracts } from "../db/schema";

/**
 * Factories create a row with believable defaults; overrides win. The demo
 * seed reuses them, so they take a random source to stay deterministic there.
 * `*Values` give the row to insert without inserting it; `build*s` insert many
 * rows in one statement (the demo seed's path: one insert per table).
 */
export type Random = () => number;

let counter = 0;
const next = () => ++counter;

type AccountOverrides = Partial<typeof accounts.$inferInsert> & { workspaceId: string };
type ContactOverrides = Partial<typeof contacts.$inferInsert> & { workspaceId: string };
type ContractOverrides = Partial<typeof contracts.$inferInsert> & { workspaceId: string };

export const accountValues = (overrides: AccountOverrides): typeof accounts.$inferInsert => ({
  name: `Account ${next()}`,
  ...overrides,
});

export const contactValues = (
  overrides: ContactOverrides & { accountId: string },
): typeof contacts.$inferInsert => {
  const n = next();
  return { name: `Contact ${n}`, email: `contact${n}@example.test`, ...overrides };
};

export const contractValues = (
  overrides: ContractOverrides & { accountId: string },
): typeof contracts.$inferInsert => ({
  product: "Michi Cloud",
  mrrMinor: 100_000,
  currency: "JPY",
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  status: "active",
  ...overrides,
});

export const buildAccount = async (db: DbOrTx, overrides: AccountOverrides) => {
  const [row] = await db.insert(accounts).values(accountValues(overrides)).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const buildContact = async (db: DbOrTx, overrides: ContactOverrides) => {
  const accountId =
    overrides.accountId ?? (await buildAccount(db, { workspaceId: overrides.workspaceId })).id;
  const [row] = await db
    .insert(contacts)
    .values(contactValues({ ...overrides, accountId }))
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const buildContract = async (db: DbOrTx, overrides: ContractOverrides) => {
  const accountId =
    overrides.accountId ?? (await buildAccount(db, { workspaceId: overrides.workspaceId })).id;
  const [row] = await db
    .insert(contracts)
    .values(contractValues({ ...overrides, accountId }))
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

/** Many accounts in one insert; rows come back in no guaranteed order. */
export const buildAccounts = async (db: DbOrTx, list: AccountOverrides[]) =>
  list.length === 0 ? [] : db.insert(accounts).values(list.map(accountValues)).returning();

/** Many contacts of existing accounts in one insert. */
export const buildContacts = async (
  db: DbOrTx,
  list: (ContactOverrides & { accountId: string })[],
) => (list.length === 0 ? [] : db.insert(contacts).values(list.map(contactValues)).returning());

/** Many contracts of existing accounts in one insert. */
export const buildContracts = async (
  db: DbOrTx,
  list: (ContractOverrides & { accountId: string })[],
) => (list.length === 0 ? [] : db.insert(contracts).values(list.map(contractValues)).returning());
