import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "../../db/schema";
import { engineOf } from "../../db/portable";

// The accented letters of English, French and Spanish and what PostgreSQL's index folds them to
// (the same strings as in the 2026-11-29T06-00 migration's index expression).
const FOLD_FROM = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÝýÿÑñÇç";
const FOLD_TO = "aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuyyynncc";

/** The words of a search, as typed: letters and digits only, at most eight. */
export function searchWords(term: string): string[] {
  return (term.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * The full-text condition on submissions aliased `s` (title, text and organisation name): SQLite's
 * FTS5 index, or PostgreSQL's GIN index on the same `tsvector` expression as the migration. Every
 * word must appear, as a word or the start of one, ignoring case and accents. Null when the term
 * has no word, so the caller adds no condition.
 */
export function submissionTextMatch(db: Kysely<Database>, term: string): RawBuilder<SqlBool> | null {
  const words = searchWords(term);
  if (words.length === 0) return null;
  if (engineOf(db) === "postgres") {
    // Words folded like the index (accents off, lower case), each matched as a prefix.
    const query = words
      .map(
        (w) =>
          `'${w
            .normalize("NFKD")
            .replace(/\p{M}+/gu, "")
            .toLowerCase()}':*`,
      )
      .join(" & ");
    return sql<SqlBool>`to_tsvector('simple', lower(translate(coalesce(s.title, '') || ' ' || s.body || ' ' || coalesce(s.organisation_name, ''), ${sql.lit(FOLD_FROM)}, ${sql.lit(FOLD_TO)}))) @@ to_tsquery('simple', ${query})`;
  }
  // Each word quoted (so FTS5 operators typed by a person are plain text) and matched as a prefix.
  const query = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(" ");
  // The unary plus keeps SQLite from starting at the (possibly tens of thousands of) matches: it
  // walks the queue's index in order and checks each row against them (bench:moderation).
  return sql<SqlBool>`+s.id in (select rowid from submissions_fts where submissions_fts match ${query})`;
}
