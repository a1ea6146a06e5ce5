import { readFileSync } from "node:fs";
import type { PlanDocument } from "@michi/core";
import { buildAccount } from "../../seed/factories";
import { call, type TestContext } from "../../test/context";

/** The michi.plan/v1 example of the shared format, as core keeps it. */
export const loadExamplePlan = (): PlanDocument =>
  JSON.parse(
    readFileSync(
      new URL(
        "../../../../../packages/core/src/success-plan/fixtures/plan-example.json",
        import.meta.url,
      ),
      "utf8",
    ),
  );

/**
 * The example imported into a new account of the workspace. With `matchAccount`
 * the account is the example's own (externalId acme-towa, once per workspace)
 * and the import finds it; otherwise the import names the account by id.
 */
export const importExample = async (
  ctx: TestContext,
  params: { workspaceId: string; headers: Record<string, string>; matchAccount?: boolean },
) => {
  const example = loadExamplePlan();
  const account = await buildAccount(ctx.db, {
    workspaceId: params.workspaceId,
    name: example.account?.name ?? "東和精機株式会社",
    externalId: params.matchAccount ? (example.account?.externalId ?? null) : null,
  });
  const res = await call(ctx, "POST", "/api/v1/plans/import", {
    headers: params.headers,
    body: { document: example, ...(params.matchAccount ? {} : { accountId: account.id }) },
  });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${res.text}`);
  return { account, example, plan: res.json, planId: res.json.id as string };
};
