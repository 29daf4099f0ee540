// `npm run worker` (build/runtime/worker.js): a process that only works background jobs (ADR 029)
// — on PostgreSQL as many as wanted beside the app servers, sharing pg-boss's queue; on SQLite one
// at most, with JOBS_IN_WEB=0 on the web process. Migrate first (`npm run db:migrate`).
import { checkEnv } from "../app/utils/env.server";

process.env.NODE_ENV ||= "production";
checkEnv();
const { db } = await import("../app/utils/db.server");
const { startJobWork } = await import("../app/jobs/registry.server");
const stop = await startJobWork(db);
// The queue's timers do not keep a process alive (a web process has its server for that).
const alive = setInterval(() => undefined, 60_000);
console.log("Puente worker: working background jobs");
const shutdown = () => {
  clearInterval(alive);
  void stop(30_000)
    .catch((error: unknown) => console.error(error instanceof Error ? error.message : error))
    .finally(() => void db.destroy().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 35_000).unref();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
