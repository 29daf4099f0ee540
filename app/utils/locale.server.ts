import type { Params } from "@remix-run/react";
import { getT } from "~/i18next.server";
import { isLocale, type Locale } from "~/i18n";

/** The locale of a "/:lang/…" URL; any other first segment ("/de/…") is a 404. */
export function requireLocale(params: Params): Locale {
  if (!isLocale(params.lang)) throw new Response("Not found", { status: 404 });
  return params.lang;
}

/** Locale and a translation function fixed to it, for loaders that build page text. */
export async function localeAndT(params: Params) {
  const locale = requireLocale(params);
  return { locale, t: getT(locale) };
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
