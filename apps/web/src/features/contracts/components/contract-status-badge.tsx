import { Badge } from "@mantine/core";
import type { ContractStatus } from "@michi/core";
import { useTranslation } from "react-i18next";

const colors = { active: "teal", pending: "blue", churned: "red", expired: "gray" } as const;

export const ContractStatusBadge = ({ status }: { status: ContractStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[status]}>
      {t(`contracts.statuses.${status}`)}
    </Badge>
  );
};
