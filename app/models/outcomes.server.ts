import type { Kysely, Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { supportedLocales } from "~/i18n";
import { OUTCOME_LOCALES, type OutcomeLocale, type OutcomeText } from "~/schemas/outcome";
import { formatDateTime } from "~/utils/format";
import { can, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { onOutcomePublished } from "./outcome-events.server";
import { advancePublication } from "./publication.server";
import { pickTranslation, topicStatus, type TopicStatus } from "./topics.server";

/*
 * "What we heard": the officials' response to a closed consultation (ADR 031). Officials of the
 * topic's country (the power to manage its topics) write it per language and link a frozen public
 * edition of the consultation's summary; "publish" copies the draft to the public copy, which is
 * all the public ever reads — an edit after publication stays a draft until published again.
 * Every save and every publication is in the audit trail.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Why an outcome could not be saved or published as asked; the form shows `messageKey`. */
export class OutcomeRefused extends DomainError {
  readonly messageKey: string;
  constructor(readonly reason: "changed" | "not_closed" | "bad_edition" | "draft_topic") {
    super(`outcome refused: ${reason}`);
    this.messageKey = `admin.topics.outcome.errors.${{ changed: "changed", not_closed: "notClosed", bad_edition: "badEdition", draft_topic: "draftTopic" }[reason]}`;
  }
}

/** A response is public once published, and only while its consultation is public and closed. */
function showsOutcome(status: TopicStatus) {
  return status === "closed" || status === "archived";
}

async function loadTopicFor(db: Db, actor: Actor, topicId: number) {
  const topic = await db.selectFrom("topics").selectAll().where("id", "=", topicId).executeTakeFirst();
  if (!topic) throw new NotFoundError("topic");
  // The officials of the topic's country who manage its topics (and admins); never the committee.
  if (!can(actor, "topics.manage", { partyCode: topic.party_code })) throw new ForbiddenError("outcome of another country's topic");
  return topic;
}

type TextRow = { locale: Locale; heard: string; actions: string; next_steps: string };
const asTexts = (rows: TextRow[]): Partial<Record<OutcomeLocale, OutcomeText>> =>
  Object.fromEntries(rows.map((r) => [r.locale, { heard: r.heard, actions: r.actions, nextSteps: r.next_steps }]));

async function textsOf(db: Db, outcomeId: number, stage: "draft" | "published") {
  const rows = await db
    .selectFrom("topic_outcome_texts")
    .select(["locale", "heard", "actions", "next_steps"])
    .where("outcome_id", "=", outcomeId)
    .where("stage", "=", stage)
    .execute();
  return asTexts(rows);
}

const sameTexts = (a: Partial<Record<OutcomeLocale, OutcomeText>>, b: Partial<Record<OutcomeLocale, OutcomeText>>) =>
  OUTCOME_LOCALES.every((l) => JSON.stringify(a[l] ?? null) === JSON.stringify(b[l] ?? null));

/** The frozen public editions of this consultation's summary an outcome may link, newest first. */
async function linkableEditions(db: Db, topicId: number, alsoId: number | null) {
  const rows = await db
    .selectFrom("summary_editions")
    .select(["id", "number", "status", "created_at", "data_hash"])
    .where("scope_key", "=", `topic:${topicId}`)
    .where("edition", "=", "public")
    .where((eb) => eb.or([eb("status", "in", ["compiled", "exchanged"]), ...(alsoId ? [eb("id", "=", alsoId)] : [])]))
    .orderBy("number", "desc")
    .limit(50)
    .execute();
  return rows;
}

/** The outcome of a topic as its form shows it, with the editions it may link. */
export async function getOutcomeForm(db: Kysely<Database>, actor: Actor, topicId: number, locale: Locale) {
  const topic = await loadTopicFor(db, actor, topicId);
  const [outcome, titles, zone] = await Promise.all([
    db.selectFrom("topic_outcomes").selectAll().where("topic_id", "=", topicId).executeTakeFirst(),
    db.selectFrom("topic_translations").select(["locale", "title"]).where("topic_id", "=", topicId).execute(),
    db.selectFrom("parties").select("time_zone").where("code", "=", topic.party_code).executeTakeFirstOrThrow(),
  ]);
  const none: Partial<Record<OutcomeLocale, OutcomeText>> = {};
  const [draft, published, editions] = await Promise.all([
    outcome ? textsOf(db, outcome.id, "draft") : none,
    outcome ? textsOf(db, outcome.id, "published") : none,
    linkableEditions(db, topicId, outcome?.edition_id ?? null),
  ]);
  const values: Record<string, string> = { editionId: outcome?.edition_id ? String(outcome.edition_id) : "", version: String(outcome?.version ?? 0) };
  for (const l of OUTCOME_LOCALES) {
    const text = draft[l];
    values[`${l}_heard`] = text?.heard ?? "";
    values[`${l}_actions`] = text?.actions ?? "";
    values[`${l}_nextSteps`] = text?.nextSteps ?? "";
  }
  const status = topicStatus(topic);
  const title = pickTranslation(titles, locale);
  return {
    topic: { id: topic.id, slug: topic.slug, status, state: topic.state, title: title?.title ?? topic.slug, titleLocale: (title?.locale ?? locale) as Locale },
    outcome: outcome
      ? {
          state: outcome.state,
          version: outcome.version,
          publishedAt: outcome.published_at,
          publishedAtText: outcome.published_at ? formatDateTime(outcome.published_at, locale, zone.time_zone) : null,
          /** Published, and the draft has changed since. */
          unpublishedChanges: outcome.state === "published" && (!sameTexts(draft, published) || outcome.edition_id !== outcome.published_edition_id),
        }
      : null,
    canPublish: showsOutcome(status),
    values,
    editions: editions.map((e) => ({
      id: e.id,
      number: e.number,
      status: e.status,
      frozenAtText: formatDateTime(e.created_at, locale, zone.time_zone),
    })),
  };
}

export interface OutcomeInput {
  /** The version the form was opened at (0 when there was no outcome yet). */
  version: number;
  editionId: number | null;
  texts: Partial<Record<OutcomeLocale, OutcomeText>>;
}

/**
 * Saves the draft of a topic's outcome (creating it the first time). Refused when the form was
 * opened at another version (another official saved meanwhile) or names an edition that is not a
 * frozen public edition of this consultation. Returns the new version; a save that changes
 * nothing changes nothing, not even the version, and is not audited.
 */
export async function saveOutcome(db: Kysely<Database>, actor: Actor, topicId: number, input: OutcomeInput, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const topic = await loadTopicFor(trx, actor, topicId);
    if (topic.state === "draft") throw new OutcomeRefused("draft_topic");
    const outcome = await trx.selectFrom("topic_outcomes").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
    if ((outcome?.version ?? 0) !== input.version) throw new OutcomeRefused("changed");
    if (input.editionId !== null && input.editionId !== outcome?.edition_id) {
      const ok = (await linkableEditions(trx, topicId, null)).some((e) => e.id === input.editionId);
      if (!ok) throw new OutcomeRefused("bad_edition");
    }
    const before = outcome ? await textsOf(trx, outcome.id, "draft") : {};
    if (outcome && sameTexts(before, input.texts) && outcome.edition_id === input.editionId) return outcome.version;
    const at = now.toISOString();
    let id: number;
    let version: number;
    if (outcome) {
      version = outcome.version + 1;
      id = outcome.id;
      const updated = await trx
        .updateTable("topic_outcomes")
        .set({ edition_id: input.editionId, version, updated_at: at, updated_by_user_id: actor.id })
        .where("id", "=", outcome.id)
        .where("version", "=", outcome.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new OutcomeRefused("changed");
      await trx.deleteFrom("topic_outcome_texts").where("outcome_id", "=", id).where("stage", "=", "draft").execute();
    } else {
      version = 1;
      id = (
        await trx
          .insertInto("topic_outcomes")
          .values({ topic_id: topicId, state: "draft", edition_id: input.editionId, version, created_at: at, updated_at: at, updated_by_user_id: actor.id })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    const rows = OUTCOME_LOCALES.flatMap((l) => {
      const text = input.texts[l];
      return text ? [{ outcome_id: id, stage: "draft" as const, locale: l, heard: text.heard, actions: text.actions, next_steps: text.nextSteps }] : [];
    });
    if (rows.length) await trx.insertInto("topic_outcome_texts").values(rows).execute();
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "outcome.updated",
      subject: { type: "topic", id: topicId },
      details: {
        topic: topic.slug,
        version,
        before: outcome ? { texts: before, editionId: outcome.edition_id } : null,
        after: { texts: input.texts, editionId: input.editionId },
      },
    });
    return version;
  });
}

/**
 * Publishes the draft as it is at `version`: its texts and edition become the public copy. Only
 * once the consultation is closed. Audited with the public copy before and after, then the
 * subscriptions hook is called in the same transaction.
 */
export async function publishOutcome(db: Kysely<Database>, actor: Actor, topicId: number, version: number, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const topic = await loadTopicFor(trx, actor, topicId);
    if (!showsOutcome(topicStatus(topic, now))) throw new OutcomeRefused("not_closed");
    const outcome = await trx.selectFrom("topic_outcomes").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
    if (!outcome) throw new OutcomeRefused("changed");
    if (outcome.version !== version) throw new OutcomeRefused("changed");
    const [draft, before] = await Promise.all([textsOf(trx, outcome.id, "draft"), textsOf(trx, outcome.id, "published")]);
    const locales = OUTCOME_LOCALES.filter((l) => draft[l]);
    // A draft is saved only valid (at least one language), but never publish an empty response.
    if (locales.length === 0) throw new OutcomeRefused("changed");
    if (outcome.state === "published" && sameTexts(draft, before) && outcome.edition_id === outcome.published_edition_id) return outcome.version;
    const at = now.toISOString();
    const next = outcome.version + 1;
    const updated = await trx
      .updateTable("topic_outcomes")
      .set({
        state: "published",
        published_edition_id: outcome.edition_id,
        published_at: at,
        published_by_user_id: actor.id,
        version: next,
        updated_at: at,
        updated_by_user_id: actor.id,
      })
      .where("id", "=", outcome.id)
      .where("version", "=", outcome.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new OutcomeRefused("changed");
    await trx.deleteFrom("topic_outcome_texts").where("outcome_id", "=", outcome.id).where("stage", "=", "published").execute();
    await trx
      .insertInto("topic_outcome_texts")
      .values(
        locales.map((l) => ({
          outcome_id: outcome.id,
          stage: "published" as const,
          locale: l,
          heard: draft[l]!.heard,
          actions: draft[l]!.actions,
          next_steps: draft[l]!.nextSteps,
        })),
      )
      .execute();
    // The consultation's page and the API now lead with it (ADR 027).
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "outcome.published",
      subject: { type: "topic", id: topicId },
      details: {
        topic: topic.slug,
        version: next,
        before: outcome.state === "published" ? { texts: before, editionId: outcome.published_edition_id, publishedAt: outcome.published_at } : null,
        after: { texts: draft, editionId: outcome.edition_id, publishedAt: at },
      },
    });
    await onOutcomePublished(trx, {
      topicId,
      topicSlug: topic.slug,
      partyCode: topic.party_code,
      outcomeId: outcome.id,
      locales,
      publishedAt: at,
      first: outcome.state !== "published",
    });
    return next;
  });
}

/** The published copies of the outcomes of these topics (only those shown: public, closed, published). */
async function publishedOutcomes(db: Db, topics: Array<{ id: number; status: TopicStatus }>) {
  const ids = topics.filter((t) => showsOutcome(t.status)).map((t) => t.id);
  if (ids.length === 0) return [];
  const outcomes = await db
    .selectFrom("topic_outcomes as o")
    .innerJoin("topics as t", "t.id", "o.topic_id")
    .leftJoin("summary_editions as e", "e.id", "o.published_edition_id")
    .select(["o.id", "o.topic_id", "o.published_at", "e.number as edition_number", "e.created_at as edition_frozen_at", "e.data_hash as edition_hash"])
    .where("o.topic_id", "in", ids)
    .where("o.state", "=", "published")
    .where("t.state", "in", ["published", "archived"])
    .execute();
  if (outcomes.length === 0) return [];
  const texts = await db
    .selectFrom("topic_outcome_texts")
    .select(["outcome_id", "locale", "heard", "actions", "next_steps"])
    .where(
      "outcome_id",
      "in",
      outcomes.map((o) => o.id),
    )
    .where("stage", "=", "published")
    .execute();
  return outcomes.map((o) => ({ ...o, texts: texts.filter((x) => x.outcome_id === o.id) }));
}

export interface PublicOutcome {
  /** The language shown: the page's when written in it, else another (the page says so). */
  locale: Locale;
  availableLocales: Locale[];
  heard: string;
  actions: string;
  nextSteps: string;
  publishedAt: string;
  publishedAtText: string;
  edition: { number: number; frozenAt: string; frozenAtText: string; fingerprint: string | null } | null;
}

/** A public topic's published outcome in the reader's language (or another one); null when none is shown. */
export async function getPublicOutcome(db: Kysely<Database>, topicSlug: string, locale: Locale, now: Date = new Date()): Promise<PublicOutcome | null> {
  const row = await db
    .selectFrom("topics as t")
    .innerJoin("parties as p", "p.code", "t.party_code")
    .select(["t.id", "t.state", "t.opens_at", "t.closes_at", "t.closed_early_at", "p.time_zone"])
    .where("t.slug", "=", topicSlug)
    .where("t.state", "in", ["published", "archived"])
    .executeTakeFirst();
  if (!row) return null;
  const topic = { id: row.id, status: topicStatus(row, now), timeZone: row.time_zone };
  const [o] = await publishedOutcomes(db, [topic]);
  if (!o || !o.published_at) return null;
  const text = pickTranslation(o.texts, locale);
  if (!text) return null;
  return {
    locale: text.locale,
    availableLocales: supportedLocales.filter((l) => o.texts.some((x) => x.locale === l)),
    heard: text.heard,
    actions: text.actions,
    nextSteps: text.next_steps,
    publishedAt: o.published_at,
    publishedAtText: formatDateTime(o.published_at, locale, topic.timeZone),
    edition:
      o.edition_number === null || o.edition_frozen_at === null
        ? null
        : {
            number: o.edition_number,
            frozenAt: o.edition_frozen_at,
            frozenAtText: formatDateTime(o.edition_frozen_at, locale, topic.timeZone),
            fingerprint: o.edition_hash,
          },
  };
}

/** The open-data shape of published outcomes, by topic id (topics without one are absent). */
export async function outcomesForApi(db: Kysely<Database>, topics: Array<{ id: number; status: TopicStatus }>) {
  const rows = await publishedOutcomes(db, topics);
  return new Map(
    rows
      .filter((o) => o.published_at && o.texts.length > 0)
      .map((o) => [
        o.topic_id,
        {
          publishedAt: o.published_at!,
          translations: Object.fromEntries(
            supportedLocales.flatMap((l) =>
              o.texts.filter((x) => x.locale === l).map((x) => [l, { heard: x.heard, actions: x.actions, nextSteps: x.next_steps }] as const),
            ),
          ),
          edition: o.edition_number === null ? null : { number: o.edition_number, frozenAt: o.edition_frozen_at, sha256: o.edition_hash },
        },
      ]),
  );
}
