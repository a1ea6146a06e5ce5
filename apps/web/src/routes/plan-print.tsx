import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { planQueryOptions } from "../features/success-plans/success-plans.queries";
import { requireSession } from "./app-layout";
import { rootRoute } from "./root";

/** The print view: no app shell, A4 landscape (print stylesheet in the page). */
export const planPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/plans/$planId/print",
  beforeLoad: requireSession,
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(planQueryOptions(params.planId)),
  component: lazyRouteComponent(() => import("./plan-print.component"), "PlanPrintRouteComponent"),
});
