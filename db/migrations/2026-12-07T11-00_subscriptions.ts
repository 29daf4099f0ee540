import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Subscriptions by email, without an account (issue 17, item 4; ADR 039): a row per subscription,
// pending until its confirmation link is opened (the token kept as its SHA-256 only); one row per
// email sent for an event (unique per address and event), so that a reminder or a notice is sent
// once however often, or however concurrently, the scheduler runs. The outbox gains the extra
// headers an email carries (List-Unsubscribe), stored with their one-time link masked like the body.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("subscriptions"), engine)
    .addColumn("email", "varchar(254)", (c) => c.notNull())
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("kind", "varchar(20)", (c) => c.notNull().check(checkIn("kind", ["new_consultations", "reminders", "digest", "replies"])))
    // new_consultations: a country and/or a work-plan area (none: every new consultation).
    .addColumn("party_code", "varchar(2)", (c) => c.references("parties.code"))
    .addColumn("area_id", "integer", (c) => c.references("workplan_areas.id"))
    // reminders and digest: the consultation; replies: the person's own proposal.
    .addColumn("topic_id", "integer", (c) => c.references("topics.id"))
    .addColumn("submission_id", "integer", (c) => c.references("submissions.id"))
    .addColumn("status", "varchar(12)", (c) => c.notNull().check(checkIn("status", ["pending", "active", "unsubscribed"])))
    .addColumn("confirm_token_hash", "varchar(64)")
    .addColumn("confirm_expires_at", "varchar(30)")
    // Mixed into the subscription's link token (an HMAC with APP_SECRET): never a usable link alone.
    .addColumn("token_salt", "varchar(32)", (c) => c.notNull())
    // digest: what was published up to this time has been sent (or predates the subscription).
    .addColumn("watermark", "varchar(30)")
    .addColumn("last_sent_at", "varchar(30)")
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("confirmed_at", "varchar(30)")
    .addColumn("unsubscribed_at", "varchar(30)")
    .execute();
  await db.schema.createIndex("subscriptions_email_idx").on("subscriptions").column("email").execute();
  await db.schema.createIndex("subscriptions_confirm_idx").on("subscriptions").column("confirm_token_hash").execute();
  await db.schema.createIndex("subscriptions_kind_status_idx").on("subscriptions").columns(["kind", "status"]).execute();
  await withId(db.schema.createTable("subscription_deliveries"), engine)
    .addColumn("subscription_id", "integer", (c) => c.notNull().references("subscriptions.id"))
    .addColumn("email", "varchar(254)", (c) => c.notNull())
    .addColumn("event_key", "varchar(100)", (c) => c.notNull())
    // Null for an event marked as already known (a consultation open before the subscription).
    .addColumn("outbox_id", "integer", (c) => c.references("outbox.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("subscription_deliveries_once", ["email", "event_key"])
    .execute();
  await db.schema.alterTable("outbox").addColumn("headers", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("headers").execute();
  await db.schema.dropTable("subscription_deliveries").execute();
  await db.schema.dropTable("subscriptions").execute();
}
