import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { removeStored } from "../utils/files.server";

// Every table that refers to a stored file (utils/files.server.ts) by its key. A new table that
// stores file keys must be added here: the start-up sweep deletes files no table refers to.
const fileTables = [
  "topic_documents",
  "submission_attachments",
  "submission_draft_attachments",
  "summary_edition_files",
  "public_summary_files",
  "workplan_progress",
] as const;

/** Whether any record refers to the stored file. */
export async function fileKeyInUse(db: Kysely<Database> | Transaction<Database>, key: string): Promise<boolean> {
  for (const table of fileTables) {
    const row = await db.selectFrom(table).select("file_key").where("file_key", "=", key).limit(1).executeTakeFirst();
    if (row) return true;
  }
  // An event's report (ADR 045).
  if (await db.selectFrom("events").select("id").where("report_file_key", "=", key).limit(1).executeTakeFirst()) return true;
  return false;
}

/** Every key some record refers to. */
export async function referencedFileKeys(db: Kysely<Database>): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const table of fileTables) {
    // workplan_progress: a key only once a deliverable is attached.
    for (const row of await db.selectFrom(table).select("file_key").execute()) if (row.file_key) keys.add(row.file_key);
  }
  for (const row of await db.selectFrom("events").select("report_file_key").where("report_file_key", "is not", null).execute()) {
    if (row.report_file_key) keys.add(row.report_file_key);
  }
  return keys;
}

/** Removes stored files no record refers to any more; one that cannot be removed now is left to the orphan sweep. */
export async function removeFiles(keys: string[]) {
  await Promise.all(
    keys.map((key) =>
      removeStored(key).catch((error: unknown) => console.warn(`file ${key} not removed: ${error instanceof Error ? error.message : String(error)}`)),
    ),
  );
}
