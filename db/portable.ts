import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from "kysely";

/**
 * The few places where SQLite and PostgreSQL DDL differ. Migrations call these instead of
 * writing engine-specific SQL, so one migration file serves both (docs/decisions/002).
 */
export type Engine = "sqlite" | "postgres";

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** An auto-numbered integer primary key named "id". */
export function withId<T extends string>(table: CreateTableBuilder<T, any>, engine: Engine): CreateTableBuilder<T, any> {
  return engine === "postgres"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** A CHECK constraint limiting a text column to fixed values (the values are code, never user input). */
export function checkIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`);
}
