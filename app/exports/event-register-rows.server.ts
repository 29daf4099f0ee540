// What every file of a closed attendance register shows (ADR 045), made from the register's stored
// JSON only: a heading (the event, when it was closed, the register's SHA-256) and one row per
// person. Those who did not agree to be named are rows without a name or organisation; gender,
// needs and email are not in the register at all.
import type { TFunction } from "i18next";
import type { Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import type { FrozenRegister, RegisterDocument } from "~/models/event-attendance.server";
import { formatDateTime } from "~/utils/format";

export interface RegisterSheet {
  t: TFunction;
  title: string;
  /** Label and value lines above the table. */
  facts: Array<[string, string]>;
  totals: string;
  privacy: string;
  columns: string[];
  rows: string[][];
}

export function eventTitleOf(document: RegisterDocument, locale: Locale): string {
  const titles = document.event.titles;
  return titles[locale] ?? titles.en ?? titles.fr ?? titles.es ?? document.event.slug;
}

export function registerSheet(register: FrozenRegister, locale: Locale): RegisterSheet {
  const t = getT(locale);
  const { document } = register;
  const title = eventTitleOf(document, locale);
  const zone = document.event.timeZone;
  const type = (code: string) => t(`submission.choices.stakeholderType.${code}` as never, { defaultValue: code });
  const country = (code: string) => (code === "other" ? t("submission.otherCountry") : t(`admin.parties.${code}` as never, { defaultValue: code }));
  return {
    t,
    title: t("eventAttendance.register.title", { title }),
    facts: [
      [t("eventAttendance.register.event"), title],
      [t("eventAttendance.register.startsAt"), formatDateTime(document.event.startsAt, locale, zone)],
      [t("eventAttendance.register.closedAt"), formatDateTime(register.closedAt, locale, zone)],
      [t("eventAttendance.register.sha256"), register.sha256],
    ],
    totals: t("eventAttendance.register.totals", document.totals),
    privacy: t("eventAttendance.register.privacy"),
    columns: (["name", "organisation", "type", "country", "region", "status", "walkIn"] as const).map((c) => t(`eventAttendance.register.columns.${c}`)),
    rows: document.people.map((p) => [
      p.named ? p.name : t("eventAttendance.register.unnamed"),
      p.named ? (p.organisation ?? "") : "",
      type(p.stakeholderType),
      country(p.country),
      p.named ? (p.region ?? "") : "",
      t(`eventAttendance.register.status.${p.status}`),
      p.walkIn ? t("eventAttendance.register.yes") : t("eventAttendance.register.no"),
    ]),
  };
}

/** The file's name: the event's address, then "register". */
export function registerFileName(document: RegisterDocument, extension: string): string {
  return `${document.event.slug}-register.${extension}`;
}
