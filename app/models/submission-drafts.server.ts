import type { Kysely, Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { MAX_ATTACHMENTS } from "~/utils/body-limits";
import type { FileKind, StoredFile } from "~/utils/files.server";
import { htmlEmail, sendEmail } from "~/utils/mail.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { removeFiles } from "./stored-files.server";
import { topicStatus } from "./topics.server";

/*
 * Drafts of the public submission form, "Save and continue later" (issue 17, item 1; ADR 036).
 * A draft keeps what was typed, as typed, until the consultation closes; only the person holding
 * the emailed link can open it (the token is stored as its SHA-256, like a submission's edit link).
 * A draft is never public, never exported and never counted: nothing but the form reads it.
 */

export class DraftRefused extends Error {
  /** "too_many_files": the draft's files and the new ones together are more than the form takes. */
  constructor(readonly reason: "not_found" | "not_open" | "too_many_files") {
    super(`draft refused: ${reason}`);
  }
}

export type DraftValues = Record<string, string>;

/** A file kept with a draft (ADR 040), as the form lists it. */
export type DraftAttachment = { id: number; name: string; size: number; kind: FileKind };

export type OpenedDraft = { state: "ok"; values: DraftValues; contactEmail: string; attachments: DraftAttachment[] } | { state: "expired" } | null;

async function openTopic(db: Kysely<Database>, slug: string, now: Date) {
  const topic = await db.selectFrom("topics").selectAll().where("slug", "=", slug).where("state", "!=", "draft").executeTakeFirst();
  if (!topic) throw new DraftRefused("not_found");
  if (topicStatus(topic, now) !== "open") throw new DraftRefused("not_open");
  return topic;
}

function draftEmail(locale: Locale, to: string, slug: string, token: string, closesAt: string) {
  const t = getT(locale);
  const link = `${publicUrl()}/${locale}/consultations/${slug}/submit?${new URLSearchParams({ draft: token })}`;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(closesAt));
  const paragraphs = [t("emails.draft.intro"), t("emails.draft.link", { date }), t("emails.draft.keep")];
  return {
    kind: "submission_draft",
    to,
    locale,
    subject: t("emails.draft.subject"),
    text: [paragraphs[0], paragraphs[1], link, paragraphs[2]].join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs, { href: link, label: t("emails.draft.action") }),
    secret: token,
  };
}

/**
 * Saves what was typed as a draft of the topic's form and emails the private link to it. With the
 * token of a draft already opened (`token`), that draft is updated instead, and its link sent again
 * only when the address changed. Files uploaded with it (`attachments`, checked as a sent form's
 * are) are kept with the draft; `removeAttachments` are ids of its files the person took off. Returns
 * the token of the link to the draft.
 */
export async function saveDraft(
  db: Kysely<Database>,
  input: {
    topicSlug: string;
    token?: string;
    values: DraftValues;
    contactEmail: string;
    locale: Locale;
    attachments?: StoredFile[];
    removeAttachments?: number[];
    now?: Date;
  },
): Promise<{ token: string; emailed: boolean }> {
  const now = input.now ?? new Date();
  const topic = await openTopic(db, input.topicSlug, now);
  const stamp = now.toISOString();
  const email = input.contactEmail.toLowerCase();
  const valuesJson = JSON.stringify(input.values);
  const saved = await db.transaction().execute(async (trx) => {
    const existing =
      input.token && input.token.length <= 100
        ? await trx
            .selectFrom("submission_drafts")
            .select(["id", "contact_email"])
            .where("token_hash", "=", hashToken(input.token))
            .where("topic_id", "=", topic.id)
            .where("expires_at", ">", stamp)
            .executeTakeFirst()
        : undefined;
    let draft: { id: number; token: string; emailed: boolean };
    if (existing && input.token) {
      await trx
        .updateTable("submission_drafts")
        .set({ values_json: valuesJson, contact_email: email, locale: input.locale, expires_at: topic.closes_at, updated_at: stamp })
        .where("id", "=", existing.id)
        .execute();
      draft = { id: existing.id, token: input.token, emailed: existing.contact_email !== email };
    } else {
      const token = newToken();
      const { id } = await trx
        .insertInto("submission_drafts")
        .values({
          topic_id: topic.id,
          token_hash: hashToken(token),
          values_json: valuesJson,
          contact_email: email,
          locale: input.locale,
          expires_at: topic.closes_at,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      draft = { id, token, emailed: true };
    }
    const removed = await takeOffDraftFiles(trx, draft.id, input.removeAttachments ?? []);
    const kept = await trx.selectFrom("submission_draft_attachments").select("id").where("draft_id", "=", draft.id).execute();
    // The same limit as the form: a draft never holds more files than it could send.
    if (kept.length + (input.attachments?.length ?? 0) > MAX_ATTACHMENTS) throw new DraftRefused("too_many_files");
    if (input.attachments?.length)
      await trx
        .insertInto("submission_draft_attachments")
        .values(attachmentRows(draft.id, input.attachments, stamp))
        .execute();
    return { ...draft, removed };
  });
  // Only once the draft no longer refers to them (a failed removal is left to the orphan sweep).
  await removeFiles(saved.removed);
  // The link lives only in this email: the outbox keeps it masked.
  if (saved.emailed) await sendEmail(db, draftEmail(input.locale, email, topic.slug, saved.token, topic.closes_at));
  return { token: saved.token, emailed: saved.emailed };
}

function attachmentRows(draftId: number, files: StoredFile[], stamp: string) {
  return files.map((f) => ({ draft_id: draftId, file_key: f.key, file_name: f.name, size: f.size, sha256: f.sha256, kind: f.kind, created_at: stamp }));
}

/** Unlinks the given files of a draft; returns their keys, to remove from the store after the commit. */
async function takeOffDraftFiles(trx: Transaction<Database>, draftId: number, ids: number[]): Promise<string[]> {
  const wanted = ids.filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) return [];
  const rows = await trx.selectFrom("submission_draft_attachments").select("file_key").where("draft_id", "=", draftId).where("id", "in", wanted).execute();
  if (rows.length) await trx.deleteFrom("submission_draft_attachments").where("draft_id", "=", draftId).where("id", "in", wanted).execute();
  return rows.map((r) => r.file_key);
}

/** The draft behind a link: its values, "expired" once the consultation has closed, null for no such draft. */
export async function openDraft(db: Kysely<Database>, topicSlug: string, token: string, now = new Date()): Promise<OpenedDraft> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("submission_drafts")
    .innerJoin("topics", "topics.id", "submission_drafts.topic_id")
    .select(["submission_drafts.id", "submission_drafts.values_json", "submission_drafts.contact_email", "submission_drafts.expires_at"])
    .where("submission_drafts.token_hash", "=", hashToken(token))
    .where("topics.slug", "=", topicSlug)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= now.toISOString()) return { state: "expired" };
  const parsed = JSON.parse(row.values_json) as unknown;
  const values: DraftValues = {};
  if (parsed && typeof parsed === "object") for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") values[k] = v;
  const files = await db
    .selectFrom("submission_draft_attachments")
    .select(["id", "file_name", "size", "kind"])
    .where("draft_id", "=", row.id)
    .orderBy("id")
    .execute();
  return { state: "ok", values, contactEmail: row.contact_email, attachments: files.map((f) => ({ id: f.id, name: f.file_name, size: f.size, kind: f.kind })) };
}

/**
 * Sending the form from a draft: called inside the submission's transaction, so both happen or
 * neither. The draft and its file records go; its files (but those in `remove`, which the person
 * took off) are returned to become the submission's, and the keys of the others to be removed from
 * the store once committed.
 */
export async function takeDraftIn(
  trx: Transaction<Database>,
  topicId: number,
  token: string,
  remove: number[] = [],
): Promise<{ files: StoredFile[]; removed: string[] }> {
  if (!token || token.length > 100) return { files: [], removed: [] };
  const draft = await trx
    .selectFrom("submission_drafts")
    .select("id")
    .where("token_hash", "=", hashToken(token))
    .where("topic_id", "=", topicId)
    .executeTakeFirst();
  if (!draft) return { files: [], removed: [] };
  const rows = await trx.selectFrom("submission_draft_attachments").selectAll().where("draft_id", "=", draft.id).orderBy("id").execute();
  await trx.deleteFrom("submission_draft_attachments").where("draft_id", "=", draft.id).execute();
  await trx.deleteFrom("submission_drafts").where("id", "=", draft.id).execute();
  const taken = new Set(remove);
  return {
    files: rows.filter((r) => !taken.has(r.id)).map((r) => ({ key: r.file_key, name: r.file_name, size: r.size, sha256: r.sha256, kind: r.kind })),
    removed: rows.filter((r) => taken.has(r.id)).map((r) => r.file_key),
  };
}

/**
 * Drafts whose consultation has closed can no longer be opened: they are removed with their files
 * (the periodic clean-up). Only then: until it expires or is sent, a draft keeps everything given.
 */
export async function deleteExpiredDrafts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const stamp = now.toISOString();
  const { deleted, keys } = await db.transaction().execute(async (trx) => {
    const expired = await trx.selectFrom("submission_drafts").select("id").where("expires_at", "<=", stamp).execute();
    if (expired.length === 0) return { deleted: 0, keys: [] as string[] };
    const ids = expired.map((d) => d.id);
    const files = await trx.selectFrom("submission_draft_attachments").select("file_key").where("draft_id", "in", ids).execute();
    await trx.deleteFrom("submission_draft_attachments").where("draft_id", "in", ids).execute();
    const result = await trx.deleteFrom("submission_drafts").where("id", "in", ids).executeTakeFirst();
    return { deleted: Number(result.numDeletedRows ?? 0), keys: files.map((f) => f.file_key) };
  });
  await removeFiles(keys);
  return deleted;
}
