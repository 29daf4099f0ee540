import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

// Every table that refers to a stored file (utils/files.server.ts) by its key. A new table that
// stores file keys must be added here: the start-up sweep deletes files no table refers to.
const fileTables = ["topic_documents", "submission_attachments", "summary_edition_files", "public_summary_files", "workplan_progress"] as const;

/** Whether any record refers to the stored file. */
export async function fileKeyInUse(db: Kysely<Database> | Transaction<Database>, key: string): Promise<boolean> {
  for (const table of fileTables) {
    const row = await db.selectFrom(table).select("file_key").where("file_key", "=", key).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** Every key some record refers to. */
export async function referencedFileKeys(db: Kysely<Database>): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const table of fileTables) {
    // workplan_progress: a key only once a deliverable is attached.
    for (const row of await db.selectFrom(table).select("file_key").execute()) if (row.file_key) keys.add(row.file_key);
  }
  return keys;
}
