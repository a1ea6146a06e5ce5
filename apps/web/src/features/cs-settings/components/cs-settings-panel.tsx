import { AccountPicklistsPanel } from "./account-picklists-panel";
import { ChurnReasonsPanel } from "./churn-reasons-panel";
import { MaturityPanel } from "./maturity-panel";
import { PhasesPanel } from "./phases-panel";
import { ScorecardsPanel } from "./scorecards-panel";
import { TouchModelPanel } from "./touch-model-panel";
import { UsageLabelsPanel } from "./usage-labels-panel";
import { UsageSettingsPanel } from "./usage-settings-panel";

export type CsSettingsTab =
  | "scorecards"
  | "phases"
  | "maturity"
  | "touchModel"
  | "usage"
  | "churnReasons"
  | "picklists"
  | "usageLabels";

/** One tab of the workspace's customer-success model in the settings page. */
export const CsSettingsPanel = ({ tab }: { tab: CsSettingsTab }) => {
  switch (tab) {
    case "scorecards":
      return <ScorecardsPanel />;
    case "phases":
      return <PhasesPanel />;
    case "maturity":
      return <MaturityPanel />;
    case "touchModel":
      return <TouchModelPanel />;
    case "usage":
      return <UsageSettingsPanel />;
    case "churnReasons":
      return <ChurnReasonsPanel />;
    case "picklists":
      return <AccountPicklistsPanel />;
    case "usageLabels":
      return <UsageLabelsPanel />;
  }
};
