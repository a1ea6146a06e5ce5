import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { phasesQueryOptions } from "../features/cs-settings/cs-settings.queries";
import { requireSession } from "./app-layout";
import { rootRoute } from "./root";

/** The phase design table's print view: no app shell, A4 landscape. */
export const settingsPhasesPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/settings/phases/print",
  beforeLoad: requireSession,
  loader: ({ context }) => context.queryClient.ensureQueryData(phasesQueryOptions()),
  component: lazyRouteComponent(
    () => import("../features/cs-settings/print/phase-print-page"),
    "PhasePrintPage",
  ),
});
