import { sql, type Kysely } from "kysely";
import type { Database, EventFormat, EventState } from "../../db/schema";
import { isLocale, type Locale } from "~/i18n";
import type { EventFigures } from "./event-figures.server";
import { formatDateTime } from "~/utils/format";
import { listParties } from "./parties.server";
import { pickTranslation } from "./topics.server";

/*
 * What the public sees of events (ADR 045): published, cancelled and held events — never drafts —
 * in the page's language (or another the event has). Nothing personal and not the online link is
 * ever selected here: of the registrations, only the number confirmed (for the places left); of a
 * closed register, only the figures suppressed once at closing (`event_registers.figures`), shown
 * as stored and never computed again.
 */

export const PUBLIC_EVENT_STATES = ["published", "cancelled", "held"] as const satisfies readonly EventState[];
export const EVENTS_PAGE_SIZE = 20;
/** The JSON API's pages: at most this many events each. */
export const EVENTS_API_PAGE_SIZE = 100;

export interface PublicEventFilters {
  country?: "CA" | "CL";
  /** Work-plan area number. */
  area?: number;
  format?: EventFormat;
  page?: number;
}

export type RegistrationWindow = "not_yet" | "open" | "closed";

export interface PublicEvent {
  id: number;
  slug: string;
  partyCode: string;
  state: "published" | "cancelled" | "held";
  format: EventFormat;
  /** The place as written (in person or hybrid); the online link is never public. */
  place: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The event's languages and those interpreted into. */
  languages: Locale[];
  interpretation: Locale[];
  title: string;
  description: string;
  agenda: string;
  /** The language of the texts shown (the page's, else another the event has). */
  contentLocale: Locale;
  availableLocales: Locale[];
  area: { number: number; title: string | null } | null;
  workplanItemId: number | null;
  /** Null: no limit. */
  capacity: number | null;
  /** Capacity minus confirmed registrations (never below 0); null without a limit. */
  placesLeft: number | null;
  registrationOpensAt: string;
  registrationClosesAt: string;
  requiresApproval: boolean;
  /** Whether one may register now (a published event, its window open, not yet over). */
  registration: RegistrationWindow;
  /** Not yet over. */
  upcoming: boolean;
  cancelledAt: string | null;
  cancellationNote: string | null;
  report: { fileName: string; size: number } | null;
  recordingUrl: string | null;
  /** A held event's closed register: when, and its public figures as frozen then. */
  register: { closedAt: string; figures: EventFigures } | null;
  /** Raised on every change (calendars replace their copy). */
  version: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface PublicEventList {
  events: PublicEvent[];
  total: number;
  page: number;
  pages: number;
}

type Db = Kysely<Database>;

function baseQuery(db: Db, filters: PublicEventFilters) {
  return db
    .selectFrom("events as e")
    .leftJoin("workplan_areas as a", "a.id", "e.area_id")
    .where("e.state", "in", PUBLIC_EVENT_STATES)
    .$if(filters.country !== undefined, (q) => q.where("e.party_code", "=", filters.country!))
    .$if(filters.area !== undefined, (q) => q.where("a.number", "=", filters.area!))
    .$if(filters.format !== undefined, (q) => q.where("e.format", "=", filters.format!));
}

// Every column the public may see; `online_url` is deliberately absent.
const PUBLIC_COLUMNS = [
  "e.id",
  "e.slug",
  "e.party_code",
  "e.state",
  "e.format",
  "e.place",
  "e.starts_at",
  "e.ends_at",
  "e.time_zone",
  "e.languages",
  "e.interpretation",
  "e.capacity",
  "e.registration_opens_at",
  "e.registration_closes_at",
  "e.requires_approval",
  "e.cancelled_at",
  "e.cancellation_note",
  "e.recording_url",
  "e.report_file_name",
  "e.report_size",
  "e.workplan_item_id",
  "e.version",
  "e.published_at",
  "e.updated_at",
  "a.number as area_number",
  "a.id as area_id",
] as const;

/**
 * Public events, upcoming first (soonest first), then past ones (most recent first), a page at a
 * time. An event is upcoming until it ends.
 */
export async function listPublicEvents(
  db: Db,
  locale: Locale,
  filters: PublicEventFilters = {},
  options: { now?: Date; pageSize?: number } = {},
): Promise<PublicEventList> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const pageSize = options.pageSize ?? EVENTS_PAGE_SIZE;
  const { n } = await baseQuery(db, filters)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, filters.page ?? 1), pages);
  const rows = await baseQuery(db, filters)
    .select(PUBLIC_COLUMNS)
    .orderBy(sql`case when e.ends_at > ${at} then 0 else 1 end`)
    .orderBy(sql`case when e.ends_at > ${at} then e.starts_at end`, "asc")
    .orderBy(sql`case when e.ends_at > ${at} then null else e.starts_at end`, "desc")
    .orderBy("e.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { events: await complete(db, rows, locale, now), total, page, pages };
}

/** One public event by its slug; null for a draft or an unknown slug. */
export async function getPublicEvent(db: Db, slug: string, locale: Locale, now: Date = new Date()): Promise<PublicEvent | null> {
  const row = await baseQuery(db, {}).select(PUBLIC_COLUMNS).where("e.slug", "=", slug).executeTakeFirst();
  if (!row) return null;
  const [event] = await complete(db, [row], locale, now);
  return event ?? null;
}

type Row = {
  id: number;
  slug: string;
  party_code: string;
  state: EventState;
  format: EventFormat;
  place: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  languages: string;
  interpretation: string;
  capacity: number | null;
  registration_opens_at: string;
  registration_closes_at: string;
  requires_approval: number;
  cancelled_at: string | null;
  cancellation_note: string | null;
  recording_url: string | null;
  report_file_name: string | null;
  report_size: number | null;
  workplan_item_id: number | null;
  version: number;
  published_at: string | null;
  updated_at: string;
  area_number: number | null;
  area_id: number | null;
};

const locales = (list: string): Locale[] => list.split(",").filter(isLocale);

async function complete(db: Db, rows: Row[], locale: Locale, now: Date): Promise<PublicEvent[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const areaIds = [...new Set(rows.flatMap((r) => (r.area_id === null ? [] : [r.area_id])))];
  const [texts, confirmed, registers, areaTitles] = await Promise.all([
    db.selectFrom("event_translations").select(["event_id", "locale", "title", "description", "agenda"]).where("event_id", "in", ids).execute(),
    // Only a count: nothing else of a registration is ever read here.
    db
      .selectFrom("event_registrations")
      .select(["event_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("event_id", "in", ids)
      .where("status", "=", "confirmed")
      .groupBy("event_id")
      .execute(),
    db.selectFrom("event_registers").select(["event_id", "closed_at", "figures"]).where("event_id", "in", ids).execute(),
    areaIds.length
      ? db.selectFrom("workplan_area_translations").select(["area_id", "title"]).where("area_id", "in", areaIds).where("locale", "=", locale).execute()
      : Promise.resolve([]),
  ]);
  const at = now.toISOString();
  return rows.flatMap((r) => {
    const own = texts.filter((t) => t.event_id === r.id);
    const text = pickTranslation(own, locale);
    if (!text) return [];
    const state = r.state as PublicEvent["state"];
    const capacity = r.capacity === null ? null : Number(r.capacity);
    const taken = Number(confirmed.find((c) => c.event_id === r.id)?.n ?? 0);
    const register = state === "held" ? registers.find((g) => g.event_id === r.id) : undefined;
    const upcoming = r.ends_at > at;
    const registration: RegistrationWindow =
      state !== "published" || !upcoming || at >= r.registration_closes_at ? "closed" : at < r.registration_opens_at ? "not_yet" : "open";
    return [
      {
        id: r.id,
        slug: r.slug,
        partyCode: r.party_code,
        state,
        format: r.format,
        place: r.format === "online" ? null : r.place,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        timeZone: r.time_zone,
        languages: locales(r.languages),
        interpretation: locales(r.interpretation),
        title: text.title,
        description: text.description,
        agenda: text.agenda,
        contentLocale: text.locale,
        availableLocales: own.map((t) => t.locale).sort(),
        area: r.area_number === null ? null : { number: Number(r.area_number), title: areaTitles.find((a) => a.area_id === r.area_id)?.title ?? null },
        workplanItemId: r.workplan_item_id,
        capacity,
        placesLeft: capacity === null ? null : Math.max(0, capacity - taken),
        registrationOpensAt: r.registration_opens_at,
        registrationClosesAt: r.registration_closes_at,
        requiresApproval: Number(r.requires_approval) === 1,
        registration,
        upcoming,
        cancelledAt: state === "cancelled" ? r.cancelled_at : null,
        cancellationNote: state === "cancelled" ? r.cancellation_note : null,
        report: r.report_file_name ? { fileName: r.report_file_name, size: Number(r.report_size ?? 0) } : null,
        // Only a web address is ever linked (never a javascript: or data: one).
        recordingUrl: r.recording_url && /^https?:\/\//i.test(r.recording_url) ? r.recording_url : null,
        register: register ? { closedAt: register.closed_at, figures: JSON.parse(register.figures) as EventFigures } : null,
        version: Number(r.version),
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}

/** Every public event (for the iCalendar feeds), of one country or both, soonest first. */
export async function listAllPublicEvents(db: Db, locale: Locale, filters: Pick<PublicEventFilters, "country"> = {}, now: Date = new Date()) {
  const rows = await baseQuery(db, filters).select(PUBLIC_COLUMNS).orderBy("e.starts_at").orderBy("e.id").execute();
  return complete(db, rows, locale, now);
}

/** The events delivering each work-plan activity (by item id), soonest first. */
export interface WorkplanEvent {
  slug: string;
  title: string;
  startsAt: string;
  timeZone: string;
  state: PublicEvent["state"];
  /** Held with its attendance register closed: the register is delivered. */
  registerClosed: boolean;
  /** The event report is attached. */
  reportAttached: boolean;
}

export async function listEventsByWorkplanItem(db: Db, locale: Locale): Promise<Map<number, WorkplanEvent[]>> {
  const rows = await db
    .selectFrom("events as e")
    .leftJoin("event_registers as g", "g.event_id", "e.id")
    .select(["e.id", "e.slug", "e.workplan_item_id", "e.state", "e.starts_at", "e.time_zone", "e.report_file_name", "g.closed_at"])
    .where("e.state", "in", PUBLIC_EVENT_STATES)
    .where("e.workplan_item_id", "is not", null)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .execute();
  const ids = rows.map((r) => r.id);
  const texts = ids.length ? await db.selectFrom("event_translations").select(["event_id", "locale", "title"]).where("event_id", "in", ids).execute() : [];
  const byItem = new Map<number, WorkplanEvent[]>();
  for (const r of rows) {
    const text = pickTranslation(
      texts.filter((t) => t.event_id === r.id),
      locale,
    );
    if (!text || r.workplan_item_id === null) continue;
    const list = byItem.get(r.workplan_item_id) ?? [];
    list.push({
      slug: r.slug,
      title: text.title,
      startsAt: r.starts_at,
      timeZone: r.time_zone,
      state: r.state as PublicEvent["state"],
      registerClosed: r.state === "held" && r.closed_at !== null,
      reportAttached: r.report_file_name !== null,
    });
    byItem.set(r.workplan_item_id, list);
  }
  return byItem;
}

/** An event as the open-data API gives it: no personal data, not the online link. */
export function eventForApi(e: PublicEvent, base: string) {
  return {
    slug: e.slug,
    url: `${base}/${e.contentLocale}/events/${e.slug}`,
    country: e.partyCode,
    state: e.state,
    format: e.format,
    place: e.place,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    languages: e.languages,
    interpretation: e.interpretation,
    title: e.title,
    description: e.description,
    agenda: e.agenda,
    language: e.contentLocale,
    availableLanguages: e.availableLocales,
    workplanArea: e.area?.number ?? null,
    workplanItemId: e.workplanItemId,
    capacity: e.capacity,
    placesLeft: e.placesLeft,
    registration: {
      opensAt: e.registrationOpensAt,
      closesAt: e.registrationClosesAt,
      requiresApproval: e.requiresApproval,
      status: e.registration,
      url: e.registration === "open" ? `${base}/${e.contentLocale}/events/${e.slug}/register` : null,
    },
    cancelledAt: e.cancelledAt,
    cancellationNote: e.cancellationNote,
    report: e.report ? { fileName: e.report.fileName, size: e.report.size, url: `${base}/${e.contentLocale}/events/${e.slug}/report` } : null,
    recordingUrl: e.recordingUrl,
    attendance: e.register ? { registerClosedAt: e.register.closedAt, figures: e.register.figures } : null,
    calendar: `${base}/${e.contentLocale}/events/${e.slug}.ics`,
    version: e.version,
    publishedAt: e.publishedAt,
    updatedAt: e.updatedAt,
  };
}

/**
 * How to write an event's times: in the event's own zone, with the zone's name — the country's
 * label ("Santiago time") when it is the country's zone — and its offset that day ("GMT-3"), so
 * a reader elsewhere knows which hour is meant on either side of a daylight-saving change.
 */
const INTL_LOCALE: Record<Locale, string> = { en: "en-CA", fr: "fr-CA", es: "es-CL" };

export async function eventClock(db: Db, locale: Locale) {
  const parties = await listParties(db, locale);
  return (e: { startsAt: string; endsAt: string; timeZone: string }) => {
    const party = parties.find((p) => p.timeZone === e.timeZone);
    const offset =
      new Intl.DateTimeFormat("en", { timeZone: e.timeZone, timeZoneName: "shortOffset" })
        .formatToParts(new Date(e.startsAt))
        .find((p) => p.type === "timeZoneName")?.value ?? "";
    const name =
      party?.timeZoneLabel ??
      new Intl.DateTimeFormat(locale, { timeZone: e.timeZone, timeZoneName: "long" }).formatToParts(new Date(e.startsAt)).find((p) => p.type === "timeZoneName")
        ?.value ??
      e.timeZone;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: e.timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    const sameDay = day.format(new Date(e.startsAt)) === day.format(new Date(e.endsAt));
    const time = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: e.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    return {
      /** Ending the day it starts: `end` is only the time. */
      sameDay,
      start: formatDateTime(e.startsAt, locale, e.timeZone),
      end: sameDay ? time.format(new Date(e.endsAt)) : formatDateTime(e.endsAt, locale, e.timeZone),
      zone: offset ? `${name}, ${offset}` : name,
      at: (iso: string) => formatDateTime(iso, locale, e.timeZone),
    };
  };
}
