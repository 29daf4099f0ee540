import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database, Locale } from "../../db/schema";
import { env } from "./env.server";
import { enqueueJob } from "./jobs.server";

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
  /**
   * Extra headers (e.g. List-Unsubscribe and List-Unsubscribe-Post, RFC 8058), stored with the
   * secret masked like the body, and unmasked in the copy sent.
   */
  headers?: Record<string, string>;
}

/** What the outbox shows in place of a one-time token. */
export const MASKED_TOKEN = "••••••••";

/** The message as stored: the secret masked wherever it appears (in its links). */
export function maskSecret(body: string, secret: string | undefined): string {
  return secret ? body.split(secret).join(MASKED_TOKEN) : body;
}

function unmask(body: string, secret: string | undefined): string {
  // A draft's link carries its token as `draft=` (ADR 036); an event registration's, in its path (ADR 045).
  return secret
    ? body
        .split(`token=${MASKED_TOKEN}`)
        .join(`token=${secret}`)
        .split(`draft=${MASKED_TOKEN}`)
        .join(`draft=${secret}`)
        .split(`/events/registrations/${MASKED_TOKEN}`)
        .join(`/events/registrations/${secret}`)
    : body;
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
      headers: email.headers ? maskSecret(JSON.stringify(email.headers), email.secret) : null,
      status: "stored",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The job that tries a failed delivery again (app/jobs/registry.server.ts runs it). */
export const EMAIL_DELIVERY_JOB = "email.deliver";

export interface EmailDeliveryPayload {
  outboxId: number;
  /** The one-time link's token, sealed with a key derived from APP_SECRET (ADR 029): never in clear. */
  sealedSecret?: string;
}

// The key that seals a one-time token while its delivery waits for a retry: derived from APP_SECRET,
// so a database backup alone holds no usable link, and every server with the same secret can retry.
const sealKey = createHash("sha256")
  .update(`puente/email-retry\0${process.env.APP_SECRET || randomBytes(32).toString("hex")}`)
  .digest();

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The token, or null when it was sealed by a process with another APP_SECRET. */
export function openSecret(sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", sealKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Sends a recorded email over SMTP when configured, and records the outcome. The link's secret
 * goes back into the copy sent only. The first attempt is made at once, by the caller, with the
 * secret in memory (ADR 017); when it fails, the email is marked failed (with the error, for admins)
 * and a job tries again with exponential backoff (EMAIL_RETRY_LIMIT, EMAIL_RETRY_DELAY_SECONDS),
 * the secret sealed in its payload (ADR 029).
 */
export async function deliverEmail(db: Kysely<Database>, id: number, secret?: string): Promise<{ id: number; status: "stored" | "sent" | "failed" }> {
  if (!smtp()) return { id, status: "stored" };
  const outcome = await attemptDelivery(db, id, secret);
  if (outcome.status === "failed" && env().EMAIL_RETRY_LIMIT > 0) {
    const settings = env();
    const payload: EmailDeliveryPayload = { outboxId: id, ...(secret ? { sealedSecret: sealSecret(secret) } : {}) };
    await enqueueJob(db, EMAIL_DELIVERY_JOB, payload, {
      // The job's first run is the first retry.
      retryLimit: settings.EMAIL_RETRY_LIMIT - 1,
      retryDelaySeconds: settings.EMAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      startAfterSeconds: settings.EMAIL_RETRY_DELAY_SECONDS,
      timeoutSeconds: 120,
      singletonKey: `outbox:${id}`,
    }).catch((error: unknown) => console.error(`email ${id}: its retry could not be queued: ${error instanceof Error ? error.message : String(error)}`));
  }
  return outcome;
}

/**
 * The retry job: one more attempt; throws when it fails, so the queue tries again after its
 * backoff, and the last error stays on the outbox row and the job.
 */
export async function retryEmailDelivery(db: Kysely<Database>, payload: EmailDeliveryPayload): Promise<void> {
  const row = await db.selectFrom("outbox").select(["status"]).where("id", "=", payload.outboxId).executeTakeFirst();
  if (!row || row.status === "sent") return;
  if (!smtp()) throw new Error("SMTP_URL is not set: the email cannot be sent");
  const secret = payload.sealedSecret ? openSecret(payload.sealedSecret) : undefined;
  if (secret === null) {
    const error = "the one-time link could not be recovered (APP_SECRET differs): send it again from the outbox";
    await db.updateTable("outbox").set({ status: "failed", error }).where("id", "=", payload.outboxId).execute();
    throw new Error(error);
  }
  const outcome = await attemptDelivery(db, payload.outboxId, secret);
  if (outcome.status === "failed") throw new Error(outcome.error);
}

async function attemptDelivery(
  db: Kysely<Database>,
  id: number,
  secret?: string,
): Promise<{ id: number; status: "sent" } | { id: number; status: "failed"; error: string }> {
  const transport = smtp()!;
  const email = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: email.to_address,
      subject: email.subject,
      text: unmask(email.text_body, secret),
      html: unmask(email.html_body, secret),
      headers: { ...(email.headers ? (JSON.parse(unmask(email.headers, secret)) as Record<string, string>) : {}), "Content-Language": email.locale },
    });
    await db.updateTable("outbox").set({ status: "sent", sent_at: new Date().toISOString(), error: null }).where("id", "=", id).execute();
    return { id, status: "sent" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable("outbox").set({ status: "failed", error: message }).where("id", "=", id).execute();
    console.error(`email ${id} (${email.kind}) could not be sent: ${message}`);
    return { id, status: "failed", error: message };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A plain, accessible HTML version of a text email: paragraphs, and the link as a link. */
export function htmlEmail(locale: Locale, paragraphs: string[], link?: { href: string; label: string }, after: string[] = []): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const button = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : "";
  // What follows the link (a receipt's copy of what was sent), line breaks kept.
  const rest = after.map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`).join("\n");
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Puente</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">${body}\n${button}${rest}<p style="color:#4a5460">Puente</p></body></html>`;
}
