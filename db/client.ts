import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export const DEFAULT_SQLITE_FILE = "data/puente.sqlite";

export type DatabaseTarget =
  | { engine: "sqlite"; file: string }
  | { engine: "postgres"; connectionString: string };

/** DATABASE_URL unset or "file:…" → SQLite; "postgres://…" / "postgresql://…" → PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url || url.trim() === "") return { engine: "sqlite", file: resolve(DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: "postgres", connectionString: url };
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw new Error("DATABASE_URL file: needs a path, e.g. file:data/puente.sqlite");
    return { engine: "sqlite", file: resolve(path) };
  }
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.split(":")[0]}:")`);
}

// PostgreSQL returns bigint (count(*), sum) as strings; every count here fits a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export function createDb(url: string | undefined = process.env.DATABASE_URL): Kysely<Database> {
  const target = parseDatabaseUrl(url);
  if (target.engine === "postgres") {
    return new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: target.connectionString,
          max: Number(process.env.PG_POOL_MAX ?? 10),
          // A separate schema per test run keeps parallel test files apart on one server.
          options: process.env.DATABASE_SCHEMA ? `-c search_path=${process.env.DATABASE_SCHEMA}` : undefined,
        }),
      }),
    });
  }
  mkdirSync(dirname(target.file), { recursive: true });
  const sqlite = new SQLite(target.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit that returned is on disk even after a power cut, not only after a process crash.
  sqlite.pragma("synchronous = FULL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
