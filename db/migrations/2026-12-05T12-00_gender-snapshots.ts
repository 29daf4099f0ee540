import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// A consultation's gender counts, taken once when it is first settled (closed, nothing pending) and
// never changed: published gender figures are drawn from these only (ADR 016), so a later decision,
// withdrawal or reopening cannot be isolated by comparing two publications.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("gender_snapshots")
    .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id"))
    .addColumn("woman", "integer", (c) => c.notNull())
    .addColumn("man", "integer", (c) => c.notNull())
    .addColumn("another", "integer", (c) => c.notNull())
    .addColumn("prefer_not", "integer", (c) => c.notNull())
    // Approved submissions written for oneself (the people asked the question), answered or not.
    .addColumn("respondents", "integer", (c) => c.notNull())
    .addColumn("taken_at", "varchar(30)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("gender_snapshots").execute();
}
