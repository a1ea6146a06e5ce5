import { PlanPrintPage } from "../features/success-plans/print/plan-print-page";
import { planPrintRoute } from "./plan-print";

/** Loaded on demand, like the plan page. */
export const PlanPrintRouteComponent = () => {
  const { planId } = planPrintRoute.useParams();
  const search = planPrintRoute.useSearch();
  const navigate = planPrintRoute.useNavigate();
  return (
    <PlanPrintPage
      planId={planId}
      search={search}
      onSearchChange={(next) => navigate({ search: next, replace: true })}
    />
  );
};
