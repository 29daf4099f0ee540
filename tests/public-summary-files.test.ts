import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWriters, summaryFormats } from "~/exports/formats.server";
import { moderate } from "~/models/moderation.server";
import { advancePublication } from "~/models/publication.server";
import { buildPublicSummaries, PUBLIC_SUMMARY_JOB, PUBLIC_SUMMARY_SWEEP_JOB, sweepPublicSummaries } from "~/models/public-summaries.server";
import { queueStatsRefresh, readStatsSnapshot, snapshotKey, StatsRefresher, STATS_REFRESH_JOB } from "~/models/stats-snapshots.server";
import { buildSummary } from "~/models/summaries.server";
import { jobQueue } from "~/utils/jobs.server";
import { storage } from "~/utils/storage.server";
import type { Actor } from "~/utils/permissions";
import { createParties, createSubmissionFor, createTopic, createUser, CSRF_COOKIE_PAIR, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { runJobs } from "./helpers/jobs";
import { pdfPagesText } from "./helpers/pdf-text";
import { publicView } from "./helpers/public-view";
import { startServer, type RunningServer } from "./helpers/server";

// ADR 033: the public summary files are built by the job system and served as stored files; an
// anonymous request never builds one. The server works no jobs here (JOBS_IN_WEB=0): the test runs
// them (runJobs), so what a request does on its own is seen.
const filesDir = mkdtempSync(join(tmpdir(), "puente-public-summaries-"));
process.env.FILES_DIR = filesDir;

let t: TestDatabase;
let server: RunningServer;
let actor: Actor;
let topic: { id: number; slug: string };
let other: { id: number; slug: string };
const NO_COMPRESSION = { "Accept-Encoding": "identity" };

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  const mod = await createUser(t.db, { role: "moderator", party: "CA" });
  actor = { id: mod.id, role: "moderator", partyCode: "CA" };
  topic = await createTopic(t.db, { party: "CA" });
  other = await createTopic(t.db, { party: "CA" });
  for (const [i, publication] of (["named", "anonymous", "officials"] as const).entries()) {
    const s = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { country: "CA", publication, body: publication === "officials" ? "OFFICIALS-ONLY words" : `Public words ${i} — niñas, « données ».` },
    });
    await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
  }
  await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", body: "PENDING-UNAPPROVED words" } });
  const rejected = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", body: "REJECTED-UNAPPROVED words" } });
  await moderate(t.db, actor, rejected.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false });
  server = await startServer({ ...t.env, FILES_DIR: filesDir, JOBS_IN_WEB: "0", PUBLIC_SUMMARY_DELAY_SECONDS: "0" });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

const path = (format: string, locale = "en", slug = topic.slug) => `/${locale}/consultations/${slug}/summary/${format}`;
const currentFiles = () => t.db.selectFrom("public_summary_files").selectAll().where("topic_id", "=", topic.id).where("current", "=", 1).execute();
const waiting = async (name: string) =>
  (await jobQueue(t.db).listJobs({ limit: 500 })).filter((j) => j.name === name && (j.state === "created" || j.state === "retry"));

describe("before the first build", () => {
  it("answers a translated 503 with Retry-After, builds nothing and queues the build", async () => {
    const res = await get(server.url, path("pdf", "fr"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.text()).toContain("Cette synthèse est en préparation");
    const es = await get(server.url, path("csv", "es"));
    expect(es.status).toBe(503);
    expect(await es.text()).toContain("Este resumen se está preparando");
    expect(await t.db.selectFrom("public_summary_files").select("id").execute()).toEqual([]);
    // Queued once: the two requests coalesce into one waiting job for the topic.
    expect(await waiting(PUBLIC_SUMMARY_JOB)).toHaveLength(1);
  });
});

describe("the stored files", () => {
  beforeAll(async () => {
    await runJobs(t.db);
  }, 120_000);

  it("are all five formats in three languages, each served with ETag (its SHA-256), Content-Length and Last-Modified", async () => {
    const files = await currentFiles();
    expect(files).toHaveLength(15);
    for (const file of files) {
      const res = await get(server.url, path(file.format, file.locale), undefined, NO_COMPRESSION);
      expect(res.status, `${file.format} ${file.locale}`).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get("etag")).toBe(`"${file.sha256}"`);
      expect(res.headers.get("content-length")).toBe(String(file.size));
      expect(res.headers.get("last-modified")).toBe(new Date(Math.floor(Date.parse(file.built_at) / 1000) * 1000).toUTCString());
      expect(res.headers.get("cache-control")).toMatch(/^public/);
      expect(res.headers.get("content-type")).toBe(formatWriters[file.format].contentType);
      expect(res.headers.get("content-disposition")).toContain(encodeURIComponent(file.file_name));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
  });

  it("are byte for byte what the builder gives for the public edition", async () => {
    const files = await currentFiles();
    for (const locale of ["en", "fr", "es"] as const) {
      const summary = await buildSummary(t.db, { scope: { kind: "topic", topicId: topic.id }, edition: "public", locale, now: new Date(files[0]!.built_at) });
      for (const format of summaryFormats) {
        const out = new PassThrough();
        const [bytes] = await Promise.all([buffer(out), formatWriters[format].write(summary, out).then(() => out.writableEnded || out.end())]);
        const served = Buffer.from(await (await get(server.url, path(format, locale), undefined, NO_COMPRESSION)).arrayBuffer());
        expect(served.equals(bytes), `${format} ${locale}`).toBe(true);
      }
    }
  }, 60_000);

  it("answer 304 to If-None-Match, and a HEAD without a body", async () => {
    const first = await get(server.url, path("json"));
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const again = await get(server.url, path("json"), undefined, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get(server.url, path("json"), undefined, { "If-None-Match": '"other"' })).status).toBe(200);
    const head = await fetch(server.url + path("pdf"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it("hold no text that was not approved for the public, and list what the public pages list", async () => {
    const view = await publicView(t.db, topic);
    const listed = [...new Set(view.records.filter((r) => r.surface === "page").map((r) => r.reference))].sort();
    for (const locale of ["en", "fr", "es"]) {
      const json = JSON.parse(await (await get(server.url, path("json", locale))).text()) as { submissions: Array<{ reference: string }> };
      expect(json.submissions.map((s) => s.reference).sort()).toEqual(listed);
      const texts = [
        JSON.stringify(json),
        await (await get(server.url, path("csv", locale))).text(),
        await pdfPagesText(Buffer.from(await (await get(server.url, path("pdf", locale))).arrayBuffer())),
      ];
      for (const text of texts) {
        for (const secret of ["OFFICIALS-ONLY", "PENDING-UNAPPROVED", "REJECTED-UNAPPROVED", "@example"]) expect(text).not.toContain(secret);
      }
    }
    expect(listed).toHaveLength(2);
  }, 60_000);
});

describe("after a change", () => {
  it("keeps serving the old set while the new one is written, then swaps it in whole: the ETag changes", async () => {
    const before = await get(server.url, path("json"));
    const oldTag = before.headers.get("etag")!;
    await before.arrayBuffer();
    const oldKeys = (await currentFiles()).map((f) => f.file_key);
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", publication: "named", body: "NEWLY-APPROVED words" } });
    await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });

    // A build part-way: eight of fifteen files stored, none served yet.
    let midway: { tag: string | null; text: string; building: number } | null = null;
    let stored = 0;
    const outcome = await buildPublicSummaries(t.db, topic.id, {
      afterFile: async () => {
        if (++stored !== 8) return;
        const res = await get(server.url, path("json"));
        midway = {
          tag: res.headers.get("etag"),
          text: await res.text(),
          building: (await t.db.selectFrom("public_summary_files").select("id").where("topic_id", "=", topic.id).where("current", "=", 0).execute()).length,
        };
      },
    });
    expect(outcome).toBe("built");
    expect(midway).toMatchObject({ tag: oldTag, building: 8 });
    expect(midway!.text).not.toContain("NEWLY-APPROVED");

    const after = await get(server.url, path("json"));
    expect(after.headers.get("etag")).not.toBe(oldTag);
    expect(await after.text()).toContain("NEWLY-APPROVED");
    // The previous files are gone from the store and from the table; nothing half-built is left.
    for (const key of oldKeys) expect(await storage().exists(key)).toBe(false);
    expect(await t.db.selectFrom("public_summary_files").select("id").where("current", "=", 0).execute()).toEqual([]);
    expect(await currentFiles()).toHaveLength(15);
  }, 120_000);

  it("is rebuilt by the jobs after an approval, and the download asks for it when it is behind", async () => {
    const tag = (await get(server.url, path("csv"), undefined, NO_COMPRESSION)).headers.get("etag");
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", publication: "anonymous", body: "SECOND-APPROVAL words" } });
    await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    // Behind the publication key: the old file is served, and its build is queued.
    const stale = await get(server.url, path("csv"), undefined, NO_COMPRESSION);
    expect(stale.headers.get("etag")).toBe(tag);
    expect(await stale.text()).not.toContain("SECOND-APPROVAL");
    expect(await waiting(PUBLIC_SUMMARY_JOB)).toHaveLength(1);
    await runJobs(t.db);
    const fresh = await get(server.url, path("csv"), undefined, NO_COMPRESSION);
    expect(fresh.headers.get("etag")).not.toBe(tag);
    expect(await fresh.text()).toContain("SECOND-APPROVAL");
  }, 120_000);

  it("an approval made through the web server queues the sweep; the jobs then rebuild the files", async () => {
    const cookie = `${await sessionCookieFor(t.db, actor.id)}; ${CSRF_COOKIE_PAIR}`;
    const tag = (await get(server.url, path("json"))).headers.get("etag");
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", publication: "named", body: "APPROVED-OVER-HTTP words" } });
    const approved = await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "approve", version: "1" }, { cookie });
    expect(approved.status).toBe(302);
    let sweeps: unknown[] = [];
    for (let i = 0; i < 100 && sweeps.length === 0; i++) {
      sweeps = await waiting(PUBLIC_SUMMARY_SWEEP_JOB);
      if (sweeps.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(sweeps).toHaveLength(1);
    await runJobs(t.db);
    const fresh = await get(server.url, path("json"));
    expect(fresh.headers.get("etag")).not.toBe(tag);
    expect(await fresh.text()).toContain("APPROVED-OVER-HTTP");
  }, 120_000);

  it("an interrupted build leaves the current set as it was and nothing of its own", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CA", publication: "named", body: "NEVER-SWAPPED words" } });
    await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const before = await currentFiles();
    const objects = async () => {
      const keys: string[] = [];
      for await (const o of storage().list()) keys.push(o.key);
      return keys.sort();
    };
    const storedBefore = await objects();
    let stored = 0;
    await expect(
      buildPublicSummaries(t.db, topic.id, {
        afterFile: async () => {
          if (++stored === 5) throw new Error("stopped");
        },
      }),
    ).rejects.toThrow("stopped");
    expect(await currentFiles()).toEqual(before);
    expect(await objects()).toEqual(storedBefore);
    expect(await (await get(server.url, path("json"))).text()).not.toContain("NEVER-SWAPPED");
    await runJobs(t.db);
    await buildPublicSummaries(t.db, topic.id);
    expect(await (await get(server.url, path("json"))).text()).toContain("NEVER-SWAPPED");
  }, 120_000);

  it("a topic whose summary did not change keeps its files (the sweep only moves their key on)", async () => {
    await buildPublicSummaries(t.db, other.id);
    const before = await t.db.selectFrom("public_summary_files").select(["file_key", "sha256", "publication_key"]).where("topic_id", "=", other.id).execute();
    expect(before.length).toBeGreaterThan(0);
    // A change elsewhere advances the publication version.
    await advancePublication(t.db);
    expect(await sweepPublicSummaries(t.db)).toEqual(expect.arrayContaining([other.id]));
    expect(await buildPublicSummaries(t.db, other.id)).toBe("unchanged");
    const after = await t.db.selectFrom("public_summary_files").select(["file_key", "sha256", "publication_key"]).where("topic_id", "=", other.id).execute();
    expect(after.map((f) => f.file_key).sort()).toEqual(before.map((f) => f.file_key).sort());
    expect(after[0]!.publication_key).not.toBe(before[0]!.publication_key);
    await runJobs(t.db);
  }, 120_000);

  it("a file the store lost gives a 503 and a rebuild, never a 500", async () => {
    const lost = (await currentFiles()).find((f) => f.format === "xlsx" && f.locale === "fr")!;
    await storage().delete(lost.file_key);
    const res = await get(server.url, path("xlsx", "fr"));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Cette synthèse est en préparation");
    expect(await waiting(PUBLIC_SUMMARY_JOB)).toHaveLength(1);
    await runJobs(t.db);
    const again = await get(server.url, path("xlsx", "fr"));
    expect(again.status).toBe(200);
    expect((await currentFiles()).length).toBe(15);
  }, 60_000);

  it("the sweep removes what a build that died left behind, once it is certainly over", async () => {
    const key = "left-by-a-dead-build-000";
    await storage().put(key, [Buffer.from("partial")]);
    const row = {
      topic_id: topic.id,
      build_id: "dead-build",
      current: 0,
      format: "csv" as const,
      locale: "en" as const,
      file_key: key,
      file_name: "x.csv",
      size: 7,
      sha256: "0".repeat(64),
      publication_key: "0.0",
      signature: "0".repeat(64),
    };
    await t.db
      .insertInto("public_summary_files")
      .values({ ...row, built_at: new Date(Date.now() - 3 * 3600_000).toISOString() })
      .execute();
    await t.db
      .insertInto("public_summary_files")
      .values({ ...row, build_id: "running-build", file_key: `${key}-2`, built_at: new Date().toISOString() })
      .execute();
    await sweepPublicSummaries(t.db);
    const left = await t.db.selectFrom("public_summary_files").select("build_id").where("current", "=", 0).execute();
    expect(left.map((r) => r.build_id)).toEqual(["running-build"]);
    expect(await storage().exists(key)).toBe(false);
    await t.db.deleteFrom("public_summary_files").where("build_id", "=", "running-build").execute();
    await runJobs(t.db);
  });

  it("a topic that is no longer public loses its files", async () => {
    const keys = (await t.db.selectFrom("public_summary_files").select("file_key").where("topic_id", "=", other.id).execute()).map((f) => f.file_key);
    await t.db.updateTable("topics").set({ state: "draft" }).where("id", "=", other.id).execute();
    await advancePublication(t.db);
    await sweepPublicSummaries(t.db);
    expect(await t.db.selectFrom("public_summary_files").select("id").where("topic_id", "=", other.id).execute()).toEqual([]);
    for (const key of keys) expect(await storage().exists(key)).toBe(false);
    expect((await get(server.url, path("pdf", "en", other.slug))).status).toBe(404);
  });
});

describe("statistics snapshots", () => {
  it("are refreshed by the stats.refresh job, which the debounced refresher queues (once for a burst)", async () => {
    const scope = { locale: "en" as const };
    await readStatsSnapshot(t.db, scope);
    await advancePublication(t.db);
    expect((await readStatsSnapshot(t.db, scope))?.fresh).toBe(false);
    const fires: Array<() => void> = [];
    const refresher = new StatsRefresher(t.db, {
      intervalMs: 30_000,
      setTimer: (fire) => (fires.push(fire), () => undefined),
      refresh: () => queueStatsRefresh(t.db),
    });
    refresher.request(snapshotKey(scope));
    refresher.request(snapshotKey(scope));
    expect(fires).toHaveLength(1);
    fires[0]!();
    await refresher.idle();
    await queueStatsRefresh(t.db); // a second server asking meanwhile: the same waiting job
    expect(await waiting(STATS_REFRESH_JOB)).toHaveLength(1);
    // Nothing was computed in this process: the snapshot is still stale until the job runs.
    expect((await readStatsSnapshot(t.db, scope))?.fresh).toBe(false);
    await runJobs(t.db);
    expect((await readStatsSnapshot(t.db, scope))?.fresh).toBe(true);
  });
});
