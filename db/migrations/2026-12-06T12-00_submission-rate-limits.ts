import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The public form's rate limit as one counter row per client address, so that every app server
// enforces the same limit (it was counted in each process's memory). Rows whose window has ended
// are pruned; nothing a person gave is kept here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("submission_rate_limits")
    .addColumn("key", "varchar(120)", (c) => c.primaryKey())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_rate_limits_window_idx").on("submission_rate_limits").column("window_started_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submission_rate_limits").execute();
}
