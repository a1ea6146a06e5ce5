import { Center, Loader } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "./api-error-alert";

/**
 * A query's answer drawn by `children` once it has come: a loader while it
 * loads, the problem when it fails. The settings panels all start this way.
 */
export const QueryView = <T,>(props: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) => {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  return props.children(query.data);
};
