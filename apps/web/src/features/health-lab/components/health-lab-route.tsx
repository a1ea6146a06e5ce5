import { healthLabRoute } from "../../../routes/health-lab";
import { HealthLabPage } from "./health-lab-page";

/** The route's component, in the Lab's own chunk. */
export const HealthLabRouteComponent = () => {
  const search = healthLabRoute.useSearch();
  const navigate = healthLabRoute.useNavigate();
  return (
    <HealthLabPage
      search={search}
      onSearchChange={(next) => navigate({ search: next, replace: true })}
    />
  );
};
