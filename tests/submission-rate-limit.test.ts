import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { createDb } from "../db/client";
import { pruneSubmissionCounters, SUBMISSION_WINDOW_MS, takeSubmissionAllowance } from "~/models/submission-rate-limit.server";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// The public form's rate limit lives in the database (issue 16, item 6): two database clients
// stand for two app servers, and an injected clock for the hour going by.
let t: TestDatabase;
let other: Kysely<Database>;
const START = Date.parse("2026-12-06T10:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  // A second, separate connection (pool) to the same database: another app server.
  other = createDb(t.env.DATABASE_URL);
});
afterAll(async () => {
  await other?.destroy();
  await t?.destroy();
});
beforeEach(async () => {
  await t.db.deleteFrom("submission_rate_limits").execute();
});

const take = (db: Kysely<Database>, address: string, now = START, limit = 3) => takeSubmissionAllowance(db, address, { now, limit });

describe("the submission rate limit shared by every app server", () => {
  it("counts an address's submissions to either server against one limit, and says when to retry", async () => {
    const results = [await take(t.db, "198.51.100.1"), await take(other, "198.51.100.1"), await take(t.db, "198.51.100.1", START + 60_000)];
    expect(results.map((r) => r.allowed)).toEqual([true, true, true]);
    const refused = await take(other, "198.51.100.1", START + 10 * 60_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 50 * 60 });
    expect((await take(t.db, "198.51.100.1", START + 10 * 60_000)).allowed).toBe(false);
    // Another address has its own allowance.
    expect((await take(other, "198.51.100.2", START + 10 * 60_000)).allowed).toBe(true);
    // Once the hour that started with the first submission has passed, a new window starts.
    expect((await take(other, "198.51.100.1", START + SUBMISSION_WINDOW_MS)).allowed).toBe(true);
  });

  it("lets no more than the limit through when many posts reach both servers at once", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 ? other : t.db, "203.0.113.9")));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    const row = await t.db.selectFrom("submission_rate_limits").selectAll().executeTakeFirstOrThrow();
    expect(row.hits).toBe(3);
  });

  it("gives a place back when the form was refused, on whichever server it was taken", async () => {
    const first = await take(t.db, "192.0.2.4");
    await take(other, "192.0.2.4");
    const third = await take(other, "192.0.2.4");
    expect((await take(t.db, "192.0.2.4")).allowed).toBe(false);
    if (!third.allowed || !first.allowed) throw new Error("expected places");
    await third.refund();
    await third.refund(); // a second refund of the same place gives nothing more
    expect((await take(t.db, "192.0.2.4")).allowed).toBe(true);
    expect((await take(other, "192.0.2.4")).allowed).toBe(false);
  });

  it("does not carry a refund from an ended window into the next one", async () => {
    const old = await take(t.db, "192.0.2.5");
    const later = START + SUBMISSION_WINDOW_MS + 1;
    for (let i = 0; i < 3; i++) expect((await take(other, "192.0.2.5", later)).allowed).toBe(true);
    if (old.allowed) await old.refund();
    expect((await take(t.db, "192.0.2.5", later)).allowed).toBe(false);
  });

  it("is off with a limit of 0", async () => {
    for (let i = 0; i < 5; i++) expect((await take(t.db, "192.0.2.6", START, 0)).allowed).toBe(true);
    expect(await t.db.selectFrom("submission_rate_limits").selectAll().execute()).toHaveLength(0);
  });

  it("prunes the counters whose window has ended, and keeps the current ones", async () => {
    await take(t.db, "192.0.2.7", START);
    await take(t.db, "192.0.2.8", START + 30 * 60_000);
    await pruneSubmissionCounters(other, START + SUBMISSION_WINDOW_MS);
    const keys = (await t.db.selectFrom("submission_rate_limits").select("key").execute()).map((r) => r.key);
    expect(keys).toEqual(["submit|192.0.2.8"]);
  });
});
