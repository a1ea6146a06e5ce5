import { PlanPage } from "../features/success-plans/components/plan-page";
import { planRoute } from "./plan";

/** Loaded on demand: the plan page brings React Flow, dagre and ECharts with it. */
export const PlanRouteComponent = () => {
  const { accountId, planId } = planRoute.useParams();
  const search = planRoute.useSearch();
  const navigate = planRoute.useNavigate();
  return (
    <PlanPage
      accountId={accountId}
      planId={planId}
      tab={search.tab ?? "pufu"}
      node={search.node ?? null}
      stage={search.stage ?? null}
      onNavigate={(next) =>
        navigate({
          search: (prev) => ({
            ...prev,
            ...(next.tab ? { tab: next.tab } : {}),
            ...("node" in next ? { node: next.node ?? undefined } : {}),
            ...("stage" in next ? { stage: next.stage ?? undefined } : {}),
          }),
          replace: true,
        })
      }
      onDeleted={() =>
        navigate({
          to: "/accounts/$accountId",
          params: { accountId },
          search: { tab: "successPlan" },
        })
      }
    />
  );
};
