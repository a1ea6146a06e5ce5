import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../lib/i18n";

/** 日本語 / English; the choice is remembered in localStorage by the detector's cache. */
export const LanguageSwitch = () => {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl<Language>
      size="xs"
      aria-label={t("language.label")}
      value={currentLanguage()}
      onChange={(language) => void i18n.changeLanguage(language)}
      data={[
        { value: "ja", label: t("language.ja") },
        { value: "en", label: t("language.en") },
      ]}
    />
  );
};
