// Group commit: units of work that arrive together share one transaction, and so one commit (one
// fsync of the WAL with synchronous=FULL), instead of paying a commit each. Each unit runs inside
// a savepoint of its own, so a unit that fails is undone alone and the others still commit. No
// unit's promise settles before the commit: a caller that gets a result knows it is durable.
//
// Units queued while the event loop handles one round of I/O are flushed together on the next
// turn (setImmediate), so a lone request waits for nothing but its own work. See ADR 008.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Kysely<Database>, Unit[]>();

/** How many groups were committed and how many units they held, since the process started (tests read it). */
export const groupCommitStats = { flushes: 0, units: 0 };

/**
 * Runs `work` in a transaction shared with the other units queued in the same turn of the event
 * loop; resolves with its result once that transaction has committed. If `work` throws, only its
 * own changes are rolled back and the promise rejects with its error.
 */
export function inGroupCommit<T>(db: Kysely<Database>, work: Work<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      setImmediate(() => {
        queues.delete(db);
        void flush(db, queue!);
      });
    }
    queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
  });
}

async function flush(db: Kysely<Database>, units: Unit[]): Promise<void> {
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const unit of units) {
        await sql`savepoint unit`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await unit.work(trx) });
          await sql`release savepoint unit`.execute(trx);
        } catch (error) {
          await sql`rollback to savepoint unit`.execute(trx);
          await sql`release savepoint unit`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit (or the connection) failed: nothing of this group was stored.
    for (const unit of units) unit.reject(error);
    return;
  }
  groupCommitStats.flushes++;
  groupCommitStats.units += units.length;
  units.forEach((unit, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  });
}
