import type { Kysely } from "kysely";
import { engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Reply templates (issue 18, item 5; ADR 043): each country's officials keep, per language, the
// wording they send people when they reject a submission (with the reason it goes with) or write
// them a note. A template is the officials' own text, never a person's: deleting one loses nothing
// a person gave, and sent emails keep their own copy in the outbox.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable("reply_templates"), engineOf(db))
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("reason", "varchar(30)")
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reply_templates_party_idx").on("reply_templates").columns(["party_code", "kind", "locale"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reply_templates").execute();
}
