import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable("submission_attachments"), engineOf(db))
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("file_key", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("file_name", "varchar(200)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("kind", "varchar(8)", (c) => c.notNull().check(checkIn("kind", ["pdf", "docx", "odt", "txt"])))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_attachments_submission_idx").on("submission_attachments").column("submission_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submission_attachments").execute();
}
