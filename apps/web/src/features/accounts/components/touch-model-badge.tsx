import { Badge, type BadgeProps } from "@mantine/core";
import type { TouchModel } from "@michi/core";
import { useTranslation } from "react-i18next";

const colors = { high: "grape", low: "blue", tech: "teal", community: "orange" } as const;

export const TouchModelBadge = ({ value, ...props }: { value: TouchModel } & BadgeProps) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[value]} {...props}>
      {t(`touchModel.${value}`)}
    </Badge>
  );
};
