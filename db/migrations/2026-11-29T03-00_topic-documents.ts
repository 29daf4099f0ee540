import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable("topic_documents"), engineOf(db))
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
    .addColumn("file_key", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("file_name", "varchar(200)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("kind", "varchar(8)", (c) => c.notNull().check(checkIn("kind", ["pdf"])))
    .addColumn("locale", "varchar(2)", (c) => c.check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("topic_documents_topic_idx").on("topic_documents").column("topic_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("topic_documents").execute();
}
