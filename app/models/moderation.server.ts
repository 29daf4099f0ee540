import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, Locale, ModerationAction as EventAction, RejectionReason, Submission } from "../../db/schema";
import { getT } from "~/i18next.server";
import { applyRedactions, type ModerationAction, type QueueFilters } from "~/schemas/moderation";
import { markAccepted } from "~/pii/accept";
import { publicUrl } from "~/utils/env.server";
import { deliverEmail, htmlEmail, recordEmail } from "~/utils/mail.server";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { advancePublication } from "./publication.server";
import { endClaimOnDecision } from "./submission-claims.server";
import { pickTranslation } from "./topics.server";
import { submissionTextMatch } from "./submission-search.server";
import { NotFoundError } from "./errors";

export const QUEUE_PAGE_SIZE = 25;

/** The submission changed after the official opened it: nothing was written. */
export class ModerationConflict extends Error {
  constructor(readonly reference: string) {
    super(`submission ${reference} changed since it was opened`);
  }
}

/** The action does not apply to the submission as it is now (e.g. it was withdrawn). */
export class ModerationRefused extends Error {
  constructor(readonly reason: "withdrawn" | "already" | "no_campaign" | "bad_theme" | "suggestion_gone" | "not_approved" | "not_rejected") {
    super(`moderation refused: ${reason}`);
  }
}

/** The parties whose submissions the actor reviews: a moderator's own, both for an admin. */
function partiesOf(actor: Actor): string[] {
  if (actor.role === "admin") return ["CA", "CL"];
  return actor.role === "moderator" && actor.partyCode ? [actor.partyCode] : [];
}

function encodeCursor(row: { created_at: string; id: number }) {
  return Buffer.from(`${row.created_at}|${row.id}`).toString("base64url");
}
function decodeCursor(cursor: string | undefined): { createdAt: string; id: number } | null {
  if (!cursor) return null;
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return createdAt && /^\d+$/.test(id ?? "") ? { createdAt, id: Number(id) } : null;
}

/** The actor's parties' submissions under the queue's filters (every status). */
function queueBase(db: Kysely<Database>, actor: Actor, filters: QueueFilters) {
  requirePermission(actor, "submissions.moderate");
  const parties = filters.party && partiesOf(actor).includes(filters.party) ? [filters.party] : partiesOf(actor);
  let base = db.selectFrom("submissions as s").where("s.party_code", "in", parties);
  if (filters.topic) base = base.where("s.topic_id", "=", filters.topic);
  if (filters.stakeholderType) base = base.where("s.stakeholder_type", "=", filters.stakeholderType);
  if (filters.language) base = base.where("s.language", "=", filters.language);
  if (filters.country) base = base.where("s.country", "=", filters.country);
  if (filters.region) base = base.where("s.region_code", "=", filters.region);
  if (filters.from) base = base.where("s.created_at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) base = base.where("s.created_at", "<=", `${filters.to}T23:59:59.999Z`);
  const match = filters.q ? submissionTextMatch(db, filters.q) : null;
  if (match) base = base.where(match);
  return { parties, base };
}

/**
 * The submissions just before and just after this one in the filtered queue, in its order (ADR
 * 042). The submission itself need not be in the queue any more: after a decision, "next" is the
 * one that followed it.
 */
export async function queueNeighbours(db: Kysely<Database>, actor: Actor, filters: QueueFilters, at: { created_at: string; id: number }) {
  const { base } = queueBase(db, actor, filters);
  const inStatus = filters.status === "all" ? base : base.where("s.status", "=", filters.status);
  const newest = filters.sort === "newest";
  const step = async (forward: boolean) => {
    // Forward in an oldest-first queue is later; in a newest-first one, earlier.
    const later = forward !== newest;
    const row = await inStatus
      .select("s.reference")
      .where((eb) =>
        eb.or([eb("s.created_at", later ? ">" : "<", at.created_at), eb.and([eb("s.created_at", "=", at.created_at), eb("s.id", later ? ">" : "<", at.id)])]),
      )
      .orderBy("s.created_at", later ? "asc" : "desc")
      .orderBy("s.id", later ? "asc" : "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.reference ?? null;
  };
  const [previous, next] = await Promise.all([step(false), step(true)]);
  return { previous, next };
}

/**
 * The review queue: the actor's parties' submissions, filtered, searched (full text), oldest
 * first by default, a page at a time by cursor, with the count of each status under the same
 * filters.
 */
export async function listQueue(db: Kysely<Database>, actor: Actor, filters: QueueFilters, locale: Locale) {
  const { parties, base } = queueBase(db, actor, filters);
  const countRows = await base
    .select(["s.status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("s.status")
    .execute();
  const counts = { pending: 0, approved: 0, rejected: 0, withdrawn: 0, all: 0 };
  for (const row of countRows) {
    counts[row.status] = Number(row.n);
    counts.all += Number(row.n);
  }

  let page = base;
  if (filters.status !== "all") page = page.where("s.status", "=", filters.status);
  const after = decodeCursor(filters.cursor);
  const newest = filters.sort === "newest";
  if (after) {
    page = page.where((eb) =>
      eb.or([
        eb("s.created_at", newest ? "<" : ">", after.createdAt),
        eb.and([eb("s.created_at", "=", after.createdAt), eb("s.id", newest ? "<" : ">", after.id)]),
      ]),
    );
  }
  const rows = await page
    .select([
      "s.id",
      "s.reference",
      "s.version",
      "s.topic_id",
      "s.kind",
      "s.title",
      "s.body",
      "s.stakeholder_type",
      "s.organisation_name",
      "s.country",
      "s.region_code",
      "s.language",
      "s.status",
      "s.publication",
      "s.campaign_id",
      "s.created_at",
    ])
    .orderBy("s.created_at", newest ? "desc" : "asc")
    .orderBy("s.id", newest ? "desc" : "asc")
    .limit(QUEUE_PAGE_SIZE + 1)
    .execute();
  const more = rows.length > QUEUE_PAGE_SIZE;
  const items = rows.slice(0, QUEUE_PAGE_SIZE);
  const topics = await topicTitles(db, parties, locale);
  return {
    counts,
    topics,
    items: items.map(({ body, ...row }) => ({
      ...row,
      topicTitle: topics.find((t) => t.id === row.topic_id)?.title ?? "",
      excerpt: body.length > 160 ? `${body.slice(0, 160)}…` : body,
    })),
    nextCursor: more ? encodeCursor(items[items.length - 1]!) : null,
  };
}

/** The titles of the parties' topics in the page's language (or another one they have). */
async function topicTitles(db: Kysely<Database>, parties: string[], locale: Locale) {
  if (parties.length === 0) return [];
  const rows = await db
    .selectFrom("topics as t")
    .innerJoin("topic_translations as tt", "tt.topic_id", "t.id")
    .select(["t.id", "t.slug", "t.party_code", "tt.locale", "tt.title"])
    .where("t.party_code", "in", parties)
    .where("t.state", "!=", "draft")
    .orderBy("t.id", "desc")
    .execute();
  const byTopic = new Map<number, typeof rows>();
  for (const row of rows) byTopic.set(row.id, [...(byTopic.get(row.id) ?? []), row]);
  return [...byTopic.values()].map((translations) => {
    const chosen = pickTranslation(translations, locale)!;
    return { id: chosen.id, slug: chosen.slug, partyCode: chosen.party_code, title: chosen.title, titleLocale: chosen.locale };
  });
}

async function loadForActor(db: Kysely<Database> | Transaction<Database>, actor: Actor, reference: string) {
  const row = await db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirst();
  // Another party's submission is refused, not hidden: the URL names it already.
  if (!row) throw new NotFoundError("submission");
  requirePermission(actor, "submissions.moderate", { partyCode: row.party_code });
  return row;
}

/** Everything received, for the officials of its party: contact, answers, files, gender as given, history. */
export async function getForModeration(db: Kysely<Database>, actor: Actor, reference: string, locale: Locale) {
  const s = await loadForActor(db, actor, reference);
  const [topic, answers, attachments, profile, events, themes, chosenThemes, translations, replyTo, similar, campaignSize] = await Promise.all([
    topicTitles(db, [s.party_code], locale).then((topics) => topics.find((t) => t.id === s.topic_id)),
    db
      .selectFrom("submission_answers as a")
      .innerJoin("topic_questions as q", "q.id", "a.question_id")
      .select(["a.question_id", "a.text", "a.published_text", "q.position"])
      .where("a.submission_id", "=", s.id)
      .orderBy("q.position")
      .execute(),
    db.selectFrom("submission_attachments").select(["id", "file_name", "size", "kind"]).where("submission_id", "=", s.id).orderBy("id").execute(),
    db.selectFrom("participant_profiles").select("gender").where("submission_id", "=", s.id).executeTakeFirst(),
    db
      .selectFrom("moderation_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select(["e.id", "e.action", "e.reason", "e.note", "e.before", "e.after", "e.created_at", "u.display_name"])
      .where("e.submission_id", "=", s.id)
      .orderBy("e.id")
      .execute(),
    db.selectFrom("themes").selectAll().where("party_code", "=", s.party_code).orderBy(`label_${locale}`).execute(),
    db.selectFrom("submission_themes").select("theme_id").where("submission_id", "=", s.id).execute(),
    db.selectFrom("submission_translations").select(["locale", "title", "body", "updated_at"]).where("submission_id", "=", s.id).orderBy("locale").execute(),
    s.in_reply_to ? db.selectFrom("submissions").select("reference").where("id", "=", s.in_reply_to).executeTakeFirst() : undefined,
    s.similarity_key
      ? db
          .selectFrom("submissions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("topic_id", "=", s.topic_id)
          .where("similarity_key", "=", s.similarity_key)
          .where("id", "!=", s.id)
          .where("status", "!=", "withdrawn")
          .executeTakeFirst()
      : undefined,
    s.campaign_id
      ? db
          .selectFrom("submissions")
          .select((eb) => [
            eb.fn.countAll<number>().as("n"),
            eb.fn
              .sum<number>(
                eb
                  .case()
                  .when(eb.and([eb("status", "=", "pending"), eb("id", "!=", s.id)]))
                  .then(1)
                  .else(0)
                  .end(),
              )
              .as("pending"),
          ])
          .where("campaign_id", "=", s.campaign_id)
          .where("status", "!=", "withdrawn")
          .executeTakeFirst()
      : undefined,
  ]);
  const questions = await db
    .selectFrom("topic_question_translations")
    .select(["question_id", "locale", "text"])
    .where("question_id", "in", answers.length ? answers.map((a) => a.question_id) : [0])
    .execute();
  const { edit_token_hash: _t, content_hash: _c, ...submission } = s;
  const chosen = new Set(chosenThemes.map((c) => c.theme_id));
  return {
    submission,
    topic,
    replyTo: replyTo?.reference ?? null,
    answers: answers.map((a) => ({
      questionId: a.question_id,
      question:
        pickTranslation(
          questions.filter((q) => q.question_id === a.question_id),
          locale,
        )?.text ?? "",
      text: a.text,
      publishedText: a.published_text,
    })),
    attachments,
    gender: profile?.gender ?? null,
    history: events.map((e) => ({
      id: e.id,
      action: e.action,
      reason: e.reason,
      note: e.note,
      before: e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null,
      after: e.after ? (JSON.parse(e.after) as Record<string, unknown>) : null,
      at: e.created_at,
      actor: e.display_name,
    })),
    themes: themes.map((th) => ({ id: th.id, label: th[`label_${locale}`], chosen: chosen.has(th.id) })),
    translations,
    similarCount: Number(similar?.n ?? 0),
    campaignSize: Number(campaignSize?.n ?? 0),
    /** The other pending copies a campaign decision would decide with this one. */
    campaignPending: Number(campaignSize?.pending ?? 0),
  };
}

export type ModerationView = Awaited<ReturnType<typeof getForModeration>>;

/** A file received with a submission, for its party's officials (whether or not it is published). */
export async function getAttachmentForModeration(db: Kysely<Database>, actor: Actor, reference: string, attachmentId: number) {
  const s = await loadForActor(db, actor, reference);
  const file = await db.selectFrom("submission_attachments").selectAll().where("id", "=", attachmentId).where("submission_id", "=", s.id).executeTakeFirst();
  if (!file) throw new NotFoundError("attachment");
  return file;
}

interface Decision {
  status: "approved" | "rejected";
  reason?: RejectionReason;
  note?: string;
}

/**
 * Applies one official's action to the submission they opened at `action.version`. Everything
 * happens in one transaction with its history entry and, for decisions, the email to the person;
 * if the submission changed since it was opened, nothing is written and ModerationConflict is
 * thrown. Approving or rejecting with `applyToCampaign` decides every pending copy of the letter.
 */
export async function moderate(db: Kysely<Database>, actor: Actor, reference: string, action: ModerationAction, now: Date = new Date()) {
  const emails: number[] = [];
  const result = await db
    .transaction()
    .execute(async (trx) => {
      const s = await loadForActor(trx, actor, reference);
      // Idempotent decisions: the same decision again (a double-submitted form, or a page opened
      // after it was made) changes nothing, records no event and sends no second email.
      const repeated = isDecision(action) && alreadyDecided(s, action);
      if (repeated && !campaignWide(action)) return { changed: 0 };
      if (s.version !== action.version) throw new ModerationConflict(reference);
      if (s.status === "withdrawn") throw new ModerationRefused("withdrawn");
      switch (action.intent) {
        case "approve":
        case "reject": {
          const decision: Decision =
            action.intent === "approve" ? { status: "approved" } : { status: "rejected", reason: action.reason, note: action.note || undefined };
          if (s.status === decision.status && action.intent === "approve") throw new ModerationRefused("already");
          const approved = decision.status === "approved" ? approvedText(s) : null;
          if (!repeated) emails.push(await decide(trx, actor, s, decision, now, { approved }));
          if (action.applyToCampaign && s.campaign_id) {
            // Only copies still in the campaign: an edit takes a copy out (invalidateAfterEdit), and
            // a later copy joins only with this very text (campaignToJoin). Each is approved as this
            // copy's text and counted with it; its own text and signature are never published.
            const others = await trx
              .selectFrom("submissions")
              .selectAll()
              .where("campaign_id", "=", s.campaign_id)
              .where("id", "!=", s.id)
              .where("status", "=", "pending")
              .execute();
            for (const other of others) emails.push(await decide(trx, actor, other, decision, now, { campaignOf: s, approved }));
            await trx.updateTable("campaigns").set({ reviewed_submission_id: s.id }).where("id", "=", s.campaign_id).execute();
            const changed = (repeated ? 0 : 1) + others.length;
            // Every decision moves public figures (received, published, not accepted…): ADR 027.
            if (changed > 0) await advancePublication(trx, now);
            return { changed };
          }
          await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "redact": {
          const before = { title: s.published_title, body: s.published_body, attachmentsPublic: s.attachments_public === 1 };
          // The suggestions the official ticked are marked as if they had typed the brackets.
          const texts = markAccepted({ title: action.title, body: action.body, answers: action.answers }, action.accept ?? []);
          if (!texts) throw new ModerationRefused("suggestion_gone");
          const title = applyRedactions(texts.title);
          const body = applyRedactions(texts.body);
          const after = {
            // The same text as received means "publish the original"; an emptied title is kept as
            // "" ("redacted to nothing"), which is not null ("not redacted").
            title: title === (s.title ?? "") ? null : title,
            body: body === s.body ? null : body,
            attachmentsPublic: action.attachmentsPublic,
          };
          const set = { published_title: after.title, published_body: after.body, attachments_public: after.attachmentsPublic ? 1 : 0 };
          // Redacting a published submission is this official's approval of the new public text.
          const republish =
            s.status === "approved" && s.approved_from === null ? { approved_version: s.version, ...snapshot(approvedText({ ...s, ...set })) } : {};
          await bump(trx, s, set, now, republish);
          const answers = await trx.selectFrom("submission_answers").select(["question_id", "text"]).where("submission_id", "=", s.id).execute();
          for (const answer of answers) {
            const edited = texts.answers[String(answer.question_id)];
            if (edited === undefined) continue;
            const published = applyRedactions(edited);
            await trx
              .updateTable("submission_answers")
              .set({ published_text: published === answer.text ? null : published })
              .where("submission_id", "=", s.id)
              .where("question_id", "=", answer.question_id)
              .execute();
          }
          await recordEvent(trx, actor, s.id, "redact", { before, after }, now);
          if (s.status === "approved") await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "tag": {
          const allowed = await trx.selectFrom("themes").select("id").where("party_code", "=", s.party_code).execute();
          const allowedIds = new Set(allowed.map((t) => t.id));
          if (action.themes.some((id) => !allowedIds.has(id))) throw new ModerationRefused("bad_theme");
          const current = (await trx.selectFrom("submission_themes").select("theme_id").where("submission_id", "=", s.id).execute()).map((r) => r.theme_id);
          await trx.deleteFrom("submission_themes").where("submission_id", "=", s.id).execute();
          const themes = [...new Set(action.themes)].sort((a, b) => a - b);
          if (themes.length)
            await trx
              .insertInto("submission_themes")
              .values(themes.map((theme_id) => ({ submission_id: s.id, theme_id })))
              .execute();
          await bump(trx, s, {}, now);
          await recordEvent(trx, actor, s.id, "tag", { before: { themes: current.sort((a, b) => a - b) }, after: { themes } }, now);
          if (s.status === "approved") await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "translate": {
          const locale = action.translationLocale;
          const existing = await trx
            .selectFrom("submission_translations")
            .selectAll()
            .where("submission_id", "=", s.id)
            .where("locale", "=", locale)
            .executeTakeFirst();
          const values = {
            title: action.translationTitle || null,
            body: applyRedactions(action.translationBody),
            translated_by_user_id: actor.id,
            updated_at: now.toISOString(),
          };
          if (existing) {
            await trx.updateTable("submission_translations").set(values).where("submission_id", "=", s.id).where("locale", "=", locale).execute();
          } else {
            await trx
              .insertInto("submission_translations")
              .values({ ...values, submission_id: s.id, locale, created_at: now.toISOString() })
              .execute();
          }
          await bump(trx, s, {}, now);
          await recordEvent(
            trx,
            actor,
            s.id,
            "translate",
            {
              before: existing ? { locale: existing.locale, title: existing.title, body: existing.body } : null,
              after: { locale, title: values.title, body: values.body },
            },
            now,
          );
          if (s.status === "approved") await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "unpublish": {
          // Off the public pages, told to the person like a rejection, with its reason (ADR 042).
          if (s.status !== "approved") throw new ModerationRefused("not_approved");
          const decision: Decision = { status: "rejected", reason: action.reason, note: action.note || undefined };
          emails.push(await decide(trx, actor, s, decision, now, { approved: null, unpublish: true }));
          await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "reconsider": {
          // Back to pending, to be decided again; the person hears of the next decision, not of this.
          if (s.status !== "rejected") throw new ModerationRefused("not_rejected");
          await bump(trx, s, {}, now, { status: "pending", rejection_reason: null, rejection_note: null, decided_at: null });
          await recordEvent(
            trx,
            actor,
            s.id,
            "reconsider",
            { before: { status: s.status }, after: { status: "pending" }, reason: s.rejection_reason, note: s.rejection_note },
            now,
          );
          // Public figures count rejected submissions ("not accepted").
          await advancePublication(trx, now);
          return { changed: 1 };
        }
        case "campaign": {
          const changed = await groupCampaign(trx, actor, s, now);
          // Grouping may join approved copies ("Sent by N people", distinct contributions).
          await advancePublication(trx, now);
          return { changed };
        }
      }
    })
    .catch(async (error: unknown) => {
      emails.length = 0; // rolled back with the transaction
      // Two submissions of the same decision at once: the one that lost the race finds it made.
      if (error instanceof ModerationConflict && isDecision(action) && !campaignWide(action)) {
        if (alreadyDecided(await loadForActor(db, actor, reference), action)) return { changed: 0 };
      }
      throw error;
    });
  for (const id of emails) await deliverEmail(db, id);
  return result;
}

/**
 * Approves or rejects several submissions of the queue, each at the version the official saw.
 * Each one is its own transaction: a submission changed meanwhile is left as it is and reported.
 */
export async function moderateMany(
  db: Kysely<Database>,
  actor: Actor,
  items: Array<{ id: number; version: number }>,
  decision: { intent: "approve" | "reject"; reason?: RejectionReason },
) {
  const outcome = { done: 0, conflicts: [] as string[], refused: [] as string[] };
  for (const item of items) {
    const row = await db.selectFrom("submissions").select(["reference", "party_code"]).where("id", "=", item.id).executeTakeFirst();
    if (!row) continue;
    requirePermission(actor, "submissions.moderate", { partyCode: row.party_code });
    const action: ModerationAction =
      decision.intent === "approve"
        ? { intent: "approve", version: item.version, applyToCampaign: false }
        : { intent: "reject", version: item.version, reason: decision.reason ?? "other", note: "", applyToCampaign: false };
    try {
      await moderate(db, actor, row.reference, action);
      outcome.done++;
    } catch (error) {
      if (error instanceof ModerationConflict) outcome.conflicts.push(row.reference);
      else if (error instanceof ModerationRefused) outcome.refused.push(row.reference);
      else throw error;
    }
  }
  return outcome;
}

/** Raises the version (and sets any columns given): the optimistic lock every action takes. */
async function bump(
  trx: Transaction<Database>,
  s: Submission,
  set: Partial<Record<"published_title" | "published_body" | "attachments_public", unknown>>,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const result = await trx
    .updateTable("submissions")
    .set({ ...(set as object), ...extra, version: sql<number>`version + 1`, updated_at: now.toISOString() })
    .where("id", "=", s.id)
    .where("version", "=", s.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new ModerationConflict(s.reference);
}

async function recordEvent(
  trx: Transaction<Database>,
  actor: Actor,
  submissionId: number,
  action: EventAction,
  change: { before?: unknown; after?: unknown; reason?: string | null; note?: string | null },
  now: Date,
) {
  await trx
    .insertInto("moderation_events")
    .values({
      submission_id: submissionId,
      actor_user_id: actor.id,
      action,
      reason: change.reason ?? null,
      note: change.note ?? null,
      before: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
      after: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
      created_at: now.toISOString(),
    })
    .execute();
}

type DecisionAction = Extract<ModerationAction, { intent: "approve" | "reject" | "unpublish" | "reconsider" }>;
const isDecision = (action: ModerationAction): action is DecisionAction =>
  action.intent === "approve" || action.intent === "reject" || action.intent === "unpublish" || action.intent === "reconsider";

const campaignWide = (action: DecisionAction) => "applyToCampaign" in action && action.applyToCampaign;

/**
 * Whether the submission already carries exactly this decision (status, and a rejection's or an
 * unpublishing's reason and note): the same POST again answers with the state as it is.
 */
function alreadyDecided(s: Submission, action: DecisionAction): boolean {
  if (action.intent === "approve") return s.status === "approved";
  if (action.intent === "reconsider") return s.status === "pending";
  return s.status === "rejected" && s.rejection_reason === action.reason && (s.rejection_note ?? "") === (action.note || "");
}

/** The public title and text of a submission as it stands: the officials' redacted copy, else the original. */
function approvedText(s: Pick<Submission, "title" | "body" | "published_title" | "published_body">) {
  return {
    // "" is a title redacted to nothing: published without one.
    title: s.published_title !== null ? s.published_title || null : s.title,
    body: s.published_body ?? s.body,
  };
}
const snapshot = (text: { title: string | null; body: string }) => ({ approved_title: text.title, approved_body: text.body });

/**
 * Sets the decision, records it, and writes the email telling the person (delivered after commit).
 * An approval records what was approved (docs/decisions/015): the version the official had open
 * and its public text, which is all the public reads; for a copy decided with its campaign, the
 * reviewed copy's text, and which copy that was.
 */
async function decide(
  trx: Transaction<Database>,
  actor: Actor,
  s: Submission,
  decision: Decision,
  now: Date,
  options: { campaignOf?: Submission; approved: { title: string | null; body: string } | null; unpublish?: boolean },
) {
  await endClaimOnDecision(trx, s.id);
  await bump(trx, s, {}, now, {
    status: decision.status,
    rejection_reason: decision.reason ?? null,
    rejection_note: decision.note ?? null,
    decided_at: now.toISOString(),
    ...(options.approved
      ? {
          approved_version: options.campaignOf ? options.campaignOf.version : s.version,
          ...snapshot(options.approved),
          approved_from: options.campaignOf?.id ?? null,
        }
      : { approved_version: null, approved_title: null, approved_body: null, approved_from: null }),
  });
  await recordEvent(
    trx,
    actor,
    s.id,
    options.unpublish ? "unpublish" : decision.status === "approved" ? "approve" : "reject",
    {
      before: { status: s.status },
      after: { status: decision.status, ...(options.campaignOf ? { campaignOf: options.campaignOf.reference } : {}) },
      reason: decision.reason,
      note: decision.note,
    },
    now,
  );
  return recordEmail(trx, await decisionEmail(trx, s, decision, { ownText: !options.campaignOf, unpublish: options.unpublish ?? false }));
}

/** Whether officials removed passages from the text the public reads (title, text or answers). */
async function wasRedacted(trx: Transaction<Database>, s: Submission) {
  if (s.published_title !== null || s.published_body !== null) return true;
  const answer = await trx
    .selectFrom("submission_answers")
    .select("question_id")
    .where("submission_id", "=", s.id)
    .where("published_text", "is not", null)
    .executeTakeFirst();
  return answer !== undefined;
}

/** `ownText`: false for a copy approved with its campaign, whose own text is not what is published. */
async function decisionEmail(trx: Transaction<Database>, s: Submission, decision: Decision, { ownText, unpublish }: { ownText: boolean; unpublish: boolean }) {
  const locale = s.contact_locale ?? s.language;
  const t = getT(locale);
  const topic = await trx.selectFrom("topics").select("slug").where("id", "=", s.topic_id).executeTakeFirstOrThrow();
  const greeting = t("emails.greeting", { name: s.contact_name });
  if (decision.status === "approved") {
    const published = s.publication !== "officials";
    const link = `${publicUrl()}/${locale}/consultations/${topic.slug}/submissions/${s.reference}`;
    const paragraphs = [
      greeting,
      t("emails.approved.intro", { reference: s.reference }),
      // The person should not discover on the public page that parts of their text were removed.
      ...(published && ownText && (await wasRedacted(trx, s)) ? [t("emails.approved.redacted")] : []),
      published ? t("emails.approved.published") : t("emails.approved.officialsOnly"),
    ];
    return {
      kind: "submission_approved",
      to: s.contact_email,
      locale,
      subject: t("emails.approved.subject", { reference: s.reference }),
      text: [...paragraphs, ...(published ? [link] : [])].join("\n\n") + "\n\n— Puente\n",
      html: htmlEmail(locale, paragraphs, published ? { href: link, label: t("emails.approved.action") } : undefined),
    };
  }
  if (unpublish) {
    const paragraphs = [
      greeting,
      t("emails.unpublished.intro", { reference: s.reference }),
      t("emails.rejected.reason", { reason: t(`moderation.reasons.${decision.reason ?? "other"}`) }),
      ...(decision.note ? [t("emails.rejected.note", { note: decision.note })] : []),
    ];
    return {
      kind: "submission_unpublished",
      to: s.contact_email,
      locale,
      subject: t("emails.unpublished.subject", { reference: s.reference }),
      text: paragraphs.join("\n\n") + "\n\n— Puente\n",
      html: htmlEmail(locale, paragraphs),
    };
  }
  const paragraphs = [
    greeting,
    t("emails.rejected.intro", { reference: s.reference }),
    t("emails.rejected.reason", { reason: t(`moderation.reasons.${decision.reason ?? "other"}`) }),
    ...(decision.note ? [t("emails.rejected.note", { note: decision.note })] : []),
    t("emails.rejected.closing"),
  ];
  return {
    kind: "submission_rejected",
    to: s.contact_email,
    locale,
    subject: t("emails.rejected.subject", { reference: s.reference }),
    text: paragraphs.join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs),
  };
}

/**
 * Groups the submission with every copy of the same letter in its topic (same fingerprint, not
 * withdrawn) as one campaign; later copies join it as they arrive. Returns how many were grouped.
 */
async function groupCampaign(trx: Transaction<Database>, actor: Actor, s: Submission, now: Date) {
  if (!s.similarity_key) throw new ModerationRefused("no_campaign");
  const members = await trx
    .selectFrom("submissions")
    .select(["id", "version", "reference", "campaign_id"])
    .where("topic_id", "=", s.topic_id)
    .where("similarity_key", "=", s.similarity_key)
    .where("status", "!=", "withdrawn")
    .execute();
  if (members.length < 2) throw new ModerationRefused("no_campaign");
  let campaign = await trx
    .selectFrom("campaigns")
    .select("id")
    .where("topic_id", "=", s.topic_id)
    .where("similarity_key", "=", s.similarity_key)
    .executeTakeFirst();
  campaign ??= await trx
    .insertInto("campaigns")
    .values({
      topic_id: s.topic_id,
      similarity_key: s.similarity_key,
      created_by_user_id: actor.id,
      created_at: now.toISOString(),
      reviewed_submission_id: s.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The copy this official has open is the one later copies must match to join on arrival.
  await trx.updateTable("campaigns").set({ reviewed_submission_id: s.id }).where("id", "=", campaign.id).execute();
  let grouped = 0;
  for (const member of members) {
    if (member.campaign_id === campaign.id) continue;
    await trx
      .updateTable("submissions")
      .set({ campaign_id: campaign.id, version: sql<number>`version + 1`, updated_at: now.toISOString() })
      .where("id", "=", member.id)
      .execute();
    await recordEvent(
      trx,
      actor,
      member.id,
      "campaign",
      { before: { campaign: member.campaign_id }, after: { campaign: campaign.id, size: members.length } },
      now,
    );
    grouped++;
  }
  if (grouped === 0) throw new ModerationRefused("already");
  return grouped;
}

/** A text compared word for word: only spacing and line endings may differ. */
const sameText = (a: { title: string | null; body: string }, b: { title: string | null; body: string }) => {
  const flat = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
  return flat(a.title) === flat(b.title) && flat(a.body) === flat(b.body);
};

/**
 * The campaign a new copy joins on arrival: only when its whole text is the text of the copy an
 * official reviewed for the campaign (still in it). The fingerprint ignores short lines, so a copy
 * that differs in any of them (a greeting, a signature, or anything else of five words or fewer)
 * stays in the queue on its own, where an official reviews it or groups it.
 */
export async function campaignToJoin(trx: Transaction<Database>, topicId: number, copy: { similarity_key: string; title: string | null; body: string }) {
  const reviewed = await trx
    .selectFrom("campaigns as c")
    .innerJoin("submissions as r", (join) => join.onRef("r.id", "=", "c.reviewed_submission_id").onRef("r.campaign_id", "=", "c.id"))
    .select(["c.id", "r.title", "r.body"])
    .where("c.topic_id", "=", topicId)
    .where("c.similarity_key", "=", copy.similarity_key)
    .where("r.status", "!=", "withdrawn")
    .executeTakeFirst();
  return reviewed && sameText(reviewed, copy) ? reviewed.id : null;
}

/**
 * After the person edits their submission (in the same transaction): what officials prepared for
 * the previous text no longer applies. Their redactions and translations are dropped, and a
 * grouped copy leaves its campaign, so no decision publishes the new text unseen; the history
 * entry of the edit says what was dropped.
 */
export async function invalidateAfterEdit(trx: Transaction<Database>, submissionId: number) {
  const s = await trx
    .selectFrom("submissions")
    .select(["published_title", "published_body", "campaign_id"])
    .where("id", "=", submissionId)
    .executeTakeFirstOrThrow();
  const answers = await trx
    .selectFrom("submission_answers")
    .select("question_id")
    .where("submission_id", "=", submissionId)
    .where("published_text", "is not", null)
    .execute();
  const translations = await trx.selectFrom("submission_translations").select("locale").where("submission_id", "=", submissionId).orderBy("locale").execute();
  const invalidated = {
    redaction: s.published_title !== null || s.published_body !== null || answers.length > 0,
    translations: translations.map((tr) => tr.locale),
    campaign: s.campaign_id,
  };
  if (!invalidated.redaction && invalidated.translations.length === 0 && invalidated.campaign === null) return;
  await trx.updateTable("submissions").set({ published_title: null, published_body: null, campaign_id: null }).where("id", "=", submissionId).execute();
  await trx.updateTable("submission_answers").set({ published_text: null }).where("submission_id", "=", submissionId).execute();
  await trx.deleteFrom("submission_translations").where("submission_id", "=", submissionId).execute();
  const edit = await trx
    .selectFrom("moderation_events")
    .select(["id", "after"])
    .where("submission_id", "=", submissionId)
    .where("action", "=", "submitter_edit")
    .orderBy("id", "desc")
    .executeTakeFirst();
  // Beside what the edit itself recorded (a change of attachments).
  if (edit)
    await trx
      .updateTable("moderation_events")
      .set({ after: JSON.stringify({ ...(edit.after ? (JSON.parse(edit.after) as object) : {}), invalidated }) })
      .where("id", "=", edit.id)
      .execute();
}

/** Groups of copies of the same letter not yet grouped, largest first, for the actor's parties. */
export async function campaignSuggestions(db: Kysely<Database>, actor: Actor, locale: Locale) {
  requirePermission(actor, "submissions.moderate");
  const parties = partiesOf(actor);
  if (parties.length === 0) return [];
  const groups = await db
    .selectFrom("submissions")
    .select(["topic_id", "similarity_key", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("reference").as("reference")])
    .where("party_code", "in", parties)
    .where("status", "!=", "withdrawn")
    .where("campaign_id", "is", null)
    .where("similarity_key", "is not", null)
    .groupBy(["topic_id", "similarity_key"])
    .having((eb) => eb.fn.countAll(), ">", 1)
    .orderBy("n", "desc")
    .limit(20)
    .execute();
  const topics = await topicTitles(db, parties, locale);
  return groups.map((g) => ({ reference: String(g.reference), count: Number(g.n), topicTitle: topics.find((t) => t.id === g.topic_id)?.title ?? "" }));
}

/** Whether the actor may act on submissions of this party (for showing the forms at all). */
export function mayModerate(actor: Actor, partyCode: string) {
  return can(actor, "submissions.moderate", { partyCode });
}
