import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("parties")
    .addColumn("code", "varchar(2)", (c) => c.primaryKey())
    .addColumn("time_zone", "varchar(64)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("party_translations")
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("time_zone_label", "varchar(100)", (c) => c.notNull())
    .addPrimaryKeyConstraint("party_translations_pk", ["party_code", "locale"])
    .execute();
  await db.schema
    .createTable("regions")
    .addColumn("code", "varchar(6)", (c) => c.primaryKey())
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code").onDelete("cascade"))
    .addColumn("time_zone", "varchar(64)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("regions_party_idx").on("regions").columns(["party_code", "position"]).execute();
  await db.schema
    .createTable("region_translations")
    .addColumn("region_code", "varchar(6)", (c) => c.notNull().references("regions.code").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("name", "varchar(120)", (c) => c.notNull())
    .addPrimaryKeyConstraint("region_translations_pk", ["region_code", "locale"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("region_translations").execute();
  await db.schema.dropTable("regions").execute();
  await db.schema.dropTable("party_translations").execute();
  await db.schema.dropTable("parties").execute();
}
