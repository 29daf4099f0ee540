import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { can, type Actor } from "~/utils/permissions";
import { recordAudit } from "./audit.server";

// Each party's designated official, who signs editions off for it (see editions.server.ts).

/**
 * A designation is valid while the person is an active official *of that country* (an admin or a
 * moderator whose account names it): an admin of no country, or of the other one, cannot sign, so
 * no one person can complete both parties' sign-off.
 */
export function mayStillSign(user: { role: string; party_code: string | null; disabled_at: string | null } | undefined, party: string): boolean {
  if (!user || user.disabled_at) return false;
  return (user.role === "admin" || user.role === "moderator") && user.party_code === party;
}

/** Each party's designated signatory (a user id, or null), in the parties' order. */
export function listSignatories(db: Kysely<Database>) {
  return db.selectFrom("parties").select(["code", "signatory_user_id"]).orderBy("position").execute();
}

/** Whom the actor may designate (active officials, by name): everyone for those who manage users, no one for others. */
export async function listSignatoryCandidates(db: Kysely<Database>, actor: Actor) {
  if (!can(actor, "users.manage")) return [];
  return db
    .selectFrom("users")
    .select(["id", "display_name", "role", "party_code"])
    .where("disabled_at", "is", null)
    .where("role", "!=", "committee")
    .orderBy("display_name")
    .execute();
}

/** The parties the actor is the valid designated signatory of (see mayStillSign). */
export async function signatoryParties(db: Kysely<Database> | Transaction<Database>, actor: Actor): Promise<string[]> {
  const [parties, user] = await Promise.all([
    db.selectFrom("parties").select("code").where("signatory_user_id", "=", actor.id).orderBy("position").execute(),
    db.selectFrom("users").select(["role", "party_code", "disabled_at"]).where("id", "=", actor.id).executeTakeFirst(),
  ]);
  return parties.map((p) => p.code).filter((code) => mayStillSign(user, code));
}

/**
 * Clears the designations a person no longer holds validly (their role or country changed, or
 * the account was disabled), each in the audit trail; called in the same transaction as the change.
 */
export async function clearStaleSignatories(trx: Transaction<Database>, by: { id: number; email: string }, userId: number, cause: string) {
  const user = await trx.selectFrom("users").select(["role", "party_code", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
  const held = await trx.selectFrom("parties").select("code").where("signatory_user_id", "=", userId).execute();
  for (const { code } of held) {
    if (mayStillSign(user, code) && cause !== "user.role_changed") continue;
    await trx.updateTable("parties").set({ signatory_user_id: null }).where("code", "=", code).where("signatory_user_id", "=", userId).execute();
    await recordAudit(trx, {
      actor: by,
      action: "edition.signatory_changed",
      subject: { type: "party", id: code },
      details: { party: code, before: { userId }, after: { userId: null }, cause },
    });
  }
}
