import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { htmlEmail, sendEmail } from "~/utils/mail.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { takeSubmissionAllowance } from "./submission-rate-limit.server";
import { pickTranslation } from "./topics.server";

// "Send me my links again" (issue 17, item 3): one email listing a private link to every
// submission (not withdrawn) sent from an address, and to every draft saved for it that has not
// expired. The links are new, minted as the outbox's resend does (ADR 017): one new token, its
// hash replacing the edit token of each of these submissions, so the earlier links stop working
// and the outbox keeps the token masked. A draft's token must be its own (they are unique), so
// each draft's link is the same token followed by ".<draft id>": the one secret, masked in the
// outbox wherever it appears, still covers every link (ADR 040).

/** Requests per client address, and per email address, in the rate limit's hour. */
export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_EMAIL = 3;

export type LinksRequest = { ok: true; delivery: Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * Takes the request; the same answer whether or not the address sent anything (no enumeration):
 * the email, if any, is prepared and sent after the answer (`delivery`).
 */
export async function requestSubmissionLinks(
  db: Kysely<Database>,
  input: { email: string; locale: Locale; clientAddress: string; now?: number },
): Promise<LinksRequest> {
  const email = input.email.trim().toLowerCase();
  const byClient = await takeSubmissionAllowance(db, input.clientAddress, { scope: "links", limit: LINKS_PER_ADDRESS, now: input.now });
  if (!byClient.allowed) return { ok: false, retryAfterSeconds: byClient.retryAfterSeconds };
  const byEmail = await takeSubmissionAllowance(db, email, { scope: "links-email", limit: LINKS_PER_EMAIL, now: input.now });
  if (!byEmail.allowed) return { ok: false, retryAfterSeconds: byEmail.retryAfterSeconds };
  const delivery = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sendSubmissionLinks(db, email, input.locale))
    .catch((error) => console.error(`submission links email could not be prepared: ${error instanceof Error ? error.message : String(error)}`));
  return { ok: true, delivery };
}

async function sendSubmissionLinks(db: Kysely<Database>, email: string, locale: Locale) {
  const rows = await db
    .selectFrom("submissions")
    .select(["id", "reference", "topic_id", "contact_name", "created_at"])
    .where("contact_email", "=", email)
    .where("status", "!=", "withdrawn")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const drafts = await db
    .selectFrom("submission_drafts")
    .innerJoin("topics", "topics.id", "submission_drafts.topic_id")
    .select(["submission_drafts.id", "submission_drafts.topic_id", "submission_drafts.values_json", "submission_drafts.updated_at", "topics.slug"])
    .where("submission_drafts.contact_email", "=", email)
    .where("submission_drafts.expires_at", ">", new Date().toISOString())
    .orderBy("submission_drafts.updated_at")
    .orderBy("submission_drafts.id")
    .execute();
  if (rows.length === 0 && drafts.length === 0) return;
  const token = newToken();
  const draftToken = (id: number) => `${token}.${id}`;
  if (rows.length)
    await db
      .updateTable("submissions")
      .set({ edit_token_hash: hashToken(token) })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  for (const d of drafts)
    await db
      .updateTable("submission_drafts")
      .set({ token_hash: hashToken(draftToken(d.id)) })
      .where("id", "=", d.id)
      .execute();
  const topicIds = [...new Set([...rows.map((r) => r.topic_id), ...drafts.map((d) => d.topic_id)])];
  const titles = await db.selectFrom("topic_translations").select(["topic_id", "locale", "title"]).where("topic_id", "in", topicIds).execute();
  const title = (topicId: number) =>
    pickTranslation(
      titles.filter((x) => x.topic_id === topicId),
      locale,
    )?.title ?? "";
  const t = getT(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const entries = rows.map((r) => ({
    label: `${r.reference} — ${title(r.topic_id)}`,
    href: `${publicUrl()}/${locale}/submissions/${r.reference}?${new URLSearchParams({ token })}`,
  }));
  const draftEntries = drafts.map((d) => ({
    label: t("emails.links.draft", { topic: title(d.topic_id), date: date.format(new Date(d.updated_at)) }),
    href: `${publicUrl()}/${locale}/consultations/${d.slug}/submit?${new URLSearchParams({ draft: draftToken(d.id) })}`,
  }));
  const name = rows.at(-1)?.contact_name ?? draftName(drafts.at(-1)?.values_json);
  const intro = [name ? t("emails.greeting", { name }) : t("emails.links.hello"), t("emails.links.intro")];
  const closing = t("emails.links.closing");
  const listed = [
    ...entries.map((e) => `${e.label}\n${e.href}`),
    ...(draftEntries.length ? [t("emails.links.drafts"), ...draftEntries.map((e) => `${e.label}\n${e.href}`)] : []),
  ];
  const html = htmlEmail(locale, intro, undefined, [...listed, closing]);
  await sendEmail(db, {
    kind: "submission_links",
    to: email,
    locale,
    subject: t("emails.links.subject"),
    text: [...intro, ...listed, closing].join("\n\n") + "\n\n— Puente\n",
    html,
    secret: token,
  });
}

/** The name typed in a draft, if any (a draft needs only an email address). */
function draftName(valuesJson: string | undefined): string {
  if (!valuesJson) return "";
  const values = JSON.parse(valuesJson) as Record<string, unknown>;
  return typeof values.contactName === "string" ? values.contactName.trim() : "";
}
