import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accountMaturityLevels } from "../../db/schema";

/** An account's maturity stays of every product, oldest first (the current one has until null). */
export const findMaturityHistory = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) =>
  db
    .select({
      product: accountMaturityLevels.product,
      level: accountMaturityLevels.level,
      since: accountMaturityLevels.since,
      until: accountMaturityLevels.until,
    })
    .from(accountMaturityLevels)
    .where(
      and(
        eq(accountMaturityLevels.workspaceId, params.workspaceId),
        eq(accountMaturityLevels.accountId, params.accountId),
      ),
    )
    .orderBy(asc(accountMaturityLevels.product), asc(accountMaturityLevels.since));
