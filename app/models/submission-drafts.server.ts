import type { Kysely, Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { htmlEmail, sendEmail } from "~/utils/mail.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { topicStatus } from "./topics.server";

/*
 * Drafts of the public submission form, "Save and continue later" (issue 17, item 1; ADR 036).
 * A draft keeps what was typed, as typed, until the consultation closes; only the person holding
 * the emailed link can open it (the token is stored as its SHA-256, like a submission's edit link).
 * A draft is never public, never exported and never counted: nothing but the form reads it.
 */

export class DraftRefused extends Error {
  constructor(readonly reason: "not_found" | "not_open") {
    super(`draft refused: ${reason}`);
  }
}

export type DraftValues = Record<string, string>;

export type OpenedDraft = { state: "ok"; values: DraftValues; contactEmail: string } | { state: "expired" } | null;

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
 * only when the address changed. Returns the token of the link to the draft.
 */
export async function saveDraft(
  db: Kysely<Database>,
  input: { topicSlug: string; token?: string; values: DraftValues; contactEmail: string; locale: Locale; now?: Date },
): Promise<{ token: string; emailed: boolean }> {
  const now = input.now ?? new Date();
  const topic = await openTopic(db, input.topicSlug, now);
  const stamp = now.toISOString();
  const email = input.contactEmail.toLowerCase();
  const valuesJson = JSON.stringify(input.values);
  if (input.token && input.token.length <= 100) {
    const existing = await db
      .selectFrom("submission_drafts")
      .select(["id", "contact_email"])
      .where("token_hash", "=", hashToken(input.token))
      .where("topic_id", "=", topic.id)
      .where("expires_at", ">", stamp)
      .executeTakeFirst();
    if (existing) {
      await db
        .updateTable("submission_drafts")
        .set({ values_json: valuesJson, contact_email: email, locale: input.locale, expires_at: topic.closes_at, updated_at: stamp })
        .where("id", "=", existing.id)
        .execute();
      const emailed = existing.contact_email !== email;
      if (emailed) await sendEmail(db, draftEmail(input.locale, email, topic.slug, input.token, topic.closes_at));
      return { token: input.token, emailed };
    }
  }
  const token = newToken();
  await db
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
    .execute();
  // The link lives only in this email: the outbox keeps it masked.
  await sendEmail(db, draftEmail(input.locale, email, topic.slug, token, topic.closes_at));
  return { token, emailed: true };
}

/** The draft behind a link: its values, "expired" once the consultation has closed, null for no such draft. */
export async function openDraft(db: Kysely<Database>, topicSlug: string, token: string, now = new Date()): Promise<OpenedDraft> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("submission_drafts")
    .innerJoin("topics", "topics.id", "submission_drafts.topic_id")
    .select(["submission_drafts.values_json", "submission_drafts.contact_email", "submission_drafts.expires_at"])
    .where("submission_drafts.token_hash", "=", hashToken(token))
    .where("topics.slug", "=", topicSlug)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= now.toISOString()) return { state: "expired" };
  const parsed = JSON.parse(row.values_json) as unknown;
  const values: DraftValues = {};
  if (parsed && typeof parsed === "object") for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") values[k] = v;
  return { state: "ok", values, contactEmail: row.contact_email };
}

/** Sending the form from a draft: called inside the submission's transaction, so both happen or neither. */
export async function deleteDraftIn(trx: Transaction<Database>, topicId: number, token: string) {
  if (!token || token.length > 100) return;
  await trx.deleteFrom("submission_drafts").where("token_hash", "=", hashToken(token)).where("topic_id", "=", topicId).execute();
}

/** Drafts whose consultation has closed can no longer be opened: they are removed (the orphan sweep). */
export async function deleteExpiredDrafts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom("submission_drafts").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
