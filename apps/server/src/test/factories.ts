import type { Db } from "../db/client";
import { accounts, contacts, contracts } from "../db/schema";

/**
 * Factories create a row with believable defaults; overrides win. The demo
 * seed reuses them, so they take a random source to stay deterministic there.
 */
export type Random = () => number;

let counter = 0;
const next = () => ++counter;

export const buildAccount = async (
  db: Db,
  overrides: Partial<typeof accounts.$inferInsert> & { workspaceId: string },
) => {
  const n = next();
  const [row] = await db
    .insert(accounts)
    .values({ name: `Account ${n}`, ...overrides })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const buildContact = async (
  db: Db,
  overrides: Partial<typeof contacts.$inferInsert> & { workspaceId: string },
) => {
  const accountId =
    overrides.accountId ?? (await buildAccount(db, { workspaceId: overrides.workspaceId })).id;
  const n = next();
  const [row] = await db
    .insert(contacts)
    .values({ name: `Contact ${n}`, email: `contact${n}@example.test`, ...overrides, accountId })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const buildContract = async (
  db: Db,
  overrides: Partial<typeof contracts.$inferInsert> & { workspaceId: string },
) => {
  const accountId =
    overrides.accountId ?? (await buildAccount(db, { workspaceId: overrides.workspaceId })).id;
  const [row] = await db
    .insert(contracts)
    .values({
      product: "Michi Cloud",
      mrrMinor: 100_000,
      currency: "JPY",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      status: "active",
      ...overrides,
      accountId,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};
