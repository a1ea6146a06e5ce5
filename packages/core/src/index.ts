export * from "./accounts/account-fields";
export * from "./accounts/account-history";
export * from "./accounts/account-list";
export * from "./accounts/account-overview";
export * from "./accounts/churn";
export * from "./accounts/name-reading";
export * from "./accounts/picklists";
export * from "./auth/invitations";
export * from "./auth/login-lockout";
export * from "./auth/roles";
export * from "./contracts/contract-fields";
export * from "./csv/csv-columns";
export * from "./csv/csv-mapping";
export * from "./csv/csv-rows";
export * from "./csv/csv-templates";
export * from "./csv/csv-values";
export * from "./errors";
export * from "./health/compute-health";
export * from "./health/default-scorecard";
export * from "./health/explain-health-change";
export * from "./health/scorecard";
export * from "./health/scorecard-choice";
export * from "./health-lab/backtest";
export * from "./health-lab/fit-scorecard";
export * from "./health-lab/logistic-regression";
export * from "./lifecycle/default-phases";
export * from "./lifecycle/maturity";
export * from "./lifecycle/phases";
export * from "./lifecycle/rules";
export * from "./lifecycle/touch-model";
export * from "./money/minor-units";
export * from "./playbooks/conditions";
export * from "./playbooks/facts";
export * from "./playbooks/mentions";
// Types only: the runner's values (and the holiday table under them) are in
// "@michi/core/playbook-runs", which the web app does not load.
export type {
  EmailSkipReason,
  OwnerProblem,
  PlaybookAction,
  PlaybookWebhookPayload,
  ResolvedOwner,
} from "./playbooks/plan-run";

export * from "./playbooks/playbook";
export * from "./playbooks/playbook-references";
export * from "./playbooks/playbook-templates";
export * from "./playbooks/records";
export * from "./playbooks/run-texts";
export * from "./playbooks/text-templates";
export * from "./playbooks/triggers";
export * from "./playbooks/work-queue";
export * from "./problem-codes";
export * from "./success-plan/evaluator-report";
export * from "./success-plan/evaluator-report-types";
export * from "./success-plan/kpi-progress";
export * from "./success-plan/plan-check-codes";
export * from "./success-plan/plan-check-options";
export * from "./success-plan/plan-checks";
export * from "./success-plan/plan-dates";
export * from "./success-plan/plan-diff";
export * from "./success-plan/plan-document";
export * from "./success-plan/plan-progress";
export * from "./success-plan/plan-start";
export * from "./success-plan/plan-timeline";
export * from "./success-plan/plan-validation";
export * from "./success-plan/report-format";
export * from "./success-plan/report-labels";
export * from "./success-plan/report-pages";
export * from "./success-plan/stage-retrospective";
export * from "./usage/display-text";
export * from "./usage/metric-ref";
export * from "./usage/metrics";
export * from "./usage/segment";
export * from "./usage/sliding-window-totals";
export * from "./usage/usage-labels";
