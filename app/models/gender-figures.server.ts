import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SuppressibleCount } from "./summary-types";

/*
 * The published gender figures (ADR 016). Gender answers are personal, so only two kinds of
 * figure are ever published, whatever the scope:
 *
 * 1. A settled consultation's own table (`protectConsultation`): its counts as they were when it
 *    was first closed with nothing pending (a snapshot that never changes), with every group under
 *    5 withheld — zeros included — and, where the withheld groups and the people who did not
 *    answer would together be fewer than 5, the smallest shown group withheld too.
 * 2. A table over several consultations (`addUpPublished`): the sum of the figures shown for each,
 *    never a count taken afresh. It can only be worked out from figures already published, so
 *    nothing withheld can be worked back from it, across scopes or over time.
 *
 * Women-led organisations are about organisations, not people, and are not handled here.
 */

export const GENDERS = ["woman", "man", "another", "prefer_not"] as const;
export type Gender = (typeof GENDERS)[number];
export type GenderCounts = Record<Gender, number>;
export type GenderTable = Record<Gender, SuppressibleCount>;

/** Groups smaller than this are never shown. */
export const GENDER_THRESHOLD = 5;

const withheld: SuppressibleCount = { value: null, suppressed: true };

/**
 * One settled consultation's table. `respondents` is everyone who was asked (approved submissions
 * written for oneself, answered or not): at least as many as anyone outside can count.
 */
export function protectConsultation(counts: GenderCounts, respondents: number): GenderTable {
  const hidden = new Set<Gender>(GENDERS.filter((g) => counts[g] < GENDER_THRESHOLD));
  // The withheld groups and the people who did not answer share what the shown groups leave of
  // the respondents; were that fewer than 5, each withheld group would be narrowed to under 5
  // (to exactly 0 when nothing is left). Withholding the smallest shown group leaves 5 or more.
  const shown = () => GENDERS.filter((g) => !hidden.has(g));
  const left = () => respondents - shown().reduce((sum, g) => sum + counts[g], 0);
  if (hidden.size > 0) {
    while (left() < GENDER_THRESHOLD && shown().length > 0) {
      const smallest = shown().reduce((a, b) => (counts[b] < counts[a] ? b : a));
      hidden.add(smallest);
    }
  }
  return Object.fromEntries(GENDERS.map((g) => [g, hidden.has(g) ? withheld : { value: counts[g], suppressed: false }])) as GenderTable;
}

/** A table over several consultations: the sum of the figures each shows; withheld when none shows any. */
export function addUpPublished(tables: GenderTable[]): GenderTable {
  return Object.fromEntries(
    GENDERS.map((g) => {
      const sum = tables.reduce((total, table) => total + (table[g].suppressed ? 0 : (table[g].value ?? 0)), 0);
      return [g, sum > 0 ? { value: sum, suppressed: false } : withheld];
    }),
  ) as GenderTable;
}

/** Closed (at its end or early) and with no submission awaiting a decision. */
export function isSettled(topic: { closes_at: string; closed_early_at: string | null }, pending: number, now: Date): boolean {
  const at = now.toISOString();
  const closed = topic.closes_at <= at || (topic.closed_early_at !== null && topic.closed_early_at <= at);
  return closed && pending === 0;
}

/**
 * The published table of each given consultation that is settled at `now` (an absent one has none
 * yet), from its snapshot, taken here the first time it is found settled.
 */
export async function consultationGenderTables(
  db: Kysely<Database>,
  topics: Array<{ id: number; closes_at: string; closed_early_at: string | null }>,
  now: Date,
): Promise<Map<number, GenderTable>> {
  const ids = topics.map((tp) => tp.id);
  if (ids.length === 0) return new Map();
  const snapshots = async () => db.selectFrom("gender_snapshots").selectAll().where("topic_id", "in", ids).execute();
  let taken = await snapshots();
  const missing = topics.filter((tp) => !taken.some((s) => s.topic_id === tp.id));
  if (missing.length > 0) {
    const missingIds = missing.map((tp) => tp.id);
    const pending = await db
      .selectFrom("submissions")
      .select(["topic_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("topic_id", "in", missingIds)
      .where("status", "=", "pending")
      .groupBy("topic_id")
      .execute();
    const settled = missing.filter((tp) => isSettled(tp, Number(pending.find((r) => r.topic_id === tp.id)?.n ?? 0), now)).map((tp) => tp.id);
    if (settled.length > 0) {
      const self = () =>
        db.selectFrom("submissions as s").where("s.topic_id", "in", settled).where("s.status", "=", "approved").where("s.on_behalf", "=", "self");
      const respondents = await self()
        .select(["s.topic_id", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("s.topic_id")
        .execute();
      const answers = await self()
        .innerJoin("participant_profiles as pp", "pp.submission_id", "s.id")
        .select(["s.topic_id", "pp.gender", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.topic_id", "pp.gender"])
        .execute();
      const count = (id: number, g: Gender) => Number(answers.find((r) => r.topic_id === id && r.gender === g)?.n ?? 0);
      // Two readers may find the same consultation settled at once: the first snapshot stands.
      await db
        .insertInto("gender_snapshots")
        .values(
          settled.map((id) => ({
            topic_id: id,
            woman: count(id, "woman"),
            man: count(id, "man"),
            another: count(id, "another"),
            prefer_not: count(id, "prefer_not"),
            respondents: Number(respondents.find((r) => r.topic_id === id)?.n ?? 0),
            taken_at: now.toISOString(),
          })),
        )
        .onConflict((oc) => oc.column("topic_id").doNothing())
        .execute();
      taken = await snapshots();
    }
  }
  return new Map(
    taken.map((s) => [s.topic_id, protectConsultation({ woman: s.woman, man: s.man, another: s.another, prefer_not: s.prefer_not }, s.respondents)]),
  );
}
