import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { compileEdition, EDITION_COMPILE_JOB, type EditionCompilePayload } from "../models/editions.server";
import {
  buildPublicSummaries,
  PUBLIC_SUMMARY_JOB,
  PUBLIC_SUMMARY_SWEEP_JOB,
  queuePublicSummarySweep,
  sweepPublicSummaries,
  type PublicSummaryPayload,
} from "../models/public-summaries.server";
import { eventReminderClock, EVENT_REMINDERS_JOB, queueEventReminders, sendEventReminders } from "../models/event-registrations.server";
import { recoverInterruptedWork } from "../models/recovery.server";
import { deleteExpiredDrafts } from "../models/submission-drafts.server";
import { refreshStatsSnapshot, STATS_REFRESH_JOB } from "../models/stats-snapshots.server";
import { queueSubscriptionTick, runSubscriptionTick, subscriptionClock, SUBSCRIPTIONS_TICK_JOB } from "../models/subscriptions.server";
import { env } from "../utils/env.server";
import { jobQueue, type JobHandler, type JobQueue } from "../utils/jobs.server";
import { EMAIL_DELIVERY_JOB, retryEmailDelivery, type EmailDeliveryPayload } from "../utils/mail.server";

// Every background job, by name → handler (ADR 029). Handlers may call models; they are imported
// by the processes that work jobs (server/index.ts, server/worker.ts), never by routes. To add a
// job: export its name and payload type beside the code that enqueues it, and add a line here.
// Imported by server/ outside the Remix build: relative imports only.

/** The periodic clean-up: compilations whose server died, partial uploads, orphan files and expired drafts. */
export const FILES_SWEEP_JOB = "files.sweep";

export const jobHandlers: Record<string, (db: Kysely<Database>) => JobHandler<never>> = {
  [EMAIL_DELIVERY_JOB]: (db) => (payload: EmailDeliveryPayload) => retryEmailDelivery(db, payload),
  [EDITION_COMPILE_JOB]: (db) => async (payload: EditionCompilePayload, job) => {
    await compileEdition(db, payload.editionId, { signal: job.signal });
  },
  [FILES_SWEEP_JOB]: (db) => async () => {
    const { failed, removed } = await recoverInterruptedWork(db);
    if (failed.length) console.warn(`Marked as failed ${failed.length} compilation(s) whose server stopped: ${failed.join(", ")}`);
    if (removed.length) console.log(`Removed ${removed.length} orphan file(s)`);
    // A draft cannot be opened once its consultation has closed (ADR 036): nothing is left of it.
    const drafts = await deleteExpiredDrafts(db);
    if (drafts) console.log(`Removed ${drafts} expired draft(s)`);
  },
  [PUBLIC_SUMMARY_SWEEP_JOB]: (db) => async () => {
    await sweepPublicSummaries(db);
  },
  [PUBLIC_SUMMARY_JOB]: (db) => async (payload: PublicSummaryPayload, job) => {
    await buildPublicSummaries(db, payload.topicId, { signal: job.signal });
  },
  [STATS_REFRESH_JOB]: (db) => async () => {
    await refreshStatsSnapshot(db);
  },
  // Subscriptions (ADR 039): reminders, digests and notices due at the pass's clock.
  [SUBSCRIPTIONS_TICK_JOB]: (db) => async () => {
    const sent = await runSubscriptionTick(db, subscriptionClock(db)());
    if (sent) console.log(`Sent ${sent} subscription email(s)`);
  },
  // Events (ADR 045): the reminder the day before, to each confirmed person once.
  [EVENT_REMINDERS_JOB]: (db) => async () => {
    const sent = await sendEventReminders(db, eventReminderClock(db)());
    if (sent) console.log(`Sent ${sent} event reminder(s)`);
  },
};

/** Registers every handler on the database's queue. */
export function registerJobs(db: Kysely<Database>, queue: JobQueue = jobQueue(db)): JobQueue {
  for (const [name, handler] of Object.entries(jobHandlers)) queue.work(name, handler(db), { concurrency: env().JOBS_CONCURRENCY });
  return queue;
}

/** Queues the clean-up now and every JOBS_SWEEP_MINUTES (one waiting at a time across servers). */
function scheduleSweep(db: Kysely<Database>): () => void {
  const queue = () =>
    jobQueue(db)
      .enqueue(FILES_SWEEP_JOB, {}, { singletonKey: FILES_SWEEP_JOB, retryLimit: 1, timeoutSeconds: 600 })
      .catch((error: unknown) => console.error(`clean-up not queued: ${error instanceof Error ? error.message : String(error)}`));
  // The public summary files' sweep too (not at start: each start would rebuild nothing, or
  // everything at once on a fresh install): a change made by a process that did not queue it, or a
  // consultation date passing, is caught here.
  const summaries = () =>
    queuePublicSummarySweep(db, { now: true }).catch((error: unknown) =>
      console.error(`public summaries not queued: ${error instanceof Error ? error.message : String(error)}`),
    );
  // The subscriptions' pass too (ADR 039): reminders and daily digests are due as time passes, with
  // nothing written to wake them; at start as well, so a restart does not delay them.
  const subscriptions = () =>
    queueSubscriptionTick(db).catch((error: unknown) =>
      console.error(`subscriptions pass not queued: ${error instanceof Error ? error.message : String(error)}`),
    );
  // The events' reminders (ADR 045): due as time passes, like the subscriptions' reminders.
  const eventReminders = () =>
    queueEventReminders(db).catch((error: unknown) => console.error(`event reminders not queued: ${error instanceof Error ? error.message : String(error)}`));
  void queue();
  void subscriptions();
  void eventReminders();
  const timer = setInterval(() => {
    void queue();
    void summaries();
    void subscriptions();
    void eventReminders();
  }, env().JOBS_SWEEP_MINUTES * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Works this database's jobs in this process until the returned stop is called (it waits for the
 * running ones, up to `graceMs`).
 */
export async function startJobWork(db: Kysely<Database>): Promise<(graceMs?: number) => Promise<void>> {
  const queue = registerJobs(db);
  await queue.start();
  const stopSweep = scheduleSweep(db);
  return async (graceMs = 10_000) => {
    stopSweep();
    await queue.stop(graceMs);
  };
}
