import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// "What we heard": the officials' response to a closed consultation (ADR 031). One per topic, with
// its texts per language twice over: the working draft officials edit, and the copy the public
// reads, written only by "publish" — so an edit after publication is not public until published.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("topic_outcomes"), engine)
    .addColumn("topic_id", "integer", (c) => c.notNull().unique().references("topics.id"))
    .addColumn("state", "varchar(10)", (c) => c.notNull().check(checkIn("state", ["draft", "published"])))
    // The frozen summary edition the response links to: in the draft, and as published.
    .addColumn("edition_id", "integer", (c) => c.references("summary_editions.id"))
    .addColumn("published_edition_id", "integer", (c) => c.references("summary_editions.id"))
    // Each save adds one: a form opened at an older version is refused rather than overwriting.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", "varchar(30)")
    .addColumn("published_by_user_id", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createTable("topic_outcome_texts")
    .addColumn("outcome_id", "integer", (c) => c.notNull().references("topic_outcomes.id"))
    .addColumn("stage", "varchar(10)", (c) => c.notNull().check(checkIn("stage", ["draft", "published"])))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("heard", "text", (c) => c.notNull())
    .addColumn("actions", "text", (c) => c.notNull())
    .addColumn("next_steps", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("topic_outcome_texts_pk", ["outcome_id", "stage", "locale"])
    .execute();
  // Comments under a proposal are read by the proposal they answer.
  await db.schema.createIndex("submissions_in_reply_to_idx").on("submissions").column("in_reply_to").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("submissions_in_reply_to_idx").execute();
  await db.schema.dropTable("topic_outcome_texts").execute();
  await db.schema.dropTable("topic_outcomes").execute();
}
