import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { engineOf } from "../../db/portable";
import type { Database, Event, Locale, RegistrationStatus } from "../../db/schema";
import type { WalkInValues } from "~/schemas/event-walk-in";
import { stakeholderTypes } from "~/schemas/submission-choices";
import { requirePermission, type Actor } from "~/utils/permissions";
import { recordAudit } from "./audit.server";
import { DomainError, InvalidError, NotFoundError } from "./errors";
import { countAttendance, protectAttendance } from "./event-figures.server";
import { advancePublication } from "./publication.server";
import { fileKeyInUse } from "./stored-files.server";

/*
 * The attendance register of an event (issue 19, items 4 and 5; ADR 045). On the day, the event's
 * country's officials check registered people in and add walk-ins; once the event has started they
 * close the register, once: the register is frozen as JSON with its SHA-256, the public figures are
 * taken (countAttendance + protectAttendance) and stored with it, and the event is held. After
 * that nothing about attendance changes. Officials also attach the event's report (a PDF) and a
 * recording link, which the public sees.
 */

type Db = Kysely<Database> | Transaction<Database>;
type By = { id: number; email: string; actor: Actor };

/** Why the register refuses a change; the route answers 409 with the translated message. */
export type AttendanceRefusal = "closed" | "notOpen" | "notStarted" | "notAttendable" | "fileTaken";

export class AttendanceRefused extends DomainError {
  readonly messageKey: string;
  constructor(readonly reason: AttendanceRefusal) {
    super(`attendance refused: ${reason}`);
    this.messageKey = `eventAttendance.errors.${reason}`;
  }
}

/** At most this many rows on the check-in list: a search narrows it. */
export const CHECK_IN_LIST_MAX = 200;

/** The day (YYYY-MM-DD) a moment falls on in a time zone. */
export function dayIn(moment: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(moment);
}

/**
 * Check-in is open from the event's start day (in its time zone) until the register is closed.
 * "Held" (which the event's page can set first) says the event took place, not that its register
 * is closed: only a frozen register (`event_registers`) closes attendance.
 */
export function checkInOpen(event: Pick<Event, "state" | "starts_at" | "time_zone">, now: Date, registerClosed: boolean): boolean {
  return (
    !registerClosed &&
    (event.state === "published" || event.state === "held") &&
    dayIn(now, event.time_zone) >= dayIn(new Date(event.starts_at), event.time_zone)
  );
}

async function registerClosed(db: Db, eventId: number): Promise<boolean> {
  return !!(await db.selectFrom("event_registers").select("event_id").where("event_id", "=", eventId).executeTakeFirst());
}

/** The event as the actor may manage it: another country's is a 403, an unknown one a 404. */
async function loadEvent(db: Db, actor: Actor, eventId: number, lock = false): Promise<Event> {
  if (!Number.isSafeInteger(eventId) || eventId <= 0) throw new NotFoundError("event");
  const event = await db
    .selectFrom("events")
    .selectAll()
    .where("id", "=", eventId)
    // On PostgreSQL, every change to the register holds the event's row, so closing waits for a
    // check-in under way and a check-in after closing sees the event held.
    .$if(lock && engineOf(db) === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
  if (!event) throw new NotFoundError("event");
  requirePermission(actor, "events.manage", { partyCode: event.party_code });
  return event;
}

/** Refuses any change to attendance once the register is closed, before its start day, or for a draft or cancelled event. */
async function requireCheckInOpen(db: Db, event: Event, now: Date) {
  if (await registerClosed(db, event.id)) throw new AttendanceRefused("closed");
  if (event.state !== "published" && event.state !== "held") throw new AttendanceRefused("notOpen");
  if (!checkInOpen(event, now, false)) throw new AttendanceRefused("notStarted");
}

export interface CheckInRow {
  id: number;
  name: string;
  organisation: string | null;
  stakeholderType: string;
  country: string;
  walkIn: boolean;
  attendedAt: string | null;
}

export interface AttendanceView {
  event: {
    id: number;
    slug: string;
    party: string;
    title: string;
    state: Event["state"];
    startsAt: string;
    endsAt: string;
    timeZone: string;
    recordingUrl: string | null;
    report: { name: string; size: number } | null;
  };
  /** Whether people may be checked in now. */
  open: boolean;
  /** Whether the register may be closed now (published, started). */
  closable: boolean;
  register: { closedAt: string; sha256: string } | null;
  /** Confirmed registrations and walk-ins, present among them. */
  totals: { expected: number; present: number; walkIns: number };
  rows: CheckInRow[];
  /** More rows match than the list shows. */
  more: boolean;
}

async function eventTitle(db: Db, eventId: number, locale: Locale): Promise<string> {
  const rows = await db.selectFrom("event_translations").select(["locale", "title"]).where("event_id", "=", eventId).execute();
  const order: Locale[] = [locale, "en", "fr", "es"];
  for (const l of order) {
    const row = rows.find((r) => r.locale === l);
    if (row) return row.title;
  }
  return "";
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The check-in list: confirmed registrations and walk-ins, by name, narrowed by a search on the name. */
export async function getAttendance(
  db: Kysely<Database>,
  actor: Actor,
  eventId: number,
  locale: Locale,
  options: { q?: string } = {},
  now = new Date(),
): Promise<AttendanceView> {
  const event = await loadEvent(db, actor, eventId);
  const q = (options.q ?? "").trim().slice(0, 100);
  const [title, rows, totals, register] = await Promise.all([
    eventTitle(db, eventId, locale),
    db
      .selectFrom("event_registrations")
      .select(["id", "name", "organisation_name", "stakeholder_type", "country", "walk_in", "attended_at"])
      .where("event_id", "=", eventId)
      .where("status", "=", "confirmed")
      .$if(q !== "", (qb) => qb.where(sql<boolean>`lower(name) like ${likePattern(q)} escape '\\'`))
      .orderBy("name")
      .orderBy("id")
      .limit(CHECK_IN_LIST_MAX + 1)
      .execute(),
    db
      .selectFrom("event_registrations")
      .select([
        (eb) => eb.fn.countAll<number>().as("expected"),
        (eb) => eb.fn.count<number>("attended_at").as("present"),
        (eb) => eb.fn.sum<number>("walk_in").as("walkIns"),
      ])
      .where("event_id", "=", eventId)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow(),
    db.selectFrom("event_registers").select(["closed_at", "sha256"]).where("event_id", "=", eventId).executeTakeFirst(),
  ]);
  return {
    event: {
      id: event.id,
      slug: event.slug,
      party: event.party_code,
      title,
      state: event.state,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      timeZone: event.time_zone,
      recordingUrl: event.recording_url,
      report: event.report_file_key ? { name: event.report_file_name ?? "report.pdf", size: Number(event.report_size ?? 0) } : null,
    },
    open: checkInOpen(event, now, !!register),
    closable: !register && (event.state === "published" || event.state === "held") && now.getTime() >= Date.parse(event.starts_at),
    register: register ? { closedAt: register.closed_at, sha256: register.sha256 } : null,
    totals: { expected: Number(totals.expected), present: Number(totals.present), walkIns: Number(totals.walkIns ?? 0) },
    rows: rows.slice(0, CHECK_IN_LIST_MAX).map((r) => ({
      id: r.id,
      name: r.name,
      organisation: r.organisation_name,
      stakeholderType: r.stakeholder_type,
      country: r.country,
      walkIn: Number(r.walk_in) === 1,
      attendedAt: r.attended_at,
    })),
    more: rows.length > CHECK_IN_LIST_MAX,
  };
}

/** Marks a confirmed registrant (or walk-in) present, or undoes it. Returns false when nothing changed. */
export async function markPresent(db: Kysely<Database>, by: By, eventId: number, registrationId: number, present: boolean, now = new Date()): Promise<boolean> {
  await loadEvent(db, by.actor, eventId);
  return db.transaction().execute(async (trx) => {
    const event = await loadEvent(trx, by.actor, eventId, true);
    await requireCheckInOpen(trx, event, now);
    const row = await trx
      .selectFrom("event_registrations")
      .select(["id", "status", "attended_at"])
      .where("id", "=", Number.isSafeInteger(registrationId) ? registrationId : 0)
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError("registration");
    if (row.status !== "confirmed") throw new AttendanceRefused("notAttendable");
    if (!!row.attended_at === present) return false;
    await trx
      .updateTable("event_registrations")
      .set({ attended_at: present ? now.toISOString() : null, checked_in_by_user_id: present ? by.id : null, updated_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      actor: by,
      action: present ? "event.attendance_marked" : "event.attendance_unmarked",
      subject: { type: "event", id: eventId },
      details: { registration: row.id },
    });
    return true;
  });
}

/** Someone who came without registering, recorded present at once. The region must be one of the `regions` table's. */
export async function addWalkIn(db: Kysely<Database>, by: By, eventId: number, values: WalkInValues, locale: Locale, now = new Date()): Promise<number> {
  await loadEvent(db, by.actor, eventId);
  if (values.region) {
    const region = await db.selectFrom("regions").select("code").where("code", "=", values.region).executeTakeFirst();
    if (!region) throw new InvalidError("region");
  }
  return db.transaction().execute(async (trx) => {
    const event = await loadEvent(trx, by.actor, eventId, true);
    await requireCheckInOpen(trx, event, now);
    const stamp = now.toISOString();
    const { id } = await trx
      .insertInto("event_registrations")
      .values({
        event_id: eventId,
        name: values.name,
        email: values.email || null,
        organisation_name: values.organisationName || null,
        stakeholder_type: values.stakeholderType,
        stakeholder_other: values.stakeholderType === "other" ? values.stakeholderOther || null : null,
        women_led: values.womenLed ?? null,
        country: values.country,
        region_code: values.country === "other" ? null : values.region || null,
        needs: values.needs || null,
        register_consent: values.consent ? 1 : 0,
        locale,
        status: "confirmed",
        walk_in: 1,
        attended_at: stamp,
        checked_in_by_user_id: by.id,
        token_hash: null,
        created_at: stamp,
        updated_at: stamp,
        cancelled_at: null,
        promoted_at: null,
        reminded_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (values.gender) await trx.insertInto("event_registration_genders").values({ registration_id: id, event_id: eventId, gender: values.gender }).execute();
    // Neither the name nor the gender in the trail: only that a walk-in was added.
    await recordAudit(trx, { actor: by, action: "event.walk_in_added", subject: { type: "event", id: eventId }, details: { registration: id } });
    return id;
  });
}

/** One person on the frozen register. Those who did not consent are rows without name or organisation. */
export type RegisterPerson =
  | {
      named: true;
      name: string;
      organisation: string | null;
      stakeholderType: string;
      country: string;
      region: string | null;
      status: RegisterStatus;
      walkIn: boolean;
    }
  | { named: false; stakeholderType: string; country: string; status: RegisterStatus; walkIn: boolean };

/** "attended" or "absent" for confirmed registrations and walk-ins; otherwise the registration's status. */
export type RegisterStatus = "attended" | "absent" | Exclude<RegistrationStatus, "confirmed">;

/** The register as frozen: what every export is made from. Never gender, never needs, never email. */
export interface RegisterDocument {
  version: 1;
  event: {
    id: number;
    slug: string;
    party: string;
    titles: Partial<Record<Locale, string>>;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    format: string;
    place: string | null;
  };
  closedAt: string;
  totals: { registered: number; attended: number; walkIns: number; named: number; unnamed: number };
  people: RegisterPerson[];
}

const statusOrder: RegisterStatus[] = ["attended", "absent", "pending", "waitlisted", "cancelled", "declined"];

function registerPeople(
  rows: Array<{
    name: string;
    organisation_name: string | null;
    stakeholder_type: string;
    country: string;
    region_code: string | null;
    status: RegistrationStatus;
    walk_in: number;
    attended_at: string | null;
    register_consent: number;
  }>,
): RegisterPerson[] {
  const people = rows.map((r): RegisterPerson => {
    const status: RegisterStatus = r.attended_at ? "attended" : r.status === "confirmed" ? "absent" : r.status;
    const walkIn = Number(r.walk_in) === 1;
    return Number(r.register_consent) === 1
      ? {
          named: true,
          name: r.name,
          organisation: r.organisation_name,
          stakeholderType: r.stakeholder_type,
          country: r.country,
          region: r.region_code,
          status,
          walkIn,
        }
      : { named: false, stakeholderType: r.stakeholder_type, country: r.country, status, walkIn };
  });
  // By status, then named people by name and the others by type and country: never in registration
  // order, which could tell who an unnamed row is.
  const key = (p: RegisterPerson) =>
    [
      String(statusOrder.indexOf(p.status)).padStart(2, "0"),
      p.named ? "0" : "1",
      p.named ? p.name.toLocaleLowerCase("en") : "",
      p.stakeholderType,
      p.country,
    ].join("\u0000");
  return people.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Closes the register, once, after the event started: in one transaction the figures are taken
 * and protected, the register is frozen with its SHA-256, the event becomes held and the
 * publication version advances (the public page shows the figures). Closing again is refused.
 */
export async function closeRegister(db: Kysely<Database>, by: By, eventId: number, now = new Date()): Promise<{ sha256: string }> {
  await loadEvent(db, by.actor, eventId);
  return db.transaction().execute(async (trx) => {
    const event = await loadEvent(trx, by.actor, eventId, true);
    if (await registerClosed(trx, eventId)) throw new AttendanceRefused("closed");
    if (event.state !== "published" && event.state !== "held") throw new AttendanceRefused("notOpen");
    if (now.getTime() < Date.parse(event.starts_at)) throw new AttendanceRefused("notStarted");
    const closedAt = now.toISOString();
    // Only a published (or already held) event becomes held: a cancellation in between finds
    // nothing to update; a concurrent close waits on the row lock, then finds the register.
    const updated = await trx
      .updateTable("events")
      .set({ state: "held", updated_at: closedAt, version: sql`version + 1` })
      .where("id", "=", eventId)
      .where("state", "in", ["published", "held"])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AttendanceRefused("closed");

    const { sha256, figures } = await writeFrozenRegister(trx, event, closedAt, by.id);
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action: "event.register_closed",
      subject: { type: "event", id: eventId },
      details: { sha256, registered: figures.registered, attended: figures.attended },
    });
    return { sha256 };
  });
}

/**
 * Freezes an event's register as it stands (no permission check: closeRegister checks it, and the
 * demo data uses it directly): the protected figures, the register JSON and its SHA-256, stored
 * once in `event_registers`.
 */
export async function writeFrozenRegister(trx: Db, event: Event, closedAt: string, closedByUserId: number | null) {
  const eventId = event.id;
  const regions = (await trx.selectFrom("regions").select("code").orderBy("party_code").orderBy("position").execute()).map((r) => r.code);
  const figures = protectAttendance(await countAttendance(trx, eventId), { stakeholderTypes, regions });
  const rows = await trx
    .selectFrom("event_registrations")
    .select(["name", "organisation_name", "stakeholder_type", "country", "region_code", "status", "walk_in", "attended_at", "register_consent"])
    .where("event_id", "=", eventId)
    .execute();
  const people = registerPeople(rows);
  const titles = Object.fromEntries(
    (await trx.selectFrom("event_translations").select(["locale", "title"]).where("event_id", "=", eventId).execute()).map((r) => [r.locale, r.title]),
  );
  const document: RegisterDocument = {
    version: 1,
    event: {
      id: event.id,
      slug: event.slug,
      party: event.party_code,
      titles,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      timeZone: event.time_zone,
      format: event.format,
      place: event.place,
    },
    closedAt,
    totals: {
      registered: figures.registered,
      attended: figures.attended,
      walkIns: people.filter((p) => p.walkIn).length,
      named: people.filter((p) => p.named).length,
      unnamed: people.filter((p) => !p.named).length,
    },
    people,
  };
  const register = JSON.stringify(document);
  const sha256 = sha256Of(register);
  await trx
    .insertInto("event_registers")
    .values({ event_id: eventId, closed_at: closedAt, closed_by_user_id: closedByUserId, register, sha256, figures: JSON.stringify(figures) })
    .execute();
  return { sha256, figures };
}

export interface FrozenRegister {
  document: RegisterDocument;
  /** The stored JSON, byte for byte (its SHA-256 is `sha256`). */
  json: string;
  sha256: string;
  closedAt: string;
}

/** The closed register, for the exports; a 404 until it is closed. */
export async function getFrozenRegister(db: Kysely<Database>, actor: Actor, eventId: number): Promise<FrozenRegister> {
  await loadEvent(db, actor, eventId);
  const row = await db.selectFrom("event_registers").select(["register", "sha256", "closed_at"]).where("event_id", "=", eventId).executeTakeFirst();
  if (!row) throw new NotFoundError("register");
  return { document: JSON.parse(row.register) as RegisterDocument, json: row.register, sha256: row.sha256, closedAt: row.closed_at };
}

export interface SignInSheet {
  title: string;
  party: string;
  startsAt: string;
  timeZone: string;
  place: string | null;
  /** Confirmed registrations (walk-ins sign at the bottom, on the blank lines). */
  people: Array<{ name: string; organisation: string | null }>;
}

/** The printable sheet for the day: the confirmed registrations, by name. */
export async function getSignInSheet(db: Kysely<Database>, actor: Actor, eventId: number, locale: Locale): Promise<SignInSheet> {
  const event = await loadEvent(db, actor, eventId);
  const people = await db
    .selectFrom("event_registrations")
    .select(["name", "organisation_name"])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .where("walk_in", "=", 0)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return {
    title: await eventTitle(db, eventId, locale),
    party: event.party_code,
    startsAt: event.starts_at,
    timeZone: event.time_zone,
    place: event.place,
    people: people.map((p) => ({ name: p.name, organisation: p.organisation_name })),
  };
}

/** A report may be attached once the event has started, unless it was a draft or cancelled. */
function requireReportable(event: Event, now: Date) {
  if (event.state !== "published" && event.state !== "held") throw new AttendanceRefused("notOpen");
  if (now.getTime() < Date.parse(event.starts_at)) throw new AttendanceRefused("notStarted");
}

/** Refuses before anything is stored: another country's event (403), an unknown one (404), one not yet started. */
export async function requireReportAttachable(db: Kysely<Database>, actor: Actor, eventId: number, now = new Date()) {
  requireReportable(await loadEvent(db, actor, eventId), now);
}

/**
 * Attaches the event's report (a PDF this same request stored, checked by its content); it
 * replaces any earlier one, whose stored file the caller removes. Public: audited, and the
 * publication version advances.
 */
export async function attachReport(
  db: Kysely<Database>,
  by: By,
  eventId: number,
  file: { key: string; name: string; size: number; sha256: string },
  now = new Date(),
): Promise<{ replacedKey: string | null }> {
  await loadEvent(db, by.actor, eventId);
  return db.transaction().execute(async (trx) => {
    const event = await loadEvent(trx, by.actor, eventId, true);
    requireReportable(event, now);
    if (await fileKeyInUse(trx, file.key)) throw new AttendanceRefused("fileTaken");
    await trx
      .updateTable("events")
      .set({ report_file_key: file.key, report_file_name: file.name, report_size: file.size, report_sha256: file.sha256, updated_at: now.toISOString() })
      .where("id", "=", eventId)
      .execute();
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action: "event.report_attached",
      subject: { type: "event", id: eventId },
      details: { name: file.name, size: file.size, sha256: file.sha256, replaced: event.report_sha256 },
    });
    return { replacedKey: event.report_file_key };
  });
}

/** The recording's link (https only, checked by the schema), or none. Public: audited, publication advanced. */
export async function setRecording(db: Kysely<Database>, by: By, eventId: number, url: string | null, now = new Date()): Promise<boolean> {
  await loadEvent(db, by.actor, eventId);
  return db.transaction().execute(async (trx) => {
    const event = await loadEvent(trx, by.actor, eventId, true);
    requireReportable(event, now);
    if (event.recording_url === url) return false;
    await trx.updateTable("events").set({ recording_url: url, updated_at: now.toISOString() }).where("id", "=", eventId).execute();
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action: "event.recording_set",
      subject: { type: "event", id: eventId },
      details: { before: event.recording_url, after: url },
    });
    return true;
  });
}

/** An event's report for anyone to download: only a published or held event's; null otherwise. */
export async function getPublicReport(db: Kysely<Database>, slug: string) {
  const row = await db
    .selectFrom("events")
    .select(["report_file_key", "report_file_name", "report_size"])
    .where("slug", "=", slug)
    .where("state", "in", ["published", "held"])
    .executeTakeFirst();
  if (!row?.report_file_key) return null;
  return { key: row.report_file_key, name: row.report_file_name ?? "report.pdf", size: Number(row.report_size ?? 0) };
}
