import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

// The public form's rate limit: how many submissions one client address may have accepted per
// window. One counter row per address in `submission_rate_limits`, so that every app server
// enforces the same limit (like sign-in throttling, models/login-throttle.server.ts).

export const SUBMISSION_WINDOW_MS = 3_600_000;

export type SubmissionAllowance =
  /** A place taken in the address's allowance; refund() gives it back when nothing was accepted. */
  { allowed: true; refund(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

const iso = (ms: number) => new Date(ms).toISOString();
const keyOf = (scope: string, address: string) => `${scope}|${address.slice(0, 100)}`;

/**
 * Takes one of the `limit` submissions (SUBMISSION_RATE_LIMIT, 10 by default; 0 turns the limit
 * off) an address may make in a window of an hour that starts with its first one — in one
 * statement (an upsert that only counts while there is room), so simultaneous posts to several
 * servers cannot overrun it, on SQLite and on PostgreSQL alike. Taken before the form is checked
 * and refunded when the form is refused, so only accepted submissions count.
 */
export async function takeSubmissionAllowance(
  db: Kysely<Database>,
  address: string,
  /** `scope`: what is counted ("submit" by default; "links" for the "send me my links again" form). */
  options: { now?: number; limit?: number; scope?: string } = {},
): Promise<SubmissionAllowance> {
  const limit = options.limit ?? Number(process.env.SUBMISSION_RATE_LIMIT ?? 10);
  if (!(limit > 0)) return { allowed: true, async refund() {} };
  const now = options.now ?? Date.now();
  const key = keyOf(options.scope ?? "submit", address);
  const expired = sql<boolean>`submission_rate_limits.window_started_at <= ${iso(now - SUBMISSION_WINDOW_MS)}`;
  const taken = await db
    .insertInto("submission_rate_limits")
    .values({ key, hits: 1, window_started_at: iso(now) })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({
          hits: sql`(case when ${expired} then 1 else submission_rate_limits.hits + 1 end)`,
          window_started_at: sql`(case when ${expired} then cast(${iso(now)} as varchar(30)) else submission_rate_limits.window_started_at end)`,
        })
        .where(sql<boolean>`(${expired} or submission_rate_limits.hits < ${limit})`),
    )
    .returning("window_started_at")
    .executeTakeFirst();
  if (++takes % PRUNE_EVERY === 0) await pruneSubmissionCounters(db, now);
  if (taken) {
    const windowStartedAt = taken.window_started_at;
    let refunded = false;
    return {
      allowed: true,
      async refund() {
        if (refunded) return;
        refunded = true;
        // Only within the same window: a place from an ended window is not carried into the next.
        await db
          .updateTable("submission_rate_limits")
          .set({ hits: sql`hits - 1` })
          .where("key", "=", key)
          .where("window_started_at", "=", windowStartedAt)
          .where("hits", ">", 0)
          .execute();
      },
    };
  }
  const row = await db.selectFrom("submission_rate_limits").select("window_started_at").where("key", "=", key).executeTakeFirst();
  const waitMs = row ? Date.parse(row.window_started_at) + SUBMISSION_WINDOW_MS - now : 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

// A row is written for every address that posts: now and then, the ended windows go.
const PRUNE_EVERY = 200;
let takes = 0;

/** Deletes the counters whose window has ended (they would restart at 1 anyway). */
export async function pruneSubmissionCounters(db: Kysely<Database>, now = Date.now()) {
  await db
    .deleteFrom("submission_rate_limits")
    .where("window_started_at", "<=", iso(now - SUBMISSION_WINDOW_MS))
    .execute();
}
