// Serves the built app: `npm start` (scripts/start.ts) or `npm run serve` (server/main.ts), compiled.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { env } from "../app/utils/env.server";
import { createApp } from "./app";
import { flushLogger, logger } from "./logger";

/**
 * Before serving, whichever way the server was started: fail the compilations whose server died
 * (their lease lapsed; another live server's are left alone) and sweep old orphan files.
 */
async function repairInterruptedWork() {
  const { createDb } = await import("../db/client");
  const { recoverInterruptedWork } = await import("../app/models/recovery.server");
  const db = createDb();
  try {
    const { failed, removed, filesDirOwned } = await recoverInterruptedWork(db);
    if (!filesDirOwned)
      console.warn("The file store (FILES_DIR, or FILES_URL) belongs to another database (its .database file says which): orphan files there are not swept.");
    if (failed.length) console.warn(`Marked as failed ${failed.length} compilation(s) interrupted by a stopped server: ${failed.join(", ")}`);
    if (removed.length) console.log(`Removed ${removed.length} orphan file(s)`);
  } catch (error) {
    // An unmigrated database, say: serve anyway (the pages say what is wrong), but tell.
    logger.error(error);
    console.error(`Start-up repair skipped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.destroy();
  }
}

/**
 * Background jobs (ADR 029): worked in this process on SQLite (the embedded runner), and on
 * PostgreSQL unless JOBS_IN_WEB=0 leaves them to `npm run worker` processes.
 */
async function startJobs(): Promise<(graceMs?: number) => Promise<void>> {
  if (env().JOBS_IN_WEB === "0") return async () => undefined;
  // The same database client as the Remix build's (app/utils/db.server keeps one per process), so
  // a job it enqueues wakes this process's runner at once.
  const { db } = await import("../app/utils/db.server");
  const { startJobWork } = await import("../app/jobs/registry.server");
  try {
    return await startJobWork(db);
  } catch (error) {
    // An unmigrated database, say: serve anyway (as the repair above does), but tell.
    logger.error(error);
    console.error(`Background jobs not started: ${error instanceof Error ? error.message : String(error)}`);
    return async () => undefined;
  }
}

/**
 * A change to public data made here queues the rebuild of the public summary files (ADR 033), and
 * the subscriptions' pass that tells subscribers of it (ADR 039).
 */
async function watchPublication() {
  const { db } = await import("../app/utils/db.server");
  const { watchPublication } = await import("../app/models/public-summaries.server");
  const { watchPublicationForSubscriptions } = await import("../app/models/subscriptions.server");
  watchPublication(db);
  watchPublicationForSubscriptions(db);
}

export async function serve(port = Number(process.env.PORT ?? 3000)) {
  await repairInterruptedWork();
  const stopJobs = await startJobs();
  await watchPublication();
  const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  const settings = env();
  const headersTimeout = settings.HEADERS_TIMEOUT_SECONDS * 1000;
  const requestTimeout = Math.max(settings.REQUEST_TIMEOUT_SECONDS * 1000, headersTimeout);
  // Slow clients: headers and whole requests have explicit deadlines (README, security), checked
  // every second rather than node's default 30 s, so a deadline is kept to about a second.
  const server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) }, createApp(build));
  server.listen(port, () => {
    const address = server.address();
    const actual = typeof address === "object" && address ? address.port : port;
    // Links in emails use PUBLIC_URL, or this port on localhost when it is not set.
    process.env.PORT = String(actual);
    if (process.env.NODE_ENV === "production" && !process.env.PUBLIC_URL) {
      console.warn("PUBLIC_URL is not set: links in emails point to http://localhost. Set it to the portal's public address.");
    }
    console.log(`Puente listening on http://localhost:${actual}`);
    // Under `npm run dev`, remix dev restarts this process on each rebuild and waits for this.
    if (process.env.NODE_ENV === "development") void broadcastDevReady(build);
  });
  const stop = () => {
    server.close(() => {
      void stopJobs(3000)
        .catch(() => undefined)
        .finally(() => {
          flushLogger();
          process.exit(0);
        });
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  server.on("error", (error) => {
    logger.error(error);
    console.error(error.message);
    process.exit(1);
  });
  return server;
}
