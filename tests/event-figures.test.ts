import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUpEventFigures, countAttendance, protectAttendance, protectGroups } from "~/models/event-figures.server";
import { GENDER_THRESHOLD } from "~/models/gender-figures.server";
import { createEvent, createParties, createRegistration } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// ADR 045: an event's attendance is published only as protected counts, taken once at closing.

describe("protectGroups", () => {
  it("withholds groups under 5, zeros included, and one more when what is withheld would add up to under 5", () => {
    expect(protectGroups(["a", "b", "c"], { a: 9, b: 6, c: 2 }, 17)).toEqual({
      a: { value: 9, suppressed: false },
      // c (2) alone would be 17 − 9 − 6 = 2: b, the smallest shown, is withheld with it.
      b: { value: null, suppressed: true },
      c: { value: null, suppressed: true },
    });
    expect(protectGroups(["a", "b"], { a: 7 }, 7).b).toEqual({ value: null, suppressed: true });
    expect(protectGroups(["a", "b"], { a: 7 }, 7).a).toEqual({ value: null, suppressed: true });
    expect(protectGroups(["a", "b"], { a: 7, b: 5 }, 12)).toEqual({ a: { value: 7, suppressed: false }, b: { value: 5, suppressed: false } });
  });

  it("never lets the withheld groups be narrowed to under 5 (random tables)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(12), { minLength: 1, maxLength: 6 }), fc.nat(4), (values, unanswered) => {
        const keys = values.map((_, i) => `k${i}`);
        const counts = Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
        const total = values.reduce((a, b) => a + b, 0) + unanswered;
        const table = protectGroups(keys, counts, total);
        const hidden = keys.filter((k) => table[k]!.suppressed);
        const shownSum = keys.filter((k) => !table[k]!.suppressed).reduce((s, k) => s + counts[k]!, 0);
        for (const k of keys) if (!table[k]!.suppressed) expect(counts[k]).toBeGreaterThanOrEqual(GENDER_THRESHOLD);
        if (hidden.length > 0 && hidden.length < keys.length) expect(total - shownSum).toBeGreaterThanOrEqual(GENDER_THRESHOLD);
      }),
    );
  });
});

describe("an event's attendance counts", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await createParties(t.db);
  });
  afterAll(async () => t.destroy());

  it("counts confirmed registrations and everyone present, walk-ins included, with gender read apart", async () => {
    const event = await createEvent(t.db);
    const day = new Date("2026-03-01T15:00:00.000Z");
    for (let i = 0; i < 6; i++) await createRegistration(t.db, event.id, { attendedAt: day, gender: "woman", stakeholderType: "union" });
    await createRegistration(t.db, event.id, { attendedAt: null, gender: "man" });
    await createRegistration(t.db, event.id, { status: "cancelled", attendedAt: null });
    await createRegistration(t.db, event.id, { status: "waitlisted" });
    await createRegistration(t.db, event.id, { walkIn: true, attendedAt: day, gender: "man", country: "CL", stakeholderType: "academic" });
    const counts = await countAttendance(t.db, event.id);
    expect(counts).toMatchObject({
      registered: 7,
      attended: 7,
      byStakeholderType: { union: 6, academic: 1 },
      byCountry: { CA: 6, CL: 1 },
      gender: { woman: 6, man: 1 },
    });

    const figures = protectAttendance(counts, { stakeholderTypes: ["union", "academic", "ngo"], regions: [] });
    expect(figures.gender.woman).toEqual({ value: null, suppressed: true });
    expect(figures.byCountry.CL).toEqual({ value: null, suppressed: true });
    expect(figures.attended).toBe(7);
  });

  it("adds up events from the figures each shows, never from fresh counts", () => {
    const one = protectAttendance(
      { registered: 10, attended: 9, byStakeholderType: { union: 9 }, byCountry: { CA: 9 }, byRegion: {}, womenLed: {}, gender: { woman: 5, man: 4 } },
      { stakeholderTypes: ["union"], regions: [] },
    );
    const two = protectAttendance(
      { registered: 13, attended: 13, byStakeholderType: { union: 13 }, byCountry: { CA: 13 }, byRegion: {}, womenLed: {}, gender: { woman: 8 } },
      { stakeholderTypes: ["union"], regions: [] },
    );
    const sum = addUpEventFigures([one, two]);
    expect(sum.registered).toBe(23);
    expect(sum.attended).toBe(22);
    expect(sum.byStakeholderType.union).toEqual({ value: 22, suppressed: false });
    // Event one withholds its women (its men, 4, would otherwise be worked out); event two shows its 8 (5 did not answer).
    expect(sum.gender.woman).toEqual({ value: 8, suppressed: false });
    expect(sum.gender.man).toEqual({ value: null, suppressed: true });
  });
});
