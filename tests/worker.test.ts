import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCompilation } from "~/models/editions.server";
import { createParties, createSubmissionFor, createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// ADR 029: `npm run worker` (build/runtime/worker.js) works the jobs an app server — here, this
// process, which only enqueues — put on the database's queue: it compiles an edition, once, taking
// its lease.
let t: TestDatabase;
let worker: ChildProcess;
let output = "";
const filesDir = mkdtempSync(join(tmpdir(), "puente-worker-"));
process.env.FILES_DIR = filesDir;

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  worker = spawn(process.execPath, ["build/runtime/worker.js"], {
    env: { ...process.env, ...t.env, NODE_ENV: "production", APP_SECRET: "worker-tests-app-secret", FILES_DIR: filesDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (d) => (output += d));
  worker.stderr!.on("data", (d) => (output += d));
  for (let i = 0; i < 200 && !output.includes("working background jobs"); i++) await new Promise((r) => setTimeout(r, 50));
  expect(output).toContain("working background jobs");
}, 30_000);
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await once(worker, "exit");
  }
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

describe("npm run worker", () => {
  it("compiles an edition an app server queued, and stops cleanly on SIGTERM", async () => {
    const { actors } = await createSummaryOfficials(t.db);
    const topic = await createTopic(t.db, { party: "CA" });
    await createSubmissionFor(t.db, { topicSlug: topic.slug });
    const edition = await startCompilation(t.db, actors.modCA, { scope: { kind: "topic", topicId: topic.id }, edition: "committee" });
    const state = () => t.db.selectFrom("summary_editions").select(["status", "lease_owner", "error"]).where("id", "=", edition.id).executeTakeFirstOrThrow();
    for (let i = 0; i < 600 && (await state()).status === "compiling"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await state(), output).toMatchObject({ status: "compiled", error: null });
    const files = await t.db.selectFrom("summary_edition_files").select("file_key").where("edition_id", "=", edition.id).execute();
    expect(files.length).toBeGreaterThanOrEqual(12);
    worker.kill("SIGTERM");
    const [code] = (await once(worker, "exit")) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});
