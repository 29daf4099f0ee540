import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export interface ThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  lockMs: number;
}

const keys = (email: string, address: string) => [`account:${email}`, `address:${address}`] as const;

/** When sign-in is refused for this account or address, until when (ISO); otherwise null. */
export async function lockedUntil(db: Kysely<Database>, email: string, address: string): Promise<string | null> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom("login_throttle")
    .select("locked_until")
    .where("key", "in", [...keys(email, address)])
    .where("locked_until", ">", now)
    .execute();
  return rows.map((r) => r.locked_until!).sort().at(-1) ?? null;
}

/**
 * Counts a failed sign-in for the account and the address. After the limit within the window,
 * the key is locked: every further attempt is refused, even with the right password.
 */
export async function recordFailure(db: Kysely<Database>, email: string, address: string, limits: ThrottleLimits) {
  const now = Date.now();
  const [accountKey, addressKey] = keys(email, address);
  for (const [key, max] of [
    [accountKey, limits.maxFailuresPerAccount],
    [addressKey, limits.maxFailuresPerAddress],
  ] as const) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
      const windowExpired = !row || now - Date.parse(row.window_started_at) > limits.lockMs;
      const failures = windowExpired ? 1 : row.failures + 1;
      const values = {
        failures,
        window_started_at: windowExpired ? new Date(now).toISOString() : row.window_started_at,
        locked_until: failures >= max ? new Date(now + limits.lockMs).toISOString() : null,
      };
      if (row) await trx.updateTable("login_throttle").set(values).where("key", "=", key).execute();
      else {
        await trx
          .insertInto("login_throttle")
          .values({ key, ...values })
          .onConflict((oc) => oc.column("key").doUpdateSet(values))
          .execute();
      }
    });
  }
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function clearFailures(db: Kysely<Database>, email: string) {
  await db.deleteFrom("login_throttle").where("key", "=", `account:${email}`).execute();
}
