import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { supportedLocales, type Locale } from "~/i18n";
import { REDACTED } from "~/schemas/redaction";
import type { PublishedSubmissionSearch } from "~/schemas/published-submission-search";
import { listParties, listRegions } from "./parties.server";
import { byPublicationVersion } from "./publication-memo.server";
import { publicWordsMatch } from "./submission-search.server";
import { findPublicTopic, pickTranslation, topicStatus } from "./topics.server";

/*
 * The public reading of submissions. Everything here starts from `publicSubmissions`, the one
 * place that says what the public may see; the title and text it reads are the ones a moderator
 * approved (`approved_title`, `approved_body`: docs/decisions/015), never the live columns a
 * later edit could change, nor contact details, hashes, rejection notes or participant profiles.
 */

export const PUBLISHED_PAGE_SIZE = 10;
const EXCERPT_LENGTH = 300;
/** Splits a text around its redaction marks, keeping them. */
const REDACTED_SPLIT = new RegExp(`(${REDACTED.replace(/[[\]]/g, "\\$&")})`);

/**
 * THE rule: a submission is public when it is approved, its author agreed to publication (with
 * or without names, not "officials only") and its topic is public (published or archived, never a
 * draft). A copy approved by its campaign's decision is not published itself: the campaign's
 * reviewed copy is, once, with the number of senders. Every public query is built on this
 * (aliases: `s` submissions, `t` topics).
 */
export function publicSubmissions(db: Kysely<Database>) {
  return db
    .selectFrom("submissions as s")
    .innerJoin("topics as t", "t.id", "s.topic_id")
    .where("s.status", "=", "approved")
    .where("s.publication", "in", ["named", "anonymous"])
    .where("s.approved_from", "is", null)
    .where("t.state", "in", ["published", "archived"]);
}

type Country = "CA" | "CL" | "other";

export interface Byline {
  /** The person's name: only when they chose to publish with their name. */
  author: string | null;
  /** Only when published with names. */
  organisation: string | null;
  stakeholderType: string;
  country: Country;
  regionCode: string | null;
}

interface Core {
  id: number;
  reference: string;
  kind: "proposal" | "comment";
  /** Published title (the officials' copy when redacted); null for an untitled comment. */
  title: string | null;
  /** Published text; may hold REDACTED (a removed passage). */
  text: string;
  language: Locale;
  partyCode: string;
  timeZone: string;
  topicSlug: string;
  byline: Byline;
  publishedAt: string;
  /** The reference of the public proposal it answers (null when none, or when that one is not public). */
  inReplyTo: string | null;
  /** How many public submissions share its campaign (the same letter sent by many). */
  campaignSenders: number | null;
  themes: Array<{ id: number; labels: Record<Locale, string> }>;
}

interface Full extends Core {
  answers: Array<{ questionId: number; questions: Array<{ locale: Locale; text: string }>; text: string }>;
  attachments: Array<{ id: number; name: string; size: number; kind: "pdf" | "docx" | "odt" | "txt" }>;
  translations: Array<{ locale: Locale; title: string | null; text: string }>;
}

/** Public rows by id: only ids that pass `publicSubmissions` come back. */
async function loadCore(db: Kysely<Database>, ids: number[]): Promise<Core[]> {
  if (ids.length === 0) return [];
  const rows = await publicSubmissions(db)
    .innerJoin("parties as p", "p.code", "t.party_code")
    .where("s.id", "in", ids)
    .select((eb) => [
      "s.id",
      "s.reference",
      "s.kind",
      "s.in_reply_to",
      "s.stakeholder_type",
      "s.country",
      "s.region_code",
      "s.language",
      "s.campaign_id",
      "t.party_code",
      "t.slug as topic_slug",
      "p.time_zone",
      "s.approved_title as public_title",
      "s.approved_body as public_text",
      // Names leave the database only for those who chose to publish them.
      eb.case().when("s.publication", "=", "named").then(eb.ref("s.contact_name")).else(null).end().as("author"),
      eb.case().when("s.publication", "=", "named").then(eb.ref("s.organisation_name")).else(null).end().as("organisation"),
      eb.fn.coalesce("s.decided_at", "s.created_at").as("published_at"),
    ])
    .execute();
  const replyIds = [...new Set(rows.map((r) => r.in_reply_to).filter((x): x is number => x !== null))];
  const campaignIds = [...new Set(rows.map((r) => r.campaign_id).filter((x): x is number => x !== null))];
  const [replies, campaigns, themes] = await Promise.all([
    replyIds.length ? publicSubmissions(db).select(["s.id", "s.reference"]).where("s.id", "in", replyIds).execute() : [],
    // Senders: every approved copy that may be published, those decided with the campaign too.
    campaignIds.length
      ? db
          .selectFrom("submissions as s")
          .select((eb) => ["s.campaign_id", eb.fn.countAll<number>().as("n")])
          .where("s.campaign_id", "in", campaignIds)
          .where("s.status", "=", "approved")
          .where("s.publication", "in", ["named", "anonymous"])
          .groupBy("s.campaign_id")
          .execute()
      : [],
    db
      .selectFrom("submission_themes as st")
      .innerJoin("themes as th", "th.id", "st.theme_id")
      .select(["st.submission_id", "th.id", "th.label_en", "th.label_fr", "th.label_es"])
      .where("st.submission_id", "in", ids)
      .orderBy("th.id")
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      title: r.public_title,
      // Set with the status by every approval (and by the migration for older ones).
      text: r.public_text ?? "",
      language: r.language,
      partyCode: r.party_code,
      timeZone: r.time_zone,
      topicSlug: r.topic_slug,
      byline: {
        author: r.author,
        organisation: r.organisation,
        stakeholderType: r.stakeholder_type,
        country: r.country,
        regionCode: r.country === "other" ? null : r.region_code,
      },
      publishedAt: r.published_at,
      inReplyTo: replies.find((x) => x.id === r.in_reply_to)?.reference ?? null,
      campaignSenders: r.campaign_id === null ? null : Number(campaigns.find((c) => c.campaign_id === r.campaign_id)?.n ?? 1),
      themes: themes.filter((th) => th.submission_id === r.id).map((th) => ({ id: th.id, labels: { en: th.label_en, fr: th.label_fr, es: th.label_es } })),
    }));
}

/** Answers, attachments (unless withheld) and official translations of public rows. */
async function loadFull(db: Kysely<Database>, core: Core[]): Promise<Full[]> {
  const ids = core.map((c) => c.id);
  if (ids.length === 0) return [];
  const [answers, attachments, translations] = await Promise.all([
    db
      .selectFrom("submission_answers as a")
      .innerJoin("topic_questions as q", "q.id", "a.question_id")
      .select((eb) => ["a.submission_id", "a.question_id", "q.position", eb.fn.coalesce("a.published_text", "a.text").as("public_text")])
      .where("a.submission_id", "in", ids)
      .orderBy("q.position")
      .execute(),
    // Withheld by officials (attachments_public = 0): not even listed. Checked again on download.
    publicSubmissions(db)
      .innerJoin("submission_attachments as f", "f.submission_id", "s.id")
      .select(["f.submission_id", "f.id", "f.file_name", "f.size", "f.kind"])
      .where("s.id", "in", ids)
      .where("s.attachments_public", "=", 1)
      .orderBy("f.id")
      .execute(),
    db.selectFrom("submission_translations").select(["submission_id", "locale", "title", "body"]).where("submission_id", "in", ids).execute(),
  ]);
  const questionIds = [...new Set(answers.map((a) => a.question_id))];
  const questions = questionIds.length
    ? await db.selectFrom("topic_question_translations").select(["question_id", "locale", "text"]).where("question_id", "in", questionIds).execute()
    : [];
  return core.map((c) => ({
    ...c,
    answers: answers
      .filter((a) => a.submission_id === c.id)
      .map((a) => ({
        questionId: a.question_id,
        questions: supportedLocales.flatMap((l) =>
          questions.filter((q) => q.question_id === a.question_id && q.locale === l).map((q) => ({ locale: l, text: q.text })),
        ),
        text: a.public_text,
      })),
    attachments: attachments.filter((f) => f.submission_id === c.id).map((f) => ({ id: f.id, name: f.file_name, size: f.size, kind: f.kind })),
    translations: supportedLocales.flatMap((l) =>
      translations
        .filter((tr) => tr.submission_id === c.id && tr.locale === l && l !== c.language)
        .map((tr) => ({ locale: l, title: tr.title, text: tr.body })),
    ),
  }));
}

function likePattern(q: string) {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Ids of a topic's public submissions matching the filters, newest first, each campaign once
 * (its lowest id among the matches). The search looks only at what is published: the public
 * title and text, and the organisation's name only where names are published.
 */
async function matchingIds(db: Kysely<Database>, topicSlug: string, search: PublishedSubmissionSearch): Promise<number[]> {
  // Without words to look for, the list depends only on the topic and two fixed choices: kept per
  // publication version (ADR 038). A search's words are free text: never kept.
  if (search.q?.trim()) return queryMatchingIds(db, topicSlug, search);
  const key = `published-ids ${topicSlug} ${search.stakeholderType ?? ""} ${search.country ?? ""}`;
  return byPublicationVersion(db, key, () => queryMatchingIds(db, topicSlug, search));
}

async function queryMatchingIds(db: Kysely<Database>, topicSlug: string, search: PublishedSubmissionSearch): Promise<number[]> {
  let query = publicSubmissions(db).select(["s.id", "s.campaign_id"]).where("t.slug", "=", topicSlug);
  if (search.stakeholderType) query = query.where("s.stakeholder_type", "=", search.stakeholderType);
  if (search.country) query = query.where("s.country", "=", search.country);
  const q = search.q?.trim();
  if (q) {
    const pattern = sql`${likePattern(q)} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(coalesce(s.approved_title, ''))`, "like", pattern),
        eb(sql`lower(coalesce(s.approved_body, ''))`, "like", pattern),
        eb.and([eb("s.publication", "=", "named"), eb(sql`lower(coalesce(s.organisation_name, ''))`, "like", pattern)]),
      ]),
    );
  }
  const rows = await query
    .orderBy(sql`coalesce(s.decided_at, s.created_at)`, "desc")
    .orderBy("s.id", "desc")
    .execute();
  return onePerCampaign(rows);
}

/** The ids of rows in their order, each campaign once (its lowest id among them). */
function onePerCampaign(rows: Array<{ id: number; campaign_id: number | null }>): number[] {
  const representative = new Map<number, number>();
  for (const r of rows) {
    if (r.campaign_id === null) continue;
    const seen = representative.get(r.campaign_id);
    if (seen === undefined || r.id < seen) representative.set(r.campaign_id, r.id);
  }
  return rows.filter((r) => r.campaign_id === null || representative.get(r.campaign_id) === r.id).map((r) => r.id);
}

/**
 * How many public comments answer each of these proposals, each campaign once (as the proposal's
 * page lists them). Proposals without any are absent from the map.
 */
export async function commentCounts(db: Kysely<Database>, proposalIds: number[]): Promise<Map<number, number>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await publicSubmissions(db)
    .select((eb) => [
      "s.in_reply_to",
      eb.fn
        .count<number>(sql`coalesce(s.campaign_id, -s.id)`)
        .distinct()
        .as("n"),
    ])
    .where("s.kind", "=", "comment")
    .where("s.in_reply_to", "in", proposalIds)
    .groupBy("s.in_reply_to")
    .execute();
  return new Map(rows.map((r) => [r.in_reply_to!, Number(r.n)]));
}

async function pageOf(db: Kysely<Database>, topicSlug: string, search: PublishedSubmissionSearch) {
  const ids = await matchingIds(db, topicSlug, search);
  const page = Math.max(1, search.page ?? 1);
  return {
    total: ids.length,
    page,
    pageSize: PUBLISHED_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(ids.length / PUBLISHED_PAGE_SIZE)),
    ids: ids.slice((page - 1) * PUBLISHED_PAGE_SIZE, page * PUBLISHED_PAGE_SIZE),
  };
}

/** Names of countries and regions in the page's language, for bylines. */
async function placeNames(db: Kysely<Database>, locale: Locale) {
  const parties = await listParties(db, locale);
  const regions = (await Promise.all(parties.map((p) => listRegions(db, p.code, locale)))).flat();
  return {
    country: new Map(parties.map((p) => [p.code, p.name])),
    region: new Map(regions.map((r) => [r.code, r.name])),
  };
}

export interface PlacedByline extends Byline {
  /** Null for "another country" (the page says so in its language). */
  countryName: string | null;
  regionName: string | null;
}

function placed(byline: Byline, places: Awaited<ReturnType<typeof placeNames>>): PlacedByline {
  return {
    ...byline,
    countryName: byline.country === "other" ? null : (places.country.get(byline.country) ?? byline.country),
    regionName: byline.regionCode ? (places.region.get(byline.regionCode) ?? null) : null,
  };
}

const intlLocale: Record<Locale, string> = { en: "en-CA", fr: "fr-CA", es: "es-CL" };
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** "29 November 2026" in the topic's country's time zone. */
function formatDate(iso: string, locale: Locale, timeZone: string) {
  const key = `${locale}|${timeZone}`;
  let f = dateFormatters.get(key);
  if (!f) dateFormatters.set(key, (f = new Intl.DateTimeFormat(intlLocale[locale], { day: "numeric", month: "long", year: "numeric", timeZone })));
  return f.format(new Date(iso));
}

/** The first ~300 characters of the published text on one line, never cutting a redaction mark. */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  let out = "";
  let length = 0;
  for (const part of flat.split(REDACTED_SPLIT)) {
    if (part === REDACTED) {
      if (length + 10 > max) return `${out.trimEnd()} …`;
      out += part;
      length += 10;
      continue;
    }
    if (length + part.length <= max) {
      out += part;
      length += part.length;
      continue;
    }
    const cut = part.slice(0, max - length);
    const space = cut.lastIndexOf(" ");
    return `${(out + (space > 0 ? cut.slice(0, space) : cut)).trimEnd()} …`;
  }
  return out;
}

export interface PublishedListItem {
  reference: string;
  kind: "proposal" | "comment";
  title: string | null;
  excerpt: string;
  language: Locale;
  byline: PlacedByline;
  publishedAt: string;
  publishedAtText: string;
  inReplyTo: string | null;
  campaignSenders: number | null;
  themes: string[];
  /** Public comments answering it (a proposal's; always 0 for a comment). */
  commentCount: number;
}

/** One submission as the lists show it (the topic page, the site search). */
function listItemOf(c: Core, places: Awaited<ReturnType<typeof placeNames>>, comments: Map<number, number>, locale: Locale): PublishedListItem {
  return {
    reference: c.reference,
    kind: c.kind,
    title: c.title,
    excerpt: excerptOf(c.text),
    language: c.language,
    byline: placed(c.byline, places),
    publishedAt: c.publishedAt,
    publishedAtText: formatDate(c.publishedAt, locale, c.timeZone),
    inReplyTo: c.inReplyTo,
    campaignSenders: c.campaignSenders,
    themes: c.themes.map((th) => th.labels[locale]),
    commentCount: c.kind === "proposal" ? (comments.get(c.id) ?? 0) : 0,
  };
}

/**
 * A page of a topic's published submissions, as the topic page lists them. Without search words
 * the page is made from public rows only (and the locale), so it is kept per publication version
 * (ADR 038, ADR 047): its key is the topic, the filters' fixed choices, the page and the locale.
 */
export async function listPublishedSubmissions(db: Kysely<Database>, topicSlug: string, locale: Locale, search: PublishedSubmissionSearch) {
  if (search.q?.trim()) return queryPublishedSubmissions(db, topicSlug, locale, search);
  const key = `published-page ${topicSlug} ${locale} ${search.stakeholderType ?? ""} ${search.country ?? ""} ${search.page ?? 1}`;
  return byPublicationVersion(db, key, () => queryPublishedSubmissions(db, topicSlug, locale, search));
}

async function queryPublishedSubmissions(db: Kysely<Database>, topicSlug: string, locale: Locale, search: PublishedSubmissionSearch) {
  const { ids, ...paging } = await pageOf(db, topicSlug, search);
  const [core, places, comments] = await Promise.all([loadCore(db, ids), placeNames(db, locale), commentCounts(db, ids)]);
  const submissions = core.map((c) => listItemOf(c, places, comments, locale));
  return { ...paging, submissions };
}

export interface PublishedSubmissionPage {
  reference: string;
  kind: "proposal" | "comment";
  title: string | null;
  text: string;
  language: Locale;
  byline: PlacedByline;
  publishedAt: string;
  publishedAtText: string;
  inReplyTo: string | null;
  campaignSenders: number | null;
  themes: string[];
  answers: Array<{ questionId: number; question: string; questionLocale: Locale; text: string }>;
  attachments: Array<{ id: number; name: string; size: number; kind: string }>;
  translations: Array<{ locale: Locale; title: string | null; text: string }>;
  topic: { slug: string; title: string; locale: Locale };
  /** A proposal of a consultation that is open and takes comments: "Comment on this proposal" is offered. */
  commentsOpen: boolean;
}

/** One published submission of a topic by reference; null (a 404) unless it is public and of that topic. */
export async function getPublishedSubmission(
  db: Kysely<Database>,
  topicSlug: string,
  reference: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<PublishedSubmissionPage | null> {
  const row = await publicSubmissions(db)
    .select(["s.id", "t.state", "t.opens_at", "t.closes_at", "t.closed_early_at", "t.allow_comments"])
    .where("t.slug", "=", topicSlug)
    .where("s.reference", "=", reference)
    .executeTakeFirst();
  if (!row) return null;
  const [full] = await loadFull(db, await loadCore(db, [row.id]));
  if (!full) return null;
  const [places, topicTexts] = await Promise.all([
    placeNames(db, locale),
    db
      .selectFrom("topic_translations as tt")
      .innerJoin("topics as t", "t.id", "tt.topic_id")
      .select(["tt.locale", "tt.title"])
      .where("t.slug", "=", topicSlug)
      .execute(),
  ]);
  const topicText = pickTranslation(topicTexts, locale);
  return {
    reference: full.reference,
    kind: full.kind,
    title: full.title,
    text: full.text,
    language: full.language,
    byline: placed(full.byline, places),
    publishedAt: full.publishedAt,
    publishedAtText: formatDate(full.publishedAt, locale, full.timeZone),
    inReplyTo: full.inReplyTo,
    campaignSenders: full.campaignSenders,
    themes: full.themes.map((th) => th.labels[locale]),
    answers: full.answers.map((a) => {
      const q = pickTranslation(a.questions, locale);
      return { questionId: a.questionId, question: q?.text ?? "", questionLocale: q?.locale ?? locale, text: a.text };
    }),
    attachments: full.attachments,
    translations: full.translations,
    topic: { slug: topicSlug, title: topicText?.title ?? topicSlug, locale: (topicText?.locale ?? locale) as Locale },
    commentsOpen: full.kind === "proposal" && row.allow_comments === 1 && topicStatus(row, now) === "open",
  };
}

export const COMMENTS_PAGE_SIZE = 50;

export interface PublishedComment {
  reference: string;
  title: string | null;
  /** The whole published text (may hold REDACTION_MARKER). */
  text: string;
  language: Locale;
  byline: PlacedByline;
  publishedAt: string;
  publishedAtText: string;
  campaignSenders: number | null;
}

/**
 * The public comments answering a public proposal of the topic, oldest first (by the time they
 * were published), each campaign once, a page at a time. Every row passes `publicSubmissions`:
 * approved, published with or without names as chosen, in the approved version. A proposal that
 * is not public has no comments to show (null).
 */
export async function listCommentsOn(db: Kysely<Database>, topicSlug: string, proposalReference: string, locale: Locale, pageNumber = 1) {
  const proposal = await publicSubmissions(db)
    .select("s.id")
    .where("t.slug", "=", topicSlug)
    .where("s.reference", "=", proposalReference)
    .where("s.kind", "=", "proposal")
    .executeTakeFirst();
  if (!proposal) return null;
  const rows = await publicSubmissions(db)
    .select(["s.id", "s.campaign_id"])
    .where("s.kind", "=", "comment")
    .where("s.in_reply_to", "=", proposal.id)
    .orderBy(sql`coalesce(s.decided_at, s.created_at)`, "asc")
    .orderBy("s.id", "asc")
    .execute();
  const ids = onePerCampaign(rows);
  const pages = Math.max(1, Math.ceil(ids.length / COMMENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(pageNumber) || 1), pages);
  const slice = ids.slice((page - 1) * COMMENTS_PAGE_SIZE, page * COMMENTS_PAGE_SIZE);
  const [core, places] = await Promise.all([loadCore(db, slice), placeNames(db, locale)]);
  const comments: PublishedComment[] = core.map((c) => ({
    reference: c.reference,
    title: c.title,
    text: c.text,
    language: c.language,
    byline: placed(c.byline, places),
    publishedAt: c.publishedAt,
    publishedAtText: formatDate(c.publishedAt, locale, c.timeZone),
    campaignSenders: c.campaignSenders,
  }));
  return { total: ids.length, page, pages, pageSize: COMMENTS_PAGE_SIZE, comments };
}

/** An attachment for download: only of a public submission whose attachments officials did not withhold. */
export async function getPublishedAttachment(db: Kysely<Database>, topicSlug: string, reference: string, attachmentId: number) {
  return publicSubmissions(db)
    .innerJoin("submission_attachments as f", "f.submission_id", "s.id")
    .select(["f.file_key", "f.file_name", "f.kind", "f.size"])
    .where("t.slug", "=", topicSlug)
    .where("s.reference", "=", reference)
    .where("s.attachments_public", "=", 1)
    .where("f.id", "=", attachmentId)
    .executeTakeFirst();
}

/** A topic the public may read (published or archived); drafts and unknown slugs are null. */
export async function findPublicTopicSlug(db: Kysely<Database>, slug: string) {
  return (await findPublicTopic(db, slug))?.slug ?? null;
}

/** Redaction marks as plain text: "[redacted]" in the open data, the page's word in a page title. */
export function plainRedactions(text: string, mark?: string): string;
export function plainRedactions(text: string | null, mark?: string): string | null;
export function plainRedactions(text: string | null, mark = "[redacted]") {
  return text === null ? null : text.split(REDACTED).join(mark);
}

/** The open-data shape of a topic's published submissions (same filters and pages as the topic page). */
export async function listPublishedSubmissionsForApi(db: Kysely<Database>, topicSlug: string, search: PublishedSubmissionSearch, baseUrl: string) {
  const { ids, ...paging } = await pageOf(db, topicSlug, search);
  const [full, comments] = await Promise.all([loadCore(db, ids).then((core) => loadFull(db, core)), commentCounts(db, ids)]);
  const page = (s: Full) => `${baseUrl}/${s.language}/consultations/${encodeURIComponent(s.topicSlug)}/submissions/${encodeURIComponent(s.reference)}`;
  return {
    topic: topicSlug,
    total: paging.total,
    page: paging.page,
    pageSize: paging.pageSize,
    pages: paging.pages,
    submissions: full.map((s) => ({
      reference: s.reference,
      url: page(s),
      kind: s.kind,
      inReplyTo: s.inReplyTo,
      title: plainRedactions(s.title),
      text: plainRedactions(s.text),
      language: s.language,
      stakeholderType: s.byline.stakeholderType,
      country: s.byline.country,
      region: s.byline.regionCode,
      ...(s.byline.author !== null ? { author: s.byline.author } : {}),
      ...(s.byline.organisation !== null ? { organisation: s.byline.organisation } : {}),
      themes: s.themes.map((th) => ({ id: th.id, labels: th.labels })),
      translations: s.translations.map((tr) => ({ locale: tr.locale, title: plainRedactions(tr.title), text: plainRedactions(tr.text) })),
      answers: s.answers.map((a) => ({
        questionId: a.questionId,
        question: Object.fromEntries(a.questions.map((q) => [q.locale, q.text])),
        text: plainRedactions(a.text),
      })),
      attachments: s.attachments.map((f) => ({ name: f.name, size: f.size, kind: f.kind, url: `${page(s)}/attachments/${f.id}` })),
      campaignSenders: s.campaignSenders,
      /** Public comments answering it (0 for a comment). */
      commentCount: s.kind === "proposal" ? (comments.get(s.id) ?? 0) : 0,
      publishedAt: s.publishedAt,
    })),
  };
}

/** The site search's bounds: at most this many submissions are found (20 pages), 10 a page. */
export const SITE_SEARCH_LIMIT = 200;

export interface FoundSubmission extends PublishedListItem {
  topicSlug: string;
  topicTitle: string;
  topicLocale: Locale;
}

/**
 * The public submissions of every public consultation whose published text has every word (as
 * the start of a word, ignoring case and accents): the approved title and text, and the
 * organisation's name only where names are published — never the live text, so nothing a
 * moderator did not approve, or redacted, can make a submission come up (ADR 015, ADR 032).
 * Newest first, each campaign once, at most SITE_SEARCH_LIMIT; `limited` says there were more.
 */
export async function searchPublishedSubmissions(db: Kysely<Database>, locale: Locale, words: string[], page: number) {
  const publicText = sql`coalesce(s.approved_title, '') || ' ' || coalesce(s.approved_body, '') || ' ' || (case when s.publication = 'named' then coalesce(s.organisation_name, '') else '' end)`;
  const match = publicWordsMatch(db, publicText, words);
  const empty = { total: 0, limited: false, page: 1, pages: 1, submissions: [] as FoundSubmission[] };
  if (!match) return empty;
  const rows = await publicSubmissions(db)
    .select(["s.id", "s.campaign_id"])
    .where(match)
    .orderBy(sql`coalesce(s.decided_at, s.created_at)`, "desc")
    .orderBy("s.id", "desc")
    .limit(SITE_SEARCH_LIMIT + 1)
    .execute();
  const seenCampaigns = new Set<number>();
  const ids = rows.filter((r) => r.campaign_id === null || (!seenCampaigns.has(r.campaign_id) && seenCampaigns.add(r.campaign_id))).map((r) => r.id);
  const limited = ids.length > SITE_SEARCH_LIMIT;
  const found = ids.slice(0, SITE_SEARCH_LIMIT);
  const pages = Math.max(1, Math.ceil(found.length / PUBLISHED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = found.slice((current - 1) * PUBLISHED_PAGE_SIZE, current * PUBLISHED_PAGE_SIZE);
  const [core, places, comments] = await Promise.all([loadCore(db, shown), placeNames(db, locale), commentCounts(db, shown)]);
  const slugs = [...new Set(core.map((c) => c.topicSlug))];
  const topicTexts = slugs.length
    ? await db
        .selectFrom("topic_translations as tt")
        .innerJoin("topics as t", "t.id", "tt.topic_id")
        .select(["t.slug", "tt.locale", "tt.title"])
        .where("t.slug", "in", slugs)
        .execute()
    : [];
  const submissions: FoundSubmission[] = core.map((c) => {
    const topic = pickTranslation(
      topicTexts.filter((x) => x.slug === c.topicSlug),
      locale,
    );
    return {
      ...listItemOf(c, places, comments, locale),
      topicSlug: c.topicSlug,
      topicTitle: topic?.title ?? c.topicSlug,
      topicLocale: (topic?.locale ?? locale) as Locale,
    };
  });
  return { total: found.length, limited, page: current, pages, submissions };
}
