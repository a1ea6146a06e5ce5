import { PlanPrintPage } from "../features/success-plans/print/plan-print-page";
import { planPrintRoute } from "./plan-print";

/** Loaded on demand, like the plan page. */
export const PlanPrintRouteComponent = () => {
  const { planId } = planPrintRoute.useParams();
  return <PlanPrintPage planId={planId} />;
};
