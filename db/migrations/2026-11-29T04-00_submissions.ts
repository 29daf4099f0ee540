import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("submissions"), engine)
    .addColumn("reference", "varchar(20)", (c) => c.notNull().unique())
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id"))
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(10)", (c) => c.notNull().check(checkIn("kind", ["proposal", "comment"])))
    .addColumn("in_reply_to", "integer", (c) => c.references("submissions.id"))
    .addColumn("on_behalf", "varchar(12)", (c) => c.notNull().check(checkIn("on_behalf", ["organisation", "self"])))
    .addColumn("stakeholder_type", "varchar(20)", (c) => c.notNull())
    .addColumn("stakeholder_other", "varchar(200)")
    .addColumn("organisation_name", "varchar(200)")
    .addColumn("organisation_size", "varchar(10)")
    .addColumn("women_led", "varchar(12)", (c) => c.check(checkIn("women_led", ["yes", "no", "prefer_not"])))
    .addColumn("country", "varchar(5)", (c) => c.notNull().check(checkIn("country", ["CA", "CL", "other"])))
    .addColumn("region_code", "varchar(6)", (c) => c.references("regions.code"))
    .addColumn("contact_name", "varchar(200)", (c) => c.notNull())
    .addColumn("contact_email", "varchar(254)", (c) => c.notNull())
    .addColumn("title", "varchar(200)")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("language", "varchar(2)", (c) => c.notNull().check(checkIn("language", ["en", "fr", "es"])))
    .addColumn("publication", "varchar(10)", (c) => c.notNull().check(checkIn("publication", ["named", "anonymous", "officials"])))
    .addColumn("status", "varchar(10)", (c) => c.notNull().check(checkIn("status", ["pending", "approved", "rejected", "withdrawn"])))
    .addColumn("edit_token_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("content_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("submissions_party_year_seq_uq", ["party_code", "year", "seq"])
    .execute();
  await db.schema.createIndex("submissions_topic_idx").on("submissions").columns(["topic_id", "status", "created_at"]).execute();
  await db.schema.createIndex("submissions_dedupe_idx").on("submissions").columns(["content_hash", "created_at"]).execute();

  await db.schema
    .createTable("submission_answers")
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("topic_questions.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("submission_answers_pk", ["submission_id", "question_id"])
    .execute();

  // Self-identified gender, kept apart from the submission and only ever counted.
  await withId(db.schema.createTable("participant_profiles"), engine)
    .addColumn("submission_id", "integer", (c) => c.unique().references("submissions.id").onDelete("cascade"))
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id"))
    .addColumn("gender", "varchar(12)", (c) => c.notNull().check(checkIn("gender", ["woman", "man", "another", "prefer_not"])))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["participant_profiles", "submission_answers", "submissions"]) await db.schema.dropTable(table).execute();
}
