import type { Kysely, Transaction } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database, Locale } from "../../db/schema";
import { env } from "./env.server";

export interface Email {
  kind: string;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  /**
   * The one-time token in the email's link, if any. It is never stored: the outbox keeps the
   * message with the token masked, and only the copy handed to SMTP carries it (issue 13).
   */
  secret?: string;
}

/** What the outbox shows in place of a one-time token. */
export const MASKED_TOKEN = "••••••••";

/** The message as stored: the secret masked wherever it appears (in its links). */
export function maskSecret(body: string, secret: string | undefined): string {
  return secret ? body.split(secret).join(MASKED_TOKEN) : body;
}

function unmask(body: string, secret: string | undefined): string {
  return secret ? body.split(`token=${MASKED_TOKEN}`).join(`token=${secret}`) : body;
}

let transporter: Transporter | null | undefined;
function smtp(): Transporter | null {
  if (transporter === undefined) transporter = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return transporter;
}

/** For tests that point SMTP_URL at a server they start. */
export function resetMailTransport() {
  transporter?.close();
  transporter = undefined;
}

/**
 * Every email the system sends goes through here. It is always recorded in the outbox; with
 * SMTP_URL it is also sent and marked sent (or failed, with the error, for an admin to see).
 */
export async function sendEmail(db: Kysely<Database>, email: Email): Promise<{ id: number; status: "stored" | "sent" | "failed" }> {
  return deliverEmail(db, await recordEmail(db, email), email.secret);
}

/**
 * Writes the email to the outbox only — inside the caller's transaction, so a receipt exists
 * exactly when what it acknowledges does. Call deliverEmail after the commit, with the email's
 * secret, which only the caller holds (in memory).
 */
export async function recordEmail(db: Kysely<Database> | Transaction<Database>, email: Email): Promise<number> {
  const { id } = await db
    .insertInto("outbox")
    .values({
      created_at: new Date().toISOString(),
      kind: email.kind,
      to_address: email.to,
      locale: email.locale,
      subject: email.subject,
      text_body: maskSecret(email.text, email.secret),
      html_body: maskSecret(email.html, email.secret),
      status: "stored",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Sends a recorded email over SMTP when configured, and records the outcome. The link's secret
 * goes back into the copy sent only; without SMTP (or when sending fails) it is lost, and the
 * link can only be sent again as a new one (resendOutboxMessage).
 */
export async function deliverEmail(db: Kysely<Database>, id: number, secret?: string): Promise<{ id: number; status: "stored" | "sent" | "failed" }> {
  const transport = smtp();
  if (!transport) return { id, status: "stored" };
  const email = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: email.to_address,
      subject: email.subject,
      text: unmask(email.text_body, secret),
      html: unmask(email.html_body, secret),
      headers: { "Content-Language": email.locale },
    });
    await db.updateTable("outbox").set({ status: "sent", sent_at: new Date().toISOString() }).where("id", "=", id).execute();
    return { id, status: "sent" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable("outbox").set({ status: "failed", error: message }).where("id", "=", id).execute();
    console.error(`email ${id} (${email.kind}) could not be sent: ${message}`);
    return { id, status: "failed" };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A plain, accessible HTML version of a text email: paragraphs, and the link as a link. */
export function htmlEmail(locale: Locale, paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const button = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : "";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Puente</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">${body}\n${button}<p style="color:#4a5460">Puente</p></body></html>`;
}
