import { sql, type Kysely } from "kysely";
import { engineOf } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// What a moderator approved, kept apart from the live text (docs/decisions/015): the public reads
// only these columns, so a later change to the submission cannot reach it unreviewed.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  for (const [column, type] of [
    // The version the moderator had open when approving (or last redacting an approved one).
    ["approved_version", "integer"],
    // The public title and text as approved: redactions applied; a null title means none.
    ["approved_title", "varchar(200)"],
    ["approved_body", "text"],
    // Set on a copy approved by a campaign decision: the copy whose text the moderator reviewed.
    // SQLite cannot drop a column that carries a foreign key, so it is plain there.
    ["approved_from", engine === "postgres" ? "integer references submissions(id)" : "integer"],
  ] as const) {
    await sql`alter table submissions add column ${sql.raw(column)} ${sql.raw(type)}`.execute(db);
  }
  // The copy whose text a later copy must match, word for word, to join the campaign on arrival.
  await sql`alter table campaigns add column reviewed_submission_id integer`.execute(db);

  // Submissions approved before this: what the public read then is what was approved.
  await sql`update submissions
    set approved_version = version,
        approved_title = coalesce(published_title, title),
        approved_body = coalesce(published_body, body)
    where status = 'approved'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table campaigns drop column reviewed_submission_id`.execute(db);
  for (const column of ["approved_from", "approved_body", "approved_title", "approved_version"]) {
    await sql`alter table submissions drop column ${sql.raw(column)}`.execute(db);
  }
}
