import { Center, Loader } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { currentLanguage } from "../../../lib/i18n";
import { accountOverviewQueryOptions } from "../account-overview.queries";
import { OverviewCards } from "./overview-cards";

/** The account's overview cards, read in one request. */
export const AccountOverviewCards = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation();
  const overview = useQuery(accountOverviewQueryOptions(accountId, currentLanguage()));
  if (overview.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (overview.isError) return <ApiErrorAlert error={overview.error} />;
  return <OverviewCards overview={overview.data} />;
};
