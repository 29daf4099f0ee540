import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { requirePermission, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { NotFoundError } from "./errors";

/** How long "I am reviewing this" holds without a decision (ADR 042). */
export const CLAIM_MINUTES = 30;
const CLAIM_MS = CLAIM_MINUTES * 60_000;

/** Another official's claim is still live: nothing was written. */
export class ClaimTaken extends Error {
  constructor(
    readonly reference: string,
    readonly holder: string,
  ) {
    super(`submission ${reference} is claimed by ${holder}`);
  }
}

export interface ClaimView {
  userId: number;
  holder: string;
  claimedAt: string;
  /** When it counts as released if nobody decides. */
  expiresAt: string;
  mine: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

async function submissionOf(db: Db, actor: Actor, reference: string) {
  const s = await db.selectFrom("submissions").select(["id", "reference", "party_code"]).where("reference", "=", reference).executeTakeFirst();
  if (!s) throw new NotFoundError("submission");
  requirePermission(actor, "submissions.moderate", { partyCode: s.party_code });
  return s;
}

const live = (claimedAt: string, now: Date) => now.getTime() - Date.parse(claimedAt) < CLAIM_MS;

/** The live claims on these submissions (an expired one is no claim), by submission id. */
export async function liveClaims(db: Db, actor: Actor, submissionIds: number[], now: Date = new Date()): Promise<Map<number, ClaimView>> {
  const claims = new Map<number, ClaimView>();
  if (submissionIds.length === 0) return claims;
  const rows = await db
    .selectFrom("submission_claims as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.submission_id", "c.user_id", "c.claimed_at", "u.display_name"])
    .where("c.submission_id", "in", submissionIds)
    .where("c.claimed_at", ">", new Date(now.getTime() - CLAIM_MS).toISOString())
    .execute();
  for (const row of rows) {
    claims.set(row.submission_id, {
      userId: row.user_id,
      holder: row.display_name,
      claimedAt: row.claimed_at,
      expiresAt: new Date(Date.parse(row.claimed_at) + CLAIM_MS).toISOString(),
      mine: row.user_id === actor.id,
    });
  }
  return claims;
}

/**
 * "I am reviewing this": the actor claims the submission for 30 minutes. Refused (ClaimTaken) while
 * another official's claim is live; an expired claim is taken over. Claiming one's own live claim
 * again changes nothing (no second audit entry).
 */
export async function claimSubmission(db: Kysely<Database>, actor: Actor, reference: string, now: Date = new Date()): Promise<ClaimView> {
  const s = await submissionOf(db, actor, reference);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("submission_claims").selectAll().where("submission_id", "=", s.id).executeTakeFirst();
    if (current && live(current.claimed_at, now)) {
      if (current.user_id === actor.id) return;
      throw new ClaimTaken(reference, await holderName(trx, current.user_id));
    }
    if (current) {
      // Take over the expired claim only as it was read: a colleague who took it meanwhile wins.
      const result = await trx
        .updateTable("submission_claims")
        .set({ user_id: actor.id, claimed_at: now.toISOString() })
        .where("submission_id", "=", s.id)
        .where("user_id", "=", current.user_id)
        .where("claimed_at", "=", current.claimed_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const winner = await trx.selectFrom("submission_claims").select("user_id").where("submission_id", "=", s.id).executeTakeFirst();
        throw new ClaimTaken(reference, await holderName(trx, winner?.user_id ?? null));
      }
    } else {
      await trx.insertInto("submission_claims").values({ submission_id: s.id, user_id: actor.id, claimed_at: now.toISOString() }).execute();
    }
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "submission.claimed",
      subject: { type: "submission", id: reference },
      details: current ? { tookOverExpiredClaimOf: current.user_id } : undefined,
    });
  });
  return (await liveClaims(db, actor, [s.id], now)).get(s.id)!;
}

/** The actor lets go of their own claim (another's live claim is not theirs to release). */
export async function releaseClaim(db: Kysely<Database>, actor: Actor, reference: string, now: Date = new Date()): Promise<void> {
  const s = await submissionOf(db, actor, reference);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("submission_claims")
      .where("submission_id", "=", s.id)
      .where("user_id", "=", actor.id)
      .where("claimed_at", ">", new Date(now.getTime() - CLAIM_MS).toISOString())
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return;
    await recordAudit(trx, { actor: await auditActorOf(trx, actor.id), action: "submission.claim_released", subject: { type: "submission", id: reference } });
  });
}

/** A decision ends the claim, whoever held it (called inside the decision's transaction). */
export async function endClaimOnDecision(trx: Transaction<Database>, submissionId: number): Promise<void> {
  await trx.deleteFrom("submission_claims").where("submission_id", "=", submissionId).execute();
}

async function holderName(db: Db, userId: number | null): Promise<string> {
  if (userId === null) return "?";
  return (await db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst())?.display_name ?? "?";
}
