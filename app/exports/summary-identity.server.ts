// Which summary a file is: every format states it on its first page (or sheet, or in its meta).
// A frozen edition's files give its number, when it was frozen and whose sign-off it needs, and
// send the reader to the edition's manifest for the sign-offs themselves: those are given after
// the files are frozen and fingerprinted, and writing them in would change the hashed bytes.
// A summary built on demand says it is not an official edition.
import type { TFunction } from "i18next";
import type { Summary } from "~/models/summary-types";
import { formatDateTime } from "~/utils/format";

const listTag = { en: "en-CA", fr: "fr-CA", es: "es-CL" } as const;

/** The identity as paragraphs: one for an on-demand summary, two for an edition. */
export function identityLines(summary: Summary, t: TFunction): string[] {
  const { meta } = summary;
  if (!meta.official) return [t("summary.identity.notOfficial")];
  const date = `${formatDateTime(meta.official.frozenAt, meta.locale, "UTC")} UTC`;
  const names = meta.official.signatories.map((code) => summary.parties.find((p) => p.party === code)?.partyName ?? code);
  const parties = new Intl.ListFormat(listTag[meta.locale], { type: "conjunction" }).format(names);
  return [t("summary.identity.official", { number: meta.official.number, date }), t("summary.identity.signOff", { parties })];
}

/** The identity in a few words, for a CSV column. */
export function identityShort(summary: Summary, t: TFunction): string {
  const { official, locale } = summary.meta;
  if (!official) return t("summary.identity.notOfficialShort");
  return t("summary.identity.official", { number: official.number, date: `${formatDateTime(official.frozenAt, locale, "UTC")} UTC` });
}
