import { Badge, EmptyState } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A section of the product that is planned but not built yet. */
export const ComingSoon = ({ title, description }: { title: string; description: string }) => {
  const { t } = useTranslation();
  return (
    <EmptyState
      py="xl"
      title={title}
      description={description}
      icon={
        <Badge variant="light" color="gray" size="lg">
          {t("account.comingSoon")}
        </Badge>
      }
      withIndicatorBackground={false}
    />
  );
};
