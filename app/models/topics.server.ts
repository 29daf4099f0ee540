import { sql, type Kysely } from "kysely";
import type { Database, Topic } from "../../db/schema";
import { supportedLocales, type Locale } from "~/i18n";
import { formatDateTime } from "~/utils/format";
import { outcomesForApi } from "./outcomes.server";
import { byPublicationVersion } from "./publication-memo.server";
import { publicWordsMatch } from "./submission-search.server";

/** What the public sees: draft and archived topics are not listed. */
export type TopicStatus = "draft" | "scheduled" | "open" | "closed" | "archived";

/** Status follows the dates unless an official closed the topic early. */
export function topicStatus(topic: Pick<Topic, "state" | "opens_at" | "closes_at" | "closed_early_at">, now: Date = new Date()): TopicStatus {
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
  documents: Array<{ id: number; name: string; size: number; locale: Locale | null }>;
  /** Approved submissions that may be published (not the officials-only ones). */
  publishedCount: number;
  body: string;
  allowComments: boolean;
  areaTitle: string | null;
  questions: Array<{ id: number; text: string; locale: Locale }>;
}

/** A topic the public may read (published or archived) by its slug; drafts and unknown slugs are null. */
export async function findPublicTopic(db: Kysely<Database>, slug: string): Promise<{ id: number; slug: string } | null> {
  const row = await db.selectFrom("topics").select(["id", "slug"]).where("slug", "=", slug).where("state", "in", ["published", "archived"]).executeTakeFirst();
  return row ?? null;
}

/** Every public topic (published or archived), by party then age, with its title in `locale` or another language it has. */
export async function listPublicTopicTitles(db: Kysely<Database>, locale: Locale): Promise<Array<{ id: number; party: string; title: string }>> {
  const rows = await db
    .selectFrom("topics as t")
    .innerJoin("topic_translations as tt", "tt.topic_id", "t.id")
    .select(["t.id", "t.party_code", "tt.locale", "tt.title"])
    .where("t.state", "in", ["published", "archived"])
    .orderBy("t.party_code")
    .orderBy("t.id")
    .execute();
  const byTopic = new Map<number, typeof rows>();
  for (const row of rows) byTopic.set(row.id, [...(byTopic.get(row.id) ?? []), row]);
  return [...byTopic].map(([id, texts]) => ({ id, party: texts[0]!.party_code, title: pickTranslation(texts, locale)?.title ?? "" }));
}

/**
 * A topic as the public sees it; drafts and unknown slugs are null (a 404). Everything on it but
 * its status is made of public rows, so it is kept per publication version (ADR 038, ADR 047:
 * every topic, question, document, decision and theme change advances the version); the status
 * follows the clock and is worked out at each call. Only the slugs of public topics are keys.
 */
export async function getPublicTopic(db: Kysely<Database>, slug: string, locale: Locale, now: Date = new Date()): Promise<TopicPage | null> {
  const topics = await byPublicationVersion(db, `public-topics ${locale}`, async () => {
    const rows = await db.selectFrom("topics").select("slug").where("state", "!=", "draft").execute();
    return { slugs: new Set(rows.map((r) => r.slug)), pages: new Map<string, ReturnType<typeof readTopicPage>>() };
  });
  if (!topics.slugs.has(slug)) return null;
  // Read after the version, as byPublicationVersion's own values: never older than it.
  let reading = topics.pages.get(slug);
  if (!reading) {
    const started = (reading = readTopicPage(db, { slug }, locale, now));
    topics.pages.set(slug, started);
    // A failed reading is not kept: the next request tries again.
    started.catch(() => topics.pages.get(slug) === started && topics.pages.delete(slug));
  }
  const kept = await reading;
  return kept && { ...kept.page, status: topicStatus(kept.timing, now) };
}

/**
 * A topic page by slug (public: never a draft) or by id (officials' preview: drafts too; the
 * caller checks the permission).
 */
export async function getTopicPage(
  db: Kysely<Database>,
  which: { slug: string } | { id: number },
  locale: Locale,
  now: Date = new Date(),
): Promise<TopicPage | null> {
  return (await readTopicPage(db, which, locale, now))?.page ?? null;
}

/** The page and what its status is worked out from. */
async function readTopicPage(db: Kysely<Database>, which: { slug: string } | { id: number }, locale: Locale, now: Date) {
  const row = await baseQuery(db, locale)
    .leftJoin("workplan_area_translations as at", (j) => j.onRef("at.area_id", "=", "a.id").on("at.locale", "=", locale))
    .select(["t.allow_comments", "at.title as area_title"])
    .$if("slug" in which, (q) => q.where("t.slug", "=", (which as { slug: string }).slug).where("t.state", "!=", "draft"))
    .$if("id" in which, (q) => q.where("t.id", "=", (which as { id: number }).id))
    .executeTakeFirst();
  if (!row) return null;
  const [card] = await toCards(db, [row], locale, now);
  const [body, questions, documents] = await Promise.all([
    db.selectFrom("topic_translations").select(["locale", "body"]).where("topic_id", "=", row.id).execute(),
    db
      .selectFrom("topic_questions as q")
      .innerJoin("topic_question_translations as qt", "qt.question_id", "q.id")
      .select(["q.id", "q.position", "qt.locale", "qt.text"])
      .where("q.topic_id", "=", row.id)
      // A retired question is no longer asked; its answers are still shown with the submissions.
      .where("q.retired_at", "is", null)
      .orderBy("q.position")
      .execute(),
    db.selectFrom("topic_documents").select(["id", "file_name as name", "size", "locale"]).where("topic_id", "=", row.id).orderBy("id").execute(),
  ]);
  // Counted once per publication version (ADR 038): it changes only with an approval or a rejection.
  const published = await byPublicationVersion(db, `published-count ${row.id}`, () =>
    db
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("topic_id", "=", row.id)
      .where("status", "=", "approved")
      .where("publication", "!=", "officials")
      .executeTakeFirstOrThrow(),
  );
  const byQuestion = new Map<number, typeof questions>();
  for (const q of questions) byQuestion.set(q.id, [...(byQuestion.get(q.id) ?? []), q]);
  const page: TopicPage = {
    ...card!,
    body: body.find((b) => b.locale === card!.contentLocale)?.body ?? "",
    allowComments: row.allow_comments === 1,
    documents,
    publishedCount: Number(published.n),
    areaTitle: row.area_title,
    questions: [...byQuestion.values()].map((rows) => {
      const q = pickTranslation(rows, locale)!;
      return { id: q.id, text: q.text, locale: q.locale as Locale };
    }),
  };
  const timing = { state: row.state, opens_at: row.opens_at, closes_at: row.closes_at, closed_early_at: row.closed_early_at };
  return { page, timing };
}

export const PUBLIC_PAGE_SIZE = 10;

export interface TopicSearch {
  party?: string;
  area?: number;
  status?: "open" | "upcoming" | "closed";
  q?: string;
  /** The site search's words (searchWords): each must start a word of a title or summary, in any language. */
  words?: string[];
  page?: number;
  pageSize?: number;
}

/**
 * The public list: published topics (never drafts or archived ones), filtered and searched,
 * open ones first then upcoming then closed, paginated. The search looks in the titles and
 * summaries of every language, so a topic written only in Spanish is found from /en too.
 */
export async function searchTopics(db: Kysely<Database>, locale: Locale, search: TopicSearch, now: Date = new Date()) {
  const at = now.toISOString();
  let query = baseQuery(db, locale).where("t.state", "=", "published");
  if (search.party) query = query.where("t.party_code", "=", search.party);
  if (search.area) query = query.where("a.number", "=", search.area);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder's type (baseQuery's joins) spelled out is longer than this expression; tsc still checks the callers
  const closed = (eb: any) => eb.or([eb("t.closes_at", "<=", at), eb.and([eb("t.closed_early_at", "is not", null), eb("t.closed_early_at", "<=", at)])]);
  if (search.status === "open") query = query.where("t.opens_at", "<=", at).where((eb) => eb.not(closed(eb)));
  if (search.status === "upcoming") query = query.where("t.opens_at", ">", at).where((eb) => eb.not(closed(eb)));
  if (search.status === "closed") query = query.where((eb) => closed(eb));
  const q = search.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("topic_translations as tt")
          .select("tt.topic_id")
          .whereRef("tt.topic_id", "=", "t.id")
          .where((w) => w.or([w(sql`lower(tt.title)`, "like", sql`${pattern} escape '\\'`), w(sql`lower(tt.summary)`, "like", sql`${pattern} escape '\\'`)])),
      ),
    );
  }
  const match = search.words ? publicWordsMatch(db, sql`coalesce(tt.title, '') || ' ' || coalesce(tt.summary, '')`, search.words) : null;
  if (match)
    query = query.where((eb) => eb.exists(eb.selectFrom("topic_translations as tt").select("tt.topic_id").whereRef("tt.topic_id", "=", "t.id").where(match)));
  const rows = await query.orderBy("t.closes_at", "desc").orderBy("t.id", "desc").execute();
  // Open first (soonest closing), then upcoming (soonest opening), then closed (latest first).
  const rank = (r: BaseRow) => ({ open: 0, scheduled: 1, closed: 2, draft: 3, archived: 3 })[topicStatus(r, now)];
  rows.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.closes_at.localeCompare(b.closes_at) : rank(a) === 1 ? a.opens_at.localeCompare(b.opens_at) : 0));
  const page = Math.max(1, search.page ?? 1);
  const size = search.pageSize ?? PUBLIC_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const slice = rows.slice((page - 1) * size, page * size);
  return { total: rows.length, page, pages, topics: await toCards(db, slice, locale, now) };
}

/**
 * Every public topic (published or archived, never drafts) with all its texts, for the open-data
 * API; with `slug`, that one only. A closed consultation's published outcome ("what we heard") is
 * included, else `outcome` is null.
 */
export async function listTopicsForApi(db: Kysely<Database>, now: Date = new Date(), options: { slug?: string } = {}) {
  const topics = await db
    .selectFrom("topics as t")
    .leftJoin("workplan_areas as a", "a.id", "t.area_id")
    .select([
      "t.id",
      "t.slug",
      "t.party_code",
      "t.state",
      "t.opens_at",
      "t.closes_at",
      "t.closed_early_at",
      "t.allow_comments",
      "t.created_at",
      "t.updated_at",
      "a.number as area_number",
      "a.article as area_article",
    ])
    .where("t.state", "in", ["published", "archived"])
    .$if(options.slug !== undefined, (q) => q.where("t.slug", "=", options.slug!))
    .orderBy("t.opens_at", "desc")
    .orderBy("t.id", "desc")
    .execute();
  const ids = topics.map((t) => t.id);
  const outcomes = await outcomesForApi(
    db,
    topics.map((t) => ({ id: t.id, status: topicStatus(t, now) })),
  );
  const [texts, questions, published] = ids.length
    ? await Promise.all([
        db.selectFrom("topic_translations").selectAll().where("topic_id", "in", ids).execute(),
        db
          .selectFrom("topic_questions as q")
          .innerJoin("topic_question_translations as qt", "qt.question_id", "q.id")
          .select(["q.topic_id", "q.id", "q.position", "qt.locale", "qt.text"])
          .where("q.topic_id", "in", ids)
          .where("q.retired_at", "is", null)
          .orderBy("q.position")
          .execute(),
        db
          .selectFrom("submissions")
          .select(["topic_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("topic_id", "in", ids)
          .where("status", "=", "approved")
          .where("publication", "!=", "officials")
          .groupBy("topic_id")
          .execute(),
      ])
    : [[], [], []];
  return topics.map((t) => {
    const own = questions.filter((q) => q.topic_id === t.id);
    return {
      slug: t.slug,
      party: t.party_code,
      area: t.area_number === null ? null : { number: t.area_number, article: t.area_article },
      status: topicStatus(t, now),
      opensAt: t.opens_at,
      closesAt: t.closed_early_at && t.closed_early_at < t.closes_at ? t.closed_early_at : t.closes_at,
      commentsAllowed: t.allow_comments === 1,
      /** Approved submissions that may be published (officials-only ones are not counted here). */
      publishedSubmissions: Number(published.find((p) => p.topic_id === t.id)?.n ?? 0),
      submissionsUrl: `/api/v1/topics/${t.slug}/submissions`,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      translations: Object.fromEntries(texts.filter((x) => x.topic_id === t.id).map((x) => [x.locale, { title: x.title, summary: x.summary, body: x.body }])),
      guidingQuestions: [...new Set(own.map((q) => q.id))].map((qid) => Object.fromEntries(own.filter((q) => q.id === qid).map((q) => [q.locale, q.text]))),
      outcome: outcomes.get(t.id) ?? null,
    };
  });
}
