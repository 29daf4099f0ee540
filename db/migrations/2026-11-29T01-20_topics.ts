import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("topics"), engine)
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("area_id", "integer", (c) => c.references("workplan_areas.id").onDelete("set null"))
    .addColumn("slug", "varchar(120)", (c) => c.notNull().unique())
    .addColumn("state", "varchar(12)", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(checkIn("state", ["draft", "published", "archived"])),
    )
    .addColumn("opens_at", "varchar(30)", (c) => c.notNull())
    .addColumn("closes_at", "varchar(30)", (c) => c.notNull())
    .addColumn("closed_early_at", "varchar(30)")
    .addColumn("allow_comments", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("topics_listing_idx").on("topics").columns(["state", "party_code", "opens_at"]).execute();
  await db.schema
    .createTable("topic_translations")
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("topic_translations_pk", ["topic_id", "locale"])
    .execute();
  await withId(db.schema.createTable("topic_questions"), engine)
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("topic_questions_position_uq", ["topic_id", "position"])
    .execute();
  await db.schema
    .createTable("topic_question_translations")
    .addColumn("question_id", "integer", (c) => c.notNull().references("topic_questions.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("topic_question_translations_pk", ["question_id", "locale"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["topic_question_translations", "topic_questions", "topic_translations", "topics"]) {
    await db.schema.dropTable(table).execute();
  }
}
