import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { htmlEmail, sendEmail } from "~/utils/mail.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { takeSubmissionAllowance } from "./submission-rate-limit.server";
import { pickTranslation } from "./topics.server";

// "Send me my links again" (issue 17, item 3): one email listing a private link to every
// submission (not withdrawn) sent from an address. The links are new, minted as the outbox's
// resend does (ADR 017): one new token, its hash replacing the edit token of each of these
// submissions, so the earlier links stop working and the outbox keeps the token masked.

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
  if (rows.length === 0) return;
  const token = newToken();
  await db
    .updateTable("submissions")
    .set({ edit_token_hash: hashToken(token) })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const titles = await db
    .selectFrom("topic_translations")
    .select(["topic_id", "locale", "title"])
    .where(
      "topic_id",
      "in",
      rows.map((r) => r.topic_id),
    )
    .execute();
  const t = getT(locale);
  const entries = rows.map((r) => ({
    label: `${r.reference} — ${
      pickTranslation(
        titles.filter((x) => x.topic_id === r.topic_id),
        locale,
      )?.title ?? ""
    }`,
    href: `${publicUrl()}/${locale}/submissions/${r.reference}?${new URLSearchParams({ token })}`,
  }));
  const intro = [t("emails.greeting", { name: rows.at(-1)!.contact_name }), t("emails.links.intro")];
  const closing = t("emails.links.closing");
  const listed = entries.map((e) => `${e.label}\n${e.href}`);
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
