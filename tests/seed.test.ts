import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { getWorkplan } from "~/models/workplan.server";
import { listRegions } from "~/models/parties.server";
import { listOpenTopics, topicStatus } from "~/models/topics.server";
import { countRows, createTestDatabase, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
});
afterAll(async () => t.destroy());

const count = (table: "topics" | "workplan_items" | "regions" | "topic_translations" | "parties") => countRows(t.db, table);

describe("seed", () => {
  it("writes the 2024–2025 work plan as the French original says, in three languages", async () => {
    const fr = (await getWorkplan(t.db, "fr"))!;
    expect(fr.title).toBe("Plan de travail Canada-Chili pour la mise en œuvre des activités sur le commerce et le genre");
    expect(fr.principles).toHaveLength(6);
    expect(fr.principles[0]).toMatch(/^équilibre entre les genres/);
    expect(fr.areas.map((a) => [a.number, a.article])).toEqual([
      [1, "N bis-03.1"],
      [2, "N bis-03.3"],
      [3, "N bis-03.2"],
    ]);
    const [a1, a2, a3] = fr.areas;
    expect(a1!.objectives).toHaveLength(2);
    expect(a1!.activities.map((a) => a.timing)).toEqual([
      "février à avril 2024",
      "juin 2024 (à confirmer)",
      "août 2024 (à confirmer)",
      "décembre 2025 (à confirmer)",
    ]);
    // Where each country stands starts from the plan as written (ADR 044): planned, by the timing's
    // last month, tentative when the plan says "to be confirmed".
    expect(a1!.activities.map((a) => a.progress.map((p) => [p.party, p.status, p.dueOn, p.tentative]))).toEqual([
      [
        ["CA", "planned", "2024-04-30", false],
        ["CL", "planned", "2024-04-30", false],
      ],
      [
        ["CA", "planned", "2024-06-30", true],
        ["CL", "planned", "2024-06-30", true],
      ],
      [
        ["CA", "planned", "2024-08-31", true],
        ["CL", "planned", "2024-08-31", true],
      ],
      [
        ["CA", "planned", "2025-12-31", true],
        ["CL", "planned", "2025-12-31", true],
      ],
    ]);
    // "Chile: March 2023; Canada: to be determined": each country its own date.
    expect(a2!.activities[0]!.progress.map((p) => [p.party, p.dueOn])).toEqual([
      ["CA", null],
      ["CL", "2023-03-31"],
    ]);
    expect(a1!.deliverables[0]!.progress.map((p) => [p.party, p.status, p.dueOn, p.file, p.updatedAt])).toEqual([
      ["CA", "planned", null, null, null],
      ["CL", "planned", null, null, null],
    ]);
    expect(a1!.deliverables).toHaveLength(3);
    expect(a2!.deliverables[0]!.text).toMatch(/Échange écrit de propositions et de commentaires/);
    expect(a3!.activities[0]!.timing).toBe("novembre 2024 ou mars 2025 (à confirmer)");
    expect(a3!.activities[1]!.text).toMatch(/technologies propres/);

    for (const locale of ["en", "es"] as const) {
      const plan = (await getWorkplan(t.db, locale))!;
      expect(plan.principles).toHaveLength(6);
      expect(plan.areas.map((a) => a.activities.length)).toEqual([4, 1, 2]);
      expect(plan.areas.map((a) => a.deliverables.length)).toEqual([3, 1, 1]);
      // Every item is translated, not copied from French.
      expect(plan.areas[2]!.activities[0]!.text).not.toBe(a3!.activities[0]!.text);
    }
    expect((await getWorkplan(t.db, "en"))!.areas[0]!.activities[1]!.timing).toMatch(/to be confirmed/i);
    expect((await getWorkplan(t.db, "es"))!.areas[0]!.activities[1]!.timing).toMatch(/por confirmar/i);
  });

  it("writes Canada's 13 provinces and territories and Chile's 16 regions", async () => {
    expect(await listRegions(t.db, "CA", "fr")).toHaveLength(13);
    const chile = await listRegions(t.db, "CL", "es");
    expect(chile).toHaveLength(16);
    expect(chile.map((r) => r.name)).toContain("Biobío");
    expect((await listRegions(t.db, "CA", "es")).map((r) => r.name)).toContain("Columbia Británica");
  });

  it("adds demo topics: open ones in each country, one closed, one scheduled, one in Spanish only", async () => {
    const topics = await t.db.selectFrom("topics").selectAll().execute();
    const statuses = topics.map((topic) => topicStatus(topic));
    expect(statuses.filter((s) => s === "closed")).toHaveLength(1);
    expect(statuses.filter((s) => s === "scheduled")).toHaveLength(1);
    const open = await listOpenTopics(t.db, "en");
    expect(new Set(open.map((o) => o.partyCode))).toEqual(new Set(["CA", "CL"]));
    const spanishOnly = open.filter((o) => o.availableLocales.join() === "es");
    expect(spanishOnly).toHaveLength(1);
    expect(spanishOnly[0]!.contentLocale).toBe("es");
  });

  it("is idempotent", async () => {
    const before = await Promise.all([count("topics"), count("workplan_items"), count("regions"), count("topic_translations")]);
    expect(await seed(t.db)).toEqual({ parties: 0, workplan: false, topics: 0 });
    expect(await Promise.all([count("topics"), count("workplan_items"), count("regions"), count("topic_translations")])).toEqual(before);
  });
});
