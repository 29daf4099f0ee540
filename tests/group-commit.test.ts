import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { createDb } from "../db/client";
import type { Database } from "../db/schema";
import { groupCommitStats, inGroupCommit } from "../app/utils/group-commit.server";
import { createParties, createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
let slug: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  slug = (await createTopic(t.db, { party: "CL" })).slug;
});
afterAll(async () => {
  await t?.destroy();
});

const addParty = (db: Kysely<Database>, code: string) => db.insertInto("parties").values({ code, time_zone: "UTC", position: 9 }).execute();
const partyCodes = async () => (await t.db.selectFrom("parties").select("code").orderBy("code").execute()).map((p) => p.code);

describe("group commit", () => {
  it("commits the units queued in one turn together, each seeing the ones before it", async () => {
    const before = { ...groupCommitStats };
    const seen = await Promise.all(
      ["AA", "AB", "AC"].map((code) =>
        inGroupCommit(t.db, async (trx) => {
          await addParty(trx, code);
          return (await trx.selectFrom("parties").select("code").where("code", "like", "A%").execute()).length;
        }),
      ),
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(groupCommitStats.flushes - before.flushes).toBe(1);
    expect(groupCommitStats.units - before.units).toBe(3);
  });

  it("undoes a failing unit alone: the others commit and its caller gets its error", async () => {
    const results = await Promise.allSettled([
      inGroupCommit(t.db, (trx) => addParty(trx, "BA")),
      inGroupCommit(t.db, async (trx) => {
        await addParty(trx, "BB");
        throw new Error("this unit fails after writing");
      }),
      // A failing statement (duplicate key) is undone the same way.
      inGroupCommit(t.db, (trx) => addParty(trx, "BA")),
      inGroupCommit(t.db, (trx) => addParty(trx, "BC")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("this unit fails after writing");
    expect((await partyCodes()).filter((c) => c.startsWith("B"))).toEqual(["BA", "BC"]);
  });

  it("settles a unit only once its work is committed and visible to another connection", async () => {
    const other = createDb(t.env.DATABASE_URL);
    try {
      const visibleAtResolve = await Promise.all(
        ["CC", "CD"].map((code) =>
          inGroupCommit(t.db, (trx) => addParty(trx, code)).then(async () =>
            Boolean(await other.selectFrom("parties").select("code").where("code", "=", code).executeTakeFirst()),
          ),
        ),
      );
      expect(visibleAtResolve).toEqual([true, true]);
    } finally {
      await other.destroy();
    }
  });

  it("numbers submissions arriving together one after another, and spots a duplicate among them", async () => {
    const same = { contactEmail: "same@example.cl", body: "La misma propuesta enviada dos veces en el mismo instante." };
    const made = await Promise.all([
      createSubmissionFor(t.db, { topicSlug: slug }),
      createSubmissionFor(t.db, { topicSlug: slug, values: same }),
      createSubmissionFor(t.db, { topicSlug: slug }),
      createSubmissionFor(t.db, { topicSlug: slug, values: same }),
    ]);
    const seqs = made.filter((m) => !m.duplicate).map((m) => Number(m.reference.slice(-5)));
    expect(seqs).toHaveLength(3);
    expect(new Set(seqs).size).toBe(3);
    expect(Math.max(...seqs) - Math.min(...seqs)).toBe(2);
    expect(made[3]).toMatchObject({ duplicate: true, reference: made[1]!.reference, token: null });
    const stored = await t.db
      .selectFrom("submissions")
      .select("reference")
      .where("topic_id", "=", (await t.db.selectFrom("topics").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id)
      .execute();
    expect(stored).toHaveLength(3);
  });
});
