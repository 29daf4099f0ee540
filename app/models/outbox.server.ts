import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { env } from "~/utils/env.server";
import { requirePermission, type Actor } from "~/utils/permissions";
import { sendAccountLinkEmail } from "./account-emails.server";
import { recordAudit } from "./audit.server";
import { reissueEditLink } from "./submissions.server";
import { findUserByEmail, issueUserToken } from "./users.server";

export const OUTBOX_PAGE_SIZE = 50;

/** The emails that carry a one-time link, which the outbox keeps masked and can send again anew. */
export const RESENDABLE_KINDS = ["submission_receipt", "invitation", "password_reset"] as const;

export function isResendable(kind: string): boolean {
  return (RESENDABLE_KINDS as readonly string[]).includes(kind);
}

export class OutboxRefused extends Error {
  constructor(readonly reason: "not_resendable" | "not_found") {
    super(`outbox refused: ${reason}`);
  }
}

export async function listOutbox(db: Kysely<Database>, before?: number) {
  let query = db
    .selectFrom("outbox")
    .select(["id", "created_at", "kind", "to_address", "locale", "subject", "status"])
    .orderBy("id", "desc")
    .limit(OUTBOX_PAGE_SIZE + 1);
  if (before) query = query.where("id", "<", before);
  const rows = await query.execute();
  const messages = rows.slice(0, OUTBOX_PAGE_SIZE);
  return { messages, nextBefore: rows.length > OUTBOX_PAGE_SIZE ? messages.at(-1)!.id : null };
}

export async function getOutboxMessage(db: Kysely<Database>, id: number) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Sends an email with a one-time link again — as a NEW link, since the outbox never holds the
 * old one: a new invitation or reset link (the earlier unused one stops working), or, for a
 * receipt, a new private link to the submission (its edit token is replaced). The new email
 * goes to the same address, in the same language, and is recorded (masked) as a new message.
 */
export async function resendOutboxMessage(db: Kysely<Database>, by: { id: number; email: string; actor: Actor }, id: number) {
  requirePermission(by.actor, "outbox.read");
  const message = await getOutboxMessage(db, id);
  if (!message) throw new OutboxRefused("not_found");
  if (!isResendable(message.kind)) throw new OutboxRefused("not_resendable");
  let sent: { id: number; status: "stored" | "sent" | "failed" } | null = null;
  if (message.kind === "submission_receipt") {
    // The reference is in the (masked) private link the receipt carried.
    const reference = /\/submissions\/([A-Z]{2}-\d{4}-\d{5})\?token=/.exec(message.text_body)?.[1];
    const submission = reference
      ? await db.selectFrom("submissions").select(["reference", "contact_email"]).where("reference", "=", reference).executeTakeFirst()
      : undefined;
    // Only to the address the submission still has.
    if (submission && submission.contact_email.toLowerCase() === message.to_address.toLowerCase()) {
      sent = await reissueEditLink(db, submission.reference, message.locale);
    }
  } else {
    const kind = message.kind as "invitation" | "password_reset";
    const user = await findUserByEmail(db, message.to_address);
    if (user && !user.disabled_at) {
      const validFor = kind === "invitation" ? env().INVITATION_HOURS : env().PASSWORD_RESET_MINUTES;
      const token = await issueUserToken(db, user.id, kind, validFor * (kind === "invitation" ? 3_600_000 : 60_000));
      sent = await sendAccountLinkEmail(db, kind, { email: user.email, displayName: user.display_name, locale: message.locale }, token, validFor);
    }
  }
  if (!sent) throw new OutboxRefused("not_resendable");
  await recordAudit(db, {
    actor: { id: by.id, email: by.email },
    action: "outbox.resent",
    subject: { type: "outbox", id },
    details: { kind: message.kind, to: message.to_address, newMessage: sent.id, status: sent.status },
  });
  return sent;
}
