import { buildPlanCheckOptions, type CheckPlanOptions, todayInTokyo } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { phasesQueryOptions } from "../cs-settings/cs-settings.queries";
import { useUsageLabels } from "../cs-settings/use-usage-labels";
import { planMeetingsQueryOptions } from "./success-plans.queries";

/**
 * checkPlan's options for a plan checked in the browser (the editor, the
 * print view, a closed stage), built by core's buildPlanCheckOptions as the
 * server builds them: the workspace's phases and the plan's meetings, on
 * today in Tokyo (the server's default day) or `asOf`. Until the phases have
 * loaded, their exit criteria are not checked; until the meetings have,
 * evaluator-not-met is not.
 */
export const usePlanCheckOptions = (planId: string, asOf?: string): CheckPlanOptions => {
  const phases = useQuery(phasesQueryOptions());
  const meetings = useQuery(planMeetingsQueryOptions(planId));
  const { labels } = useUsageLabels();
  const day = asOf ?? todayInTokyo(new Date());
  return useMemo(
    () =>
      buildPlanCheckOptions({
        now: new Date(),
        asOf: day,
        phases: phases.data?.phases ?? [],
        meetings: meetings.data?.data ?? null,
        ...(labels ? { usageLabels: labels } : {}),
      }),
    [day, phases.data, meetings.data, labels],
  );
};
