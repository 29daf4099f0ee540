import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, migratorFor, rollbackAll, rollbackOne } from "../db/migrate";
import { migrations } from "../db/migrations/index";
import { createTestDatabase, tableNames, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => t.destroy());

const appTables = async () => (await tableNames(t.db)).filter((n) => !n.startsWith("kysely_"));

describe("migrations", () => {
  it("lists every file of db/migrations, in date order, with ISO-dated names", () => {
    const files = readdirSync("db/migrations")
      .filter((f) => f !== "index.ts" && f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const name of files) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_[a-z0-9-]+$/);
  });

  it("migrates up, rolls back one by one to nothing, and migrates up again", async () => {
    await migrateToLatest(t.db);
    const all = await appTables();
    expect(all).toEqual(
      expect.arrayContaining([
        "parties",
        "regions",
        "workplans",
        "workplan_areas",
        "workplan_items",
        "topics",
        "topic_translations",
        "users",
        "sessions",
        "audit_log",
        "outbox",
      ]),
    );

    // The latest migration is undone (a data-only one, like masking the outbox's links, has no
    // table to drop); the earlier ones stay.
    await rollbackOne(t.db);
    const afterOne = await appTables();
    const applied = (await migratorFor(t.db).getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    expect(applied).toEqual(Object.keys(migrations).slice(0, -1));
    expect(afterOne.length).toBeLessThanOrEqual(all.length);
    expect(afterOne).toEqual(expect.arrayContaining(["parties", "topics", "users"]));

    await rollbackAll(t.db);
    expect(await appTables()).toEqual([]);

    await migrateToLatest(t.db);
    expect(await appTables()).toEqual(all);
  });

  it("enforces foreign keys and check constraints", async () => {
    const stamp = new Date().toISOString();
    const topic = {
      party_code: "XX",
      slug: "orphan",
      state: "published" as const,
      opens_at: stamp,
      closes_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    };
    await expect(t.db.insertInto("topics").values(topic).execute()).rejects.toThrow();
    await t.db.insertInto("parties").values({ code: "XX", time_zone: "UTC", position: 9 }).execute();
    await expect(
      t.db
        .insertInto("topics")
        .values({ ...topic, state: "bogus" as never })
        .execute(),
    ).rejects.toThrow();
    await t.db.insertInto("topics").values(topic).execute();
    await expect(t.db.insertInto("topics").values(topic).execute()).rejects.toThrow(); // duplicate slug
  });
});

describe("engine", () => {
  it("runs on the engine TEST_DATABASE_URL asks for", async () => {
    const { engineOf } = await import("../db/portable");
    const wanted = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
    expect(engineOf(t.db)).toBe(wanted);
  });
});
