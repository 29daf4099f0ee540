import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export const DEFAULT_SQLITE_FILE = "data/puente.sqlite";

export type DatabaseTarget = { engine: "sqlite"; file: string } | { engine: "postgres"; connectionString: string };

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
  // The public search's folding (app/models/submission-search.server.ts); PostgreSQL spells it in SQL.
  sqlite.function("puente_fold", { deterministic: true }, (text: unknown) => foldForSearch(typeof text === "string" ? text : ""));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Text as the public search compares it: accents off, lower case, every run of characters other
 * than letters and digits one space, with a space at each end, so that `like '% word%'` finds the
 * words that start with "word".
 */
export function foldForSearch(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return ` ${words} `;
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large share of a small query's
 * cost (bench:intake). Reuse prepared statements by their SQL text (bounded: the SQL texts are the
 * application's own queries, parameters are bound separately).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== "prepare") {
        const value = Reflect.get(target, property, receiver);
        // Native methods must be called on the real database object, not the proxy.
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (text: string) => {
        // Kysely begins its transactions with a plain (deferred) "begin": one that reads, then writes
        // while another process (a worker, a second server in tests) holds the write lock fails at
        // once with SQLITE_BUSY, whatever busy_timeout says. "begin immediate" takes the write lock
        // first, so it waits its turn (busy_timeout) instead.
        const sql = text === "begin" ? "begin immediate" : text;
        let statement = cache.get(sql);
        if (!statement) {
          if (cache.size >= 1000) cache.clear();
          statement = prepare(sql);
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}
