import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { TOPIC_LOCALES, topicTexts, type TopicFormInput, type TopicFormValues, type TopicIntent } from "~/schemas/topic";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { removeStored } from "~/utils/files.server";
import { recordAudit } from "./audit.server";
import { fileKeyInUse } from "./stored-files.server";
import { pickTranslation, topicStatus } from "./topics.server";

// Officials' side of topics: every function checks the actor's permission against the party
// stored in the database, so an edited URL or form field cannot reach another party's topic.

type By = { id: number; email: string; actor: Actor };

async function partyTimeZone(db: Kysely<Database>, partyCode: string): Promise<string> {
  const row = await db.selectFrom("parties").select("time_zone").where("code", "=", partyCode).executeTakeFirstOrThrow();
  return row.time_zone;
}

export async function listTopicsForAdmin(db: Kysely<Database>, actor: Actor, locale: Locale) {
  requirePermission(actor, "topics.manage");
  let query = db.selectFrom("topics").selectAll().orderBy("opens_at", "desc").orderBy("id", "desc");
  if (actor.role !== "admin") query = query.where("party_code", "=", actor.partyCode!);
  const topics = await query.execute();
  const texts = topics.length
    ? await db.selectFrom("topic_translations").select(["topic_id", "locale", "title"]).where("topic_id", "in", topics.map((t) => t.id)).execute()
    : [];
  return topics.map((topic) => {
    const own = texts.filter((t) => t.topic_id === topic.id);
    const text = pickTranslation(own, locale);
    return {
      id: topic.id,
      slug: topic.slug,
      partyCode: topic.party_code,
      status: topicStatus(topic),
      title: text?.title ?? topic.slug,
      titleLocale: (text?.locale ?? locale) as Locale,
      languages: TOPIC_LOCALES.filter((l) => own.some((t) => t.locale === l)),
      opensAt: topic.opens_at,
      closesAt: topic.closes_at,
    };
  });
}

async function loadOwnTopic(db: Kysely<Database>, actor: Actor, id: number) {
  const topic = await db.selectFrom("topics").selectAll().where("id", "=", id).executeTakeFirst();
  if (!topic) throw new Response("Not found", { status: 404 });
  requirePermission(actor, "topics.manage", { partyCode: topic.party_code });
  return topic;
}

/** A topic as form values, its dates in the party's time zone. */
export async function getTopicForm(db: Kysely<Database>, actor: Actor, id: number) {
  const topic = await loadOwnTopic(db, actor, id);
  const zone = await partyTimeZone(db, topic.party_code);
  const [texts, questions] = await Promise.all([
    db.selectFrom("topic_translations").selectAll().where("topic_id", "=", id).execute(),
    db
      .selectFrom("topic_questions as q")
      .innerJoin("topic_question_translations as qt", "qt.question_id", "q.id")
      .select(["q.position", "qt.locale", "qt.text"])
      .where("q.topic_id", "=", id)
      .orderBy("q.position")
      .execute(),
  ]);
  const values: Record<string, string | boolean | number> = {
    partyCode: topic.party_code,
    areaId: topic.area_id ?? "",
    slug: topic.slug,
    opensDate: formatInTimeZone(topic.opens_at, zone, "yyyy-MM-dd"),
    opensTime: formatInTimeZone(topic.opens_at, zone, "HH:mm"),
    closesDate: formatInTimeZone(topic.closes_at, zone, "yyyy-MM-dd"),
    closesTime: formatInTimeZone(topic.closes_at, zone, "HH:mm"),
    allowComments: topic.allow_comments === 1,
  };
  for (const t of texts) {
    values[`${t.locale}_title`] = t.title;
    values[`${t.locale}_summary`] = t.summary;
    values[`${t.locale}_body`] = t.body;
  }
  const positions = [...new Set(questions.map((q) => q.position))];
  positions.forEach((position, i) => {
    for (const q of questions.filter((x) => x.position === position)) values[`q${i}_${q.locale}`] = q.text;
  });
  return { topic: { ...topic, status: topicStatus(topic) }, values: values as TopicFormInput };
}

export class SlugTakenError extends Error {
  constructor() {
    super("slug taken");
  }
}

/**
 * Creates (id undefined) or updates a topic from valid form values. A moderator's topic is always
 * of their own party, whatever the form says.
 */
export async function saveTopic(db: Kysely<Database>, by: By, id: number | undefined, values: TopicFormValues): Promise<number> {
  const existing = id === undefined ? undefined : await loadOwnTopic(db, by.actor, id);
  const partyCode = by.actor.role === "admin" ? values.partyCode : by.actor.partyCode!;
  requirePermission(by.actor, "topics.manage", { partyCode });
  const clash = await db
    .selectFrom("topics")
    .select("id")
    .where("slug", "=", values.slug)
    .$if(id !== undefined, (q) => q.where("id", "!=", id!))
    .executeTakeFirst();
  if (clash) throw new SlugTakenError();

  const zone = await partyTimeZone(db, partyCode);
  const opensAt = fromZonedTime(`${values.opensDate}T${values.opensTime}:00`, zone).toISOString();
  const closesAt = fromZonedTime(`${values.closesDate}T${values.closesTime}:00`, zone).toISOString();
  const { translations, questions } = topicTexts(values);
  const now = new Date().toISOString();

  return db.transaction().execute(async (trx) => {
    const row = {
      party_code: partyCode,
      area_id: values.areaId,
      slug: values.slug,
      opens_at: opensAt,
      closes_at: closesAt,
      allow_comments: values.allowComments ? 1 : 0,
      updated_at: now,
    };
    let topicId: number;
    if (existing) {
      topicId = existing.id;
      await trx.updateTable("topics").set(row).where("id", "=", topicId).execute();
      await trx.deleteFrom("topic_translations").where("topic_id", "=", topicId).execute();
      await trx.deleteFrom("topic_questions").where("topic_id", "=", topicId).execute();
    } else {
      topicId = (await trx.insertInto("topics").values({ ...row, state: "draft", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    }
    await trx.insertInto("topic_translations").values(translations.map((t) => ({ topic_id: topicId, ...t }))).execute();
    for (const [position, question] of questions.entries()) {
      const q = await trx.insertInto("topic_questions").values({ topic_id: topicId, position }).returning("id").executeTakeFirstOrThrow();
      await trx
        .insertInto("topic_question_translations")
        .values(Object.entries(question).map(([locale, text]) => ({ question_id: q.id, locale: locale as Locale, text: text! })))
        .execute();
    }
    await recordAudit(trx, {
      actor: by,
      action: existing ? "topic.updated" : "topic.created",
      subject: { type: "topic", id: topicId },
      details: {
        slug: values.slug,
        party: partyCode,
        languages: translations.map((t) => t.locale),
        opensAt,
        closesAt,
        ...(existing ? { before: { slug: existing.slug, opensAt: existing.opens_at, closesAt: existing.closes_at } } : {}),
      },
    });
    return topicId;
  });
}

/** Publish (draft → scheduled/open by the dates), close early, or archive. */
export async function changeTopicState(db: Kysely<Database>, by: By, id: number, intent: Exclude<TopicIntent, "save">) {
  const topic = await loadOwnTopic(db, by.actor, id);
  const now = new Date().toISOString();
  const changes =
    intent === "publish"
      ? { state: "published" as const, closed_early_at: null }
      : intent === "close"
        ? { closed_early_at: now }
        : { state: "archived" as const };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("topics").set({ ...changes, updated_at: now }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actor: by,
      action: intent === "publish" ? "topic.published" : intent === "close" ? "topic.closed" : "topic.archived",
      subject: { type: "topic", id },
      details: { slug: topic.slug, before: topicStatus(topic) },
    });
  });
}

export const TOPIC_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export async function listTopicDocuments(db: Kysely<Database>, topicId: number) {
  return db
    .selectFrom("topic_documents")
    .select(["id", "file_name", "size", "locale", "created_at"])
    .where("topic_id", "=", topicId)
    .orderBy("id")
    .execute();
}

/** A stored file was offered that this request did not upload (it belongs to another record). */
export class DocumentFileRefused extends Error {
  constructor() {
    super("the file is not a new upload");
  }
}

/**
 * Records a background document stored on disk by this same request (see utils/files.server.ts):
 * the route passes only what its upload handler stored, never a key read from the form, and a key
 * another record already uses is refused here too.
 */
export async function addTopicDocument(
  db: Kysely<Database>,
  by: By,
  topicId: number,
  file: { key: string; name: string; size: number; sha256: string },
  locale: Locale | null,
) {
  await loadOwnTopic(db, by.actor, topicId);
  await db.transaction().execute(async (trx) => {
    if (await fileKeyInUse(trx, file.key)) throw new DocumentFileRefused();
    const { id } = await trx
      .insertInto("topic_documents")
      .values({
        topic_id: topicId,
        file_key: file.key,
        file_name: file.name,
        size: file.size,
        sha256: file.sha256,
        kind: "pdf",
        locale,
        created_at: new Date().toISOString(),
        created_by: by.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: by,
      action: "topic.document_added",
      subject: { type: "topic", id: topicId },
      details: { document: id, name: file.name, size: file.size, sha256: file.sha256 },
    });
  });
}

/** Removes the record, and its file unless another record still uses it. */
export async function removeTopicDocument(db: Kysely<Database>, by: By, topicId: number, documentId: number) {
  await loadOwnTopic(db, by.actor, topicId);
  const doc = await db.selectFrom("topic_documents").selectAll().where("id", "=", documentId).where("topic_id", "=", topicId).executeTakeFirst();
  if (!doc) throw new Response("Not found", { status: 404 });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("topic_documents").where("id", "=", documentId).execute();
    await recordAudit(trx, {
      actor: by,
      action: "topic.document_removed",
      subject: { type: "topic", id: topicId },
      details: { document: documentId, name: doc.file_name, sha256: doc.sha256 },
    });
  });
  if (!(await fileKeyInUse(db, doc.file_key))) await removeStored(doc.file_key);
}

/** A document for download: of a public topic, or of a draft the actor may manage. */
export async function getDocumentForDownload(db: Kysely<Database>, slug: string, documentId: number, actor: Actor | null) {
  const row = await db
    .selectFrom("topic_documents as d")
    .innerJoin("topics as t", "t.id", "d.topic_id")
    .select(["d.file_key", "d.file_name", "d.size", "d.kind", "t.state", "t.party_code"])
    .where("t.slug", "=", slug)
    .where("d.id", "=", documentId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.state === "draft" && !(actor && can(actor, "topics.manage", { partyCode: row.party_code }))) return null;
  return row;
}
