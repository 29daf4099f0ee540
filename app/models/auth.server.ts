import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { env } from "~/utils/env.server";
import { createSession } from "~/utils/session.server";
import { sendAccountLinkEmail } from "./account-emails.server";
import { recordAudit } from "./audit.server";
import { liftSignInLocks, releaseKey, reserveAttempt, resetAccountKey, resetAddressKey, signInKey, type ThrottleRule } from "./login-throttle.server";
import { findUserByEmail, issueUserToken, normaliseEmail, setPasswordWithToken, verifyPassword } from "./users.server";

export type SignInResult =
  { ok: true; cookie: string; userId: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface SignInLimits {
  /** Passwords checked per account and address in one window; the last one locks for lockMs. */
  maxFailures: number;
  /** The wait after the second wrong password; it doubles after each further one. */
  baseDelayMs: number;
  lockMs: number;
}

function signInLimits(): SignInLimits {
  const e = env();
  return { maxFailures: e.LOGIN_MAX_FAILURES, baseDelayMs: e.LOGIN_DELAY_SECONDS * 1000, lockMs: e.LOGIN_LOCK_MINUTES * 60_000 };
}

const signInRule = (limits: SignInLimits): ThrottleRule => ({
  max: limits.maxFailures,
  windowMs: limits.lockMs,
  lockMs: limits.lockMs,
  delayMs: (n) => (n < 2 ? 0 : limits.baseDelayMs * 2 ** (n - 2)),
});

/**
 * Reserves the attempt for this account and address first — atomically, so simultaneous
 * requests cannot all be checked — then checks the password. A reserved attempt counts until a
 * right password releases it; the growing waits and the lock apply to this address only, so
 * someone guessing elsewhere cannot lock the real person out (and a password reset lifts it).
 * Every outcome goes to the audit trail, never the password.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string },
  options: { now?: () => number; limits?: SignInLimits } = {},
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const key = signInKey(email, input.address);
  const reservation = await reserveAttempt(db, key, signInRule(options.limits ?? signInLimits()), (options.now ?? Date.now)());
  if (!reservation.allowed) {
    await recordAudit(db, {
      actor: null,
      actorLabel: email,
      action: "auth.sign_in_throttled",
      details: { retryAfterSeconds: reservation.retryAfterSeconds },
    });
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user, input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await recordAudit(db, {
      actor: null,
      actorLabel: email,
      action: "auth.sign_in_failed",
      subject: user ? { type: "user", id: user.id } : undefined,
      details: { reason: !user ? "unknown_account" : user.disabled_at ? "disabled" : "wrong_password", attempt: reservation.attempt },
    });
    return { ok: false, reason: "invalid" };
  }
  await releaseKey(db, key);
  const { cookie } = await createSession(db, user.id);
  await db.updateTable("users").set({ last_login_at: new Date().toISOString() }).where("id", "=", user.id).execute();
  await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "auth.sign_in", subject: { type: "user", id: user.id } });
  return { ok: true, cookie, userId: user.id };
}

export interface ResetLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

function resetLimits(): ResetLimits {
  const e = env();
  return { perAccount: e.PASSWORD_RESET_MAX_PER_ACCOUNT, perAddress: e.PASSWORD_RESET_MAX_PER_ADDRESS, windowMs: e.PASSWORD_RESET_WINDOW_MINUTES * 60_000 };
}

export type ResetRequestResult = { ok: true; delivery: Promise<void> } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Counts the request against the address and the account (whether or not it exists), then
 * answers. Everything that depends on the account — looking it up, the link, the email and its
 * delivery — runs after the answer (`delivery`), so the time to answer tells nothing about
 * whether the address has an account, and a slow mail server cannot be timed either.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: { email: string; address: string },
  options: { now?: () => number; limits?: ResetLimits } = {},
): Promise<ResetRequestResult> {
  const email = normaliseEmail(input.email);
  const limits = options.limits ?? resetLimits();
  const now = (options.now ?? Date.now)();
  for (const [key, max] of [
    [resetAddressKey(input.address), limits.perAddress],
    [resetAccountKey(email), limits.perAccount],
  ] as const) {
    const reservation = await reserveAttempt(db, key, { max, windowMs: limits.windowMs, lockMs: limits.windowMs }, now);
    if (!reservation.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const delivery = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sendPasswordReset(db, email))
    .catch((error) => console.error(`password reset email could not be prepared: ${error instanceof Error ? error.message : String(error)}`));
  return { ok: true, delivery };
}

/** Sends a reset link when the address belongs to an active account; otherwise does nothing. */
async function sendPasswordReset(db: Kysely<Database>, email: string) {
  const user = await findUserByEmail(db, email);
  await recordAudit(db, {
    actor: null,
    actorLabel: email,
    action: "auth.password_reset_requested",
    subject: user ? { type: "user", id: user.id } : undefined,
    details: { sent: !!user && !user.disabled_at },
  });
  if (!user || user.disabled_at) return;
  const minutes = env().PASSWORD_RESET_MINUTES;
  const token = await issueUserToken(db, user.id, "password_reset", minutes * 60_000);
  await sendAccountLinkEmail(db, "password_reset", { email: user.email, displayName: user.display_name, locale: user.locale }, token, minutes);
}

/** Completes an invitation or reset link; null when the link is used, expired or unknown. */
export async function completePasswordLink(db: Kysely<Database>, token: string, password: string) {
  const result = await setPasswordWithToken(db, token, password);
  if (!result) return null;
  await recordAudit(db, {
    actor: { id: result.user.id, email: result.user.email },
    action: "auth.password_set",
    subject: { type: "user", id: result.user.id },
    details: { via: result.purpose },
  });
  // Whoever can read the account's email may sign in again at once, from any address.
  await liftSignInLocks(db, result.user.email);
  return result.user;
}
