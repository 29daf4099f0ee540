import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The nonces of the submission form's "shown at" stamps that were used for a submission, so one
// stamp serves one submission on every app server; rows expire with their stamp (a day).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("used_form_stamps")
    .addColumn("nonce", "varchar(32)", (c) => c.primaryKey())
    .addColumn("expires_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("used_form_stamps_expires_idx").on("used_form_stamps").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("used_form_stamps").execute();
}
