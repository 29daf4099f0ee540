import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { cleanTextFields } from "~/schemas/submission";
import { MAX_QUESTIONS, TOPIC_LOCALES, topicTexts, type TopicFormInput, type TopicFormValues, type TopicIntent } from "~/schemas/topic";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { removeStored } from "~/utils/files.server";
import { recordAudit } from "./audit.server";
import { advancePublication } from "./publication.server";
import { fileKeyInUse } from "./stored-files.server";
import { pickTranslation, topicStatus } from "./topics.server";
import { NotFoundError } from "./errors";

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
    ? await db
        .selectFrom("topic_translations")
        .select(["topic_id", "locale", "title"])
        .where(
          "topic_id",
          "in",
          topics.map((t) => t.id),
        )
        .execute()
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
  if (!topic) throw new NotFoundError("topic");
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
      .select(["q.id", "q.position", "qt.locale", "qt.text"])
      .where("q.topic_id", "=", id)
      .where("q.retired_at", "is", null)
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
    for (const q of questions.filter((x) => x.position === position)) {
      values[`q${i}_${q.locale}`] = q.text;
      values[`q${i}_id`] = String(q.id);
    }
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
  values = cleanTextFields(values); // the same cleaning as submissions' texts (control and bidi characters)
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
      // Nothing points at a topic's texts: replacing them loses nothing. Its questions are another
      // matter (answers point at them): see saveQuestions.
      await trx.deleteFrom("topic_translations").where("topic_id", "=", topicId).execute();
    } else {
      topicId = (
        await trx
          .insertInto("topics")
          .values({ ...row, state: "draft", created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    await trx
      .insertInto("topic_translations")
      .values(translations.map((t) => ({ topic_id: topicId, ...t })))
      .execute();
    const questionChanges = await saveQuestions(trx, topicId, questions, now);
    await advancePublication(trx);
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
        questions: questionChanges,
        ...(existing ? { before: { slug: existing.slug, opensAt: existing.opens_at, closesAt: existing.closes_at } } : {}),
      },
    });
    return topicId;
  });
}

type QuestionInput = ReturnType<typeof topicTexts>["questions"][number];

/**
 * Brings a topic's guiding questions in line with the form without losing an answer (ADR 014):
 * a question keeps its id across edits (the form carries it; a form without ids — one opened
 * before they were sent — is matched slot by slot), new ones are added, and a removed one is
 * deleted only while nobody answered it; otherwise it is retired: no longer asked or shown to the
 * public, its answers kept and still shown to officials and in the summaries.
 */
async function saveQuestions(trx: Transaction<Database>, topicId: number, questions: QuestionInput[], now: string) {
  const active = await trx.selectFrom("topic_questions").select(["id", "position"]).where("topic_id", "=", topicId).where("retired_at", "is", null).execute();
  const activeIds = new Set(active.map((q) => q.id));
  const named = new Set(questions.map((q) => q.id).filter((id): id is number => id !== undefined && activeIds.has(id)));
  const bySlot = new Map(active.map((q) => [q.position, q.id]));
  const kept = new Set<number>();
  const resolved = questions.map((q) => {
    let id = q.id !== undefined && activeIds.has(q.id) && !kept.has(q.id) ? q.id : undefined;
    if (id === undefined && q.id === undefined) {
      const same = bySlot.get(q.slot);
      if (same !== undefined && !named.has(same) && !kept.has(same)) id = same;
    }
    if (id !== undefined) kept.add(id);
    return { id, texts: q.texts };
  });

  // Positions are unique per topic: park every active question after the form's ten slots (a
  // retired question stays parked there), then give each kept or new one its place.
  if (active.length) {
    await trx
      .updateTable("topic_questions")
      .set({ position: sql<number>`${MAX_QUESTIONS} + id` })
      .where("topic_id", "=", topicId)
      .where("retired_at", "is", null)
      .execute();
  }
  const added: number[] = [];
  for (const [position, question] of resolved.entries()) {
    const texts = Object.entries(question.texts).map(([locale, text]) => ({ locale: locale as Locale, text: text! }));
    let id = question.id;
    if (id === undefined) {
      id = (await trx.insertInto("topic_questions").values({ topic_id: topicId, position }).returning("id").executeTakeFirstOrThrow()).id;
      added.push(id);
    } else {
      await trx.updateTable("topic_questions").set({ position }).where("id", "=", id).execute();
      await trx
        .deleteFrom("topic_question_translations")
        .where("question_id", "=", id)
        .where(
          "locale",
          "not in",
          texts.map((t) => t.locale),
        )
        .execute();
    }
    for (const t of texts) {
      const changed = await trx
        .updateTable("topic_question_translations")
        .set({ text: t.text })
        .where("question_id", "=", id)
        .where("locale", "=", t.locale)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0)
        await trx
          .insertInto("topic_question_translations")
          .values({ question_id: id, ...t })
          .execute();
    }
  }

  const retired: number[] = [];
  const deleted: number[] = [];
  for (const q of active.filter((q) => !kept.has(q.id))) {
    const answered = await trx.selectFrom("submission_answers").select("question_id").where("question_id", "=", q.id).limit(1).executeTakeFirst();
    if (answered) {
      await trx.updateTable("topic_questions").set({ retired_at: now }).where("id", "=", q.id).execute();
      retired.push(q.id);
    } else {
      // The foreign key refuses this if an answer arrived meanwhile: the save fails, nothing is lost.
      await trx.deleteFrom("topic_question_translations").where("question_id", "=", q.id).execute();
      await trx.deleteFrom("topic_questions").where("id", "=", q.id).execute();
      deleted.push(q.id);
    }
  }
  return { kept: [...kept], added, retired, deleted };
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
    await trx
      .updateTable("topics")
      .set({ ...changes, updated_at: now })
      .where("id", "=", id)
      .execute();
    await advancePublication(trx);
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
  return db.selectFrom("topic_documents").select(["id", "file_name", "size", "locale", "created_at"]).where("topic_id", "=", topicId).orderBy("id").execute();
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
    await advancePublication(trx);
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
  if (!doc) throw new NotFoundError("document");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("topic_documents").where("id", "=", documentId).execute();
    await advancePublication(trx);
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
