import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { stakeholderTypes } from "~/schemas/submission";
import { eventFiguresOpenData, openCount } from "./event-figures.server";
import { listParties, listRegions } from "./parties.server";
import { buildSummary, SUPPRESS_BELOW } from "./summaries.server";
import type { PartyFigures, Summary, SummaryEvents, SummaryScope } from "./summary-types";

/*
 * Public statistics (/:lang/stats and /api/v1/stats). Every figure except "over time" comes from
 * the public edition of buildSummary, so the page, the API and the summaries of the same scope
 * always show the same numbers; "over time" is counted here over exactly the summary's topics.
 */

/** The query string of the page and the API: anything malformed is ignored, not an error. */
export const statsQuerySchema = z.object({
  area: z.coerce.number().int().min(1).max(99).optional().catch(undefined),
});

export const STAT_METRICS = ["received", "published", "officialsOnly", "rejected", "withdrawn", "pending", "distinctContributions"] as const;
export type StatMetric = (typeof STAT_METRICS)[number];
type PartyCode = "CA" | "CL";

/** One party's figures: what the public may see of PartyFigures (no texts, no campaign titles). */
export type StatsParty = Pick<PartyFigures, "party" | "partyName" | StatMetric | "byStakeholderType" | "byRegion" | "byLanguage" | "womenLed" | "gender">;
export type StatsTotals = Pick<Summary["totals"], StatMetric | "byStakeholderType" | "byLanguage" | "womenLed" | "gender">;

/** Approved submissions sent in one month ("YYYY-MM", UTC), per party. */
export interface MonthCount {
  month: string;
  /** In the page's language: "November 2026", and "Nov" + "2026" for a chart's axis. */
  label: string;
  shortLabel: string;
  year: string;
  counts: Record<PartyCode, number>;
  total: number;
}

/**
 * Approved submissions by the country the writer gave (not the consultation's country, which is
 * what `parties` breaks down by): across the consultations of both countries, with how many went
 * to each country's consultations and the writers' regions.
 */
export interface WriterCountry {
  country: PartyCode | "other";
  countryName: string;
  byConsultationCountry: Record<PartyCode, number>;
  total: number;
  /** By region code ("none" when not given); for "other", one row. */
  byRegion: Array<{ code: string; name: string; count: number }>;
}

/** Raised when Stats changes shape: a stored snapshot of another shape is computed again (ADR 043). */
export const STATS_SHAPE = 3;

/** The events held in the scope (ADR 045): the summary's event figures, per organising party and in all. */
export type StatsEvents = Pick<SummaryEvents, "parties" | "totals" | "groups">;

export interface Stats {
  shape: number;
  generatedAt: string;
  scope: SummaryScope;
  scopeLabel: string;
  locale: Locale;
  parties: StatsParty[];
  totals: StatsTotals;
  /** Every stakeholder type in form order, labelled in the page's language. */
  stakeholderTypes: Array<{ code: string; label: string }>;
  /** First to last month with an approved submission, months without any included as 0. */
  overTime: MonthCount[];
  byWriterCountry: WriterCountry[];
  events: StatsEvents;
}

/**
 * The statistics of every public consultation, or of one work plan area's (both countries) when
 * `areaNumber` is given. Null when no area has that number.
 */
export async function getStats(db: Kysely<Database>, input: { locale: Locale; areaNumber?: number; now?: Date }): Promise<Stats | null> {
  const { locale, areaNumber } = input;
  if (areaNumber !== undefined) {
    const area = await db.selectFrom("workplan_areas").select("id").where("number", "=", areaNumber).executeTakeFirst();
    if (!area) return null;
  }
  const scope: SummaryScope = areaNumber === undefined ? { kind: "all" } : { kind: "bilateral-area", areaNumber };
  const summary = await buildSummary(db, { scope, edition: "public", locale, now: input.now });
  const topicIds = summary.meta.topics.map((tp) => tp.id);
  return {
    shape: STATS_SHAPE,
    generatedAt: summary.meta.generatedAt,
    scope,
    scopeLabel: summary.meta.scopeLabel,
    locale,
    parties: summary.parties.map((p) => ({
      party: p.party,
      partyName: p.partyName,
      ...pickMetrics(p),
      byStakeholderType: p.byStakeholderType,
      byRegion: p.byRegion,
      byLanguage: p.byLanguage,
      womenLed: p.womenLed,
      gender: p.gender,
    })),
    totals: {
      ...pickMetrics(summary.totals),
      byStakeholderType: summary.totals.byStakeholderType,
      byLanguage: summary.totals.byLanguage,
      womenLed: summary.totals.womenLed,
      gender: summary.totals.gender,
    },
    stakeholderTypes: stakeholderTypes.map((code) => ({ code, label: summary.meta.labels.stakeholderTypes[code] ?? code })),
    overTime: await approvedPerMonth(db, topicIds, locale),
    byWriterCountry: await byWriterCountry(db, topicIds, locale),
    events: { parties: summary.events.parties, totals: summary.events.totals, groups: summary.events.groups },
  };
}

/** Approved submissions over the given topics by the writer's country and region (see WriterCountry). */
async function byWriterCountry(db: Kysely<Database>, topicIds: number[], locale: Locale): Promise<WriterCountry[]> {
  const t = getT(locale);
  const rows = topicIds.length
    ? await db
        .selectFrom("submissions as s")
        .where("s.topic_id", "in", topicIds)
        .where("s.status", "=", "approved")
        .select(["s.country", "s.region_code", "s.party_code", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.country", "s.region_code", "s.party_code"])
        .execute()
    : [];
  const partyNames = new Map((await listParties(db, locale)).map((p) => [p.code, p.name]));
  const countries = ["CA", "CL", "other"] as const;
  return Promise.all(
    countries.map(async (country) => {
      const own = rows.filter((r) => r.country === country);
      const regionNames = country === "other" ? new Map<string, string>() : new Map((await listRegions(db, country, locale)).map((r) => [r.code, r.name]));
      const byRegion = new Map<string, { code: string; name: string; count: number }>();
      for (const r of own) {
        const code = country === "other" ? "other" : (r.region_code ?? "none");
        const name = code === "other" ? t("summary.otherCountry") : code === "none" ? t("summary.notGiven") : (regionNames.get(code) ?? code);
        const entry = byRegion.get(code) ?? { code, name, count: 0 };
        entry.count += Number(r.n);
        byRegion.set(code, entry);
      }
      const to = (party: PartyCode) => own.filter((r) => r.party_code === party).reduce((sum, r) => sum + Number(r.n), 0);
      const byConsultationCountry = { CA: to("CA"), CL: to("CL") };
      return {
        country,
        countryName: country === "other" ? t("summary.otherCountry") : (partyNames.get(country) ?? country),
        byConsultationCountry,
        total: byConsultationCountry.CA + byConsultationCountry.CL,
        byRegion: [...byRegion.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, locale)),
      };
    }),
  );
}

function pickMetrics(figures: Record<StatMetric, number>): Record<StatMetric, number> {
  return Object.fromEntries(STAT_METRICS.map((m) => [m, figures[m]])) as Record<StatMetric, number>;
}

/** Approved submissions per month (of their sending, UTC) and party, over the given topics. */
async function approvedPerMonth(db: Kysely<Database>, topicIds: number[], locale: Locale): Promise<MonthCount[]> {
  if (topicIds.length === 0) return [];
  // ISO-8601 text timestamps on both engines: the first 7 characters are the month.
  const month = sql<string>`substr(s.created_at, 1, 7)`;
  const rows = await db
    .selectFrom("submissions as s")
    .where("s.topic_id", "in", topicIds)
    .where("s.status", "=", "approved")
    .select(["s.party_code", month.as("month"), (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["s.party_code", month])
    .execute();
  if (rows.length === 0) return [];
  const months = rows.map((r) => r.month).sort();
  const long = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const out: MonthCount[] = [];
  for (let m = months[0]!; m <= months.at(-1)!; m = nextMonth(m)) {
    const count = (party: PartyCode) => rows.filter((r) => r.month === m && r.party_code === party).reduce((sum, r) => sum + Number(r.n), 0);
    const counts = { CA: count("CA"), CL: count("CL") };
    const date = new Date(`${m}-15T12:00:00.000Z`);
    out.push({
      month: m,
      label: long.format(date),
      shortLabel: short.format(date).replace(/\.$/, ""),
      year: m.slice(0, 4),
      counts,
      total: counts.CA + counts.CL,
    });
  }
  return out;
}

function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** Regions for a chart: the `top` largest named ones, the rest together, then another country and not given. */
export function topRegions(byRegion: StatsParty["byRegion"], top: number, restLabel: string) {
  const named = byRegion.filter((r) => r.code !== "other" && r.code !== "none");
  const rest = named.slice(top).reduce((sum, r) => sum + r.count, 0);
  return [
    ...named.slice(0, top),
    ...(rest > 0 ? [{ code: "rest", name: restLabel, count: rest }] : []),
    ...byRegion.filter((r) => r.code === "other"),
    ...byRegion.filter((r) => r.code === "none"),
  ];
}

/** The events' figures as open data: codes, withheld groups as `{ value: null, suppressed: true }`. */
function eventsOpenData(events: StatsEvents) {
  return {
    parties: events.parties.map((p) => ({ party: p.party, ...eventFiguresOpenData(p.figures, events.groups) })),
    totals: eventFiguresOpenData(events.totals, events.groups),
  };
}

/**
 * The open-data shape of /api/v1/stats: codes instead of labels (stakeholder types also labelled
 * in the three languages), suppressed groups as `{ value: null, suppressed: true }`.
 */
export function statsOpenData(stats: Stats) {
  const labels = (["en", "fr", "es"] as const).map((l) => [l, getT(l)] as const);
  const figures = (f: StatsTotals) => ({
    ...pickMetrics(f),
    byStakeholderType: f.byStakeholderType,
    byLanguage: f.byLanguage,
    womenLed: f.womenLed,
    gender: Object.fromEntries(Object.entries(f.gender).map(([k, v]) => [k, openCount(v)])),
  });
  return {
    generatedAt: stats.generatedAt,
    scope: stats.scope.kind === "bilateral-area" ? { kind: "bilateral-area", areaNumber: stats.scope.areaNumber } : { kind: "all" },
    suppressedBelow: SUPPRESS_BELOW,
    stakeholderTypes: stakeholderTypes.map((code) => ({
      code,
      labels: Object.fromEntries(labels.map(([l, t]) => [l, t(`submission.choices.stakeholderType.${code}`)])),
    })),
    parties: stats.parties.map((p) => ({
      party: p.party,
      ...figures(p),
      byRegion: p.byRegion.map((r) => ({ code: r.code, count: r.count })),
    })),
    totals: figures(stats.totals),
    overTime: stats.overTime.map((m) => ({ month: m.month, counts: m.counts, total: m.total })),
    // Events held whose attendance register is closed: the stored public figures added up (ADR 045).
    events: eventsOpenData(stats.events),
    // `parties` counts by the consultation's country; this, by the country the writer gave.
    byWriterCountry: stats.byWriterCountry.map((w) => ({
      country: w.country,
      byConsultationCountry: w.byConsultationCountry,
      total: w.total,
      byRegion: w.byRegion.map((r) => ({ code: r.code, count: r.count })),
    })),
  };
}
