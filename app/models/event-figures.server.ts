import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { GENDER_THRESHOLD, GENDERS, type GenderTable } from "./gender-figures.server";
import type { SummaryEventFigures, SummaryEvents, SuppressibleCount } from "./summary-types";

/*
 * The public figures of an event's attendance (ADR 045). Who attended is personal: the register
 * is for officials, and the public sees only counts, taken once when the register is closed and
 * never again (so nothing can be worked out by comparing figures over time):
 *
 * - `registered` and `attended` as totals;
 * - by stakeholder type, country, region, women-led organisation and gender, each table protected
 *   as a settled consultation's gender table is (ADR 016): every group under 5 withheld, zeros
 *   included, and where the withheld groups and those not counted in that table together would be
 *   fewer than 5, the smallest shown group withheld too.
 *
 * Figures over several events are the sums of the figures each shows (`addUpEventFigures`),
 * never a count taken afresh.
 */

export type ProtectedTable = Record<string, SuppressibleCount>;

export interface EventFigures {
  /** Registrations confirmed when the register was closed (walk-ins not included). */
  registered: number;
  /** Present on the day, walk-ins included. */
  attended: number;
  byStakeholderType: ProtectedTable;
  byCountry: ProtectedTable;
  byRegion: ProtectedTable;
  womenLed: ProtectedTable;
  gender: GenderTable;
}

/** What the tables count: those who attended. */
export interface AttendanceCounts {
  registered: number;
  attended: number;
  byStakeholderType: Record<string, number>;
  byCountry: Record<string, number>;
  byRegion: Record<string, number>;
  womenLed: Record<string, number>;
  gender: Record<string, number>;
}

const withheld: SuppressibleCount = { value: null, suppressed: true };

/**
 * One table's groups, protected. `keys` are every group the table shows (a group absent from
 * `counts` is 0); `total` is everyone the table is about, answered or not.
 */
export function protectGroups(keys: readonly string[], counts: Record<string, number>, total: number): ProtectedTable {
  const n = (k: string) => counts[k] ?? 0;
  const hidden = new Set(keys.filter((k) => n(k) < GENDER_THRESHOLD));
  const shown = () => keys.filter((k) => !hidden.has(k));
  const left = () => total - shown().reduce((sum, k) => sum + n(k), 0);
  if (hidden.size > 0) {
    while (left() < GENDER_THRESHOLD && shown().length > 0) {
      const smallest = shown().reduce((a, b) => (n(b) < n(a) ? b : a));
      hidden.add(smallest);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, hidden.has(k) ? withheld : { value: n(k), suppressed: false }]));
}

/** The public figures from the raw counts (taken once, at closing). */
export function protectAttendance(counts: AttendanceCounts, groups: { stakeholderTypes: readonly string[]; regions: readonly string[] }): EventFigures {
  const total = counts.attended;
  return {
    registered: counts.registered,
    attended: counts.attended,
    byStakeholderType: protectGroups(groups.stakeholderTypes, counts.byStakeholderType, total),
    byCountry: protectGroups(["CA", "CL", "other"], counts.byCountry, total),
    byRegion: protectGroups(groups.regions, counts.byRegion, total),
    womenLed: protectGroups(["yes", "no", "prefer_not"], counts.womenLed, total),
    gender: protectGroups(GENDERS, counts.gender, total) as GenderTable,
  };
}

/** An event's raw attendance counts, for closing its register (officials' code only, never shown as is). */
export async function countAttendance(db: Kysely<Database>, eventId: number): Promise<AttendanceCounts> {
  const rows = await db
    .selectFrom("event_registrations as r")
    .leftJoin("event_registration_genders as g", "g.registration_id", "r.id")
    .select(["r.status", "r.walk_in", "r.attended_at", "r.stakeholder_type", "r.country", "r.region_code", "r.women_led", "g.gender"])
    .where("r.event_id", "=", eventId)
    .execute();
  const counts: AttendanceCounts = { registered: 0, attended: 0, byStakeholderType: {}, byCountry: {}, byRegion: {}, womenLed: {}, gender: {} };
  const add = (table: Record<string, number>, key: string | null) => {
    if (key) table[key] = (table[key] ?? 0) + 1;
  };
  for (const r of rows) {
    if (r.status === "confirmed" && Number(r.walk_in) === 0) counts.registered++;
    if (!r.attended_at) continue;
    counts.attended++;
    add(counts.byStakeholderType, r.stakeholder_type);
    add(counts.byCountry, r.country);
    add(counts.byRegion, r.region_code);
    add(counts.womenLed, r.women_led);
    add(counts.gender, r.gender);
  }
  return counts;
}

/** Figures over several events: the sums of what each shows; a group none shows stays withheld. */
export function addUpEventFigures(list: EventFigures[]): EventFigures {
  const sumTable = (pick: (f: EventFigures) => ProtectedTable): ProtectedTable => {
    const keys = [...new Set(list.flatMap((f) => Object.keys(pick(f))))];
    return Object.fromEntries(
      keys.map((k) => {
        const sum = list.reduce((total, f) => {
          const cell = pick(f)[k];
          return total + (cell && !cell.suppressed ? (cell.value ?? 0) : 0);
        }, 0);
        return [k, sum > 0 ? { value: sum, suppressed: false } : withheld];
      }),
    );
  };
  return {
    registered: list.reduce((s, f) => s + f.registered, 0),
    attended: list.reduce((s, f) => s + f.attended, 0),
    byStakeholderType: sumTable((f) => f.byStakeholderType),
    byCountry: sumTable((f) => f.byCountry),
    byRegion: sumTable((f) => f.byRegion),
    womenLed: sumTable((f) => f.womenLed),
    gender: sumTable((f) => f.gender) as GenderTable,
  };
}

/** A count as open data: a withheld one, or a group without a cell, as `{ value: null, suppressed: true }`. */
export function openCount(cell: SuppressibleCount | undefined): { value: number | null; suppressed: boolean } {
  return !cell || cell.suppressed ? { value: null, suppressed: true } : { value: cell.value, suppressed: false };
}

/** Events' figures as open data (the statistics API, the JSON summary): every group of the scope by its code. */
export function eventFiguresOpenData(f: SummaryEventFigures, groups: SummaryEvents["groups"]) {
  const table = (key: keyof SummaryEvents["groups"]) =>
    Object.fromEntries(groups[key].map((g) => [g.code, openCount((f[key] as Record<string, SuppressibleCount>)[g.code])]));
  return {
    held: f.held,
    registered: f.registered,
    attended: f.attended,
    byStakeholderType: table("byStakeholderType"),
    byCountry: table("byCountry"),
    byRegion: table("byRegion"),
    womenLed: table("womenLed"),
    gender: table("gender"),
  };
}
