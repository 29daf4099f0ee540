import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The public summary files of each consultation (ADR 033): built by the `summary.public` job, kept
// in the file store, served as they are. A set is built beside the current one (`current` = 0) and
// swapped in whole; derived data only, rebuilt from the submissions at any time.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("public_summary_files"), engine)
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id"))
    .addColumn("build_id", "varchar(40)", (c) => c.notNull())
    .addColumn("current", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("format", "varchar(10)", (c) => c.notNull().check(checkIn("format", ["pdf", "docx", "xlsx", "csv", "json"])))
    .addColumn("locale", "varchar(5)", (c) => c.notNull())
    .addColumn("file_key", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("file_name", "varchar(300)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("built_at", "varchar(30)", (c) => c.notNull())
    .addColumn("publication_key", "varchar(60)", (c) => c.notNull())
    .addColumn("signature", "varchar(64)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("public_summary_files_topic_idx").on("public_summary_files").columns(["topic_id", "current", "format", "locale"]).execute();
  await db.schema.createIndex("public_summary_files_build_idx").on("public_summary_files").column("build_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("public_summary_files").execute();
}
