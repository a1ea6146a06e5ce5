import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { z } from "zod";
import { accountQueryOptions } from "../features/accounts/accounts.queries";
import { planTabs } from "../features/success-plans/plan-tabs";
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
  component: lazyRouteComponent(() => import("./plan.component"), "PlanRouteComponent"),
});
