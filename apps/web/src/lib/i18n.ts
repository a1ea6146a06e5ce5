import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";
import ja from "../locales/ja.json";

export const languages = ["ja", "en"] as const;
export type Language = (typeof languages)[number];

export const LANGUAGE_STORAGE_KEY = "michi.language";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

/** The UI language, as a supported code ("ja-JP" → "ja"). */
export const currentLanguage = (): Language => (i18n.resolvedLanguage === "ja" ? "ja" : "en");

export const initI18n = () => {
  if (i18n.isInitialized) return i18n;
  i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { ja: { translation: ja }, en: { translation: en } },
      supportedLngs: languages,
      fallbackLng: "en",
      interpolation: { escapeValue: false },
      detection: {
        order: ["localStorage", "navigator"],
        convertDetectedLanguage: (lng: string) => lng.split("-")[0] ?? lng,
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ["localStorage"],
      },
    });
  const syncHtmlLang = () => {
    document.documentElement.lang = currentLanguage();
  };
  syncHtmlLang();
  i18n.on("languageChanged", syncHtmlLang);
  return i18n;
};

/**
 * An i18next of one language, apart from the app's: a print view in the
 * report's language renders shared components (the プ譜) in it, while the
 * app's own language, and the choice remembered for it, stay as they are.
 */
export const createFixedLanguageI18n = (language: Language) => {
  const instance = i18n.createInstance({
    lng: language,
    resources: { ja: { translation: ja }, en: { translation: en } },
    supportedLngs: languages,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void instance.init();
  return instance;
};
