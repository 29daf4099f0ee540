import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { cleanText } from "~/schemas/submission";
import { requirePermission, type Actor } from "~/utils/permissions";

const LOCALES: Locale[] = ["en", "fr", "es"];

/** The synthesis texts of a party for every work plan area, in the three languages. */
export async function listSyntheses(db: Kysely<Database>, party: string) {
  return db.selectFrom("syntheses").select(["area_id", "locale", "text", "updated_at"]).where("party_code", "=", party).execute();
}

/**
 * Saves a party's synthesis of an area; an empty text removes that language's version. Only the
 * party's officials (and admins) write it; it is recorded in the audit trail by the caller's route.
 */
export async function saveSynthesis(db: Kysely<Database>, actor: Actor, input: { party: string; area: number; texts: Record<Locale, string> }, now: Date = new Date()) {
  requirePermission(actor, "syntheses.write", { partyCode: input.party });
  await db.transaction().execute(async (trx) => {
    for (const locale of LOCALES) {
      const text = String(cleanText(input.texts[locale] ?? ""));
      await trx.deleteFrom("syntheses").where("party_code", "=", input.party).where("area_id", "=", input.area).where("locale", "=", locale).execute();
      if (text) {
        await trx
          .insertInto("syntheses")
          .values({ party_code: input.party, area_id: input.area, locale, text, updated_by_user_id: actor.id, updated_at: now.toISOString() })
          .execute();
      }
    }
  });
}
