import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import pg from "pg";
import { createDb } from "../db/client";
import { engineOf } from "../db/portable";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";

export interface TestDatabase {
  db: Kysely<Database>;
  /** Environment for a server process that should use this same database. */
  env: Record<string, string>;
  destroy(): Promise<void>;
}

/**
 * A freshly migrated, empty database for one test file: a temporary SQLite file, or, when
 * TEST_DATABASE_URL is a postgres:// URL, a schema of its own on that server.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const files = ownFileFolder();
  const testDb = await createDatabase();
  if (options.migrate !== false) await migrateToLatest(testDb.db);
  if (!files) return testDb;
  return {
    ...testDb,
    async destroy() {
      await testDb.destroy();
      files.remove();
    },
  };
}

/**
 * The files this test and the servers it starts store (they inherit process.env) go to a folder of
 * the test's own unless it chose one: in the checkout's data/files they mixed with the developer's,
 * and the first test server to start there claimed the folder for its database, so its orphan sweep
 * could delete the files of the other tests running meanwhile.
 */
function ownFileFolder(): { remove(): void } | null {
  if (process.env.FILES_DIR !== undefined || process.env.FILES_URL !== undefined) return null;
  const folder = mkdtempSync(join(tmpdir(), "puente-test-files-"));
  process.env.FILES_DIR = folder;
  return {
    remove() {
      if (process.env.FILES_DIR === folder) delete process.env.FILES_DIR;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function createDatabase(): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let testDb: TestDatabase;
  if (pgUrl && /^postgres(ql)?:/.test(pgUrl)) {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const previous = process.env.DATABASE_SCHEMA;
    process.env.DATABASE_SCHEMA = schema;
    const db = createDb(pgUrl);
    testDb = {
      db,
      env: { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema },
      async destroy() {
        await db.destroy();
        // On a throwaway server (CI) the schemas are left for the server's removal: dropping one
        // while another test file introspects the catalog (Kysely's migrator lists the tables of
        // every schema) fails that file with "schema … does not exist".
        if (process.env.TEST_KEEP_SCHEMAS !== "1") {
          const cleanup = new pg.Client({ connectionString: pgUrl });
          await cleanup.connect();
          await cleanup.query(`drop schema if exists ${schema} cascade`);
          // The job queue's schema beside it (pg-boss, ADR 029), when a test queued a job.
          await cleanup.query(`drop schema if exists ${schema}_pgboss cascade`);
          await cleanup.end();
        }
        if (previous === undefined) delete process.env.DATABASE_SCHEMA;
        else process.env.DATABASE_SCHEMA = previous;
      },
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "puente-test-"));
    const file = join(dir, "test.sqlite");
    const db = createDb(`file:${file}`);
    testDb = {
      db,
      env: { DATABASE_URL: `file:${file}` },
      async destroy() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return testDb;
}

/**
 * The tables of this test's database: on PostgreSQL only its own schema's, since the test files
 * running at the same time have theirs on the same server.
 */
export async function tableNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const own = engineOf(db) === "postgres" ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  return tables
    .filter((t) => own === undefined || t.schema === own)
    .map((t) => t.name)
    .sort();
}

export { sql };
