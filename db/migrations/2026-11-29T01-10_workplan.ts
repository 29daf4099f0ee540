import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("workplans"), engine)
    .addColumn("slug", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("starts_on", "varchar(10)", (c) => c.notNull())
    .addColumn("ends_on", "varchar(10)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("workplan_translations")
    .addColumn("workplan_id", "integer", (c) => c.notNull().references("workplans.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("introduction", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workplan_translations_pk", ["workplan_id", "locale"])
    .execute();
  await withId(db.schema.createTable("workplan_areas"), engine)
    .addColumn("workplan_id", "integer", (c) => c.notNull().references("workplans.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("article", "varchar(40)", (c) => c.notNull())
    .addUniqueConstraint("workplan_areas_number_uq", ["workplan_id", "number"])
    .execute();
  await db.schema
    .createTable("workplan_area_translations")
    .addColumn("area_id", "integer", (c) => c.notNull().references("workplan_areas.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workplan_area_translations_pk", ["area_id", "locale"])
    .execute();
  await withId(db.schema.createTable("workplan_items"), engine)
    .addColumn("workplan_id", "integer", (c) => c.notNull().references("workplans.id").onDelete("cascade"))
    .addColumn("area_id", "integer", (c) => c.references("workplan_areas.id").onDelete("cascade"))
    .addColumn("kind", "varchar(12)", (c) => c.notNull().check(checkIn("kind", ["principle", "objective", "activity", "deliverable"])))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.check(checkIn("status", ["planned", "to_be_confirmed", "done"])))
    .execute();
  await db.schema.createIndex("workplan_items_area_idx").on("workplan_items").columns(["workplan_id", "area_id", "kind", "position"]).execute();
  await db.schema
    .createTable("workplan_item_translations")
    .addColumn("item_id", "integer", (c) => c.notNull().references("workplan_items.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("timing", "text")
    .addPrimaryKeyConstraint("workplan_item_translations_pk", ["item_id", "locale"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["workplan_item_translations", "workplan_items", "workplan_area_translations", "workplan_areas", "workplan_translations", "workplans"]) {
    await db.schema.dropTable(table).execute();
  }
}
