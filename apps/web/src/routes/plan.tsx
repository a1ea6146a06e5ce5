import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { accountQueryOptions } from "../features/accounts/accounts.queries";
import { PlanPage, planTabs } from "../features/success-plans/components/plan-page";
import { planQueryOptions } from "../features/success-plans/success-plans.queries";
import { appLayoutRoute } from "./app-layout";

export const planRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/accounts/$accountId/plans/$planId",
  validateSearch: z.object({
    tab: z.enum(planTabs).optional(),
    node: z.string().optional(),
    stage: z.coerce.number().int().min(1).optional(),
  }),
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(accountQueryOptions(params.accountId));
    return context.queryClient.ensureQueryData(planQueryOptions(params.planId));
  },
  component: function PlanRoute() {
    const { accountId, planId } = planRoute.useParams();
    const search = planRoute.useSearch();
    const navigate = planRoute.useNavigate();
    return (
      <PlanPage
        accountId={accountId}
        planId={planId}
        tab={search.tab ?? "pufu"}
        node={search.node ?? null}
        stage={search.stage ?? null}
        onNavigate={(next) =>
          navigate({
            search: (prev) => ({
              ...prev,
              ...(next.tab ? { tab: next.tab } : {}),
              ...("node" in next ? { node: next.node ?? undefined } : {}),
              ...("stage" in next ? { stage: next.stage ?? undefined } : {}),
            }),
            replace: true,
          })
        }
        onDeleted={() =>
          navigate({
            to: "/accounts/$accountId",
            params: { accountId },
            search: { tab: "successPlan" },
          })
        }
      />
    );
  },
});
