import { sql, type Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Moving through the queue (issue 18, items 2 and 3; ADR 042):
// - submission_claims: at most one claim per submission ("I am reviewing this"); a claim older than
//   30 minutes counts as released, computed when read, so no sweeper is needed.
// - submission_notes: officials' internal notes, append-only, never public.
// - moderation_events.action also allows "unpublish" and "reconsider". Not fully portable: changing
//   a CHECK takes a table rebuild on SQLite (every row copied, ids kept, and counted) and a
//   DROP/ADD CONSTRAINT on PostgreSQL.
const BEFORE = ["approve", "reject", "redact", "tag", "translate", "campaign", "submitter_edit", "submitter_withdraw"];
const AFTER = [...BEFORE, "unpublish", "reconsider"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("submission_claims")
    .addColumn("submission_id", "integer", (c) => c.primaryKey().references("submissions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("claimed_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await withId(db.schema.createTable("submission_notes"), engineOf(db))
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("author_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_notes_submission_idx").on("submission_notes").columns(["submission_id", "id"]).execute();
  await eventActions(db, AFTER);
}

export async function down(db: Kysely<any>): Promise<void> {
  await eventActions(db, BEFORE);
  await db.schema.dropTable("submission_notes").execute();
  await db.schema.dropTable("submission_claims").execute();
}

async function eventActions(db: Kysely<any>, actions: string[]) {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ conname: string }>`select conname from pg_constraint
      where conrelid = 'moderation_events'::regclass and contype = 'c'`.execute(db);
    for (const { conname } of rows) await sql`alter table moderation_events drop constraint ${sql.id(conname)}`.execute(db);
    await sql`alter table moderation_events add constraint moderation_events_action_check check (${checkIn("action", actions)})`.execute(db);
    return;
  }
  // SQLite: the documented rebuild. Nothing references moderation_events; its one index is made again.
  await sql`create table moderation_events_rebuilt (
    id integer primary key autoincrement,
    submission_id integer not null references submissions (id) on delete cascade,
    actor_user_id integer references users (id),
    action varchar(20) not null check (${checkIn("action", actions)}),
    reason varchar(20),
    note text,
    before text,
    after text,
    created_at varchar(30) not null
  )`.execute(db);
  await sql`insert into moderation_events_rebuilt (id, submission_id, actor_user_id, action, reason, note, before, after, created_at)
    select id, submission_id, actor_user_id, action, reason, note, before, after, created_at from moderation_events`.execute(db);
  const [before, after] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from moderation_events`.execute(db),
    sql<{ n: number }>`select count(*) as n from moderation_events_rebuilt`.execute(db),
  ]);
  if (Number(before.rows[0]!.n) !== Number(after.rows[0]!.n)) throw new Error("moderation_events rebuild lost rows");
  await sql`drop table moderation_events`.execute(db);
  await sql`alter table moderation_events_rebuilt rename to moderation_events`.execute(db);
  await db.schema.createIndex("moderation_events_submission_idx").on("moderation_events").columns(["submission_id", "id"]).execute();
}
