import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// A compilation runs in one server process: it records which one (the lease owner) and renews a
// heartbeat while it works, so a server starting up fails only compilations whose heartbeat
// stopped, never another live server's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("summary_editions").addColumn("lease_owner", "varchar(120)").execute();
  await db.schema.alterTable("summary_editions").addColumn("heartbeat_at", "varchar(30)").execute();
  await db.schema.createIndex("summary_editions_status_idx").on("summary_editions").columns(["status", "heartbeat_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("summary_editions_status_idx").execute();
  await db.schema.alterTable("summary_editions").dropColumn("heartbeat_at").execute();
  await db.schema.alterTable("summary_editions").dropColumn("lease_owner").execute();
}
