// The figures the PDF and the DOCX lay out, built once for both from the summary in its language:
// the key figures, the breakdowns with a column per party (charted in the PDF) and the listings
// (regions, themes, campaigns). Each writer only decides how they look.
import type { TFunction } from "i18next";
import type { Locale } from "~/i18n";
import type { EventBreakdownKey, Summary, SuppressibleCount } from "~/models/summary-types";
import { formatDateTime } from "~/utils/format";

/** A count as the summary gives it: plain, or suppressed when under 5. */
export type FigureValue = number | SuppressibleCount;

export interface FigureRow {
  label: string;
  /** One per party, in the order of `summary.parties`. */
  values: FigureValue[];
  total: FigureValue;
}

export interface Breakdown {
  key: "byStakeholder" | "byLanguage" | "womenLed" | "gender";
  title: string;
  /** The heading of the column of labels. */
  firstColumn: string;
  rows: FigureRow[];
  /** Said with the table (the suppression rule under the gender figures). */
  note?: string;
}

export interface Listing {
  key: "byRegion" | "themes" | "campaigns" | "events";
  title: string;
  headers: string[];
  /** Ready to show; the last cell of a row is its count. */
  rows: string[][];
}

const locales: Locale[] = ["en", "fr", "es"];
const genders = ["woman", "man", "another", "prefer_not"] as const;
const womenLedAnswers = ["yes", "no", "prefer_not", "not_answered"] as const;
const metrics = ["received", "published", "officialsOnly", "rejected", "withdrawn", "pending", "distinctContributions"] as const;

/** Received, published, officials only… one row each. */
export function keyFigures(summary: Summary, t: TFunction): { firstColumn: string; rows: FigureRow[] } {
  return {
    firstColumn: t("summary.columns.metric"),
    rows: metrics.map((m) => ({ label: t(`summary.metrics.${m}`), values: summary.parties.map((p) => p[m]), total: summary.totals[m] })),
  };
}

export function breakdowns(summary: Summary, t: TFunction): Breakdown[] {
  const { parties, totals, meta } = summary;
  return [
    {
      key: "byStakeholder",
      title: t("summary.sections.byStakeholder"),
      firstColumn: t("summary.columns.stakeholderType"),
      rows: Object.keys(totals.byStakeholderType).map((code) => ({
        label: meta.labels.stakeholderTypes[code] ?? code,
        values: parties.map((p) => p.byStakeholderType[code] ?? 0),
        total: totals.byStakeholderType[code] ?? 0,
      })),
    },
    {
      key: "byLanguage",
      title: t("summary.sections.byLanguage"),
      firstColumn: t("summary.columns.language"),
      rows: locales.map((l) => ({ label: meta.labels.languages[l], values: parties.map((p) => p.byLanguage[l]), total: totals.byLanguage[l] })),
    },
    {
      key: "womenLed",
      title: t("summary.sections.womenLed"),
      firstColumn: t("summary.columns.womenLed"),
      rows: womenLedAnswers.map((a) => ({ label: t(`summary.womenLed.${a}`), values: parties.map((p) => p.womenLed[a]), total: totals.womenLed[a] })),
    },
    {
      key: "gender",
      title: t("summary.sections.gender"),
      firstColumn: t("summary.columns.metric"),
      rows: genders.map((g) => ({ label: t(`summary.gender.${g}`), values: parties.map((p) => p.gender[g]), total: totals.gender[g] })),
      note: t("summary.suppressionNote"),
    },
  ];
}

/** The regions, themes and campaigns; with two parties a first column says whose each row is. */
export function listings(summary: Summary, t: TFunction, count: (n: number) => string): Listing[] {
  const parties = summary.parties;
  const many = parties.length > 1;
  const partyColumn = many ? [t("summary.columns.party")] : [];
  const whose = (partyName: string) => (many ? [partyName] : []);
  return [
    {
      key: "byRegion",
      title: t("summary.sections.byRegion"),
      headers: [...partyColumn, t("summary.columns.region"), t("summary.count")],
      rows: parties.flatMap((p) =>
        p.byRegion.map((r) => [...whose(p.partyName), r.name || (r.code === "other" ? t("summary.otherCountry") : t("summary.notGiven")), count(r.count)]),
      ),
    },
    {
      key: "themes",
      title: t("summary.sections.themes"),
      headers: [...partyColumn, t("summary.columns.themes"), t("summary.count")],
      rows: parties.flatMap((p) => p.themes.map((th) => [...whose(p.partyName), th.label, count(th.count)])),
    },
    {
      key: "campaigns",
      title: t("summary.sections.campaigns"),
      headers: [...partyColumn, t("summary.columns.reference"), t("summary.columns.title"), t("summary.columns.campaignSenders")],
      rows: parties.flatMap((p) => p.campaigns.map((c) => [...whose(p.partyName), c.reference, c.title, count(c.senders)])),
    },
  ];
}

export const eventBreakdownKeys: EventBreakdownKey[] = ["byStakeholderType", "byCountry", "byRegion", "womenLed", "gender"];

/**
 * The events section every format lays out (ADR 045): the events held (a listing) and, with a
 * column per party and the total, how many were held, registered and attended, then each
 * breakdown of the attendees with its withheld groups. Null when no event in the scope counts.
 */
export function eventSections(
  summary: Summary,
  t: TFunction,
  count: (n: number) => string,
): {
  list: Listing;
  key: { firstColumn: string; rows: FigureRow[] };
  breakdowns: Array<{ key: EventBreakdownKey; title: string; firstColumn: string; rows: FigureRow[] }>;
} | null {
  const { events, meta } = summary;
  if (events.totals.held === 0) return null;
  const many = events.parties.length > 1;
  const partyName = (code: string) => events.parties.find((p) => p.party === code)?.partyName ?? code;
  return {
    list: {
      key: "events",
      title: t("summary.events.list"),
      headers: [
        ...(many ? [t("summary.events.columns.party")] : []),
        t("summary.events.columns.event"),
        t("summary.events.columns.date"),
        t("summary.events.columns.format"),
        t("summary.events.metrics.registered"),
        t("summary.events.metrics.attended"),
      ],
      rows: events.list.map((e) => [
        ...(many ? [partyName(e.party)] : []),
        e.title,
        formatDateTime(e.startsAt, meta.locale, e.timeZone),
        events.formats[e.format],
        count(e.registered),
        count(e.attended),
      ]),
    },
    key: {
      firstColumn: t("summary.columns.metric"),
      rows: (["held", "registered", "attended"] as const).map((m) => ({
        label: t(`summary.events.metrics.${m}`),
        values: events.parties.map((p) => p.figures[m]),
        total: events.totals[m],
      })),
    },
    // A breakdown without groups (no region given at any event) is left out.
    breakdowns: eventBreakdownKeys
      .filter((key) => events.groups[key].length > 0)
      .map((key) => ({
        key,
        title: t(`summary.events.breakdowns.${key}`),
        firstColumn: t("summary.events.columns.group"),
        rows: events.groups[key].map((g) => ({
          label: g.label,
          values: events.parties.map((p) => (p.figures[key] as Record<string, SuppressibleCount>)[g.code] ?? { value: null, suppressed: true }),
          total: (events.totals[key] as Record<string, SuppressibleCount>)[g.code] ?? { value: null, suppressed: true },
        })),
      })),
  };
}

/** A figure as text: the number, or "fewer than 5" where it is suppressed. */
export function showFigure(value: FigureValue, count: (n: number) => string, fewer: string): string {
  if (typeof value === "number") return count(value);
  return value.suppressed || value.value === null ? fewer : count(value.value);
}
