import { sql, type Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The embedded job runner's queue (app/utils/jobs.server.ts, ADR 029): background work on SQLite
// survives restarts here. On PostgreSQL the table exists too but pg-boss keeps the queue in its own
// schema.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("jobs"), engine)
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("state", "varchar(10)", (c) => c.notNull().check(checkIn("state", ["created", "retry", "active", "completed", "failed"])))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("retry_limit", "integer", (c) => c.notNull())
    .addColumn("retry_delay_seconds", "integer", (c) => c.notNull())
    .addColumn("retry_backoff", "integer", (c) => c.notNull())
    .addColumn("timeout_seconds", "real", (c) => c.notNull())
    .addColumn("singleton_key", "varchar(200)")
    .addColumn("run_after", "varchar(30)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("started_at", "varchar(30)")
    .addColumn("finished_at", "varchar(30)")
    .addColumn("last_error", "text")
    .addColumn("locked_by", "varchar(120)")
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["state", "run_after", "id"]).execute();
  await db.schema.createIndex("jobs_created_idx").on("jobs").columns(["created_at", "id"]).execute();
  // One pending job per singleton key: a second enqueue with the same key is a no-op.
  await sql`create unique index jobs_singleton_idx on jobs (name, singleton_key) where singleton_key is not null and state in ('created', 'retry')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}
