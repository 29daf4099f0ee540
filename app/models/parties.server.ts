import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Locale } from "~/i18n";
import { getT } from "~/i18next.server";
import { formatDateTime } from "~/utils/format";

export interface PartyView {
  code: string;
  name: string;
  timeZone: string;
  timeZoneLabel: string;
}

export async function listParties(db: Kysely<Database>, locale: Locale): Promise<PartyView[]> {
  return db
    .selectFrom("parties as p")
    .innerJoin("party_translations as t", (j) => j.onRef("t.party_code", "=", "p.code").on("t.locale", "=", locale))
    .select(["p.code", "t.name", "p.time_zone as timeZone", "t.time_zone_label as timeZoneLabel"])
    .orderBy("p.position")
    .execute();
}

export async function listRegions(db: Kysely<Database>, partyCode: string, locale: Locale) {
  return db
    .selectFrom("regions as r")
    .innerJoin("region_translations as t", (j) => j.onRef("t.region_code", "=", "r.code").on("t.locale", "=", locale))
    .select(["r.code", "t.name", "r.time_zone as timeZone"])
    .where("r.party_code", "=", partyCode)
    .orderBy("r.position")
    .execute();
}

/**
 * How to write a moment for a country: in its time zone, named ("10:30 (Ottawa time)"); in UTC,
 * labelled, without a country. One query for every country.
 */
export async function partyClocks(db: Kysely<Database>, locale: Locale): Promise<(partyCode: string | null) => (iso: string) => string> {
  const parties = await listParties(db, locale);
  const t = getT(locale);
  return (partyCode) => {
    const party = partyCode ? parties.find((p) => p.code === partyCode) : undefined;
    const zone = party?.timeZone ?? "UTC";
    const label = party?.timeZoneLabel ?? "UTC";
    return (iso) => t("topics.dateInZone", { date: formatDateTime(iso, locale, zone), zone: label });
  };
}
