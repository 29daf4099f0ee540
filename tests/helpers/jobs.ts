import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { registerJobs } from "~/jobs/registry.server";
import { jobQueue } from "~/utils/jobs.server";

/** Runs every background job that is due on this database, in this process, until none is (ADR 029). */
export async function runJobs(db: Kysely<Database>): Promise<number> {
  return registerJobs(db, jobQueue(db)).runDue();
}
