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

/** "30 April 2024": a calendar day (YYYY-MM-DD, or the UTC day of an ISO moment), without a time. */
export function formatDay(iso: string, locale: Locale): string {
  return formatDayPart(iso, locale, { day: "numeric", month: "long", year: "numeric" });
}

/** "Apr": a calendar day's month, short, for a chart's axis. */
export function formatShortMonth(iso: string, locale: Locale): string {
  return formatDayPart(iso, locale, { month: "short" });
}

function formatDayPart(iso: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const key = `day|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocale[locale], { ...options, timeZone: "UTC" });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

/** "1.2 MB", "340 kB" in the page's language. */
export function formatSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [Math.max(1, Math.round(bytes / 1000)), "kilobyte"];
  return new Intl.NumberFormat(intlLocale[locale], { style: "unit", unit: unit as string, unitDisplay: "short", maximumFractionDigits: 1 }).format(
    value as number,
  );
}

/**
 * "20,000" (en), "20 000" (fr, with the narrow no-break space French typography asks for), "20.000"
 * (es): one formatting for every number shown in a sentence, so a hint and a counter agree.
 */
export function formatNumber(value: number, locale: Locale): string {
  const text = new Intl.NumberFormat(intlLocale[locale]).format(value);
  return locale === "fr" ? text.replace(/[\u00a0 ]/g, "\u202f") : text;
}
