import { text } from "node:stream/consumers";
import { sql, type Kysely } from "kysely";
import { engineOf } from "../../db/portable";
import type { Database } from "../../db/schema";
import { localStorage, storage, type FileStorage } from "../utils/storage.server";
import { EDITION_LEASE_MS } from "./edition-lease.server";
import { fileKeyInUse, referencedFileKeys } from "./stored-files.server";

// Imported by server/index.ts outside the build: relative imports only.

const STORED_NAME = /^[\w-]{24}$/;
const OWNER_FILE = ".database";

/** Which database this is, the same from every process: its file, or its PostgreSQL database and schema. */
async function databaseIdentity(db: Kysely<Database>): Promise<string> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ id: string }>`select current_database() || '/' || current_schema() as id`.execute(db);
    return `postgres:${rows[0]?.id ?? ""}`;
  }
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return `sqlite:${rows.find((r) => r.name === "main")?.file ?? ""}`;
}

/**
 * Whether the files folder belongs to this database: it says so in its ".database" file, written
 * the first time a server finds it empty of stored files or holding some this database refers to.
 */
async function ownsFilesDir(db: Kysely<Database>, store: FileStorage, mayAdopt: boolean): Promise<boolean> {
  const identity = await databaseIdentity(db);
  const read = async () => {
    const object = await store.get(OWNER_FILE);
    return object ? await text(object.body) : null;
  };
  const recorded = await read();
  if (recorded !== null) return recorded.trim() === identity;
  if (!mayAdopt) return false;
  await store.put(OWNER_FILE, [Buffer.from(`${identity}\n`)], { exclusive: true }).catch(() => undefined);
  return ((await read()) ?? "").trim() === identity;
}

/** A compilation queued this long ago that no process has taken is failed (re-compile). */
export const QUEUED_EDITION_MAX_MS = 24 * 3_600_000;

/** Files younger than this are left alone: an upload or a compilation may be about to record them. */
export const ORPHAN_FILE_AGE_MS = 24 * 3_600_000;

/**
 * What a server repairs when it starts (`npm start` and `npm run serve` alike): compilations whose
 * lease lapsed (their server died) are marked failed and their files removed; partial uploads
 * (".part") and stored files no record refers to are deleted once older than `fileBoundMs`. A
 * compilation another live server is running keeps its lease, and a referenced file is never
 * deleted.
 */
export async function recoverInterruptedWork(
  db: Kysely<Database>,
  options: { now?: Date; leaseMs?: number; filesDir?: string; storage?: FileStorage; fileBoundMs?: number } = {},
) {
  const now = options.now ?? new Date();
  const expired = new Date(now.getTime() - (options.leaseMs ?? EDITION_LEASE_MS)).toISOString();
  const store = options.storage ?? (options.filesDir ? localStorage(options.filesDir) : storage());
  // A queued compilation (no lease yet: ADR 029) waits for a process to take its job; only one no
  // process took in a day is given up.
  const queuedExpired = new Date(now.getTime() - QUEUED_EDITION_MAX_MS).toISOString();
  const lapsed = (q: ReturnType<typeof compiling>) =>
    q.where((eb) =>
      eb.or([
        eb("heartbeat_at", "is", null),
        eb.and([eb("lease_owner", "is not", null), eb("heartbeat_at", "<", expired)]),
        eb.and([eb("lease_owner", "is", null), eb("heartbeat_at", "<", queuedExpired)]),
      ]),
    );
  const compiling = () => db.selectFrom("summary_editions").select("id").where("status", "=", "compiling");
  const failed: number[] = [];
  for (const { id } of await lapsed(compiling()).orderBy("id").execute()) {
    const marked = await db
      .updateTable("summary_editions")
      .set({ status: "failed", error: "interrupted: the server compiling it stopped", lease_owner: null })
      .where("id", "=", id)
      .where("status", "=", "compiling")
      .where((eb) =>
        eb.or([
          eb("heartbeat_at", "is", null),
          eb.and([eb("lease_owner", "is not", null), eb("heartbeat_at", "<", expired)]),
          eb.and([eb("lease_owner", "is", null), eb("heartbeat_at", "<", queuedExpired)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) continue;
    failed.push(id);
    const files = await db.selectFrom("summary_edition_files").select("file_key").where("edition_id", "=", id).execute();
    await db.deleteFrom("summary_edition_files").where("edition_id", "=", id).execute();
    await Promise.all(files.map((f) => store.delete(f.file_key)));
  }

  const bound = now.getTime() - (options.fileBoundMs ?? ORPHAN_FILE_AGE_MS);
  const objects = new Map<string, Date>();
  for await (const object of store.list()) objects.set(object.key, object.modifiedAt);
  const names = [...objects.keys()];
  // Read after listing the folder: a file recorded meanwhile is seen as referenced.
  const referenced = await referencedFileKeys(db);
  const stored = names.filter((name) => STORED_NAME.test(name));
  // Unreferenced files are swept only from this database's own folder: a server started on
  // another database (a test's, say) with the same FILES_DIR must not take its files for orphans.
  const ours = await ownsFilesDir(db, store, stored.length === 0 || stored.some((name) => referenced.has(name)));
  const removed: string[] = [];
  for (const name of names) {
    const partial = name.endsWith(".part");
    if (!partial && (!ours || !STORED_NAME.test(name) || referenced.has(name))) continue;
    if (objects.get(name)!.getTime() >= bound) continue;
    // Checked once more just before deleting: never a file a record refers to.
    if (!partial && (await fileKeyInUse(db, name))) continue;
    await store.delete(name);
    removed.push(name);
  }
  return { failed, removed, filesDirOwned: ours };
}
