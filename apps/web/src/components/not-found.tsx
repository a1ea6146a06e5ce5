import { Button, Center, EmptyState } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

export const NotFound = () => {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <EmptyState title={t("notFound.title")} description={t("notFound.description")}>
        <Button component={Link} to="/accounts" mt="md">
          {t("notFound.home")}
        </Button>
      </EmptyState>
    </Center>
  );
};
