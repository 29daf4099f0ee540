import type { Locale } from "~/i18n";

const intlLocale: Record<Locale, string> = { en: "en-CA", fr: "fr-CA", es: "es-CL" };
// Building an Intl.DateTimeFormat costs far more than using one: keep one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "31 March 2026, 23:59" in the given time zone and language. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocale[locale], {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}
