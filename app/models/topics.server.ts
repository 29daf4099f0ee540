import type { Kysely } from "kysely";
import type { Database, Topic } from "../../db/schema";
import { supportedLocales, type Locale } from "~/i18n";
import { formatDateTime } from "~/utils/format";

/** What the public sees: draft and archived topics are not listed. */
export type TopicStatus = "draft" | "scheduled" | "open" | "closed" | "archived";

/** Status follows the dates unless an official closed the topic early. */
export function topicStatus(
  topic: Pick<Topic, "state" | "opens_at" | "closes_at" | "closed_early_at">,
  now: Date = new Date(),
): TopicStatus {
  if (topic.state !== "published") return topic.state;
  const at = now.toISOString();
  if (topic.closed_early_at && topic.closed_early_at <= at) return "closed";
  if (at < topic.opens_at) return "scheduled";
  if (at < topic.closes_at) return "open";
  return "closed";
}

/** The requested language first, then the others in a fixed order. */
export function pickTranslation<T extends { locale: string }>(rows: T[], locale: Locale): T | undefined {
  for (const candidate of [locale, ...supportedLocales.filter((l) => l !== locale)]) {
    const row = rows.find((r) => r.locale === candidate);
    if (row) return row;
  }
  return undefined;
}

export interface TopicCard {
  slug: string;
  partyCode: string;
  areaNumber: number | null;
  areaArticle: string | null;
  status: TopicStatus;
  title: string;
  summary: string;
  /** The language the text is shown in; differs from the page's when that one is missing. */
  contentLocale: Locale;
  availableLocales: Locale[];
  opensAt: string;
  closesAt: string;
  /** Formatted in the party's time zone, e.g. "31 March 2026, 23:59". */
  opensAtText: string;
  closesAtText: string;
  timeZoneLabel: string;
}

const cardColumns = [
  "t.id",
  "t.slug",
  "t.party_code",
  "t.state",
  "t.opens_at",
  "t.closes_at",
  "t.closed_early_at",
  "a.number as area_number",
  "a.article as area_article",
  "p.time_zone",
  "pt.time_zone_label",
] as const;

function baseQuery(db: Kysely<Database>, locale: Locale) {
  return db
    .selectFrom("topics as t")
    .innerJoin("parties as p", "p.code", "t.party_code")
    .innerJoin("party_translations as pt", (j) => j.onRef("pt.party_code", "=", "p.code").on("pt.locale", "=", locale))
    .leftJoin("workplan_areas as a", "a.id", "t.area_id")
    .select(cardColumns);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

async function toCards(db: Kysely<Database>, rows: BaseRow[], locale: Locale, now: Date): Promise<TopicCard[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom("topic_translations")
    .select(["topic_id", "locale", "title", "summary"])
    .where(
      "topic_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => {
    const own = texts.filter((t) => t.topic_id === row.id);
    const text = pickTranslation(own, locale);
    const effective = topicEffectiveClose(row);
    return {
      slug: row.slug,
      partyCode: row.party_code,
      areaNumber: row.area_number,
      areaArticle: row.area_article,
      status: topicStatus(row, now),
      title: text?.title ?? row.slug,
      summary: text?.summary ?? "",
      contentLocale: (text?.locale ?? locale) as Locale,
      availableLocales: supportedLocales.filter((l) => own.some((t) => t.locale === l)),
      opensAt: row.opens_at,
      closesAt: effective,
      opensAtText: formatDateTime(row.opens_at, locale, row.time_zone),
      closesAtText: formatDateTime(effective, locale, row.time_zone),
      timeZoneLabel: row.time_zone_label,
    };
  });
}

function topicEffectiveClose(row: { closes_at: string; closed_early_at: string | null }): string {
  return row.closed_early_at && row.closed_early_at < row.closes_at ? row.closed_early_at : row.closes_at;
}

/** Published topics open right now, soonest closing first. */
export async function listOpenTopics(db: Kysely<Database>, locale: Locale, now: Date = new Date()) {
  const at = now.toISOString();
  const rows = await baseQuery(db, locale)
    .where("t.state", "=", "published")
    .where("t.opens_at", "<=", at)
    .where("t.closes_at", ">", at)
    .where((eb) => eb.or([eb("t.closed_early_at", "is", null), eb("t.closed_early_at", ">", at)]))
    .orderBy("t.closes_at")
    .orderBy("t.id")
    .execute();
  return toCards(db, rows, locale, now);
}

export interface TopicPage extends TopicCard {
  body: string;
  allowComments: boolean;
  areaTitle: string | null;
  questions: Array<{ text: string; locale: Locale }>;
}

/** A topic as the public sees it; drafts and unknown slugs are null (a 404). */
export async function getPublicTopic(
  db: Kysely<Database>,
  slug: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<TopicPage | null> {
  const row = await baseQuery(db, locale)
    .leftJoin("workplan_area_translations as at", (j) => j.onRef("at.area_id", "=", "a.id").on("at.locale", "=", locale))
    .select(["t.allow_comments", "at.title as area_title"])
    .where("t.slug", "=", slug)
    .where("t.state", "!=", "draft")
    .executeTakeFirst();
  if (!row) return null;
  const [card] = await toCards(db, [row], locale, now);
  const [body, questions] = await Promise.all([
    db
      .selectFrom("topic_translations")
      .select(["locale", "body"])
      .where("topic_id", "=", row.id)
      .execute(),
    db
      .selectFrom("topic_questions as q")
      .innerJoin("topic_question_translations as qt", "qt.question_id", "q.id")
      .select(["q.id", "q.position", "qt.locale", "qt.text"])
      .where("q.topic_id", "=", row.id)
      .orderBy("q.position")
      .execute(),
  ]);
  const byQuestion = new Map<number, typeof questions>();
  for (const q of questions) byQuestion.set(q.id, [...(byQuestion.get(q.id) ?? []), q]);
  return {
    ...card!,
    body: body.find((b) => b.locale === card!.contentLocale)?.body ?? "",
    allowComments: row.allow_comments === 1,
    areaTitle: row.area_title,
    questions: [...byQuestion.values()].map((rows) => {
      const q = pickTranslation(rows, locale)!;
      return { text: q.text, locale: q.locale as Locale };
    }),
  };
}
