import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { healthLabSearchSchema } from "../features/health-lab/health-lab-search";
import { appLayoutRoute } from "./app-layout";

export const healthLabRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/health-lab",
  validateSearch: healthLabSearchSchema,
  // Loaded on demand: the Lab brings ECharts with it.
  component: lazyRouteComponent(
    () => import("../features/health-lab/components/health-lab-route"),
    "HealthLabRouteComponent",
  ),
});
