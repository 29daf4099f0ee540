import { sql, type Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Not fully portable: audit_log is made append-only with a trigger written for each engine.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await withId(db.schema.createTable("users"), engine)
    .addColumn("email", "varchar(254)", (c) => c.notNull().unique())
    .addColumn("display_name", "varchar(120)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(255)")
    .addColumn("role", "varchar(12)", (c) => c.notNull().check(checkIn("role", ["admin", "moderator", "committee"])))
    .addColumn("party_code", "varchar(2)", (c) => c.references("parties.code"))
    .addColumn("locale", "varchar(2)", (c) =>
      c
        .notNull()
        .defaultTo("en")
        .check(checkIn("locale", ["en", "fr", "es"])),
    )
    .addColumn("disabled_at", "varchar(30)")
    .addColumn("last_login_at", "varchar(30)")
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    // SHA-256 of the cookie's token: a stolen database does not hold usable session cookies.
    .addColumn("id_hash", "varchar(64)", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("last_seen_at", "varchar(30)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await withId(db.schema.createTable("user_tokens"), engine)
    .addColumn("token_hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "varchar(16)", (c) => c.notNull().check(checkIn("purpose", ["invitation", "password_reset"])))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(30)", (c) => c.notNull())
    .addColumn("used_at", "varchar(30)")
    .execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "varchar(300)", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "varchar(30)", (c) => c.notNull())
    .addColumn("locked_until", "varchar(30)")
    .execute();

  await withId(db.schema.createTable("audit_log"), engine)
    .addColumn("at", "varchar(30)", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "varchar(254)")
    .addColumn("action", "varchar(60)", (c) => c.notNull())
    .addColumn("subject_type", "varchar(40)")
    .addColumn("subject_id", "varchar(120)")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at", "id"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "at"]).execute();

  if (engine === "sqlite") {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  } else {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  }

  await withId(db.schema.createTable("outbox"), engine)
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("to_address", "varchar(254)", (c) => c.notNull())
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("subject", "varchar(300)", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("status", "varchar(10)", (c) => c.notNull().check(checkIn("status", ["stored", "sent", "failed"])))
    .addColumn("sent_at", "varchar(30)")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("outbox_created_idx").on("outbox").columns(["created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === "postgres") {
    await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db);
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  }
  for (const table of ["outbox", "audit_log", "login_throttle", "user_tokens", "sessions", "users"]) {
    await db.schema.dropTable(table).execute();
  }
}
