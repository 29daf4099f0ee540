import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { registerJobs } from "~/jobs/registry.server";
import { queuePublicSummarySweep } from "~/models/public-summaries.server";
import { jobQueue } from "~/utils/jobs.server";

/**
 * Runs every background job that is due on this database, in this process, until none is (ADR 029);
 * then waits for the due or running jobs another process took (a test's server working jobs too), so
 * that what they do is done when this returns. Resolves with how many ran here.
 */
export async function runJobs(db: Kysely<Database>, options: { timeoutMs?: number } = {}): Promise<number> {
  const queue = registerJobs(db, jobQueue(db));
  let ran = await queue.runDue();
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const now = new Date().toISOString();
    const pending = (await queue.listJobs({ limit: 500 })).filter((j) => j.state === "active" || (j.runAfter !== null && j.runAfter <= now));
    if (pending.length === 0 || Date.now() > deadline) return ran;
    await new Promise((resolve) => setTimeout(resolve, 100));
    ran += await queue.runDue();
  }
}

/** Waits (without running any here) until no job is due or running: a server working jobs has done them. */
export async function waitForJobs(db: Kysely<Database>, options: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const now = new Date().toISOString();
    const pending = (await jobQueue(db).listJobs({ limit: 500 })).filter((j) => j.state === "active" || (j.runAfter !== null && j.runAfter <= now));
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs still pending: ${pending.map((j) => j.name).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Builds the public summary files of every public topic now (ADR 033), as the sweep after a change
 * would: downloads of `/:lang/consultations/:slug/summary/:format` are served from them.
 */
export async function buildPublicSummaryFiles(db: Kysely<Database>): Promise<void> {
  await queuePublicSummarySweep(db, { now: true });
  await runJobs(db);
}
