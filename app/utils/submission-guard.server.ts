import { createHmac, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { safeEqual } from "./tokens.server";

// Abuse checks for the public form: a honeypot field, a minimum fill time with a signed stamp
// that serves one submission only. Used stamps are kept in the database, and so is the per-address
// rate limit of accepted submissions (models/submission-rate-limit.server.ts).

// Required in production (env.server.ts); a random one per process elsewhere.
const secret = process.env.APP_SECRET || randomBytes(32).toString("hex");
const STAMP_LIFETIME_MS = 86_400_000;

const sign = (payload: string, key = secret) => createHmac("sha256", key).update(payload).digest("base64url").slice(0, 22);

/**
 * A signed "form shown at" stamp, so the minimum fill time cannot be faked by editing the field;
 * its random nonce lets a stamp be used for one submission only (useFormStamp). `key` is the
 * server's APP_SECRET; tests pass a server's key and an earlier `now` to stand for a person who
 * took their time, instead of waiting on the wall clock.
 */
export function formStamp(now = Date.now(), key = secret): string {
  const payload = `${now}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${sign(payload, key)}`;
}

export function minFillSeconds(): number {
  return Number(process.env.SUBMISSION_MIN_FILL_SECONDS ?? 3);
}

/**
 * What a stamp sent back says: `ok` with its nonce (null when the checks are off), `young` when
 * the form came back faster than a person fills it in, `invalid` when it is not ours or is expired.
 */
export type StampCheck = { ok: true; nonce: string | null; expiresAt: string } | { ok: false; reason: "young" | "invalid" };

export function checkFormStamp(stamp: unknown, now = Date.now()): StampCheck {
  if (minFillSeconds() <= 0) return { ok: true, nonce: null, expiresAt: new Date(now).toISOString() };
  if (typeof stamp !== "string") return { ok: false, reason: "invalid" };
  const [time, nonce, sig, extra] = stamp.split(".");
  if (!time || !nonce || !sig || extra !== undefined || !safeEqual(sig, sign(`${time}.${nonce}`))) return { ok: false, reason: "invalid" };
  const age = now - Number(time);
  if (!(age < STAMP_LIFETIME_MS)) return { ok: false, reason: "invalid" };
  if (age < minFillSeconds() * 1000) return { ok: false, reason: "young" };
  return { ok: true, nonce, expiresAt: new Date(Number(time) + STAMP_LIFETIME_MS).toISOString() };
}

/** True when the stamp is ours, unexpired and at least the minimum fill time old. */
export function filledByAPerson(stamp: unknown, now = Date.now()): boolean {
  return checkFormStamp(stamp, now).ok;
}

/**
 * Records a stamp's nonce as used, in the submission's transaction; false when it already was.
 * Expired nonces are removed on the way (their stamps are refused anyway).
 */
export async function useFormStamp(trx: Kysely<Database> | Transaction<Database>, stamp: { nonce: string; expiresAt: string }, now: Date): Promise<boolean> {
  await trx.deleteFrom("used_form_stamps").where("expires_at", "<", now.toISOString()).execute();
  const inserted = await trx
    .insertInto("used_form_stamps")
    .values({ nonce: stamp.nonce, expires_at: stamp.expiresAt })
    .onConflict((oc) => oc.column("nonce").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}
