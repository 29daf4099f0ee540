import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashToken } from "~/utils/tokens.server";

/**
 * Counters in the database (`login_throttle`), so every app server shares them. One row per key;
 * `failures` counts the attempts reserved in the current window and `locked_until` is the
 * earliest time the next one may be made (a growing delay, or the lock once `max` is reached).
 */
export interface ThrottleRule {
  /** Attempts allowed in one window; the one that reaches it locks the key for `lockMs`. */
  max: number;
  windowMs: number;
  lockMs: number;
  /** The wait after the n-th attempt (n < max), 0 for none. */
  delayMs?: (n: number) => number;
}

export type Reservation = { allowed: true; attempt: number } | { allowed: false; retryAfterSeconds: number };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reserves one attempt for the key, or refuses it — in one statement (an upsert whose update
 * only happens while the key is not waiting or locked), so simultaneous requests cannot all
 * pass the check before any of them is counted, on SQLite and on PostgreSQL alike.
 */
export async function reserveAttempt(db: Kysely<Database>, key: string, rule: ThrottleRule, now = Date.now()): Promise<Reservation> {
  const nextAllowed = (n: number) => {
    if (n >= rule.max) return iso(now + rule.lockMs);
    const delay = rule.delayMs?.(n) ?? 0;
    return delay > 0 ? iso(now + delay) : null;
  };
  const expired = sql<boolean>`login_throttle.window_started_at <= ${iso(now - rule.windowMs)}`;
  const attempt = sql<number>`(case when ${expired} then 1 else login_throttle.failures + 1 end)`;
  const branches = Array.from({ length: Math.max(rule.max - 1, 0) }, (_, i) => {
    const next = nextAllowed(i + 1);
    return sql`when ${sql.lit(i + 1)} then ${next === null ? sql`null` : sql`cast(${next} as varchar(30))`}`;
  });
  const lockedUntil = sql<string | null>`(case ${attempt} ${sql.join(branches, sql` `)} else cast(${nextAllowed(rule.max)} as varchar(30)) end)`;
  const reserved = await db
    .insertInto("login_throttle")
    .values({ key, failures: 1, window_started_at: iso(now), locked_until: nextAllowed(1) })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({
          failures: attempt,
          window_started_at: sql`(case when ${expired} then cast(${iso(now)} as varchar(30)) else login_throttle.window_started_at end)`,
          locked_until: lockedUntil,
        })
        .where(sql<boolean>`(login_throttle.locked_until is null or login_throttle.locked_until <= ${iso(now)})`),
    )
    .returning("failures")
    .executeTakeFirst();
  if (++reservations % PURGE_EVERY === 0) await purgeStale(db, now);
  if (reserved) return { allowed: true, attempt: Number(reserved.failures) };
  const row = await db.selectFrom("login_throttle").select("locked_until").where("key", "=", key).executeTakeFirst();
  const waitMs = row?.locked_until ? Date.parse(row.locked_until) - now : 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

// Rows are written for any address typed, known or not: now and then, the stale ones go.
const PURGE_EVERY = 500;
const STALE_MS = 24 * 3_600_000;
let reservations = 0;

/** Deletes counters whose window started over a day ago and that hold no lock. */
export async function purgeStale(db: Kysely<Database>, now = Date.now()) {
  await db
    .deleteFrom("login_throttle")
    .where("window_started_at", "<", iso(now - STALE_MS))
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", iso(now))]))
    .execute();
}

export async function releaseKey(db: Kysely<Database>, key: string) {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}

// The email is hashed only to keep the key within its column (an address may be 254 characters).
const accountPart = (email: string) => hashToken(email);

/** Sign-in attempts are counted per account and address: one address cannot lock out another. */
export const signInKey = (email: string, address: string) => `signin|${accountPart(email)}|${address.slice(0, 100)}`;
export const resetAccountKey = (email: string) => `reset-account|${accountPart(email)}`;
export const resetAddressKey = (address: string) => `reset-address|${address.slice(0, 100)}`;

/** A password set through a reset link lifts every sign-in lock on the account, from any address. */
export async function liftSignInLocks(db: Kysely<Database>, email: string) {
  await db
    .deleteFrom("login_throttle")
    .where("key", "like", `signin|${accountPart(email)}|%`)
    .execute();
}
