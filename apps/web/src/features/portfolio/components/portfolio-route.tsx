import { portfolioRoute } from "../../../routes/portfolio";
import { PortfolioPage } from "./portfolio-page";

/** The route's component, in the dashboard's own chunk. */
export const PortfolioRouteComponent = () => {
  const search = portfolioRoute.useSearch();
  const navigate = portfolioRoute.useNavigate();
  return (
    <PortfolioPage
      search={search}
      onSearchChange={(next) => navigate({ search: next, replace: true })}
    />
  );
};
