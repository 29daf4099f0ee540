import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "../../db/schema";

/*
 * Figures derived from public data only, kept per publication version (ADR 038). Everything the
 * public sees changes only with the version (ADR 027: every approval, rejection, redaction, topic or
 * theme change advances it in its own transaction), so a value computed from public rows at version
 * V is the same for every request that reads V. The topic page's ordered list of matching ids and
 * its published count cost ~60 ms (~10 ms with the index) at 7,500 submissions on one topic (bench:public); here they are computed once
 * per version and key.
 *
 * The version is read from the database at each call (one row, by primary key), never from a
 * polled copy: a change made by any app server is seen at once, as without the memo. It is read
 * *before* computing, so a value may be newer than its version (a change committed in between),
 * never older: a stored value is never staler than what an unmemoised read would have given.
 *
 * Only for values that depend on nothing but public rows (not on the time, not on the visitor) and
 * whose keys are few (a topic and a filter's fixed choices — never free text).
 */

const MAX_KEYS = 500;

interface Memo {
  version: number;
  values: Map<string, Promise<unknown>>;
}

const memos = new WeakMap<Kysely<Database>, Memo>();
/** The version's query, built once per database handle: it is read at every call. */
const versionQueries = new WeakMap<Kysely<Database>, CompiledQuery<{ version: number }>>();

async function publicationVersion(db: Kysely<Database>): Promise<number> {
  let query = versionQueries.get(db);
  if (!query) versionQueries.set(db, (query = db.selectFrom("publication_version").select("version").where("id", "=", 1).compile()));
  const { rows } = await db.executeQuery(query);
  return Number(rows[0]?.version ?? 0);
}

/** `compute()` once per publication version and `key` (concurrent callers share one computation). */
export async function byPublicationVersion<T>(db: Kysely<Database>, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await publicationVersion(db);
  let memo = memos.get(db);
  if (!memo || memo.version < version) memos.set(db, (memo = { version, values: new Map() }));
  // A request that read an older version than another already did: computed for itself alone.
  if (memo.version !== version) return compute();
  const found = memo.values.get(key) as Promise<T> | undefined;
  if (found) return found;
  if (memo.values.size >= MAX_KEYS) memo.values.clear();
  const computing = compute();
  const values = memo.values;
  values.set(key, computing);
  // A failed computation is not kept: the next request tries again.
  computing.catch(() => {
    if (values.get(key) === computing) values.delete(key);
  });
  return computing;
}
