import type { Kysely } from "kysely";
import type { Database, Locale, TopicState } from "../db/schema";

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
  return { id, slug };
}

export const days = (n: number) => new Date(Date.now() + n * DAY);
