import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale, i18nConfig, isLocale } from "./i18n";

// Only the page's language is downloaded; changing language reloads the document.
const loaders = {
  en: () => import("./locales/en"),
  fr: () => import("./locales/fr"),
  es: () => import("./locales/es"),
};

async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : defaultLocale;
  const messages = (await loaders[locale]()).default;
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng: locale,
    resources: { [locale]: { common: messages } },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
