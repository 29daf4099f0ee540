import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// One row counting changes to what the public can see (ADR 027): every moderation decision, topic
// and theme change advances it in its own transaction, and caches and statistics snapshots are keyed
// by it, so every app server agrees on when public data changed.
// And the statistics snapshots: the public figures (page and API) computed once per publication
// version and shared by every app server.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("publication_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("changed_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.insertInto("publication_version").values({ id: 1, version: 1, changed_at: new Date().toISOString() }).execute();
  await db.schema
    .createTable("stats_snapshots")
    // "all:en", "area-3:fr": the scope and the language of the figures.
    .addColumn("key", "varchar(40)", (c) => c.primaryKey())
    // The publication key (version and the last topic date passed) the figures were computed at.
    .addColumn("publication_key", "varchar(80)", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("computed_at", "varchar(30)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stats_snapshots").execute();
  await db.schema.dropTable("publication_version").execute();
}
