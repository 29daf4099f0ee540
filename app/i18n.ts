// Shared by server and browser: the languages Puente speaks and how i18next is set up.
export const supportedLocales = ["en", "fr", "es"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** Each language named in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = { en: "English", fr: "Français", es: "Español" };

export const i18nConfig = {
  supportedLngs: [...supportedLocales],
  fallbackLng: false as const,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

/** The locale a path starts with, if any: "/fr/workplan" → "fr". */
export function localeFromPath(pathname: string): Locale | null {
  const first = pathname.split("/")[1];
  return isLocale(first) ? first : null;
}

/** The same page in another language: "/fr/workplan?x=1" → "/es/workplan?x=1". */
export function pathInLocale(pathname: string, search: string, locale: Locale): string {
  const parts = pathname.split("/");
  if (isLocale(parts[1])) parts[1] = locale;
  else parts.splice(1, parts[1] === "" ? 1 : 0, locale);
  const path = parts.join("/").replace(/\/$/, "") || `/${locale}`;
  return path + search;
}
