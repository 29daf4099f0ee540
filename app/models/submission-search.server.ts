import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "../../db/schema";
import { foldForSearch } from "../../db/client";
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

// PostgreSQL's spelling of foldForSearch (db/client.ts): accents off as the index above, lower
// case, punctuation (ASCII and the typographic marks of en/fr/es) one space, a space at each end.
const PG_SEPARATORS = "[[:space:][:punct:]«»‘’“”‹›–—…¿¡]+";

/**
 * Every word of a search as the start of a word of `text`, ignoring case and accents, the same on
 * SQLite and PostgreSQL. Unlike submissionTextMatch it uses no index: it reads whatever text it is
 * given, so the public search can give it only published text (approved title and body, names
 * only where published; ADR 032). Null when there is no word.
 */
export function publicWordsMatch(db: Kysely<Database>, text: RawBuilder<unknown>, words: string[]): RawBuilder<SqlBool> | null {
  if (words.length === 0) return null;
  const folded =
    engineOf(db) === "postgres"
      ? sql`(' ' || regexp_replace(lower(translate(${text}, ${sql.lit(FOLD_FROM)}, ${sql.lit(FOLD_TO)})), ${sql.lit(PG_SEPARATORS)}, ' ', 'g') || ' ')`
      : sql`puente_fold(${text})`;
  // Words are letters and digits only (searchWords), so nothing in them means anything to LIKE.
  const conditions = words.map((w) => sql`${folded} like ${`% ${foldForSearch(w).trim()}%`}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
