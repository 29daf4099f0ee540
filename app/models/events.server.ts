import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { Kysely, Transaction } from "kysely";
import type { Database, EventState, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { cleanTextFields } from "~/schemas/submission";
import { EVENT_LOCALES, eventTexts, type EventFormInput, type EventFormValues } from "~/schemas/event";
import { publicUrl } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { htmlEmail, sendEmail } from "~/utils/mail.server";
import { requirePermission, type Actor } from "~/utils/permissions";
import { recordAudit } from "./audit.server";
import { DomainError, InvalidError, NotFoundError } from "./errors";
import { partyClocks } from "./parties.server";
import { advancePublication } from "./publication.server";
import { pickTranslation } from "./topics.server";

/*
 * Officials' side of events (ADR 045): each country's moderators manage their own country's events,
 * admins both. Every function checks the permission against the party stored with the event, so an
 * edited URL or form field cannot reach another country's event; every change is audited with what
 * it was before, and a change the public can see advances the publication version in the same
 * transaction. Draft → published → held, or published → cancelled (the registered people are told).
 */

type Db = Kysely<Database> | Transaction<Database>;
type By = { id: number; email: string; actor: Actor };

/** Why an event could not be changed as asked; the page shows `messageKey`. */
export class EventRefused extends DomainError {
  readonly messageKey: string;
  constructor(readonly reason: "changed" | "state" | "not_started") {
    super(`event refused: ${reason}`);
    this.messageKey = `eventsAdmin.errors.${{ changed: "changed", state: "wrongState", not_started: "notStarted" }[reason]}`;
  }
}

/** The registrations that still hold a place or wait for one: they are told of a cancellation. */
const LIVE_REGISTRATIONS = ["pending", "confirmed", "waitlisted"] as const;

async function loadOwnEvent(db: Db, actor: Actor, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError("event");
  const event = await db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!event) throw new NotFoundError("event");
  requirePermission(actor, "events.manage", { partyCode: event.party_code });
  return event;
}

async function textsOf(db: Db, eventId: number) {
  return db.selectFrom("event_translations").select(["locale", "title", "description", "agenda"]).where("event_id", "=", eventId).orderBy("locale").execute();
}

/** The activities of the current work plan (the latest by start date), for the form's choice. */
export async function listEventActivities(db: Kysely<Database>, locale: Locale) {
  const plan = await db.selectFrom("workplans").select("id").orderBy("starts_on", "desc").executeTakeFirst();
  if (!plan) return [];
  const rows = await db
    .selectFrom("workplan_items as i")
    .innerJoin("workplan_areas as a", "a.id", "i.area_id")
    .innerJoin("workplan_item_translations as t", (j) => j.onRef("t.item_id", "=", "i.id").on("t.locale", "=", locale))
    .select(["i.id", "a.id as areaId", "a.number as areaNumber", "t.text"])
    .where("i.workplan_id", "=", plan.id)
    .where("i.kind", "=", "activity")
    .orderBy("a.number")
    .orderBy("i.position")
    .execute();
  return rows.map((r) => ({ id: r.id, areaId: r.areaId, areaNumber: Number(r.areaNumber), text: r.text }));
}

/** The activity an event delivers: one of the current work plan's, with its area. */
async function requireActivity(db: Db, activityId: number) {
  const plan = await db.selectFrom("workplans").select("id").orderBy("starts_on", "desc").executeTakeFirst();
  const row = plan
    ? await db
        .selectFrom("workplan_items")
        .select(["id", "area_id"])
        .where("id", "=", activityId)
        .where("workplan_id", "=", plan.id)
        .where("kind", "=", "activity")
        .executeTakeFirst()
    : undefined;
  if (!row) throw new InvalidError("not an activity of the current work plan");
  return row;
}

export interface AdminEventRow {
  id: number;
  slug: string;
  partyCode: string;
  state: EventState;
  title: string;
  titleLocale: Locale;
  languages: Locale[];
  format: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  /** Confirmed places, registrations awaiting approval, people on the waiting list. */
  confirmed: number;
  pending: number;
  waitlisted: number;
}

/** The events an official manages (their own country's; both for admins), soonest last-created first, optionally of one state. */
export async function listEventsForAdmin(db: Kysely<Database>, actor: Actor, locale: Locale, filters: { state?: EventState } = {}): Promise<AdminEventRow[]> {
  requirePermission(actor, "events.manage");
  const events = await db
    .selectFrom("events")
    .selectAll()
    .$if(actor.role !== "admin", (q) => q.where("party_code", "=", actor.partyCode!))
    .$if(filters.state !== undefined, (q) => q.where("state", "=", filters.state!))
    .orderBy("starts_at", "desc")
    .orderBy("id", "desc")
    .execute();
  if (events.length === 0) return [];
  const ids = events.map((e) => e.id);
  const [texts, counts] = await Promise.all([
    db.selectFrom("event_translations").select(["event_id", "locale", "title"]).where("event_id", "in", ids).execute(),
    db
      .selectFrom("event_registrations")
      .select(["event_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("event_id", "in", ids)
      .where("status", "in", [...LIVE_REGISTRATIONS])
      .groupBy(["event_id", "status"])
      .execute(),
  ]);
  const count = (eventId: number, status: string) => Number(counts.find((c) => c.event_id === eventId && c.status === status)?.n ?? 0);
  return events.map((e) => {
    const own = texts.filter((t) => t.event_id === e.id);
    const text = pickTranslation(own, locale);
    return {
      id: e.id,
      slug: e.slug,
      partyCode: e.party_code,
      state: e.state,
      title: text?.title ?? e.slug,
      titleLocale: (text?.locale ?? locale) as Locale,
      languages: EVENT_LOCALES.filter((l) => own.some((t) => t.locale === l)),
      format: e.format,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      capacity: e.capacity,
      confirmed: count(e.id, "confirmed"),
      pending: count(e.id, "pending"),
      waitlisted: count(e.id, "waitlisted"),
    };
  });
}

const local = (iso: string, zone: string) => formatInTimeZone(iso, zone, "yyyy-MM-dd'T'HH:mm");
const utc = (localTime: string, zone: string) => fromZonedTime(`${localTime}:00`, zone).toISOString();

/** An event for its edit page: the row, its form values (times in the event's zone) and its registration counts. */
export async function getEventForEdit(db: Kysely<Database>, actor: Actor, id: number) {
  const event = await loadOwnEvent(db, actor, id);
  const [texts, counts] = await Promise.all([
    textsOf(db, id),
    db
      .selectFrom("event_registrations")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("event_id", "=", id)
      .groupBy("status")
      .execute(),
  ]);
  const values: Record<string, string | boolean | string[]> = {
    partyCode: event.party_code,
    activityId: event.workplan_item_id ? String(event.workplan_item_id) : "",
    format: event.format,
    place: event.place ?? "",
    onlineUrl: event.online_url ?? "",
    startsAt: local(event.starts_at, event.time_zone),
    endsAt: local(event.ends_at, event.time_zone),
    languages: event.languages.split(",").filter(Boolean),
    interpretation: event.interpretation.split(",").filter(Boolean),
    capacity: event.capacity === null ? "" : String(event.capacity),
    registrationOpensAt: local(event.registration_opens_at, event.time_zone),
    registrationClosesAt: local(event.registration_closes_at, event.time_zone),
    requiresApproval: Number(event.requires_approval) === 1,
  };
  for (const t of texts) {
    values[`${t.locale}_title`] = t.title;
    values[`${t.locale}_description`] = t.description;
    values[`${t.locale}_agenda`] = t.agenda;
  }
  const registrations = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<string, number>>;
  return { event, texts, values: values as unknown as EventFormInput, registrations };
}

/** "Women in trade: a workshop" → "women-in-trade-a-workshop" (ASCII, at most 80 characters). */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  // /:lang/events/registrations/:token is a registrant's private page.
  if (slug === "registrations") return "registrations-event";
  return slug.length >= 3 ? slug : `event${slug ? `-${slug}` : ""}`;
}

async function freeSlug(db: Db, base: string): Promise<string> {
  const taken = new Set((await db.selectFrom("events").select("slug").where("slug", "like", `${base}%`).execute()).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const isUniqueViolation = (error: unknown) => /unique/i.test(String((error as Error)?.message ?? "")) || (error as { code?: string })?.code === "23505";

/** What the audit trail keeps of an event, before and after a change. */
function snapshot(event: Record<string, unknown>, texts: Array<{ locale: string; title: string; description: string; agenda: string }>) {
  const keep = [
    "party_code",
    "slug",
    "workplan_item_id",
    "area_id",
    "format",
    "place",
    "online_url",
    "starts_at",
    "ends_at",
    "time_zone",
    "languages",
    "interpretation",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "requires_approval",
    "state",
  ];
  return {
    ...Object.fromEntries(keep.map((k) => [k, event[k] ?? null])),
    texts: Object.fromEntries(
      EVENT_LOCALES.flatMap((l) => texts.filter((t) => t.locale === l).map((t) => [l, { title: t.title, description: t.description, agenda: t.agenda }])),
    ),
  };
}

/** The columns a form sets, its local times read in `zone`. */
function rowFrom(values: EventFormValues, zone: string, areaId: number | null) {
  const hasPlace = values.format !== "online";
  const hasLink = values.format !== "in_person";
  return {
    workplan_item_id: values.activityId,
    area_id: areaId,
    format: values.format,
    place: hasPlace ? values.place : null,
    online_url: hasLink ? values.onlineUrl : null,
    starts_at: utc(values.startsAt, zone),
    ends_at: utc(values.endsAt, zone),
    languages: EVENT_LOCALES.filter((l) => values.languages.includes(l)).join(","),
    interpretation: EVENT_LOCALES.filter((l) => values.interpretation.includes(l)).join(","),
    capacity: values.capacity ?? null,
    registration_opens_at: utc(values.registrationOpensAt, zone),
    registration_closes_at: utc(values.registrationClosesAt, zone),
    requires_approval: values.requiresApproval ? 1 : 0,
  };
}

/**
 * Creates a draft event from valid form values: of the moderator's own country (whatever the form
 * says; an admin's choice), its times read in that country's zone, its web address made from its
 * title and unique. Returns its id.
 */
export async function createEvent(db: Kysely<Database>, by: By, values: EventFormValues, now: Date = new Date()): Promise<number> {
  values = cleanTextFields(values);
  const partyCode = by.actor.role === "admin" ? values.partyCode : by.actor.partyCode!;
  requirePermission(by.actor, "events.manage", { partyCode });
  const party = await db.selectFrom("parties").select("time_zone").where("code", "=", partyCode).executeTakeFirst();
  if (!party) throw new InvalidError("party");
  const texts = eventTexts(values);
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const activity = await requireActivity(trx, values.activityId);
        const slug = await freeSlug(trx, slugFromTitle(texts[0]!.title));
        const row = { party_code: partyCode, slug, time_zone: party.time_zone, ...rowFrom(values, party.time_zone, activity.area_id) };
        const { id } = await trx
          .insertInto("events")
          .values({ ...row, state: "draft", version: 1, created_by_user_id: by.id, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("event_translations")
          .values(texts.map((t) => ({ event_id: id, ...t })))
          .execute();
        await recordAudit(trx, {
          actor: by,
          action: "event.created",
          subject: { type: "event", id },
          details: { after: snapshot({ ...row, state: "draft" }, texts) },
        });
        return id;
      });
    } catch (error) {
      // Two officials naming events alike at the same moment: take the next free address.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Saves an event's form. `version` is the one the form was opened at: when another official saved
 * meanwhile it is refused ("changed"), and nothing of either edit is lost. A draft or a published
 * event may be edited; a published one's change shows at once on its public page. The country and
 * the web address stay as created. Returns the new version (the same when nothing changed).
 */
export async function updateEvent(
  db: Kysely<Database>,
  by: By,
  id: number,
  version: number,
  values: EventFormValues,
  now: Date = new Date(),
): Promise<{ version: number; emailed: number }> {
  values = cleanTextFields(values);
  const saved = await db.transaction().execute(async (trx) => {
    const event = await loadOwnEvent(trx, by.actor, id);
    if (event.version !== version) throw new EventRefused("changed");
    if (event.state !== "draft" && event.state !== "published") throw new EventRefused("state");
    const activity = await requireActivity(trx, values.activityId);
    const beforeTexts = await textsOf(trx, id);
    const texts = eventTexts(values);
    const row = rowFrom(values, event.time_zone, activity.area_id);
    const before = snapshot(event, beforeTexts);
    const after = snapshot({ ...event, ...row }, texts);
    if (JSON.stringify(before) === JSON.stringify(after)) return { version: event.version, told: null };
    const updated = await trx
      .updateTable("events")
      .set({ ...row, version: event.version + 1, updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new EventRefused("changed");
    // Nothing points at an event's texts: replacing them loses nothing (the audit keeps the old ones).
    await trx.deleteFrom("event_translations").where("event_id", "=", id).execute();
    await trx
      .insertInto("event_translations")
      .values(texts.map((t) => ({ event_id: id, ...t })))
      .execute();
    if (event.state === "published") await advancePublication(trx, now);
    await recordAudit(trx, { actor: by, action: "event.updated", subject: { type: "event", id }, details: { version: event.version + 1, before, after } });
    const moved = event.state === "published" && PRACTICAL_DETAILS.some((key) => event[key] !== row[key]);
    return { version: event.version + 1, told: moved ? { ...event, ...row } : null };
  });
  // Told after the commit, as a cancellation is: an email never announces a change that was not saved.
  const emailed = saved.told ? await tellOfChange(db, saved.told) : 0;
  return { version: saved.version, emailed };
}

/** What registered people planned around: when a published event's change touches one, they are told. */
const PRACTICAL_DETAILS = ["starts_at", "ends_at", "format", "place", "online_url"] as const;

/**
 * Tells everyone registered, awaiting approval or on the waiting list of the event's new time and
 * place. The online link itself is not written in the email (it goes only to confirmed people):
 * their private page and calendar file, from the confirmation email's link, show the new one.
 */
async function tellOfChange(db: Kysely<Database>, event: EventRow): Promise<number> {
  return emailLiveRegistrants(db, event, "event_changed", ({ t, title, when, locale }) => {
    const until = formatDateTime(event.ends_at, locale, event.time_zone);
    return {
      subject: t("eventsAdmin.changeEmail.subject", { title }),
      action: t("eventsAdmin.changeEmail.action"),
      paragraphs: [
        t("eventsAdmin.changeEmail.intro", { title }),
        t("eventsAdmin.changeEmail.when", { date: when, end: until }),
        ...(event.format !== "online" && event.place ? [t("eventsAdmin.changeEmail.where", { place: event.place })] : []),
        ...(event.format !== "in_person" ? [t("eventsAdmin.changeEmail.online")] : []),
        t("eventsAdmin.changeEmail.keep"),
      ],
    };
  });
}

/** Changes an event's state from `from` to `to`, audited, the public pages following. */
async function changeState(
  db: Kysely<Database>,
  by: By,
  id: number,
  from: EventState,
  changes: { state: EventState; published_at?: string; cancelled_at?: string; cancellation_note?: string | null },
  action: "event.published" | "event.cancelled" | "event.held",
  now: Date,
  check?: (event: Awaited<ReturnType<typeof loadOwnEvent>>) => void,
) {
  return db.transaction().execute(async (trx) => {
    const event = await loadOwnEvent(trx, by.actor, id);
    if (event.state !== from) throw new EventRefused("state");
    check?.(event);
    const updated = await trx
      .updateTable("events")
      .set({ ...changes, version: event.version + 1, updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("state", "=", from)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new EventRefused("state");
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action,
      subject: { type: "event", id },
      details: { slug: event.slug, party: event.party_code, before: { state: event.state }, after: changes },
    });
    return event;
  });
}

/** Draft → published: on the public pages from now on. */
export async function publishEvent(db: Kysely<Database>, by: By, id: number, now: Date = new Date()) {
  await changeState(db, by, id, "draft", { state: "published", published_at: now.toISOString() }, "event.published", now);
}

/** Published → held, once it has started. */
export async function markEventHeld(db: Kysely<Database>, by: By, id: number, now: Date = new Date()) {
  await changeState(db, by, id, "published", { state: "held" }, "event.held", now, (event) => {
    if (event.starts_at > now.toISOString()) throw new EventRefused("not_started");
  });
}

/**
 * Published → cancelled, with an optional note. Everyone registered, awaiting approval or on the
 * waiting list is told, each in their own language, in an email about the event and nothing else
 * (no other person's data). Their registrations are kept as they were (ADR 014). Returns how many
 * were emailed.
 */
export async function cancelEvent(db: Kysely<Database>, by: By, id: number, note: string, now: Date = new Date()): Promise<{ emailed: number }> {
  const cleaned = String(cleanTextFields({ note }).note ?? "");
  const event = await changeState(
    db,
    by,
    id,
    "published",
    { state: "cancelled", cancelled_at: now.toISOString(), cancellation_note: cleaned || null },
    "event.cancelled",
    now,
  );
  const emailed = await emailLiveRegistrants(db, event, "event_cancelled", ({ t, title, when }) => ({
    subject: t("eventsAdmin.cancelEmail.subject", { title }),
    action: t("eventsAdmin.cancelEmail.action"),
    paragraphs: [
      t("eventsAdmin.cancelEmail.intro", { title, date: when }),
      ...(cleaned ? [t("eventsAdmin.cancelEmail.note"), cleaned] : []),
      t("eventsAdmin.cancelEmail.nothingToDo"),
    ],
  }));
  return { emailed };
}

type EventRow = Awaited<ReturnType<typeof loadOwnEvent>>;

/**
 * One email to each person who holds or awaits a place (registered, awaiting approval, waiting
 * list), in their own language, about this event and nothing else (no other person's data), with
 * a link to its public page. Returns how many were emailed.
 */
async function emailLiveRegistrants(
  db: Kysely<Database>,
  event: Pick<EventRow, "id" | "slug" | "party_code" | "starts_at">,
  kind: "event_cancelled" | "event_changed",
  compose: (context: { t: ReturnType<typeof getT>; locale: Locale; title: string; when: string }) => { subject: string; action: string; paragraphs: string[] },
): Promise<number> {
  const [texts, people] = await Promise.all([
    textsOf(db, event.id),
    db
      .selectFrom("event_registrations")
      .select(["id", "name", "email", "locale"])
      .where("event_id", "=", event.id)
      .where("status", "in", [...LIVE_REGISTRATIONS])
      .where("email", "is not", null)
      .orderBy("id")
      .execute(),
  ]);
  const clocks = new Map<Locale, (iso: string) => string>();
  for (const person of people) {
    const locale = person.locale;
    if (!clocks.has(locale)) clocks.set(locale, (await partyClocks(db, locale))(event.party_code));
    const t = getT(locale);
    const title = pickTranslation(texts, locale)?.title ?? event.slug;
    const { subject, action, paragraphs } = compose({ t, locale, title, when: clocks.get(locale)!(event.starts_at) });
    const href = `${publicUrl()}/${locale}/events/${event.slug}`;
    const body = [t("emails.greeting", { name: person.name }), ...paragraphs];
    await sendEmail(db, {
      kind,
      to: person.email!,
      locale,
      subject,
      text: [...body, href].join("\n\n") + "\n\n— Puente\n",
      html: htmlEmail(locale, body, { href, label: action }),
    });
  }
  return people.length;
}
