import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The files attached to a saved draft (issue 17, item 1; ADR 040): kept with the draft until it is
// sent (then they become the submission's attachments) or expires (then they are removed).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable("submission_draft_attachments"), engineOf(db))
    .addColumn("draft_id", "integer", (c) => c.notNull().references("submission_drafts.id"))
    .addColumn("file_key", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("file_name", "varchar(200)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("kind", "varchar(8)", (c) => c.notNull().check(checkIn("kind", ["pdf", "docx", "odt", "txt"])))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_draft_attachments_draft_idx").on("submission_draft_attachments").column("draft_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submission_draft_attachments").execute();
}
