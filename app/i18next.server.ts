import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, i18nConfig, localeFromPath, supportedLocales, type Locale } from "./i18n";
import { resources } from "./locales/index";

/** Remembers the last language a visitor read, so "/" sends them back to it. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Language detection: the URL, then the cookie, then Accept-Language, then English. */
const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ["custom", "cookie", "header"],
    findLocale: async (request) => localeFromPath(new URL(request.url).pathname),
  },
  i18next: { ...i18nConfig, resources },
});

export default i18next;

// One i18next initialised once per process with every message; requests use clones or fixed t
// functions of it (remix-i18next's getFixedT builds and initialises a new instance per call).
const base: i18n = createInstance();
void base.use(initReactI18next).init({ ...i18nConfig, lng: defaultLocale, resources, initImmediate: false });

/** An i18next instance in `locale`, for rendering one request. */
export function instanceFor(locale: Locale): i18n {
  return base.cloneInstance({ lng: locale, initImmediate: false });
}

/** A translation function fixed to `locale`, for loaders, actions and emails. */
export function getT(locale: Locale): TFunction {
  return base.getFixedT(locale);
}
