import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction, type Updateable } from "kysely";
import type { Database, Locale, SubmissionsTable } from "../../db/schema";
import { getT } from "~/i18next.server";
import { answersFrom, type SubmissionFormValues } from "~/schemas/submission";
import { MAX_ATTACHMENTS } from "~/utils/body-limits";
import { publicUrl } from "~/utils/env.server";
import { deliverEmail, htmlEmail, recordEmail, sendEmail } from "~/utils/mail.server";
import type { StoredFile } from "~/utils/files.server";
import { inGroupCommit } from "~/utils/group-commit.server";
import { similarityKey } from "~/utils/similarity.server";
import { useFormStamp } from "~/utils/submission-guard.server";
import { hashToken, newToken, safeEqual } from "~/utils/tokens.server";
import { campaignToJoin, invalidateAfterEdit } from "./moderation.server";
import { listParties, listRegions } from "./parties.server";
import { removeFiles } from "./stored-files.server";
import { takeDraftIn } from "./submission-drafts.server";
import { receiptAsText, receiptView } from "./receipts.server";
import { topicStatus } from "./topics.server";

export class SubmissionRefused extends Error {
  /** "changed": officials acted on it after the person's page was shown (a newer version). */
  /** "too_many_files": with the files kept (a draft's, or the submission's own), more than the form takes. */
  constructor(readonly reason: "not_found" | "not_open" | "not_pending" | "changed" | "bad_reply" | "bad_region" | "stamp_used" | "too_many_files") {
    super(`submission refused: ${reason}`);
  }
}

const DAY_MS = 86_400_000;

function contentHash(topicId: number, email: string, body: string): string {
  const normalised = body.toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(`${topicId}\n${email.toLowerCase()}\n${normalised}`).digest("hex");
}

async function openTopic(db: Kysely<Database> | Transaction<Database>, slug: string, now: Date) {
  const topic = await db.selectFrom("topics").selectAll().where("slug", "=", slug).where("state", "!=", "draft").executeTakeFirst();
  if (!topic) throw new SubmissionRefused("not_found");
  if (topicStatus(topic, now) !== "open") throw new SubmissionRefused("not_open");
  return topic;
}

function columnsFrom(values: SubmissionFormValues) {
  return {
    kind: values.kind,
    on_behalf: values.onBehalf,
    stakeholder_type: values.stakeholderType,
    stakeholder_other: values.stakeholderType === "other" ? values.stakeholderOther : null,
    organisation_name: values.onBehalf === "organisation" ? values.organisationName : values.organisationName || null,
    organisation_size: values.stakeholderType === "company" ? (values.organisationSize ?? null) : null,
    women_led: values.womenLed ?? null,
    country: values.country,
    region_code: values.country !== "other" && values.region ? values.region : null,
    contact_name: values.contactName,
    contact_email: values.contactEmail.toLowerCase(),
    title: values.title || null,
    body: values.body,
    language: values.language,
    publication: values.publication,
    similarity_key: similarityKey(values.title || null, values.body),
  } satisfies Partial<SubmissionsTable>;
}

async function checkReferences(trx: Transaction<Database>, topicId: number, values: SubmissionFormValues) {
  if (values.region && values.country !== "other") {
    const region = await trx.selectFrom("regions").select("code").where("code", "=", values.region).where("party_code", "=", values.country).executeTakeFirst();
    if (!region) throw new SubmissionRefused("bad_region");
  }
  if (values.kind === "comment" && values.inReplyTo) {
    const proposal = await trx
      .selectFrom("submissions")
      .innerJoin("topics", "topics.id", "submissions.topic_id")
      .select("submissions.id")
      .where("reference", "=", values.inReplyTo)
      .where("topic_id", "=", topicId)
      // Answering a published proposal is for consultations that take comments (the form offers none otherwise).
      .where("topics.allow_comments", "=", 1)
      .where("kind", "=", "proposal")
      .where("status", "=", "approved")
      .where("publication", "!=", "officials")
      .where("approved_from", "is", null)
      .executeTakeFirst();
    if (!proposal) throw new SubmissionRefused("bad_reply");
    return proposal.id;
  }
  return null;
}

export interface CreatedSubmission {
  reference: string;
  /** The secret for the edit link; null when this was a duplicate of an earlier submission. */
  token: string | null;
  duplicate: boolean;
}

/**
 * Records a submission with its answers, its gender answer (apart) and its receipt email, all in
 * one transaction: a receipt is given only for what is committed. The same text from the same
 * address to the same topic within a day returns the first submission's reference instead.
 */
export async function createSubmission(
  db: Kysely<Database>,
  input: {
    topicSlug: string;
    values: SubmissionFormValues;
    pageLocale: Locale;
    attachments?: StoredFile[];
    now?: Date;
    /** The form's signed stamp: it serves one submission only (a resend of the same one is a duplicate). */
    formStamp?: { nonce: string; expiresAt: string };
    /** Sent from a saved draft: the draft is deleted in the same transaction (ADR 036), its files become the submission's (ADR 040). */
    draftToken?: string;
    /** Files of the draft the person took off before sending. */
    removeDraftAttachments?: number[];
  },
): Promise<CreatedSubmission> {
  const now = input.now ?? new Date();
  const { values } = input;
  for (let attempt = 0; ; attempt++) {
    try {
      // Submissions arriving together share one commit (group commit): see group-commit.server.ts.
      const result = await inGroupCommit(db, async (trx) => {
        const topic = await openTopic(trx, input.topicSlug, now);
        const hash = contentHash(topic.id, values.contactEmail, values.body);
        const earlier = await trx
          .selectFrom("submissions")
          .select("reference")
          .where("content_hash", "=", hash)
          .where("created_at", ">", new Date(now.getTime() - DAY_MS).toISOString())
          .executeTakeFirst();
        // The first submission stands; a draft it was sent from stays as it is, files and all.
        if (earlier) return { reference: earlier.reference, token: null, duplicate: true, outboxId: null, removed: [] as string[] };
        const fromDraft = input.draftToken ? await takeDraftIn(trx, topic.id, input.draftToken, input.removeDraftAttachments) : { files: [], removed: [] };
        const attachments = [...fromDraft.files, ...(input.attachments ?? [])];
        if (attachments.length > MAX_ATTACHMENTS) throw new SubmissionRefused("too_many_files");
        if (input.formStamp && !(await useFormStamp(trx, input.formStamp, now))) throw new SubmissionRefused("stamp_used");

        const inReplyTo = await checkReferences(trx, topic.id, values);
        const year = now.getUTCFullYear();
        const last = await trx
          .selectFrom("submissions")
          .select((eb) => eb.fn.max("seq").as("seq"))
          .where("party_code", "=", topic.party_code)
          .where("year", "=", year)
          .executeTakeFirst();
        const seq = Number(last?.seq ?? 0) + 1;
        const reference = `${topic.party_code}-${year}-${String(seq).padStart(5, "0")}`;
        const token = newToken();
        const stamp = now.toISOString();
        const columns = columnsFrom(values);
        const { id } = await trx
          .insertInto("submissions")
          .values({
            ...columns,
            reference,
            topic_id: topic.id,
            party_code: topic.party_code,
            year,
            seq,
            in_reply_to: inReplyTo,
            status: "pending",
            contact_locale: input.pageLocale,
            campaign_id: await campaignToJoin(trx, topic.id, columns),
            edit_token_hash: hashToken(token),
            content_hash: hash,
            created_at: stamp,
            updated_at: stamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await saveAnswers(trx, id, topic.id, values);
        if (attachments.length) {
          await trx
            .insertInto("submission_attachments")
            .values(
              attachments.map((f) => ({
                submission_id: id,
                file_key: f.key,
                file_name: f.name,
                size: f.size,
                sha256: f.sha256,
                kind: f.kind,
                created_at: stamp,
              })),
            )
            .execute();
        }
        if (values.gender) {
          await trx.insertInto("participant_profiles").values({ submission_id: id, topic_id: topic.id, gender: values.gender, created_at: stamp }).execute();
        }
        const outboxId = await recordEmail(trx, await receiptEmail(trx, input.pageLocale, values, reference, token));
        return { reference, token, duplicate: false, outboxId, removed: fromDraft.removed };
      });
      await removeFiles(result.removed);
      // The token lives only in memory: the outbox row has it masked.
      if (result.outboxId !== null && result.token !== null) await deliverEmail(db, result.outboxId, result.token);
      return { reference: result.reference, token: result.token, duplicate: result.duplicate };
    } catch (error) {
      // Two submissions to the same party at once may pick the same number: try again.
      if (attempt < 4 && /unique|duplicate key/i.test(String((error as Error)?.message))) continue;
      throw error;
    }
  }
}

/** The questions a topic still asks: only these take new answers (a retired one keeps its old ones). */
async function askedQuestions(trx: Transaction<Database>, topicId: number) {
  const questions = await trx.selectFrom("topic_questions").select("id").where("topic_id", "=", topicId).where("retired_at", "is", null).execute();
  return new Set(questions.map((q) => q.id));
}

async function saveAnswers(trx: Transaction<Database>, submissionId: number, topicId: number, values: SubmissionFormValues) {
  const answers = answersFrom(values as Record<string, unknown>);
  if (answers.length === 0) return;
  const allowed = await askedQuestions(trx, topicId);
  const rows = answers.filter((a) => allowed.has(a.questionId)).map((a) => ({ submission_id: submissionId, question_id: a.questionId, text: a.text }));
  if (rows.length) await trx.insertInto("submission_answers").values(rows).execute();
}

/**
 * The person's edit of their answers: only the questions the form showed (those still asked) are
 * touched — an answer to a retired question stays. A changed answer drops the officials' redacted
 * copy of the old text; an unchanged one keeps it.
 */
async function replaceAnswers(trx: Transaction<Database>, submissionId: number, topicId: number, values: SubmissionFormValues) {
  const asked = await askedQuestions(trx, topicId);
  const given = new Map(
    answersFrom(values as Record<string, unknown>)
      .filter((a) => asked.has(a.questionId))
      .map((a) => [a.questionId, a.text]),
  );
  const stored = await trx.selectFrom("submission_answers").select(["question_id", "text"]).where("submission_id", "=", submissionId).execute();
  for (const answer of stored) {
    if (!asked.has(answer.question_id)) continue;
    const text = given.get(answer.question_id);
    if (text === undefined) {
      // The person cleared their own answer.
      await trx.deleteFrom("submission_answers").where("submission_id", "=", submissionId).where("question_id", "=", answer.question_id).execute();
    } else if (text !== answer.text) {
      await trx
        .updateTable("submission_answers")
        .set({ text, published_text: null })
        .where("submission_id", "=", submissionId)
        .where("question_id", "=", answer.question_id)
        .execute();
    }
    given.delete(answer.question_id);
  }
  if (given.size) {
    await trx
      .insertInto("submission_answers")
      .values([...given].map(([question_id, text]) => ({ submission_id: submissionId, question_id, text })))
      .execute();
  }
}

async function receiptEmail(
  db: Kysely<Database>,
  locale: Locale,
  values: Pick<SubmissionFormValues, "contactName" | "contactEmail">,
  reference: string,
  token: string,
) {
  const t = getT(locale);
  const link = `${publicUrl()}/${locale}/submissions/${reference}?${new URLSearchParams({ token })}`;
  const paragraphs = [
    t("emails.greeting", { name: values.contactName }),
    t("emails.receipt.intro", { reference }),
    t("emails.receipt.link"),
    t("emails.receipt.keep"),
  ];
  // The complete receipt (issue 17, item 2): the email goes to the address the person gave.
  const view = await receiptView(db, reference, locale);
  const sent = view ? [t("receipt.whatYouSent"), ...receiptAsText(view, locale).split(/\n{2,}/)] : [];
  return {
    kind: "submission_receipt",
    to: values.contactEmail,
    locale,
    subject: t("emails.receipt.subject", { reference }),
    text: [paragraphs[0], paragraphs[1], paragraphs[2], link, paragraphs[3], ...sent].join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs, { href: link, label: t("emails.receipt.action") }, sent),
    secret: token,
  };
}

/**
 * Emails the submitter a new private link, for when the receipt was lost or never sent: the edit
 * token is replaced, so the link of the earlier receipt stops working. Null for no such submission.
 */
export async function reissueEditLink(db: Kysely<Database>, reference: string, locale: Locale) {
  const row = await db
    .selectFrom("submissions")
    .select(["id", "contact_name", "contact_email", "contact_locale"])
    .where("reference", "=", reference)
    .executeTakeFirst();
  if (!row) return null;
  const token = newToken();
  await db
    .updateTable("submissions")
    .set({ edit_token_hash: hashToken(token) })
    .where("id", "=", row.id)
    .execute();
  return sendEmail(db, await receiptEmail(db, locale, { contactName: row.contact_name, contactEmail: row.contact_email }, reference, token));
}

/** What anyone may know from a reference alone: that it exists and its status. */
export async function getSubmissionStatus(db: Kysely<Database>, reference: string) {
  return db
    .selectFrom("submissions as s")
    .innerJoin("topics as t", "t.id", "s.topic_id")
    .select(["s.reference", "s.status", "s.created_at", "t.slug", "t.party_code"])
    .where("s.reference", "=", reference)
    .executeTakeFirst();
}

/** The whole submission, for the person holding its secret link; null for a wrong token. */
export async function getOwnSubmission(db: Kysely<Database>, reference: string, token: string) {
  const row = await db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirst();
  if (!row || !token || token.length > 100 || !safeEqual(row.edit_token_hash, hashToken(token))) return null;
  const [answers, topic, attachments] = await Promise.all([
    db.selectFrom("submission_answers").select(["question_id", "text"]).where("submission_id", "=", row.id).execute(),
    db.selectFrom("topics").select(["slug", "party_code"]).where("id", "=", row.topic_id).executeTakeFirstOrThrow(),
    db.selectFrom("submission_attachments").select(["id", "file_name", "size", "kind"]).where("submission_id", "=", row.id).orderBy("id").execute(),
  ]);
  const { edit_token_hash: _h, content_hash: _c, ...submission } = row;
  return { submission, answers, topic, attachments };
}

type OwnSubmission = NonNullable<Awaited<ReturnType<typeof getOwnSubmission>>>;

/**
 * The person's own submission, as the page they acted from showed it: pending, at `version`.
 * Officials who acted since (a decision, a redaction, a tag…) win: the person is told, nothing is
 * written (ADR 014).
 */
async function ownPendingAt(db: Kysely<Database>, reference: string, token: string, version: number) {
  const own = await getOwnSubmission(db, reference, token);
  if (!own) throw new SubmissionRefused("not_found");
  // Only the person withdraws: a stale page of a withdrawn submission was not "reviewed meanwhile".
  if (own.submission.status === "withdrawn") throw new SubmissionRefused("not_pending");
  if (own.submission.version !== version) throw new SubmissionRefused("changed");
  if (own.submission.status !== "pending") throw new SubmissionRefused("not_pending");
  return own;
}

/** Moves the submission on from the version the person saw, or refuses if it is no longer that one. */
async function bumpOwn(trx: Transaction<Database>, id: number, version: number, set: Updateable<SubmissionsTable>) {
  const result = await trx
    .updateTable("submissions")
    .set({ ...set, updated_at: new Date().toISOString(), version: sql<number>`version + 1` })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where("version", "=", version)
    .executeTakeFirst();
  // Officials got there between the check and this update: nothing of this change is kept.
  if (Number(result.numUpdatedRows) !== 1) throw new SubmissionRefused("changed");
}

/** What an edit through the private link does to the attachments: new files, and ids of files taken off. */
export interface AttachmentChange {
  add?: StoredFile[];
  remove?: number[];
}

/**
 * Changes a pending submission through its secret link (while the topic is still open), from the
 * version the person's edit page showed. Files may be added (checked as the form's are) and taken
 * off: a removed file is unlinked in the same transaction, named in the submission's history and
 * in the email, and deleted from the store after the commit — a pending submission is in no
 * public page nor edition (ADR 040).
 */
export async function updateOwnSubmission(
  db: Kysely<Database>,
  reference: string,
  token: string,
  values: SubmissionFormValues,
  version: number,
  files: AttachmentChange = {},
) {
  const own = await ownPendingAt(db, reference, token, version);
  const { outboxIds, removed } = await db.transaction().execute(async (trx) => {
    const topic = await openTopic(trx, own.topic.slug, new Date());
    const inReplyTo = await checkReferences(trx, topic.id, values);
    // The version rises, so an official who opened the previous text is told it changed.
    await bumpOwn(trx, own.submission.id, version, {
      ...columnsFrom(values),
      in_reply_to: inReplyTo,
      content_hash: contentHash(topic.id, values.contactEmail, values.body),
    });
    const change = await changeAttachments(trx, own.submission.id, files);
    await recordSubmitterEvent(trx, own.submission.id, "submitter_edit", change.history);
    await replaceAnswers(trx, own.submission.id, topic.id, values);
    await trx.deleteFrom("participant_profiles").where("submission_id", "=", own.submission.id).execute();
    if (values.gender) {
      await trx
        .insertInto("participant_profiles")
        .values({ submission_id: own.submission.id, topic_id: topic.id, gender: values.gender, created_at: new Date().toISOString() })
        .execute();
    }
    await invalidateAfterEdit(trx, own.submission.id);
    // The person is told, with what is now recorded — at the old address too when it changed.
    const locale = own.submission.contact_locale ?? "en";
    const addresses = [...new Set([values.contactEmail.toLowerCase(), own.submission.contact_email.toLowerCase()])];
    const ids: number[] = [];
    for (const to of addresses) ids.push(await recordEmail(trx, await updatedEmail(trx, locale, { name: values.contactName, to }, reference, change.names)));
    return { outboxIds: ids, removed: change.removedKeys };
  });
  await removeFiles(removed);
  for (const id of outboxIds) await deliverEmail(db, id);
}

/** Applies the person's change of attachments; what it did, for the history and the email. */
async function changeAttachments(trx: Transaction<Database>, submissionId: number, files: AttachmentChange) {
  const current = await trx
    .selectFrom("submission_attachments")
    .select(["id", "file_key", "file_name", "size", "sha256"])
    .where("submission_id", "=", submissionId)
    .orderBy("id")
    .execute();
  const remove = new Set(files.remove ?? []);
  const removed = current.filter((a) => remove.has(a.id));
  const add = files.add ?? [];
  if (current.length - removed.length + add.length > MAX_ATTACHMENTS) throw new SubmissionRefused("too_many_files");
  if (removed.length)
    await trx
      .deleteFrom("submission_attachments")
      .where("submission_id", "=", submissionId)
      .where(
        "id",
        "in",
        removed.map((a) => a.id),
      )
      .execute();
  const stamp = new Date().toISOString();
  if (add.length)
    await trx
      .insertInto("submission_attachments")
      .values(
        add.map((f) => ({ submission_id: submissionId, file_key: f.key, file_name: f.name, size: f.size, sha256: f.sha256, kind: f.kind, created_at: stamp })),
      )
      .execute();
  const names = { added: add.map((f) => f.name), removed: removed.map((a) => a.file_name) };
  const list = (rows: Array<{ name: string }>) => rows.map((r) => r.name).join(", ") || null;
  const before = current.map((a) => ({ name: a.file_name }));
  const after = [...current.filter((a) => !remove.has(a.id)).map((a) => ({ name: a.file_name })), ...add.map((f) => ({ name: f.name }))];
  // Officials see which files the person took off or added (names; the SHA-256 of those removed).
  const history =
    add.length || removed.length
      ? {
          before: { attachments: list(before), removedFiles: removed.map((a) => ({ name: a.file_name, size: a.size, sha256: a.sha256 })) },
          after: { attachments: list(after) },
        }
      : undefined;
  return { names, history, removedKeys: removed.map((a) => a.file_key) };
}

async function updatedEmail(
  db: Kysely<Database>,
  locale: Locale,
  person: { name: string; to: string },
  reference: string,
  files: { added: string[]; removed: string[] } = { added: [], removed: [] },
) {
  const t = getT(locale);
  const list = (names: string[]) => names.join(", ");
  const paragraphs = [
    t("emails.greeting", { name: person.name }),
    t("emails.updated.intro", { reference }),
    // The change of files is named: the receipt below lists only what is now attached.
    ...(files.removed.length ? [t("emails.updated.attachmentsRemoved", { names: list(files.removed) })] : []),
    ...(files.added.length ? [t("emails.updated.attachmentsAdded", { names: list(files.added) })] : []),
    t("emails.updated.closing"),
  ];
  const view = await receiptView(db, reference, locale);
  const sent = view ? [t("receipt.whatYouSent"), ...receiptAsText(view, locale).split(/\n{2,}/)] : [];
  return {
    kind: "submission_updated",
    to: person.to,
    locale,
    subject: t("emails.updated.subject", { reference }),
    text: [...paragraphs, ...sent].join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs, undefined, sent),
  };
}

/**
 * Withdraws a pending submission through its secret link, from the version the person's
 * confirmation page showed, and tells them by email in the language of the pages they used.
 */
export async function withdrawOwnSubmission(db: Kysely<Database>, reference: string, token: string, version: number) {
  const own = await ownPendingAt(db, reference, token, version);
  const outboxId = await db.transaction().execute(async (trx) => {
    await bumpOwn(trx, own.submission.id, version, { status: "withdrawn" });
    await recordSubmitterEvent(trx, own.submission.id, "submitter_withdraw");
    return recordEmail(trx, withdrawnEmail(own.submission.contact_locale ?? "en", own.submission, reference));
  });
  await deliverEmail(db, outboxId);
}

function withdrawnEmail(locale: Locale, s: { contact_name: string; contact_email: string }, reference: string) {
  const t = getT(locale);
  const paragraphs = [t("emails.greeting", { name: s.contact_name }), t("emails.withdrawn.intro", { reference }), t("emails.withdrawn.closing")];
  return {
    kind: "submission_withdrawn",
    to: s.contact_email,
    locale,
    subject: t("emails.withdrawn.subject", { reference }),
    text: paragraphs.join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs),
  };
}

/** The submitter's own changes appear in the officials' history too (no actor: the person). */
async function recordSubmitterEvent(
  trx: Transaction<Database>,
  submissionId: number,
  action: "submitter_edit" | "submitter_withdraw",
  change?: { before: object; after: object },
) {
  await trx
    .insertInto("moderation_events")
    .values({
      submission_id: submissionId,
      actor_user_id: null,
      action,
      before: change ? JSON.stringify(change.before) : null,
      after: change ? JSON.stringify(change.after) : null,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** What the submission form offers: regions by country, the topic's questions, proposals to answer. */
/** What the submission form of a topic offers: each party's regions, and the proposals a comment may answer. */
export async function submissionFormOptions(db: Kysely<Database>, topicSlug: string, locale: Locale) {
  const parties = await listParties(db, locale);
  const regions = await Promise.all(
    parties.map(async (p) => ({
      party: p.code,
      partyName: p.name,
      regions: (await listRegions(db, p.code, locale)).map((r) => ({ code: r.code, name: r.name })),
    })),
  );
  // What the public may read of them: the title as approved (docs/decisions/015).
  const proposals = await db
    .selectFrom("submissions")
    .select(["reference", "approved_title as title"])
    .where("topic_id", "=", (eb) => eb.selectFrom("topics").select("id").where("slug", "=", topicSlug))
    .where("kind", "=", "proposal")
    .where("status", "=", "approved")
    .where("publication", "!=", "officials")
    .where("approved_from", "is", null)
    .orderBy("id")
    .limit(500)
    .execute();
  return { regions, proposals: proposals.map((p) => ({ reference: p.reference, title: p.title ?? p.reference })) };
}

/** The person's own submission (getOwnSubmission) as the edit form's values, with the gender they gave. */
export async function ownSubmissionFormValues(db: Kysely<Database>, own: Pick<OwnSubmission, "submission" | "answers">) {
  const profile = await db.selectFrom("participant_profiles").select("gender").where("submission_id", "=", own.submission.id).executeTakeFirst();
  return submissionFormValues(own.submission, { gender: profile?.gender ?? null, answers: own.answers });
}

/** What the person filled in on the form, as stored (the receipt shows the same). */
export type SubmissionFormFields = Pick<
  SubmissionsTable,
  | "kind"
  | "on_behalf"
  | "stakeholder_type"
  | "stakeholder_other"
  | "organisation_name"
  | "organisation_size"
  | "women_led"
  | "country"
  | "region_code"
  | "contact_name"
  | "contact_email"
  | "title"
  | "body"
  | "language"
  | "publication"
>;

/** A stored submission as the form's flat values (for editing, and to check it against the schema). */
export function submissionFormValues(
  s: SubmissionFormFields,
  extra: { gender?: string | null; answers?: Array<{ question_id: number; text: string }> } = {},
): Record<string, string> {
  const values: Record<string, string> = {
    kind: s.kind,
    onBehalf: s.on_behalf,
    stakeholderType: s.stakeholder_type,
    stakeholderOther: s.stakeholder_other ?? "",
    organisationName: s.organisation_name ?? "",
    organisationSize: s.organisation_size ?? "",
    womenLed: s.women_led ?? "",
    country: s.country,
    region: s.region_code ?? "",
    contactName: s.contact_name,
    contactEmail: s.contact_email,
    title: s.title ?? "",
    body: s.body,
    language: s.language,
    publication: s.publication,
    gender: extra.gender ?? "",
    privacy: "on",
  };
  for (const a of extra.answers ?? []) values[`answer_${a.question_id}`] = a.text;
  return values;
}
