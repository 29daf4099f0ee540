import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { startCompilation, verifyEdition } from "~/models/editions.server";
import { recoverInterruptedWork } from "~/models/recovery.server";
import type { Actor } from "~/utils/permissions";
import { parseStorageEnv } from "~/utils/env.server";
import { storageFromEnv, type FileStorage } from "~/utils/storage.server";
import { createApprovedSubmission, createSummaryOfficials, createTopic, createUser, CSRF_COOKIE_PAIR, CSRF_TOKEN, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { multipartSubmission } from "./helpers/multipart-submission";
import { startLocalS3, type LocalS3 } from "./helpers/s3";
import { runJobs } from "./helpers/jobs";
import { startServer, type RunningServer } from "./helpers/server";

// Files in an S3-compatible store (issue 16, item 5): the built server keeps attachments there and
// streams them back; editions compiled in this process land there with their SHA-256. The local
// FILES_DIR given to both stays empty.
let t: TestDatabase;
let s3: LocalS3;
let server: RunningServer;
let bucket: FileStorage;
const prefix = `files-${randomBytes(4).toString("hex")}`;
const filesDir = mkdtempSync(join(tmpdir(), "puente-s3-local-"));
const actors = {} as Record<"modCA" | "modCL" | "admin" | "committee", Actor>;
const cookies = {} as Record<"modCA" | "modCL" | "admin" | "committee", string>;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  s3 = await startLocalS3();
  const env = s3.env(prefix);
  bucket = storageFromEnv(parseStorageEnv(env));
  // This process compiles editions: it uses the same store as the server.
  for (const [name, value] of Object.entries({ ...env, FILES_DIR: filesDir })) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  const areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  const officials = await createSummaryOfficials(t.db);
  Object.assign(actors, officials.actors);
  Object.assign(cookies, officials.cookies);
  for (const party of ["CA", "CL"] as const) {
    const topic = await createTopic(t.db, { party });
    await t.db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();
    await createApprovedSubmission(t.db, party === "CA" ? actors.modCA : actors.modCL, { topicSlug: topic.slug, values: { country: party } });
  }
  server = await startServer({ ...t.env, ...env, FILES_DIR: filesDir, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
}, 60_000);
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server?.stop();
  await s3?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const stored = async () => {
  const keys: string[] = [];
  for await (const object of bucket.list()) keys.push(object.key);
  return keys;
};

describe("files in an S3-compatible store", () => {
  it("keeps an uploaded attachment in the bucket and streams it back byte for byte", async () => {
    // 6 MB: several chunks each way, under the 10 MB limit.
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(6 * 1024 * 1024)]);
    const form = multipartSubmission(
      { contactName: "Con Adjunto", contactEmail: "adjunto-s3@example.cl", title: "Propuesta con un informe", body: "Ver el informe adjunto." },
      [["informe.pdf", pdf]],
    );
    const res = await fetch(`${server.url}/en/consultations/women-in-mining-chile/submit`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: CSRF_COOKIE_PAIR },
    });
    expect(res.status).toBe(302);
    const reference = new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!;
    const file = await t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select(["a.id", "a.file_key", "a.size", "a.sha256", "s.party_code"])
      .where("s.reference", "=", reference)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ size: pdf.length, sha256: sha256(pdf) });
    // In the bucket, under the prefix; nothing on this server's disk.
    expect(await stored()).toContain(file.file_key);
    expect(sha256(await buffer((await bucket.get(file.file_key))!.body))).toBe(sha256(pdf));
    expect(readdirSync(filesDir)).toEqual([]);

    const moderator = await createUser(t.db, { role: "moderator", party: file.party_code as "CA" | "CL" });
    const download = await get(server.url, `/en/admin/submissions/${reference}/attachments/${file.id}`, await sessionCookieFor(t.db, moderator.id));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(pdf.length));
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(pdf));
  }, 60_000);

  it("stores a compiled edition's files (the DOCX worker's too) with their SHA-256, and serves them", async () => {
    const started = await startCompilation(t.db, actors.modCA, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "committee" });
    await runJobs(t.db);
    const files = await t.db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", started.id).execute();
    expect(files).toHaveLength(15);
    expect(new Set(files.map((f) => f.format))).toEqual(new Set(["pdf", "docx", "xlsx", "csv", "json"]));
    for (const f of files) {
      const object = await bucket.get(f.file_key);
      const bytes = await buffer(object!.body);
      expect(bytes.length).toBe(f.size);
      expect(sha256(bytes)).toBe(f.sha256);
    }
    expect((await verifyEdition(t.db, actors.modCA, started.id)).ok).toBe(true);
    expect(readdirSync(filesDir)).toEqual([]);

    const docx = files.find((f) => f.format === "docx" && f.locale === "fr")!;
    const download = await get(server.url, `/fr/admin/summaries/editions/${started.id}/docx/fr`, cookies.modCA);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(docx.size));
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(docx.sha256);

    // A file changed in the bucket is detected.
    const csv = files.find((f) => f.format === "csv" && f.locale === "en")!;
    const original = await buffer((await bucket.get(csv.file_key))!.body);
    await bucket.put(csv.file_key, [original, Buffer.from("x")]);
    expect((await verifyEdition(t.db, actors.modCA, started.id)).ok).toBe(false);
    await bucket.put(csv.file_key, [original]);
    expect((await verifyEdition(t.db, actors.modCA, started.id)).ok).toBe(true);
  }, 120_000);

  it("keeps a topic's background document in the bucket, serves it, and deletes it when removed", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(300_000)]);
    const topic = await createTopic(t.db, { party: "CL", state: "published", slug: "s3-docs-topic" });
    const official = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CL" })).id);
    const form = new FormData();
    form.set("csrf", CSRF_TOKEN);
    form.set("documentLocale", "es");
    form.set("document", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "Informe.pdf");
    const res = await fetch(`${server.url}/en/admin/topics/${topic.id}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: official } });
    expect(res.status).toBe(302);
    const doc = await t.db.selectFrom("topic_documents").selectAll().where("topic_id", "=", topic.id).executeTakeFirstOrThrow();
    expect(doc.sha256).toBe(sha256(pdf));
    expect(await bucket.exists(doc.file_key)).toBe(true);
    const download = await get(server.url, `/en/consultations/s3-docs-topic/documents/${doc.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(pdf.length));
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const removed = await fetch(`${server.url}/en/admin/topics/${topic.id}`, {
      method: "POST",
      body: new URLSearchParams({ csrf: CSRF_TOKEN, intent: "remove-document", documentId: String(doc.id) }),
      redirect: "manual",
      headers: { Cookie: official, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(removed.status).toBe(302);
    expect(await bucket.exists(doc.file_key)).toBe(false);
    expect(readdirSync(filesDir)).toEqual([]);
  });

  it("sweeps objects no record refers to from the bucket, never a referenced one", async () => {
    await bucket.put("orphanInTheBucketxxxxxxx", [Buffer.from("left by a crashed upload")]);
    const referenced = await t.db.selectFrom("submission_attachments").select("file_key").executeTakeFirstOrThrow();
    // Seen from two days ahead, every object is old enough to be swept.
    const result = await recoverInterruptedWork(t.db, { now: new Date(Date.now() + 48 * 3_600_000), storage: bucket });
    expect(result.filesDirOwned).toBe(true);
    expect(result.removed).toEqual(["orphanInTheBucketxxxxxxx"]);
    expect(await bucket.exists("orphanInTheBucketxxxxxxx")).toBe(false);
    expect(await bucket.exists(referenced.file_key)).toBe(true);
    // The bucket's prefix now says which database it belongs to.
    expect(await stored()).toContain(".database");
  });
});
