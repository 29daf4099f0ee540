import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { env } from "~/utils/env.server";
import { createSession } from "~/utils/session.server";
import { sendAccountLinkEmail } from "./account-emails.server";
import { recordAudit } from "./audit.server";
import { clearFailures, lockedUntil, recordFailure } from "./login-throttle.server";
import { findUserByEmail, issueUserToken, normaliseEmail, setPasswordWithToken, verifyPassword } from "./users.server";

export type SignInResult = { ok: true; cookie: string; userId: number } | { ok: false; reason: "invalid" | "throttled" };

function limits() {
  const e = env();
  return {
    maxFailuresPerAccount: e.LOGIN_MAX_FAILURES,
    maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
  };
}

/**
 * Checks the throttle first (a locked account or address is refused even with the right
 * password), then the password; every outcome goes to the audit trail, never the password.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const locked = await lockedUntil(db, email, input.address);
  if (locked) {
    await recordAudit(db, { actor: null, actorLabel: email, action: "auth.sign_in_throttled", details: { until: locked } });
    return { ok: false, reason: "throttled" };
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user, input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await recordFailure(db, email, input.address, limits());
    await recordAudit(db, {
      actor: null,
      actorLabel: email,
      action: "auth.sign_in_failed",
      subject: user ? { type: "user", id: user.id } : undefined,
      details: { reason: !user ? "unknown_account" : user.disabled_at ? "disabled" : "wrong_password" },
    });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, email);
  const { cookie } = await createSession(db, user.id);
  await db.updateTable("users").set({ last_login_at: new Date().toISOString() }).where("id", "=", user.id).execute();
  await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "auth.sign_in", subject: { type: "user", id: user.id } });
  return { ok: true, cookie, userId: user.id };
}

/**
 * Sends a reset link when the address belongs to an active account; otherwise does nothing.
 * The caller shows the same message either way, so the page never tells whether an address exists.
 */
export async function requestPasswordReset(db: Kysely<Database>, rawEmail: string) {
  const email = normaliseEmail(rawEmail);
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
  return result.user;
}
