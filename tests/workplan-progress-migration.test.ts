import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, migratorFor } from "../db/migrate";
import { createParties } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// The migration that adds where each country stands on the work plan (ADR 044) keeps what the
// plan already says: a work plan seeded before it gets one row per item and country, read from
// the plan as written.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => t?.destroy());

describe("2026-12-07T16-00_workplan-progress", () => {
  it("fills each activity's and deliverable's progress per country from the plan's status and timing", async () => {
    expect((await migratorFor(t.db).migrateTo("2026-12-06T17-00_submission-drafts")).error).toBeUndefined();
    await createParties(t.db);
    const { id: workplanId } = await t.db
      .insertInto("workplans")
      .values({ slug: "p", starts_on: "2024-01-01", ends_on: "2025-12-31" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const item = async (kind: "activity" | "deliverable" | "objective", status: "planned" | "to_be_confirmed" | "done" | null, timing: string | null) => {
      const { id } = await t.db
        .insertInto("workplan_items")
        .values({ workplan_id: workplanId, area_id: null, kind, position: 0, status })
        .returning("id")
        .executeTakeFirstOrThrow();
      await t.db.insertInto("workplan_item_translations").values({ item_id: id, locale: "en", text: kind, timing }).execute();
      return id;
    };
    const split = await item("activity", "to_be_confirmed", "Chile: March 2023; Canada: June 2024 (to be confirmed)");
    const done = await item("activity", "done", "February to April 2024");
    const deliverable = await item("deliverable", null, null);
    const objective = await item("objective", null, null);

    expect((await migrateToLatest(t.db)).error).toBeUndefined();
    const rows = await t.db.selectFrom("workplan_progress").selectAll().orderBy("item_id").orderBy("party_code").execute();
    expect(rows.map((r) => [r.item_id, r.party_code, r.status, r.due_on, Number(r.due_tentative), r.updated_at])).toEqual([
      [split, "CA", "planned", "2024-06-30", 1, null],
      [split, "CL", "planned", "2023-03-31", 0, null],
      [done, "CA", "done", "2024-04-30", 0, null],
      [done, "CL", "done", "2024-04-30", 0, null],
      [deliverable, "CA", "planned", null, 0, null],
      [deliverable, "CL", "planned", null, 0, null],
    ]);
    expect(rows.some((r) => r.item_id === objective)).toBe(false);
  });
});
