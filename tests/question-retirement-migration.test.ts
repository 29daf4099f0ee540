import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, migratorFor, rollbackOne } from "../db/migrate";
import { createParties, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// The migration that stops submission_answers cascading from topic_questions rebuilds the table
// on SQLite (ADR 014): it must keep every answer, both ways.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => t?.destroy());

describe("2026-12-05T10-00_question-retirement", () => {
  it("keeps every answer through up and down, and afterwards the database refuses to delete an answered question", async () => {
    const check = await migratorFor(t.db).migrateTo("2026-11-29T07-00_summaries");
    expect(check.error).toBeUndefined();
    await createParties(t.db);
    const topic = await createTopic(t.db, { questions: [{ en: "Answered?" }, { en: "Not answered?" }], advancePublication: false });
    const [answered, unanswered] = (await t.db.selectFrom("topic_questions").select("id").where("topic_id", "=", topic.id).orderBy("position").execute()).map(
      (q) => q.id,
    ) as [number, number];
    const stamp = new Date().toISOString();
    const submission = {
      topic_id: topic.id,
      party_code: "CA",
      year: 2026,
      kind: "proposal" as const,
      on_behalf: "self" as const,
      stakeholder_type: "individual",
      country: "CA" as const,
      contact_name: "P",
      contact_email: "p@example.org",
      body: "Text.",
      language: "en" as const,
      publication: "anonymous" as const,
      status: "pending" as const,
      edit_token_hash: "x".repeat(64),
      content_hash: "y".repeat(64),
      created_at: stamp,
      updated_at: stamp,
    };
    const ids = [];
    for (const seq of [1, 2]) {
      ids.push(
        (
          await t.db
            .insertInto("submissions")
            .values({ ...submission, reference: `CA-2026-0000${seq}`, seq })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    await t.db
      .insertInto("submission_answers")
      .values([
        { submission_id: ids[0]!, question_id: answered, text: "First answer", published_text: "First [[redacted]]" },
        { submission_id: ids[1]!, question_id: answered, text: "Second answer" },
      ])
      .execute();
    const answers = () => t.db.selectFrom("submission_answers").selectAll().orderBy("submission_id").execute();
    const before = await answers();
    expect(before).toHaveLength(2);

    await migrateToLatest(t.db);
    expect(await answers()).toEqual(before);
    await expect(t.db.deleteFrom("topic_questions").where("id", "=", answered).execute()).rejects.toThrow();
    expect(await answers()).toEqual(before);
    // A question nobody answered can still go, and deleting a submission still takes its answers.
    await t.db.deleteFrom("topic_question_translations").where("question_id", "=", unanswered).execute();
    await t.db.deleteFrom("topic_questions").where("id", "=", unanswered).execute();
    const retired = await t.db.selectFrom("topic_questions").select("retired_at").where("id", "=", answered).executeTakeFirstOrThrow();
    expect(retired.retired_at).toBeNull();

    await rollbackOne(t.db);
    expect(await answers()).toEqual(before);
    await migrateToLatest(t.db);
    expect(await answers()).toEqual(before);
    await t.db.deleteFrom("submissions").where("id", "=", ids[1]!).execute();
    expect(await answers()).toEqual([before[0]]);
  });
});
