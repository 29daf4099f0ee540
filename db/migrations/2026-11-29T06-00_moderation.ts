import { sql, type Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

export const MODERATION_ACTIONS = ["approve", "reject", "redact", "tag", "translate", "campaign", "submitter_edit", "submitter_withdraw"] as const;
export const REJECTION_REASONS = ["off_topic", "abusive", "spam", "duplicate", "third_party_data", "other"] as const;

// Frozen: never edit a migration that has run anywhere; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  // Near-identical letters sent by many people, grouped so one decision covers them all.
  await withId(db.schema.createTable("campaigns"), engine)
    .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id"))
    .addColumn("similarity_key", "varchar(64)", (c) => c.notNull())
    .addColumn("created_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("campaigns_topic_key_uq", ["topic_id", "similarity_key"])
    .execute();

  for (const [column, type] of [
    ["version", "integer not null default 1"],
    ["published_title", "varchar(200)"],
    ["published_body", "text"],
    ["attachments_public", "integer not null default 1"],
    ["rejection_reason", "varchar(20)"],
    ["rejection_note", "text"],
    // SQLite cannot drop a column that carries a foreign key, so the rollback needs it plain there.
    ["campaign_id", engine === "postgres" ? "integer references campaigns(id)" : "integer"],
    ["similarity_key", "varchar(64)"],
    ["decided_at", "varchar(30)"],
    // The language of the pages the person used: decisions are sent to them in it.
    ["contact_locale", "varchar(2)"],
  ] as const) {
    await sql`alter table submissions add column ${sql.raw(column)} ${sql.raw(type)}`.execute(db);
  }
  await sql`alter table submission_answers add column published_text text`.execute(db);

  // The queue's index also carries the filter columns, so counting a filtered queue never reads
  // the (large) rows themselves.
  await db.schema
    .createIndex("submissions_queue_idx")
    .on("submissions")
    .columns(["party_code", "status", "created_at", "id", "topic_id", "stakeholder_type", "language", "country", "region_code"])
    .execute();
  await db.schema.createIndex("submissions_similarity_idx").on("submissions").columns(["topic_id", "similarity_key"]).execute();

  // Themes each party manages, in the three languages.
  await withId(db.schema.createTable("themes"), engine)
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("label_en", "varchar(100)", (c) => c.notNull())
    .addColumn("label_fr", "varchar(100)", (c) => c.notNull())
    .addColumn("label_es", "varchar(100)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("submission_themes")
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("submission_themes_pk", ["submission_id", "theme_id"])
    .execute();
  await db.schema.createIndex("submission_themes_theme_idx").on("submission_themes").column("theme_id").execute();

  // Official translations of the published text.
  await db.schema
    .createTable("submission_translations")
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("title", "varchar(200)")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("translated_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addPrimaryKeyConstraint("submission_translations_pk", ["submission_id", "locale"])
    .execute();

  // Who decided what and why: append-only, one row per action.
  await withId(db.schema.createTable("moderation_events"), engine)
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "varchar(20)", (c) => c.notNull().check(checkIn("action", MODERATION_ACTIONS)))
    .addColumn("reason", "varchar(20)")
    .addColumn("note", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("moderation_events_submission_idx").on("moderation_events").columns(["submission_id", "id"]).execute();

  // Full-text search over title, text and organisation name for the officials' queue.
  if (engine === "sqlite") {
    // detail=none, columnsize=0: the queue asks only "do these words (or word starts) occur", never for
    // phrases, columns or ranking, and the smaller index keeps each submission's insert cheap.
    await sql`create virtual table submissions_fts using fts5(title, body, organisation_name, content='submissions', content_rowid='id', tokenize='unicode61 remove_diacritics 2', detail=none, columnsize=0)`.execute(
      db,
    );
    await sql`create trigger submissions_fts_ai after insert on submissions begin
      insert into submissions_fts(rowid, title, body, organisation_name) values (new.id, new.title, new.body, new.organisation_name);
    end`.execute(db);
    await sql`create trigger submissions_fts_ad after delete on submissions begin
      insert into submissions_fts(submissions_fts, rowid, title, body, organisation_name) values ('delete', old.id, old.title, old.body, old.organisation_name);
    end`.execute(db);
    await sql`create trigger submissions_fts_au after update of title, body, organisation_name on submissions begin
      insert into submissions_fts(submissions_fts, rowid, title, body, organisation_name) values ('delete', old.id, old.title, old.body, old.organisation_name);
      insert into submissions_fts(rowid, title, body, organisation_name) values (new.id, new.title, new.body, new.organisation_name);
    end`.execute(db);
    await sql`insert into submissions_fts(submissions_fts) values ('rebuild')`.execute(db);
  } else {
    // Accents folded (for en/fr/es) and case lowered before indexing, as SQLite's tokenizer does;
    // app/models/submission-search.server.ts repeats this exact expression so the index is used.
    await sql`create index submissions_search_idx on submissions using gin (to_tsvector('simple', lower(translate(coalesce(title, '') || ' ' || body || ' ' || coalesce(organisation_name, ''), 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÝýÿÑñÇç', 'aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuyyynncc'))))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === "sqlite") {
    for (const trigger of ["submissions_fts_ai", "submissions_fts_ad", "submissions_fts_au"]) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
    await sql`drop table submissions_fts`.execute(db);
  } else {
    await sql`drop index submissions_search_idx`.execute(db);
  }
  for (const table of ["moderation_events", "submission_translations", "submission_themes", "themes"]) await db.schema.dropTable(table).execute();
  for (const index of ["submissions_queue_idx", "submissions_similarity_idx"]) await db.schema.dropIndex(index).execute();
  await sql`alter table submission_answers drop column published_text`.execute(db);
  for (const column of [
    "contact_locale",
    "decided_at",
    "similarity_key",
    "campaign_id",
    "rejection_note",
    "rejection_reason",
    "attachments_public",
    "published_body",
    "published_title",
    "version",
  ]) {
    await sql`alter table submissions drop column ${sql.raw(column)}`.execute(db);
  }
  await db.schema.dropTable("campaigns").execute();
}
