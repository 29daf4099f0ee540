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

// One i18next initialised once per process with every message; pages render with one clone of it
// per language, loaders use fixed t functions of it (remix-i18next's getFixedT builds and
// initialises a new instance per call).
const base: i18n = createInstance();
void base.use(initReactI18next).init({ ...i18nConfig, lng: defaultLocale, resources, initImmediate: false });

/** The most texts remembered per language (a page shows a few hundred; dates and counts vary). */
const MAX_REMEMBERED = 5000;

/**
 * The key of a t() call whose text can be remembered: a string key and options that are all
 * primitives or null (a count, a date already formatted…; react-i18next passes `lngs: null`), or null. The text is then a function of the
 * language, the key and these options alone: the messages never change while the process runs.
 */
function rememberedAs(key: unknown, options: unknown): string | null {
  if (typeof key !== "string") return null;
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null) return null;
  let id = key;
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return null;
    id += `\u0000${name}\u0000${typeof value}\u0000${String(value)}`;
  }
  return id;
}

/**
 * One i18next instance per language, made once and shared by every request in it (ADR 047): on the
 * server nothing changes an instance's language or messages (react-i18next only reads it while
 * rendering), so a per-request clone only cost time. Each remembers the texts it has produced: a
 * page asks for the same hundred or so at every request, and i18next's lookup, interpolation and
 * plural rules cost ~5–10 µs a call.
 */
function rememberingInstance(locale: Locale): i18n {
  const instance = base.cloneInstance({ lng: locale, initImmediate: false });
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const texts = new Map<string, string>();
  instance.t = ((key: unknown, options?: unknown) => {
    const id = rememberedAs(key, options);
    if (id === null) return translate(key, options);
    const known = texts.get(id);
    if (known !== undefined) return known;
    const text = translate(key, options);
    if (typeof text === "string") {
      if (texts.size >= MAX_REMEMBERED) texts.clear();
      texts.set(id, text);
    }
    return text;
  }) as i18n["t"];
  return instance;
}

const instances = new Map<Locale, i18n>(supportedLocales.map((locale) => [locale, rememberingInstance(locale)]));

/** The i18next instance in `locale`, for rendering a request. */
export function instanceFor(locale: Locale): i18n {
  return instances.get(locale)!;
}

/** A translation function fixed to `locale`, for loaders, actions and emails. */
export function getT(locale: Locale): TFunction {
  return base.getFixedT(locale);
}
