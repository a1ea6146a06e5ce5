import {
  type PlanDiff,
  type PlanDocument,
  type ReportDeck,
  type ReportLanguage,
  type ReportSection,
  reportSections,
} from "@michi/core";
import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

const plans = api.plans[":id"];

export type PlanSummary = InferResponseType<
  (typeof api.accounts)[":id"]["plans"]["$get"],
  200
>["data"][number];
export type Plan = InferResponseType<(typeof plans)["$get"], 200>;
export type PlanLayout = Plan["layout"];
export type PlanCreateInput = InferRequestType<
  (typeof api.accounts)[":id"]["plans"]["$post"]
>["json"];
export type PlanPatch = InferRequestType<(typeof plans)["$patch"]>["json"];
export type PlanTemplate = InferResponseType<
  (typeof api)["plan-templates"]["$get"],
  200
>["data"][number];
export type PlanChecks = InferResponseType<(typeof plans)["checks"]["$get"], 200>;
export type PlanMeeting = InferResponseType<
  (typeof plans)["meetings"]["$get"],
  200
>["data"][number];
export type PlanMeetingInput = InferRequestType<(typeof plans)["meetings"]["$post"]>["json"];
export type StageList = InferResponseType<(typeof plans)["stages"]["$get"], 200>;
export type StageSummary = StageList["data"][number];
export type Stage = InferResponseType<(typeof plans)["stages"][":n"]["$get"], 200>;
export type Retrospective = StageSummary["retrospective"];
export type MeasurementInput = InferRequestType<
  (typeof plans)["kpis"][":key"]["measurements"]["$post"]
>["json"];
export type PlanHistoryEntry = InferResponseType<
  (typeof plans)["history"]["$get"],
  200
>["data"][number];
export type TaskStatusPatch = InferRequestType<(typeof plans)["tasks"][":key"]["$patch"]>["json"];
export type StageRef = number | "current";

export const planKeys = {
  all: ["plans"] as const,
  ofAccount: (accountId: string) => ["accounts", "detail", accountId, "plans"] as const,
  detail: (planId: string) => [...planKeys.all, planId] as const,
  checks: (planId: string, asOf: string, version: number) =>
    [...planKeys.detail(planId), "checks", asOf, version] as const,
  meetings: (planId: string) => [...planKeys.detail(planId), "meetings"] as const,
  stages: (planId: string) => [...planKeys.detail(planId), "stages"] as const,
  stage: (planId: string, number: number) => [...planKeys.stages(planId), number] as const,
  stageDiff: (planId: string, from: StageRef, to: StageRef, version: number) =>
    [...planKeys.stages(planId), "diff", from, to, version] as const,
  history: (planId: string) => [...planKeys.detail(planId), "history"] as const,
  report: (planId: string, choice: ReportChoice, version: number) =>
    [
      ...planKeys.detail(planId),
      "report",
      choice.lang,
      choice.sections.join(","),
      version,
    ] as const,
  templates: ["plan-templates"] as const,
};

export const accountPlansQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: planKeys.ofAccount(accountId),
    queryFn: () => readJson(api.accounts[":id"].plans.$get({ param: { id: accountId } })),
  });

export const planQueryOptions = (planId: string) =>
  queryOptions({
    queryKey: planKeys.detail(planId),
    queryFn: () => readJson(plans.$get({ param: { id: planId } })),
  });

export const planChecksQueryOptions = (planId: string, asOf: string, version: number) =>
  queryOptions({
    queryKey: planKeys.checks(planId, asOf, version),
    queryFn: () => readJson(plans.checks.$get({ param: { id: planId }, query: { asOf } })),
  });

export const planMeetingsQueryOptions = (planId: string) =>
  queryOptions({
    queryKey: planKeys.meetings(planId),
    queryFn: () => readJson(plans.meetings.$get({ param: { id: planId } })),
  });

export const planStagesQueryOptions = (planId: string) =>
  queryOptions({
    queryKey: planKeys.stages(planId),
    queryFn: () => readJson(plans.stages.$get({ param: { id: planId } })),
  });

export const planStageQueryOptions = (planId: string, number: number) =>
  queryOptions({
    queryKey: planKeys.stage(planId, number),
    queryFn: () => readJson(plans.stages[":n"].$get({ param: { id: planId, n: String(number) } })),
    // A closed stage never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const stageDiffQueryOptions = (
  planId: string,
  range: { from: StageRef; to: StageRef; version: number },
) =>
  queryOptions({
    queryKey: planKeys.stageDiff(planId, range.from, range.to, range.version),
    queryFn: async () => {
      const body = await readJson(
        plans.stages.diff.$get({
          param: { id: planId },
          query: { from: String(range.from), to: String(range.to) },
        }),
      );
      // The OpenAPI schema leaves the diff untyped; the server sends core's PlanDiff.
      return { ...body, diff: body.diff as PlanDiff };
    },
  });

/** The evaluator report's language and sections, as the export dialog and the print view choose them. */
export type ReportChoice = { lang: ReportLanguage; sections: readonly ReportSection[] };

/** The report's query: sections left out when all are chosen. */
export const reportQuery = (choice: ReportChoice) => ({
  lang: choice.lang,
  ...(choice.sections.length === reportSections.length
    ? {}
    : { sections: choice.sections.join(",") }),
});

/** The report's slides as the server builds them (the version keys a changed plan). */
export const planReportQueryOptions = (planId: string, choice: ReportChoice, version: number) =>
  queryOptions({
    queryKey: planKeys.report(planId, choice, version),
    queryFn: async () => {
      const body = await readJson(
        plans.report.$get({ param: { id: planId }, query: reportQuery(choice) }),
      );
      // The OpenAPI schema leaves the deck untyped; the server sends core's ReportDeck.
      return { ...body, deck: body.deck as ReportDeck };
    },
  });

export const planHistoryQueryOptions = (planId: string) =>
  queryOptions({
    queryKey: planKeys.history(planId),
    queryFn: () => readJson(plans.history.$get({ param: { id: planId } })),
  });

export const planTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: planKeys.templates,
    queryFn: () => readJson(api["plan-templates"].$get()),
    staleTime: 5 * 60_000,
  });

export const setTaskStatus = (planId: string, key: string, json: TaskStatusPatch) =>
  readJson(plans.tasks[":key"].$patch({ param: { id: planId, key }, json }));

export const createPlan = (accountId: string, json: PlanCreateInput) =>
  readJson(api.accounts[":id"].plans.$post({ param: { id: accountId }, json }));

export const importPlan = (json: { document: unknown; accountId?: string }) =>
  readJson(
    api.plans.import.$post({ json: json as { document: PlanDocument; accountId?: string } }),
  );

export const savePlanDocument = (
  planId: string,
  json: { version: number; document: PlanDocument },
) => readJson(plans.document.$put({ param: { id: planId }, json }));

export const savePlanLayout = (
  planId: string,
  positions: Record<string, { x: number; y: number } | null>,
) => readJson(plans.layout.$put({ param: { id: planId }, json: { positions } }));

export const patchPlan = (planId: string, json: PlanPatch) =>
  readJson(plans.$patch({ param: { id: planId }, json }));

export const deletePlan = (planId: string) => expectOk(plans.$delete({ param: { id: planId } }));

export const addMeasurement = (planId: string, key: string, json: MeasurementInput) =>
  readJson(plans.kpis[":key"].measurements.$post({ param: { id: planId, key }, json }));

export const recordMeeting = (planId: string, json: PlanMeetingInput) =>
  readJson(plans.meetings.$post({ param: { id: planId }, json }));

export const closeStage = (planId: string, retrospective: Retrospective) =>
  readJson(plans.stages.$post({ param: { id: planId }, json: { retrospective } }));

export const saveAsTemplate = (json: { name: string; description?: string; planId: string }) =>
  readJson(api["plan-templates"].$post({ json }));

export const deleteTemplate = (id: string) =>
  expectOk(api["plan-templates"][":id"].$delete({ param: { id } }));

/** Download links (the server names the files). */
export const planExportUrl = (planId: string) => `/api/v1/plans/${planId}/export.json`;

export const planPptxUrl = (planId: string, choice: ReportChoice) =>
  `/api/v1/plans/${planId}/export.pptx?${new URLSearchParams(reportQuery(choice))}`;

/** The print view of the same choice (A4 pages). */
export const planPrintUrl = (planId: string, choice: ReportChoice) =>
  `/plans/${planId}/print?${new URLSearchParams(reportQuery(choice))}`;
