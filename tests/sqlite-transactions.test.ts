import Database from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// On SQLite, a transaction that reads and then writes must not fail because another connection
// wrote in between (a deferred transaction would: SQLITE_BUSY_SNAPSHOT, "database is locked").
const sqliteOnly = !process.env.TEST_DATABASE_URL?.startsWith("postgres");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe.skipIf(!sqliteOnly)("SQLite transactions", () => {
  it("hold the write lock from their start, so a read-then-write transaction is never refused halfway", async () => {
    const file = t.env.DATABASE_URL!.replace(/^file:/, "");
    const other = new Database(file);
    other.pragma("busy_timeout = 0");
    let otherRefused = false;
    try {
      await t.db.transaction().execute(async (trx) => {
        await sql`select count(*) from parties`.execute(trx);
        // Another process writes while this transaction is open.
        try {
          other.prepare("insert into parties (code, time_zone, position) values ('XX', 'UTC', 9)").run();
        } catch {
          otherRefused = true;
        }
        await sql`insert into parties (code, time_zone, position) values ('YY', 'UTC', 8)`.execute(trx);
      });
    } finally {
      other.close();
    }
    // The other writer was the one told to wait (it would, with its own busy_timeout); this one committed.
    expect(otherRefused).toBe(true);
    const codes = (await sql<{ code: string }>`select code from parties`.execute(t.db)).rows.map((r) => r.code);
    expect(codes).toContain("YY");
    expect(codes).not.toContain("XX");
  });
});
