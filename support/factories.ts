import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";
import type { Database, Locale, Role, TopicState } from "../db/schema";
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
