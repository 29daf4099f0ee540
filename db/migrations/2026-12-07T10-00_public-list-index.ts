import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The topic page lists a consultation's public submissions newest first (ADR 038): with 7,500
// submissions on one topic, reading every matching row of the table to sort them cost ~60 ms on
// SQLite. This index holds what that listing filters, sorts and returns, in its order, so SQLite
// reads it alone (a covering index); PostgreSQL may use it for the order too (not measured there).
// The same expression as the query (`coalesce(decided_at, created_at)`: when it was published).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index submissions_public_list_idx on submissions (topic_id, status, (coalesce(decided_at, created_at)), id, publication, approved_from, campaign_id, stakeholder_type, country)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("submissions_public_list_idx").execute();
}
