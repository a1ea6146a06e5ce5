/*
 * The account-evaluation engine: what follows from an account's data (its
 * health score, maturity levels, lifecycle phase and touch model), computed
 * for many accounts at once, and the inputs it reads brought up to date.
 * Features call it through this file; it calls no feature.
 */
export { findMainCurrency, loadAccountInputs } from "./account-inputs";
export { findMaturityLevels, pastTimeOf } from "./account-state.queries";
export {
  type AccountDay,
  type BackfillResult,
  backfillDays,
  backfillHealth,
  forEachAccountDay,
} from "./backfill";
export { type CsModel, forgetCsModel, loadCsModel, readCsModel } from "./cs-model";
export { type AccountEvaluation, modelMetricRefs } from "./decide-batch";
export {
  findAccountIdsPage,
  findWorkspacesWithDirtyAccounts,
  markAccountsDirty,
  markWorkspaceAccountsDirty,
} from "./dirty-accounts.queries";
export {
  drainDirtyAccounts,
  drainWorkspaceDirtyAccounts,
  evaluateAccounts,
  RECOMPUTE_BATCH_SIZE,
  recomputeAccounts,
  recomputeAllAccounts,
} from "./recompute";
export {
  attachAllWaitingUsageEvents,
  attachUsageEventsOfAccount,
  foldUsageEvents,
  pendingRollupsOf,
} from "./usage-rollups";
