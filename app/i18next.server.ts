import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, i18nConfig, localeFromPath, supportedLocales } from "./i18n";
import { resources } from "./locales/index";

/** Remembers the last language a visitor read, so "/" sends them back to it. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ["custom", "cookie", "header"],
    // The URL wins: "/fr/…" is French whatever the cookie or the browser says.
    findLocale: async (request) => localeFromPath(new URL(request.url).pathname),
  },
  i18next: { ...i18nConfig, resources },
});

export default i18next;
