import type { Kysely, Transaction } from "kysely";
import type { Database, Event, EventRegistration, Locale, RegistrationStatus } from "../../db/schema";
import { engineOf } from "../../db/portable";
import { getT } from "~/i18next.server";
import { eventCalendar } from "~/exports/event-ics.server";
import type { EventRegistrationValues } from "~/schemas/event-registration";
import { publicUrl } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { enqueueJob } from "~/utils/jobs.server";
import { deliverEmail, htmlEmail, recordEmail, type Email } from "~/utils/mail.server";
import { requirePermission, type Actor } from "~/utils/permissions";
import { useFormStamp } from "~/utils/submission-guard.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors";
import { listParties, listRegions } from "./parties.server";
import { pickTranslation } from "./topics.server";

// Registration for an event without an account (issue 19, item 3; ADR 045). A person registers
// through a public form and gets a private link (a random token, stored as its SHA-256) to see and
// cancel their registration and get the event's calendar file. Places are counted and given in
// the same transaction as the registration (the event's row locked on PostgreSQL; SQLite writes
// one transaction at a time), so two people cannot both take the last place. A cancellation frees
// a place for the first on the waitlist (in order of registration). Nothing is ever deleted.

export class RegistrationRefused extends Error {
  /**
   * "not_found": no such published event; "closed": registration is not open now; "cancelled":
   * the event was cancelled; "bad_region": a region of another country; "stamp_used": the form
   * was sent once already; "not_pending"/"not_active": the registration has moved on.
   */
  constructor(readonly reason: "not_found" | "closed" | "cancelled" | "bad_region" | "stamp_used" | "not_active" | "not_pending") {
    super(`registration refused: ${reason}`);
  }
}

/** The reminder pass (app/jobs/registry.server.ts), queued with the periodic sweep. */
export const EVENT_REMINDERS_JOB = "events.reminders";
/** A reminder goes out within this time before the event starts. */
export const REMINDER_BEFORE_MS = 86_400_000;

type Db = Kysely<Database> | Transaction<Database>;
type PendingEmail = { outboxId: number; secret?: string };

export interface Registered {
  /** The private link's token; for a second registration of the same address, its new token (emailed only). */
  token: string;
  status: RegistrationStatus;
  /** The address was registered for this event already: its private link was emailed again. */
  duplicate: boolean;
}

/**
 * The event's row, locked until the transaction ends on PostgreSQL: every change to the event's
 * places (register, cancel, approve) goes through it, one at a time.
 */
async function lockEvent(trx: Transaction<Database>, where: { id: number } | { slug: string }): Promise<Event | undefined> {
  return trx
    .selectFrom("events")
    .selectAll()
    .$if("id" in where, (q) => q.where("id", "=", (where as { id: number }).id))
    .$if("slug" in where, (q) => q.where("slug", "=", (where as { slug: string }).slug))
    .$if(engineOf(trx) === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
}

/**
 * The places taken: confirmed registrations, and pending ones when the event needs no approval
 * (there are none then, unless officials switched approval off meanwhile). An event that needs
 * approval gives a place when an official approves, not when a person asks.
 */
async function placesTaken(trx: Db, event: Pick<Event, "id" | "requires_approval">): Promise<number> {
  const statuses: RegistrationStatus[] = event.requires_approval ? ["confirmed"] : ["confirmed", "pending"];
  const row = await trx
    .selectFrom("event_registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", event.id)
    .where("walk_in", "=", 0)
    .where("status", "in", statuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const hasPlace = (event: Pick<Event, "capacity">, taken: number) => event.capacity === null || taken < event.capacity;

export function registrationOpen(event: Pick<Event, "state" | "registration_opens_at" | "registration_closes_at">, now: Date): boolean {
  const at = now.toISOString();
  return event.state === "published" && event.registration_opens_at <= at && at < event.registration_closes_at;
}

/** Deliver after the commit: the token lives only in memory, the outbox row has it masked. */
async function deliverAll(db: Kysely<Database>, emails: PendingEmail[]) {
  for (const email of emails) await deliverEmail(db, email.outboxId, email.secret);
}

/**
 * Registers a person for a published event whose registration is open at `now`: pending when the
 * event needs approval, else confirmed while places are left, else waitlisted. The same address
 * registering again while its registration stands gets that registration's private link again (a
 * new token: the earlier link stops working) instead of a second registration.
 */
export async function registerForEvent(
  db: Kysely<Database>,
  input: {
    slug: string;
    values: EventRegistrationValues;
    locale: Locale;
    now?: Date;
    /** The form's signed stamp: it serves one registration only. */
    formStamp?: { nonce: string; expiresAt: string };
  },
): Promise<Registered> {
  const now = input.now ?? new Date();
  const { values } = input;
  const email = values.email.toLowerCase();
  const result = await db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, { slug: input.slug });
    if (!event || event.state === "draft") throw new RegistrationRefused("not_found");
    if (event.state === "cancelled") throw new RegistrationRefused("cancelled");
    if (!registrationOpen(event, now)) throw new RegistrationRefused("closed");
    if (input.formStamp && !(await useFormStamp(trx, input.formStamp, now))) throw new RegistrationRefused("stamp_used");
    if (values.region && values.country !== "other") {
      const region = await trx
        .selectFrom("regions")
        .select("code")
        .where("code", "=", values.region)
        .where("party_code", "=", values.country)
        .executeTakeFirst();
      if (!region) throw new RegistrationRefused("bad_region");
    }
    const token = newToken();
    const stamp = now.toISOString();
    const existing = await trx
      .selectFrom("event_registrations")
      .selectAll()
      .where("event_id", "=", event.id)
      .where("email", "=", email)
      .where("status", "in", ["pending", "confirmed", "waitlisted"])
      .orderBy("id")
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable("event_registrations")
        .set({ token_hash: hashToken(token), updated_at: stamp })
        .where("id", "=", existing.id)
        .execute();
      const outboxId = await recordEmail(trx, await registrationEmail(trx, event, existing, token, "again"));
      return { token, status: existing.status, duplicate: true, emails: [{ outboxId, secret: token }] };
    }
    const status: RegistrationStatus = event.requires_approval ? "pending" : hasPlace(event, await placesTaken(trx, event)) ? "confirmed" : "waitlisted";
    const row = await trx
      .insertInto("event_registrations")
      .values({
        event_id: event.id,
        name: values.name,
        email,
        organisation_name: values.organisationName || null,
        stakeholder_type: values.stakeholderType,
        stakeholder_other: values.stakeholderType === "other" ? values.stakeholderOther : null,
        women_led: values.womenLed ?? null,
        country: values.country,
        region_code: values.country !== "other" && values.region ? values.region : null,
        needs: values.needs || null,
        register_consent: values.registerConsent ? 1 : 0,
        locale: input.locale,
        status,
        walk_in: 0,
        token_hash: hashToken(token),
        created_at: stamp,
        updated_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Apart from the registration, read as counts only (as participant_profiles for submissions).
    if (values.gender)
      await trx.insertInto("event_registration_genders").values({ registration_id: row.id, event_id: event.id, gender: values.gender }).execute();
    const outboxId = await recordEmail(trx, await registrationEmail(trx, event, row, token, status));
    return { token, status, duplicate: false, emails: [{ outboxId, secret: token }] };
  });
  await deliverAll(db, result.emails);
  return { token: result.token, status: result.status, duplicate: result.duplicate };
}

export interface OwnRegistration {
  registration: Pick<EventRegistration, "id" | "status" | "name" | "created_at" | "cancelled_at" | "promoted_at" | "locale">;
  event: {
    id: number;
    slug: string;
    title: string;
    titleLocale: Locale;
    state: Event["state"];
    format: Event["format"];
    place: string | null;
    /** Only for a confirmed registration of an event still to come. */
    onlineUrl: string | null;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    whenText: string;
  };
  /** Whether the person may still cancel (a standing registration of an event not yet started). */
  canCancel: boolean;
}

async function registrationByToken(db: Db, token: string) {
  if (typeof token !== "string" || !/^[\w-]{20,100}$/.test(token)) return undefined;
  return db.selectFrom("event_registrations").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
}

const standing = (status: RegistrationStatus) => status === "pending" || status === "confirmed" || status === "waitlisted";

/** The person's own registration, by their private link's token; null for a token that names none. */
export async function getOwnRegistration(db: Kysely<Database>, token: string, locale: Locale, now = new Date()): Promise<OwnRegistration | null> {
  const row = await registrationByToken(db, token);
  if (!row) return null;
  const event = await db.selectFrom("events").selectAll().where("id", "=", row.event_id).executeTakeFirstOrThrow();
  const title = await eventTitle(db, event.id, locale);
  const upcoming = now.toISOString() < event.starts_at;
  return {
    registration: {
      id: row.id,
      status: row.status,
      name: row.name,
      created_at: row.created_at,
      cancelled_at: row.cancelled_at,
      promoted_at: row.promoted_at,
      locale: row.locale,
    },
    event: {
      id: event.id,
      slug: event.slug,
      title: title.title,
      titleLocale: title.locale,
      state: event.state,
      format: event.format,
      place: event.place,
      onlineUrl: row.status === "confirmed" && event.state === "published" ? event.online_url : null,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      timeZone: event.time_zone,
      whenText: whenText(event, locale),
    },
    canCancel: standing(row.status) && upcoming && event.state === "published",
  };
}

/**
 * The event's calendar file for the person's own registration: with the online link when they
 * have a place. Null for a token that names none.
 */
export async function ownRegistrationCalendar(db: Kysely<Database>, token: string, locale: Locale): Promise<string | null> {
  const row = await registrationByToken(db, token);
  if (!row) return null;
  const event = await db.selectFrom("events").selectAll().where("id", "=", row.event_id).executeTakeFirstOrThrow();
  const title = await eventTitle(db, event.id, locale);
  const description = await db
    .selectFrom("event_translations")
    .select("description")
    .where("event_id", "=", event.id)
    .where("locale", "=", title.locale)
    .executeTakeFirst();
  return eventCalendar(
    title.title,
    [
      {
        uid: `event-${event.id}@puente`,
        title: title.title,
        description: description?.description ?? "",
        startsAt: event.starts_at,
        endsAt: event.ends_at,
        timeZone: event.time_zone,
        place: event.place,
        url: `${publicUrl()}/${locale}/events/${event.slug}`,
        // A registration that no longer stands takes the event off the person's calendar.
        cancelled: event.state === "cancelled" || !standing(row.status),
        sequence: event.version,
        updatedAt: event.updated_at,
        onlineUrl: event.online_url,
      },
    ],
    { withPrivateLink: row.status === "confirmed" },
  );
}

/**
 * Cancels the person's own registration (it stays, marked cancelled) and gives a freed place to
 * the first on the waitlist, who is emailed. Refused once the event has started or for a
 * registration that no longer stands.
 */
export async function cancelOwnRegistration(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  const emails = await db.transaction().execute(async (trx) => {
    const found = await registrationByToken(trx, token);
    if (!found) throw new RegistrationRefused("not_found");
    const event = (await lockEvent(trx, { id: found.event_id }))!;
    // Read again under the event's lock: a concurrent cancel or approval may have changed it.
    const row = (await trx.selectFrom("event_registrations").selectAll().where("id", "=", found.id).executeTakeFirstOrThrow())!;
    if (!standing(row.status) || event.state !== "published" || now.toISOString() >= event.starts_at) throw new RegistrationRefused("not_active");
    const stamp = now.toISOString();
    await trx.updateTable("event_registrations").set({ status: "cancelled", cancelled_at: stamp, updated_at: stamp }).where("id", "=", row.id).execute();
    return promoteWaitlisted(trx, event, now);
  });
  await deliverAll(db, emails);
}

/**
 * Gives the places left to the waitlist, first registered first (by id), while the event is still
 * to come; each promoted person is emailed. Called under the event's lock.
 */
async function promoteWaitlisted(trx: Transaction<Database>, event: Event, now: Date): Promise<PendingEmail[]> {
  const emails: PendingEmail[] = [];
  if (event.state !== "published" || now.toISOString() >= event.starts_at) return emails;
  let taken = await placesTaken(trx, event);
  while (hasPlace(event, taken)) {
    const next = await trx
      .selectFrom("event_registrations")
      .selectAll()
      .where("event_id", "=", event.id)
      .where("status", "=", "waitlisted")
      .orderBy("id")
      .executeTakeFirst();
    if (!next) break;
    const stamp = now.toISOString();
    await trx.updateTable("event_registrations").set({ status: "confirmed", promoted_at: stamp, updated_at: stamp }).where("id", "=", next.id).execute();
    taken++;
    if (next.email) emails.push({ outboxId: await recordEmail(trx, await registrationEmail(trx, event, next, null, "promoted")) });
  }
  return emails;
}

// ——— Officials ———

export interface RegistrationListing {
  event: { id: number; slug: string; title: string; partyCode: string; capacity: number | null; requiresApproval: boolean; state: Event["state"] };
  counts: Record<RegistrationStatus, number>;
  /** Every registration, walk-ins included; never the gender answer. */
  registrations: Array<
    Pick<
      EventRegistration,
      | "id"
      | "name"
      | "email"
      | "organisation_name"
      | "stakeholder_type"
      | "stakeholder_other"
      | "country"
      | "region_code"
      | "needs"
      | "register_consent"
      | "status"
      | "walk_in"
      | "created_at"
      | "cancelled_at"
      | "promoted_at"
    >
  >;
}

async function eventForActor(db: Db, actor: Actor, eventId: number): Promise<Event> {
  if (!Number.isSafeInteger(eventId) || eventId <= 0) throw new NotFoundError("event");
  const event = await db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new NotFoundError("event");
  requirePermission(actor, "events.manage", { partyCode: event.party_code });
  return event;
}

/** An event's registrations for its country's officials (events.manage), oldest first. */
export async function listEventRegistrations(db: Kysely<Database>, actor: Actor, eventId: number, locale: Locale): Promise<RegistrationListing> {
  const event = await eventForActor(db, actor, eventId);
  const registrations = await db
    .selectFrom("event_registrations")
    .select([
      "id",
      "name",
      "email",
      "organisation_name",
      "stakeholder_type",
      "stakeholder_other",
      "country",
      "region_code",
      "needs",
      "register_consent",
      "status",
      "walk_in",
      "created_at",
      "cancelled_at",
      "promoted_at",
    ])
    .where("event_id", "=", event.id)
    .orderBy("id")
    .execute();
  const counts: Record<RegistrationStatus, number> = { pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0, declined: 0 };
  for (const r of registrations) counts[r.status]++;
  return {
    event: {
      id: event.id,
      slug: event.slug,
      title: (await eventTitle(db, event.id, locale)).title,
      partyCode: event.party_code,
      capacity: event.capacity,
      requiresApproval: !!event.requires_approval,
      state: event.state,
    },
    counts,
    registrations,
  };
}

/**
 * An official approves or declines a pending registration (events.manage, own country), audited
 * and emailed. Approval gives a place while there is one, else puts the person on the waitlist.
 */
export async function decideRegistration(
  db: Kysely<Database>,
  actor: Actor & { email: string },
  eventId: number,
  registrationId: number,
  decision: "approve" | "decline",
  now = new Date(),
): Promise<RegistrationStatus> {
  const { status, emails } = await db.transaction().execute(async (trx) => {
    await eventForActor(trx, actor, eventId);
    const event = (await lockEvent(trx, { id: eventId }))!;
    const row = await trx.selectFrom("event_registrations").selectAll().where("id", "=", registrationId).where("event_id", "=", event.id).executeTakeFirst();
    if (!row) throw new NotFoundError("registration");
    if (row.status !== "pending") throw new RegistrationRefused("not_pending");
    const status: RegistrationStatus = decision === "decline" ? "declined" : hasPlace(event, await placesTaken(trx, event)) ? "confirmed" : "waitlisted";
    await trx.updateTable("event_registrations").set({ status, updated_at: now.toISOString() }).where("id", "=", row.id).execute();
    await recordAudit(trx, {
      actor,
      action: decision === "approve" ? "event_registration.approved" : "event_registration.declined",
      subject: { type: "event_registration", id: row.id },
      details: { event: event.id, status },
    });
    const emails: PendingEmail[] = [];
    if (row.email)
      emails.push({
        outboxId: await recordEmail(
          trx,
          await registrationEmail(trx, event, row, null, decision === "approve" ? (`approved_${status}` as EmailKind) : "declined"),
        ),
      });
    return { status, emails };
  });
  await deliverAll(db, emails);
  return status;
}

// ——— The reminder the day before ———

/**
 * Emails a reminder to every confirmed person of a published event that starts within a day of
 * `now` (and has not started). Each registration is claimed by setting `reminded_at` where it is
 * still null, so a pass repeated, or run by two servers at once, reminds each person once.
 */
export async function sendEventReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const due = await db
    .selectFrom("event_registrations")
    .innerJoin("events", "events.id", "event_registrations.event_id")
    .select("event_registrations.id")
    .where("events.state", "=", "published")
    .where("events.starts_at", ">", at)
    .where("events.starts_at", "<=", new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString())
    .where("event_registrations.status", "=", "confirmed")
    .where("event_registrations.reminded_at", "is", null)
    .where("event_registrations.email", "is not", null)
    .orderBy("event_registrations.id")
    .execute();
  let sent = 0;
  for (const { id } of due) {
    const outboxId = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("event_registrations")
        .set({ reminded_at: at })
        .where("id", "=", id)
        .where("reminded_at", "is", null)
        .where("status", "=", "confirmed")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null;
      const row = await trx.selectFrom("event_registrations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const event = await trx.selectFrom("events").selectAll().where("id", "=", row.event_id).executeTakeFirstOrThrow();
      return recordEmail(trx, await registrationEmail(trx, event, row, null, "reminder"));
    });
    if (outboxId !== null) {
      await deliverEmail(db, outboxId);
      sent++;
    }
  }
  return sent;
}

declare global {
  var __puenteEventReminderClocks: WeakMap<object, () => Date> | undefined;
}

/** The reminder pass's clock: the wall clock, unless a test moved it (setEventReminderClock). */
export function eventReminderClock(db: Kysely<Database>): () => Date {
  return globalThis.__puenteEventReminderClocks?.get(db) ?? (() => new Date());
}

export function setEventReminderClock(db: Kysely<Database>, clock: (() => Date) | null) {
  const clocks = (globalThis.__puenteEventReminderClocks ??= new WeakMap());
  if (clock) clocks.set(db, clock);
  else clocks.delete(db);
}

/** Queues the pass (one waiting at a time, across servers). */
export function queueEventReminders(db: Kysely<Database>): Promise<string | null> {
  return enqueueJob(db, EVENT_REMINDERS_JOB, {}, { singletonKey: EVENT_REMINDERS_JOB, retryLimit: 2, retryDelaySeconds: 60, timeoutSeconds: 600 });
}

// ——— Emails ———

async function eventTitle(db: Db, eventId: number, locale: Locale): Promise<{ title: string; locale: Locale }> {
  const rows = await db.selectFrom("event_translations").select(["locale", "title"]).where("event_id", "=", eventId).execute();
  const row = pickTranslation(rows, locale);
  return { title: row?.title ?? "", locale: (row?.locale ?? locale) as Locale };
}

function whenText(event: Pick<Event, "starts_at" | "ends_at" | "time_zone">, locale: Locale): string {
  return `${formatDateTime(event.starts_at, locale, event.time_zone)} – ${formatDateTime(event.ends_at, locale, event.time_zone)} (${event.time_zone})`;
}

type EmailKind = RegistrationStatus | "again" | "promoted" | "approved_confirmed" | "approved_waitlisted" | "reminder";

/** The private page's address for a token ("" when the email carries none). */
export function privateLink(locale: Locale, token: string): string {
  return `${publicUrl()}/${locale}/events/registrations/${token}`;
}

/**
 * An email about a registration, in the person's language. Only the first email (and the one sent
 * when the same address registers again) carries the private link: its token exists in memory
 * only then. Later ones point back to it; those that give a place carry the online link.
 */
async function registrationEmail(db: Db, event: Event, row: EventRegistration, token: string | null, kind: EmailKind): Promise<Email> {
  const locale = row.locale;
  const t = getT(locale);
  const { title } = await eventTitle(db, event.id, locale);
  const key = kind;
  const hasPlace = row.status === "confirmed" || kind === "promoted" || kind === "approved_confirmed" || kind === "reminder";
  const paragraphs: string[] = [
    t("eventRegistration.emails.greeting", { name: row.name }),
    t(`eventRegistration.emails.intro.${key}` as never, { title }),
    t("eventRegistration.emails.when", { when: whenText(event, locale) }),
  ];
  if (event.place) paragraphs.push(t("eventRegistration.emails.place", { place: event.place }));
  if (hasPlace && event.online_url) paragraphs.push(t("eventRegistration.emails.online", { url: event.online_url }));
  let link: { href: string; label: string } | undefined;
  const after: string[] = [];
  if (token) {
    const page = privateLink(locale, token);
    paragraphs.push(t("eventRegistration.emails.link"));
    link = { href: page, label: t("eventRegistration.emails.action") };
    after.push(t("eventRegistration.emails.calendar"), `${page}/calendar.ics`, t("eventRegistration.emails.keep"));
  } else if (kind !== "declined") {
    paragraphs.push(t("eventRegistration.emails.useEarlierLink"));
  }
  const text = [...paragraphs, ...(link ? [link.href] : []), ...after].join("\n\n") + "\n\n— Puente\n";
  return {
    kind: `event_registration_${kind}`,
    to: row.email!,
    locale,
    subject: t(`eventRegistration.emails.subject.${key}` as never, { title }),
    text,
    html: htmlEmail(locale, paragraphs, link, after),
    ...(token ? { secret: token } : {}),
  };
}

/**
 * What the registration form shows of an event (no personal data): null for no published event.
 * `open` says whether registration is taken now; `full` whether a new person would be waitlisted.
 */
export async function registrationFormEvent(db: Kysely<Database>, slug: string, locale: Locale, now = new Date()) {
  const event = await db.selectFrom("events").selectAll().where("slug", "=", slug).where("state", "!=", "draft").executeTakeFirst();
  if (!event) return null;
  const title = await eventTitle(db, event.id, locale);
  const full = !event.requires_approval && !hasPlace(event, await placesTaken(db, event));
  return {
    slug: event.slug,
    title: title.title,
    titleLocale: title.locale,
    whenText: whenText(event, locale),
    state: event.state,
    open: registrationOpen(event, now),
    requiresApproval: !!event.requires_approval,
    full,
  };
}

/** The regions the form offers, by country (as the submission form does). */
export async function registrationRegions(db: Kysely<Database>, locale: Locale) {
  const parties = await listParties(db, locale);
  return Promise.all(
    parties.map(async (p) => ({
      party: p.code,
      partyName: p.name,
      regions: (await listRegions(db, p.code, locale)).map((r) => ({ code: r.code, name: r.name })),
    })),
  );
}
