import { sql, type Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  // Summaries count approved submissions of a set of topics by every one of these columns: an index
  // that carries them all lets SQLite count without reading the rows (bench:export).
  await db.schema.dropIndex("submissions_topic_idx").execute();
  await db.schema
    .createIndex("submissions_summary_idx")
    .on("submissions")
    .columns([
      "topic_id",
      "status",
      "party_code",
      "publication",
      "stakeholder_type",
      "language",
      "country",
      "region_code",
      "on_behalf",
      "women_led",
      "campaign_id",
      "reference",
      "created_at",
    ])
    .execute();

  // Each party's officials write a synthesis of what they heard, per work plan area and language.
  await db.schema
    .createTable("syntheses")
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("area_id", "integer", (c) => c.notNull().references("workplan_areas.id"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addPrimaryKeyConstraint("syntheses_pk", ["party_code", "area_id", "locale"])
    .execute();

  // Who signs off an edition for each party.
  await sql`alter table parties add column signatory_user_id integer`.execute(db);

  // Frozen editions for the exchange: never updated except their status; files hashed.
  await withId(db.schema.createTable("summary_editions"), engine)
    .addColumn("scope_key", "varchar(60)", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("edition", "varchar(10)", (c) => c.notNull().check(checkIn("edition", ["public", "committee"])))
    .addColumn("status", "varchar(12)", (c) => c.notNull().check(checkIn("status", ["compiling", "compiled", "exchanged", "superseded", "failed"])))
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("submission_ids", "text")
    .addColumn("syntheses", "text")
    .addColumn("data_hash", "varchar(64)")
    .addColumn("error", "text")
    .addColumn("superseded_by", "integer")
    .addColumn("created_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("completed_at", "varchar(30)")
    .addUniqueConstraint("summary_editions_scope_number_uq", ["scope_key", "edition", "number"])
    .execute();
  await db.schema
    .createTable("summary_edition_files")
    .addColumn("edition_id", "integer", (c) => c.notNull().references("summary_editions.id"))
    .addColumn("format", "varchar(5)", (c) => c.notNull().check(checkIn("format", ["pdf", "docx", "xlsx", "csv", "json"])))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("file_key", "varchar(64)", (c) => c.notNull())
    .addColumn("file_name", "varchar(200)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addPrimaryKeyConstraint("summary_edition_files_pk", ["edition_id", "format", "locale"])
    .execute();
  await db.schema
    .createTable("summary_signoffs")
    .addColumn("edition_id", "integer", (c) => c.notNull().references("summary_editions.id"))
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("signed_at", "varchar(30)", (c) => c.notNull())
    .addPrimaryKeyConstraint("summary_signoffs_pk", ["edition_id", "party_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["summary_signoffs", "summary_edition_files", "summary_editions", "syntheses"]) await db.schema.dropTable(table).execute();
  await sql`alter table parties drop column signatory_user_id`.execute(db);
  await db.schema.dropIndex("submissions_summary_idx").execute();
  await db.schema.createIndex("submissions_topic_idx").on("submissions").columns(["topic_id", "status", "created_at"]).execute();
}
