import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";

/** "顧客 · Michi" in the browser tab, in the UI language. */
export const usePageTitle = (title: string) => {
  const { t } = useTranslation();
  useDocumentTitle(title ? `${title} · ${t("app.name")}` : t("app.name"));
};
