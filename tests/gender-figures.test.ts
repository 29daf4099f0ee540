import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import {
  addUpPublished,
  GENDER_THRESHOLD,
  GENDERS,
  protectConsultation,
  type Gender,
  type GenderCounts,
  type GenderTable,
} from "~/models/gender-figures.server";
import { moderate } from "~/models/moderation.server";
import { getStats } from "~/models/stats.server";
import { buildSummary } from "~/models/summaries.server";
import type { SuppressibleCount } from "~/models/summary-types";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

/*
 * Issue 13, item 9: no gender answer can be worked out from the published figures, neither by
 * subtracting one scope's figures from another's nor by comparing two publications over time
 * (ADR 016). The first two blocks are the issue's own examples against the real builder; the last
 * one checks the rule over random data, every scope and two moments, against every dataset that
 * publishes exactly the same figures.
 */

type Party = "CA" | "CL";
const value = (c: SuppressibleCount) => (c.suppressed ? null : c.value);

async function setUp() {
  const t = await createTestDatabase();
  await seed(t.db);
  const mods = { CA: await createUser(t.db, { role: "moderator", party: "CA" }), CL: await createUser(t.db, { role: "moderator", party: "CL" }) };
  const actor = (party: Party): Actor => ({ id: mods[party].id, role: "moderator", partyCode: party });
  const topic = async (party: Party, areaNumber: number) => {
    const created = await createTopic(t.db, { party });
    const area = await t.db.selectFrom("workplan_areas").select("id").where("number", "=", areaNumber).executeTakeFirstOrThrow();
    await t.db.updateTable("topics").set({ area_id: area.id }).where("id", "=", created.id).execute();
    return created;
  };
  /** People writing for themselves: `gender` answered, or "" for those who skipped the question. */
  const people = async (slug: string, party: Party, genders: string[], decide = true) => {
    const made = [];
    for (const gender of genders) {
      const s = await createSubmissionFor(t.db, {
        topicSlug: slug,
        values: { country: party, onBehalf: "self", stakeholderType: "individual", organisationName: "", publication: "named", gender },
      });
      if (decide) await moderate(t.db, actor(party), s.reference, { intent: "approve", version: 1, applyToCampaign: false });
      made.push(s);
    }
    return made;
  };
  return { t, actor, topic, people };
}

describe("gender figures across scopes (issue 13, item 9a)", () => {
  let t: TestDatabase;
  const later = days(40); // every consultation closed, nothing pending

  beforeAll(async () => {
    const s = await setUp();
    t = s.t;
    const skip = Array(5).fill("") as string[];
    // Chile: no woman in area 1, five in area 2, three (a group to withhold) in area 3.
    await s.people((await s.topic("CL", 1)).slug, "CL", [...Array(5).fill("man"), ...skip]);
    await s.people((await s.topic("CL", 2)).slug, "CL", [...Array(5).fill("woman"), ...skip]);
    await s.people((await s.topic("CL", 3)).slug, "CL", [...Array(3).fill("woman"), ...skip]);
    // Canada, area 3: six women, so the area's total sits beside a withheld Chilean group.
    await s.people((await s.topic("CA", 3)).slug, "CA", [...Array(6).fill("woman"), ...skip]);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("does not let a withheld area's count be worked out by subtracting the other areas from all areas", async () => {
    const all = (await getStats(t.db, { locale: "en", now: later }))!;
    const areas = await Promise.all([1, 2, 3].map(async (n) => (await getStats(t.db, { locale: "en", areaNumber: n, now: later }))!));
    const chile = (stats: typeof all) => stats.parties.find((p) => p.party === "CL")!.gender.woman;
    // Area 3's three Chilean women are withheld wherever they would be shown on their own…
    expect(chile(areas[2]!)).toEqual({ value: null, suppressed: true });
    // …so all areas minus the areas shown must leave nothing attributable to area 3.
    const shown = areas.map(chile).reduce((sum, c) => sum + (value(c) ?? 0), 0);
    expect((value(chile(all)) ?? 0) - shown).not.toBe(3);
    expect((value(all.totals.gender.woman) ?? 0) - areas.reduce((sum, a) => sum + (value(a.totals.gender.woman) ?? 0), 0)).not.toBe(3);
    // Parties and totals: area 3's total minus Canada's must not give Chile's three either.
    const area3 = areas[2]!;
    const canada = area3.parties.find((p) => p.party === "CA")!.gender.woman;
    if (value(area3.totals.gender.woman) !== null && value(canada) !== null) expect(value(area3.totals.gender.woman)! - value(canada)!).not.toBe(3);
  });

  it("shows each consultation's table in its public summary, and every wider scope adds up only those", async () => {
    const topics = await t.db.selectFrom("topics").select(["id", "party_code"]).execute();
    const perTopic = await Promise.all(
      topics.map(async (tp) => ({
        party: tp.party_code,
        gender: (await buildSummary(t.db, { scope: { kind: "topic", topicId: tp.id }, edition: "public", locale: "en", now: later })).totals.gender,
      })),
    );
    const all = (await getStats(t.db, { locale: "en", now: later }))!;
    for (const g of GENDERS) {
      expect(value(all.totals.gender[g]), g).toBe(value(addUpPublished(perTopic.map((x) => x.gender))[g]));
      for (const p of all.parties)
        expect(value(p.gender[g]), `${p.party} ${g}`).toBe(value(addUpPublished(perTopic.filter((x) => x.party === p.party).map((x) => x.gender))[g]));
    }
  });
});

describe("gender figures over time (issue 13, item 9b)", () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  afterAll(async () => {
    await s?.t.destroy();
  });

  it("does not move when one named submission is approved, and never changes once first published", async () => {
    s = await setUp();
    const { t } = s;
    const slug = (await s.topic("CL", 2)).slug;
    await s.people(slug, "CL", [...Array(5).fill("woman"), ...Array(5).fill("")]);
    const [named] = await s.people(slug, "CL", ["woman"], false);
    const woman = async (now?: Date) => (await getStats(t.db, { locale: "en", areaNumber: 2, now }))!.totals.gender.woman;

    const before = await woman();
    await moderate(t.db, s.actor("CL"), named!.reference, { intent: "approve", version: 1, applyToCampaign: false });
    // The approval is public (the named submission appears): the gender figures must not follow it.
    expect(await woman()).toEqual(before);

    // Closed with nothing pending: the consultation's figures appear, counting everyone decided…
    expect(await woman(days(40))).toEqual({ value: 6, suppressed: false });
    // …and a later decision (one of the women rejected after all) changes them no more.
    const version = (await t.db.selectFrom("submissions").select("version").where("id", "=", named!.id).executeTakeFirstOrThrow()).version;
    await moderate(t.db, s.actor("CL"), named!.reference, { intent: "reject", version, reason: "spam", note: "", applyToCampaign: false });
    expect(await woman(days(41))).toEqual({ value: 6, suppressed: false });
  });

  it("publishes nothing of a closed consultation while a submission to it awaits a decision", async () => {
    const { t } = s;
    const slug = (await s.topic("CA", 1)).slug;
    await s.people(slug, "CA", [...Array(7).fill("woman"), ...Array(5).fill("")]);
    await s.people(slug, "CA", ["man"], false);
    const stats = (await getStats(t.db, { locale: "en", areaNumber: 1, now: days(40) }))!;
    expect(stats.totals.gender.woman).toEqual({ value: null, suppressed: true });
  });
});

/*
 * The whole rule over random data. A world is a set of consultations (party, work plan area or
 * none, the people asked, how each answered) seen at two moments: at the first some are still
 * open or awaiting decisions; by the second more are settled. Everything the public sees is
 * computed for both moments over every published scope: each consultation's own summary, all
 * consultations and each area, each with a column per party and a total. Then, for every
 * withheld cell, we look for other worlds that publish exactly the same figures at both moments,
 * and the same number of people asked in each consultation (assumed known to everyone), but in
 * which that cell holds other values: it must be able to hold every value from 0 to 4 (or up to
 * everyone not counted in a shown group, when fewer), so that nothing more than "under 5" can be
 * learnt of a withheld group by adding or subtracting published figures.
 */

interface Consultation {
  party: Party;
  area: number | null;
  counts: GenderCounts;
  /** People asked who did not answer. */
  skipped: number;
  /** 0: settled at the first moment; 1: only by the second; 2: not yet. */
  settles: 0 | 1 | 2;
}
type World = Consultation[];
type Publish = (world: World, moment: 0 | 1) => unknown;

const respondents = (c: Consultation) => GENDERS.reduce((sum, g) => sum + c.counts[g], 0) + c.skipped;

/** What the public sees of a world at one moment, as buildSummary composes it. */
const publish: Publish = (world, moment) => {
  const tables = world.map((c) => (c.settles <= moment ? protectConsultation(c.counts, respondents(c)) : null));
  const scope = (members: number[]) => {
    const byParty = (["CA", "CL"] as const).map((p) => addUpPublished(members.filter((i) => world[i]!.party === p).flatMap((i) => tables[i] ?? [])));
    return { byParty, total: addUpPublished(byParty) };
  };
  const all = world.map((_, i) => i);
  return {
    // A consultation's public summary: its own table (withheld whole while it is not settled).
    consultations: all.map((i) => scope([i]).total),
    all: scope(all),
    areas: [1, 2, 3].map((a) => scope(all.filter((i) => world[i]!.area === a))),
    // The number of people asked is public enough (the individuals counted per consultation).
    asked: world.map(respondents),
  };
};

/**
 * The same consultation with the people not counted in its shown groups answering otherwise: any
 * other world publishing the same table has the same shown groups, so only these can differ.
 */
function* reanswered(c: Consultation, withheld: Gender[]): Generator<Consultation> {
  const room = withheld.reduce((sum, g) => sum + c.counts[g], 0) + c.skipped;
  function* spread(i: number, left: number, counts: GenderCounts): Generator<Consultation> {
    if (i === withheld.length) {
      yield { ...c, counts, skipped: left };
      return;
    }
    for (let n = 0; n <= left; n++) yield* spread(i + 1, left - n, { ...counts, [withheld[i]!]: n });
  }
  yield* spread(0, room, { ...c.counts });
}

/** Every withheld cell of a consultation's own table, with the values other worlds allow it. */
function leaks(world: World, publishFn: Publish): string[] {
  const seen = JSON.stringify([publishFn(world, 0), publishFn(world, 1)]);
  const final = publishFn(world, 1) as { consultations: GenderTable[] };
  const problems: string[] = [];
  world.forEach((c, i) => {
    const table = final.consultations[i]!;
    const withheld = GENDERS.filter((g) => table[g].suppressed);
    if (withheld.length === 0) return;
    const possible = new Map<Gender, Set<number>>(withheld.map((g) => [g, new Set<number>()]));
    for (const other of reanswered(c, withheld)) {
      const alternative = world.map((x, j) => (j === i ? other : x));
      if (JSON.stringify([publishFn(alternative, 0), publishFn(alternative, 1)]) !== seen) continue;
      for (const g of withheld) possible.get(g)!.add(other.counts[g]);
    }
    const room = withheld.reduce((sum, g) => sum + c.counts[g], 0) + c.skipped;
    for (const g of withheld) {
      const values = possible.get(g)!;
      // Any value from 0 to 4 (or to everyone left over, if fewer): no more than "under 5" is known.
      const expected = Array.from({ length: Math.min(GENDER_THRESHOLD - 1, room) + 1 }, (_, n) => n);
      if (!expected.every((n) => values.has(n))) {
        problems.push(`consultation ${i} ${g}: true ${c.counts[g]}, could only be ${[...values].sort((a, b) => a - b).join(",")}`);
      }
    }
  });
  return problems;
}

const consultation: fc.Arbitrary<Consultation> = fc.record({
  party: fc.constantFrom<Party>("CA", "CL"),
  area: fc.constantFrom(1, 2, 3, null),
  counts: fc.record({ woman: fc.nat(7), man: fc.nat(6), another: fc.nat(2), prefer_not: fc.nat(2) }),
  skipped: fc.nat(3),
  settles: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
});

describe("no withheld gender group can be derived from everything published (ADR 016)", () => {
  it("holds for random worlds over every scope and two moments", () => {
    fc.assert(
      fc.property(fc.array(consultation, { minLength: 1, maxLength: 4 }), (world) => {
        expect(leaks(world, publish)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("holds for the issue's example: all areas 8, area 1 none, area 2 five, area 3 three", () => {
    const c = (area: number, woman: number): Consultation => ({
      party: "CL",
      area,
      counts: { woman, man: 5, another: 0, prefer_not: 0 },
      skipped: 5,
      settles: 0,
    });
    expect(leaks([c(1, 0), c(2, 5), c(3, 3)], publish)).toEqual([]);
  });

  it("catches the leaks of the former rule (true counts per scope, groups of 1–4 withheld, zeros shown)", () => {
    // The same check against what the builder used to publish, to show it can fail.
    const suppress = (n: number): SuppressibleCount => (n > 0 && n < GENDER_THRESHOLD ? { value: null, suppressed: true } : { value: n, suppressed: false });
    const former: Publish = (world) => {
      const scope = (members: number[]) =>
        Object.fromEntries(GENDERS.map((g) => [g, suppress(members.reduce((sum, i) => sum + world[i]!.counts[g], 0))])) as GenderTable;
      const all = world.map((_, i) => i);
      return {
        consultations: all.map((i) => scope([i])),
        all: scope(all),
        areas: [1, 2, 3].map((a) => scope(all.filter((i) => world[i]!.area === a))),
        asked: world.map(respondents),
      };
    };
    const c = (area: number, woman: number): Consultation => ({
      party: "CL",
      area,
      counts: { woman, man: 5, another: 0, prefer_not: 0 },
      skipped: 5,
      settles: 0,
    });
    expect(leaks([c(1, 0), c(2, 5), c(3, 3)], former)).not.toEqual([]);
    expect(
      fc.check(
        fc.property(fc.array(consultation, { minLength: 1, maxLength: 4 }), (world) => leaks(world, former).length === 0),
        { numRuns: 40 },
      ).failed,
    ).toBe(true);
  });
});
