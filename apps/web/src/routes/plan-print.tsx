import { reportLanguages } from "@michi/core";
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { z } from "zod";
import { planQueryOptions } from "../features/success-plans/success-plans.queries";
import { requireSession } from "./app-layout";
import { rootRoute } from "./root";

/**
 * The print view: no app shell, A4 landscape (print stylesheet in the page).
 * ?lang= and ?sections= choose the evaluator report's language and sections,
 * as the export dialog does for the PowerPoint.
 */
export const planPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/plans/$planId/print",
  validateSearch: z.object({
    lang: z.enum(reportLanguages).optional().catch(undefined),
    sections: z.string().optional().catch(undefined),
  }),
  beforeLoad: requireSession,
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(planQueryOptions(params.planId)),
  component: lazyRouteComponent(() => import("./plan-print.component"), "PlanPrintRouteComponent"),
});
