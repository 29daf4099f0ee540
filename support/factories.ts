import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";
import type { Database, EventFormat, EventState, Locale, RegistrationStatus, Role, TopicState } from "../db/schema";
import { advancePublication } from "~/models/publication.server";

let counter = 0;
const DAY = 24 * 60 * 60 * 1000;

/** The two parties, with only what tests need (the full reference data comes from seed()). */
export async function createParties(db: Kysely<Database>) {
  const parties = [
    { code: "CA", time_zone: "America/Toronto", position: 0, names: { en: "Canada", fr: "Canada", es: "Canadá" } },
    { code: "CL", time_zone: "America/Santiago", position: 1, names: { en: "Chile", fr: "Chili", es: "Chile" } },
  ];
  for (const p of parties) {
    await db.insertInto("parties").values({ code: p.code, time_zone: p.time_zone, position: p.position }).execute();
    await db
      .insertInto("party_translations")
      .values(
        (["en", "fr", "es"] as const).map((locale) => ({
          party_code: p.code,
          locale,
          name: p.names[locale],
          time_zone_label: `${p.time_zone} time`,
        })),
      )
      .execute();
  }
}

export interface TopicOptions {
  party?: "CA" | "CL";
  state?: TopicState;
  slug?: string;
  opensAt?: Date;
  closesAt?: Date;
  closedEarlyAt?: Date | null;
  translations?: Partial<Record<Locale, { title: string; summary?: string; body?: string }>>;
  questions?: Array<Partial<Record<Locale, string>>>;
  /** false on a database migrated only part-way (before the publication version existed). */
  advancePublication?: boolean;
}

/** A topic open from yesterday to next month unless told otherwise. */
export async function createTopic(db: Kysely<Database>, options: TopicOptions = {}) {
  counter++;
  const now = Date.now();
  const slug = options.slug ?? `topic-${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const stamp = new Date().toISOString();
  const { id } = await db
    .insertInto("topics")
    .values({
      party_code: options.party ?? "CA",
      slug,
      state: options.state ?? "published",
      opens_at: (options.opensAt ?? new Date(now - DAY)).toISOString(),
      closes_at: (options.closesAt ?? new Date(now + 30 * DAY)).toISOString(),
      closed_early_at: options.closedEarlyAt ? options.closedEarlyAt.toISOString() : null,
      allow_comments: 1,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const translations = options.translations ?? { en: { title: `Topic ${counter}` }, fr: { title: `Sujet ${counter}` } };
  for (const [locale, text] of Object.entries(translations)) {
    await db
      .insertInto("topic_translations")
      .values({
        topic_id: id,
        locale: locale as Locale,
        title: text.title,
        summary: text.summary ?? `${text.title} summary`,
        body: text.body ?? `${text.title} body`,
      })
      .execute();
  }
  for (const [position, question] of (options.questions ?? []).entries()) {
    const q = await db.insertInto("topic_questions").values({ topic_id: id, position }).returning("id").executeTakeFirstOrThrow();
    for (const [locale, text] of Object.entries(question)) {
      await db
        .insertInto("topic_question_translations")
        .values({ question_id: q.id, locale: locale as Locale, text: text! })
        .execute();
    }
  }
  // A new published topic changes public pages, as saving one through the back office does.
  if (options.advancePublication !== false) await advancePublication(db);
  return { id, slug };
}

export const days = (n: number) => new Date(Date.now() + n * DAY);

export interface UserOptions {
  role?: Role;
  party?: "CA" | "CL" | null;
  email?: string;
  password?: string | null;
  disabled?: boolean;
  locale?: Locale;
}

/** An account; password "correct horse battery" unless told otherwise (null: invited, none yet). */
export async function createUser(db: Kysely<Database>, options: UserOptions = {}) {
  counter++;
  const role = options.role ?? "moderator";
  const now = new Date().toISOString();
  const password = options.password === undefined ? "correct horse battery" : options.password;
  return db
    .insertInto("users")
    .values({
      email: options.email ?? `user${counter}-${randomBytes(3).toString("hex")}@example.org`,
      display_name: `User ${counter}`,
      role,
      party_code: options.party === undefined ? (role === "moderator" ? "CA" : null) : options.party,
      locale: options.locale ?? "en",
      password_hash: password ? await hash(password) : null,
      disabled_at: options.disabled ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A session for the user, as the Cookie header a browser would send (with a CSRF cookie). */
export async function sessionCookieFor(db: Kysely<Database>, userId: number, options: { lastSeen?: Date } = {}) {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await db
    .insertInto("sessions")
    .values({
      id_hash: createHash("sha256").update(token).digest("hex"),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: (options.lastSeen ?? now).toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
    })
    .execute();
  // createCookie serialises a string value as base64 of its JSON.
  const value = encodeURIComponent(Buffer.from(JSON.stringify(token)).toString("base64"));
  return `puente_session=${value}; ${CSRF_COOKIE_PAIR}`;
}

/** The officials of the summaries' tests, each with a session; each country's moderator is its designated signatory. */
export async function createSummaryOfficials(db: Kysely<Database>) {
  const actors = {} as Record<"modCA" | "modCL" | "admin" | "committee", { id: number; role: Role; partyCode: string | null; name: string }>;
  const cookies = {} as Record<keyof typeof actors, string>;
  for (const [name, options] of [
    ["modCA", { role: "moderator", party: "CA" }],
    ["modCL", { role: "moderator", party: "CL" }],
    ["admin", { role: "admin" }],
    ["committee", { role: "committee", party: "CA" }],
  ] as const) {
    const user = await createUser(db, options);
    actors[name] = { id: user.id, role: user.role, partyCode: user.party_code, name: user.display_name };
    cookies[name] = await sessionCookieFor(db, user.id);
  }
  await db.updateTable("parties").set({ signatory_user_id: actors.modCA.id }).where("code", "=", "CA").execute();
  await db.updateTable("parties").set({ signatory_user_id: actors.modCL.id }).where("code", "=", "CL").execute();
  return { actors, cookies };
}

/** The CSRF cookie a browser holds and the token its forms carry (double submit). */
export const CSRF_TOKEN = "t".repeat(43);
export const CSRF_COOKIE_PAIR = `puente_csrf=${CSRF_TOKEN}`;

export interface SubmissionOptions {
  topicSlug: string;
  values?: Partial<Record<string, string>>;
  locale?: Locale;
  now?: Date;
}

/**
 * A submission made through the real intake (createSubmission), with plausible values that any
 * field of `values` overrides. Returns the reference, the secret token and the row id.
 */
export async function createSubmissionFor(db: Kysely<Database>, options: SubmissionOptions) {
  counter++;
  const { submissionFormSchema } = await import("../app/schemas/submission");
  const { createSubmission } = await import("../app/models/submissions.server");
  const values = submissionFormSchema.parse({
    kind: "proposal",
    onBehalf: "organisation",
    stakeholderType: "union",
    organisationName: `Union ${counter}`,
    country: "CA",
    region: "",
    contactName: `Person ${counter}`,
    contactEmail: `person${counter}-${Math.random().toString(36).slice(2, 7)}@example.org`,
    title: `Proposal ${counter}`,
    body: `Women in trade need data, proposal number ${counter}.`,
    language: "en",
    publication: "anonymous",
    privacy: "on",
    ...options.values,
  });
  const created = await createSubmission(db, { topicSlug: options.topicSlug, values, pageLocale: options.locale ?? "en", now: options.now });
  const { id } = await db.selectFrom("submissions").select("id").where("reference", "=", created.reference).executeTakeFirstOrThrow();
  return { ...created, id };
}

export interface EventOptions {
  party?: "CA" | "CL";
  state?: EventState;
  slug?: string;
  format?: EventFormat;
  startsAt?: Date;
  /** Two hours after the start unless told. */
  endsAt?: Date;
  capacity?: number | null;
  requiresApproval?: boolean;
  registrationOpensAt?: Date;
  registrationClosesAt?: Date;
  workplanItemId?: number | null;
  areaId?: number | null;
  onlineUrl?: string | null;
  place?: string | null;
  translations?: Partial<Record<Locale, { title: string; description?: string; agenda?: string }>>;
}

/** A published online event a week from now, registration open from yesterday to its start, unless told otherwise. */
export async function createEvent(db: Kysely<Database>, options: EventOptions = {}) {
  counter++;
  const party = options.party ?? "CA";
  const startsAt = options.startsAt ?? days(7);
  const stamp = new Date().toISOString();
  const state = options.state ?? "published";
  const { id } = await db
    .insertInto("events")
    .values({
      party_code: party,
      slug: options.slug ?? `event-${counter}-${Math.random().toString(36).slice(2, 7)}`,
      workplan_item_id: options.workplanItemId ?? null,
      area_id: options.areaId ?? null,
      format: options.format ?? "online",
      place: options.place ?? null,
      online_url: options.onlineUrl === undefined ? `https://meet.example/room-${counter}` : options.onlineUrl,
      starts_at: startsAt.toISOString(),
      ends_at: (options.endsAt ?? new Date(startsAt.getTime() + 2 * 3600_000)).toISOString(),
      time_zone: party === "CL" ? "America/Santiago" : "America/Toronto",
      languages: "en,fr,es",
      interpretation: "",
      capacity: options.capacity === undefined ? null : options.capacity,
      registration_opens_at: (options.registrationOpensAt ?? days(-1)).toISOString(),
      registration_closes_at: (options.registrationClosesAt ?? startsAt).toISOString(),
      requires_approval: options.requiresApproval ? 1 : 0,
      state,
      published_at: state === "draft" ? null : stamp,
      cancelled_at: state === "cancelled" ? stamp : null,
      cancellation_note: null,
      recording_url: null,
      report_file_key: null,
      report_file_name: null,
      report_size: null,
      report_sha256: null,
      created_by_user_id: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  const translations = options.translations ?? { en: { title: `Event ${counter}` }, fr: { title: `Événement ${counter}` } };
  for (const [locale, text] of Object.entries(translations)) {
    await db
      .insertInto("event_translations")
      .values({
        event_id: id,
        locale: locale as Locale,
        title: text.title,
        description: text.description ?? `${text.title} description`,
        agenda: text.agenda ?? "",
      })
      .execute();
  }
  if (state !== "draft") await advancePublication(db);
  const { slug } = await db.selectFrom("events").select("slug").where("id", "=", id).executeTakeFirstOrThrow();
  return { id, slug };
}

export interface RegistrationOptions {
  status?: RegistrationStatus;
  name?: string;
  email?: string | null;
  stakeholderType?: string;
  country?: "CA" | "CL" | "other";
  region?: string | null;
  womenLed?: "yes" | "no" | "prefer_not" | null;
  gender?: "woman" | "man" | "another" | "prefer_not" | null;
  consent?: boolean;
  needs?: string | null;
  walkIn?: boolean;
  attendedAt?: Date | null;
  locale?: Locale;
  /** The private link's token (its hash is kept); a random one unless told. */
  token?: string;
}

/** A confirmed registration (inserted directly; the registration model's own tests go through it). */
export async function createRegistration(db: Kysely<Database>, eventId: number, options: RegistrationOptions = {}) {
  counter++;
  const stamp = new Date().toISOString();
  const token = options.token ?? randomBytes(24).toString("base64url");
  const { id } = await db
    .insertInto("event_registrations")
    .values({
      event_id: eventId,
      name: options.name ?? `Registrant ${counter}`,
      email: options.email === undefined ? `registrant${counter}-${Math.random().toString(36).slice(2, 7)}@example.org` : options.email,
      organisation_name: `Organisation ${counter}`,
      stakeholder_type: options.stakeholderType ?? "ngo",
      stakeholder_other: null,
      women_led: options.womenLed ?? null,
      country: options.country ?? "CA",
      region_code: options.region ?? null,
      needs: options.needs ?? null,
      register_consent: options.consent ? 1 : 0,
      locale: options.locale ?? "en",
      status: options.status ?? "confirmed",
      walk_in: options.walkIn ? 1 : 0,
      attended_at: options.attendedAt ? options.attendedAt.toISOString() : null,
      checked_in_by_user_id: null,
      token_hash: options.walkIn ? null : createHash("sha256").update(token).digest("hex"),
      created_at: stamp,
      updated_at: stamp,
      cancelled_at: null,
      promoted_at: null,
      reminded_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.gender) await db.insertInto("event_registration_genders").values({ registration_id: id, event_id: eventId, gender: options.gender }).execute();
  return { id, token };
}
