import { Badge, type MantineSize, Tooltip } from "@mantine/core";
import type { PlanStatus } from "@michi/core";
import { useTranslation } from "react-i18next";

const planStatusColor = {
  draft: "gray",
  agreed: "indigo",
  active: "teal",
  closed: "dark",
} as const;

type Props = {
  status: PlanStatus;
  /** Whether this is the account's current plan (one per account). */
  current: boolean;
  size?: MantineSize;
};

/**
 * A plan's one status chip: where the plan stands with the customer (draft,
 * agreed, in progress, closed), filled when it is the account's current plan.
 * The words on hover (and to a screen reader) say both. Two chips, 実行中 and
 * アクティブ, said nearly the same thing.
 */
export const PlanStatusBadge = ({ status, current, size = "md" }: Props) => {
  const { t } = useTranslation();
  const explanation = `${t(`plans.statusHelp.${status}`)} ${
    current ? t("plans.currentPlanHelp") : t("plans.notCurrentPlanHelp")
  }`;
  return (
    <Tooltip multiline w={280} withArrow label={explanation}>
      <Badge
        size={size}
        color={planStatusColor[status]}
        variant={current ? "filled" : "light"}
        aria-label={`${t(`plans.status.${status}`)}: ${explanation}`}
        data-current={current}
        style={{ cursor: "help", flexShrink: 0 }}
      >
        {t(`plans.status.${status}`)}
      </Badge>
    </Tooltip>
  );
};
