import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { portfolioSearchSchema } from "../features/portfolio/portfolio.queries";
import { appLayoutRoute } from "./app-layout";

export const portfolioRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/portfolio",
  validateSearch: portfolioSearchSchema,
  // Loaded on demand: the dashboard brings ECharts with it.
  component: lazyRouteComponent(
    () => import("../features/portfolio/components/portfolio-route"),
    "PortfolioRouteComponent",
  ),
});
