import type { Kysely } from "kysely";
import { engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// "Save and continue later" on the public form (issue 17, item 1; ADR 036): what a person typed,
// kept until the consultation closes, reachable only through the private link emailed to them
// (the token is stored as its SHA-256 only). A draft becomes nothing public: sending the form
// turns it into a submission and deletes it in the same transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable("submission_drafts"), engineOf(db))
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id"))
    .addColumn("token_hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("values_json", "text", (c) => c.notNull())
    .addColumn("contact_email", "varchar(254)", (c) => c.notNull())
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(30)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_drafts_expires_idx").on("submission_drafts").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submission_drafts").execute();
}
