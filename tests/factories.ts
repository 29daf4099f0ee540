import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { toActor, type Actor } from "~/utils/permissions";
import { createSubmissionFor, createUser, sessionCookieFor, type SubmissionOptions, type UserOptions } from "../support/factories";

// Moved to support/ (shared with bench/, ADR 025): tests keep importing it from here.
export * from "../support/factories";

/** An official as the back-office tests use one: the account, the actor the models take, and a session cookie for HTTP. */
export async function createOfficial(db: Kysely<Database>, options: UserOptions) {
  const user = await createUser(db, options);
  return { id: user.id, email: user.email, actor: toActor(user), cookie: await sessionCookieFor(db, user.id) };
}
export type Official = Awaited<ReturnType<typeof createOfficial>>;

/**
 * Approves submissions as sent, straight in the database: the columns the public reads, without
 * moderation's history, audit or email (for tests of what the public sees, not of moderating).
 */
export async function approveAsSent(db: Kysely<Database>, ids: number | number[], decidedAt = new Date()) {
  await db
    .updateTable("submissions")
    .set((eb) => ({
      status: "approved",
      decided_at: decidedAt.toISOString(),
      approved_version: eb.ref("version"),
      approved_title: eb.ref("title"),
      approved_body: eb.ref("body"),
    }))
    .where("id", "in", Array.isArray(ids) ? ids : [ids])
    .execute();
}

/** A submission made through the real intake, then approved as sent by `moderator` through moderation (history, audit, publication). */
export async function createApprovedSubmission(db: Kysely<Database>, moderator: Actor, options: SubmissionOptions) {
  const created = await createSubmissionFor(db, options);
  const { moderate } = await import("../app/models/moderation.server");
  await moderate(db, moderator, created.reference, { intent: "approve", version: 1, applyToCampaign: false });
  return created;
}
