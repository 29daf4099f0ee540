import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { requirePermission, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { NotFoundError } from "./errors";

/*
 * Internal notes (ADR 042): what the officials who review a submission — its country's moderators
 * and the administrators — tell each other about it. Append-only, read only here: no public page,
 * API, export or edition selects this table.
 */

async function submissionOf(db: Kysely<Database>, actor: Actor, reference: string) {
  const s = await db.selectFrom("submissions").select(["id", "party_code"]).where("reference", "=", reference).executeTakeFirst();
  if (!s) throw new NotFoundError("submission");
  requirePermission(actor, "submissions.moderate", { partyCode: s.party_code });
  return s;
}

/** The notes on a submission, oldest first, for the officials who may review it. */
export async function listNotes(db: Kysely<Database>, actor: Actor, reference: string) {
  const s = await submissionOf(db, actor, reference);
  return db
    .selectFrom("submission_notes as n")
    .leftJoin("users as u", "u.id", "n.author_user_id")
    .select(["n.id", "n.body", "n.created_at", "u.display_name as author"])
    .where("n.submission_id", "=", s.id)
    .orderBy("n.id")
    .execute();
}

/** Adds a note (already validated by noteSchema), audited in the same transaction. */
export async function addNote(db: Kysely<Database>, actor: Actor, reference: string, body: string, now: Date = new Date()) {
  const s = await submissionOf(db, actor, reference);
  return db.transaction().execute(async (trx) => {
    const note = await trx
      .insertInto("submission_notes")
      .values({ submission_id: s.id, author_user_id: actor.id, body, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The text stays in the notes table (officials of the country only), not in the audit trail.
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "submission.note_added",
      subject: { type: "submission", id: reference },
      details: { note: note.id, length: body.length },
    });
    return note.id;
  });
}
