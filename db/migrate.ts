import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrationProvider } from "./migrations";

export function migratorFor(db: Kysely<any>): Migrator {
  // With DATABASE_SCHEMA (PostgreSQL tests), the bookkeeping tables live in that schema too.
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: process.env.DATABASE_SCHEMA || undefined });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const error = result.error instanceof Error ? result.error : new Error(String(result.error));
    error.message = `migration ${failed?.migrationName ?? "?"} failed: ${error.message}`;
    throw error;
  }
  return result;
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  return check(await migratorFor(db).migrateToLatest());
}

export async function rollbackOne(db: Kysely<any>): Promise<MigrationResultSet> {
  return check(await migratorFor(db).migrateDown());
}

/** Every migration down, e.g. for db:reset. */
export async function rollbackAll(db: Kysely<any>): Promise<void> {
  const { NO_MIGRATIONS } = await import("kysely");
  check(await migratorFor(db).migrateTo(NO_MIGRATIONS));
}
