import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { cleanText } from "~/schemas/submission";
import { requirePermission, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { advancePublication } from "./publication.server";

const LOCALES: Locale[] = ["en", "fr", "es"];

/** The synthesis texts of a party for every work plan area, in the three languages. */
export async function listSyntheses(db: Kysely<Database>, party: string) {
  return db.selectFrom("syntheses").select(["area_id", "locale", "text", "updated_at"]).where("party_code", "=", party).execute();
}

/**
 * Saves a party's synthesis of an area; an empty text removes that language's version. Only the
 * party's officials (and admins) write it; a change is recorded in the audit trail, before and after.
 */
export async function saveSynthesis(
  db: Kysely<Database>,
  actor: Actor,
  input: { party: string; area: number; texts: Record<Locale, string> },
  now: Date = new Date(),
) {
  requirePermission(actor, "syntheses.write", { partyCode: input.party });
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("syntheses")
      .select(["locale", "text"])
      .where("party_code", "=", input.party)
      .where("area_id", "=", input.area)
      .execute();
    const before = Object.fromEntries(current.map((r) => [r.locale, r.text]));
    const after: Record<string, string> = {};
    for (const locale of LOCALES) {
      const text = String(cleanText(input.texts[locale] ?? ""));
      if (text) after[locale] = text;
      await trx.deleteFrom("syntheses").where("party_code", "=", input.party).where("area_id", "=", input.area).where("locale", "=", locale).execute();
      if (text) {
        await trx
          .insertInto("syntheses")
          .values({ party_code: input.party, area_id: input.area, locale, text, updated_by_user_id: actor.id, updated_at: now.toISOString() })
          .execute();
      }
    }
    if (LOCALES.every((l) => (before[l] ?? "") === (after[l] ?? ""))) return;
    // Syntheses are part of the public summaries.
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "synthesis.updated",
      subject: { type: "synthesis", id: `${input.party}:${input.area}` },
      details: { party: input.party, area: input.area, before, after },
    });
  });
}
