import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import * as editions from "~/models/editions.server";
import { listEditions, setSignatory, signOff, startCompilation } from "~/models/editions.server";
import { listSignatoryCandidates } from "~/models/signatories.server";
import { saveSynthesis } from "~/models/syntheses.server";
import type { Actor } from "~/utils/permissions";
import { CSRF_TOKEN, createApprovedSubmission, createSubmissionFor, createSummaryOfficials, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { runJobs } from "./helpers/jobs";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 14, "Officials' powers": each official has exactly their role's power in their own
// country, designations follow the person, files are never shared by accident, and every change
// is audited.

let t: TestDatabase;
let server: RunningServer;
type Who = "modCA" | "modCL" | "admin" | "committee";
const actors = {} as Record<Who, Actor>;
const cookies = {} as Record<Who, string>;
const filesDir = mkdtempSync(join(tmpdir(), "puente-powers-"));
process.env.FILES_DIR = filesDir;
let topicCA = { id: 0, slug: "" };
let topicCL = { id: 0, slug: "" };

// Looked up at run time so that each test fails on its own on code without them.
const getEdition = (...args: Parameters<typeof editions.getEdition>) => (editions as Partial<typeof editions>).getEdition!(...args);
const recoverInterruptedWork = async (...args: Parameters<typeof import("~/models/recovery.server").recoverInterruptedWork>) =>
  (await import("~/models/recovery.server")).recoverInterruptedWork(...args);

const audit = (action: string) => t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const details = (row: { details: string | null }) => JSON.parse(row.details ?? "null") as Record<string, unknown>;

/** An edition row as a compilation leaves it, with one stored file. */
async function insertEdition(values: {
  scope: object;
  status: "compiled" | "exchanged" | "compiling";
  number?: number;
  heartbeatAt?: string | null;
  owner?: string | null;
}) {
  const key = `k${Math.random().toString(36).slice(2)}`.padEnd(24, "x").slice(0, 24);
  const scopeKey = JSON.stringify(values.scope).slice(0, 60);
  const last = await t.db
    .selectFrom("summary_editions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("scope_key", "=", scopeKey)
    .executeTakeFirst();
  const row = await t.db
    .insertInto("summary_editions")
    .values({
      scope_key: scopeKey,
      number: values.number ?? Number(last?.n ?? 0) + 1,
      scope: JSON.stringify(values.scope),
      edition: "committee",
      status: values.status,
      progress: values.status === "compiling" ? 10 : 100,
      submission_ids: "[]",
      syntheses: "[]",
      created_by_user_id: actors.admin.id,
      created_at: new Date().toISOString(),
      ...(values.owner ? { lease_owner: values.owner, heartbeat_at: values.heartbeatAt ?? null } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (values.status !== "compiling") {
    writeFileSync(join(filesDir, key), "%PDF-1.4 test\n");
    await t.db
      .insertInto("summary_edition_files")
      .values({ edition_id: row.id, format: "pdf", locale: "en", file_key: key, file_name: "e.pdf", size: 14, sha256: "0".repeat(64) })
      .execute();
  }
  return { id: row.id, key };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const officials = await createSummaryOfficials(t.db);
  Object.assign(actors, officials.actors);
  Object.assign(cookies, officials.cookies);
  topicCA = await createTopic(t.db, { party: "CA" });
  topicCL = await createTopic(t.db, { party: "CL" });
  for (const [topic, mod] of [
    [topicCA, actors.modCA],
    [topicCL, actors.modCL],
  ] as const) {
    await createApprovedSubmission(t.db, mod, { topicSlug: topic.slug });
  }
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

describe("9. compiling is limited to the parties the scope covers", () => {
  it("refuses (403) a Canadian moderator compiling a Chile-only topic, which keeps Chile's exchanged edition downloadable", async () => {
    const exchanged = await insertEdition({ scope: { kind: "topic", topicId: topicCL.id }, status: "exchanged" });
    const res = await postForm(
      server.url,
      "/fr/admin/summaries",
      { intent: "compile", scope: "topic", topic: String(topicCL.id), edition: "committee" },
      { cookie: cookies.modCA },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Seuls les fonctionnaires d’un pays visé par ce résumé");
    expect(await t.db.selectFrom("summary_editions").select("id").where("id", ">", exchanged.id).execute()).toEqual([]);
    const download = await get(server.url, `/en/admin/summaries/editions/${exchanged.id}/pdf/en`, cookies.committee);
    expect(download.status).toBe(200);
    // In the module too, whatever the route does.
    await expect(startCompilation(t.db, actors.modCA, { scope: { kind: "topic", topicId: topicCL.id }, edition: "committee" })).rejects.toMatchObject({
      reason: "forbidden",
    });
  });
});

describe("10. a designation is valid only while the person is an active official of that country", () => {
  it("a signatory whose country changed can no longer sign; the change clears the designation, audited", async () => {
    const signer = await createUser(t.db, { role: "moderator", party: "CL" });
    const signerActor: Actor = { id: signer.id, role: "moderator", partyCode: "CL" };
    await setSignatory(t.db, actors.admin, "CL", signer.id);
    const edition = await insertEdition({ scope: { kind: "topic", topicId: topicCL.id }, status: "compiled" });
    const changed = await postForm(
      server.url,
      "/en/admin/users",
      { intent: "change-role", userId: String(signer.id), role: "moderator", partyCode: "CA" },
      { cookie: cookies.admin },
    );
    expect(changed.status).toBeLessThan(400);
    expect((await t.db.selectFrom("parties").select("signatory_user_id").where("code", "=", "CL").executeTakeFirstOrThrow()).signatory_user_id).toBeNull();
    const cleared = (await audit("edition.signatory_changed")).at(-1)!;
    expect(details(cleared)).toMatchObject({ party: "CL", before: { userId: signer.id }, after: { userId: null }, cause: "user.role_changed" });

    // Even a designation left over from before this rule (set directly) does not let them sign.
    await t.db.updateTable("parties").set({ signatory_user_id: signer.id }).where("code", "=", "CL").execute();
    const cookie = await sessionCookieFor(t.db, signer.id);
    const res = await postForm(server.url, "/en/admin/summaries", { intent: "sign", edition: String(edition.id) }, { cookie });
    expect(res.status).toBe(409);
    await expect(signOff(t.db, { ...signerActor, partyCode: "CA" }, edition.id)).rejects.toMatchObject({ reason: "not_signatory" });
    expect((await t.db.selectFrom("summary_editions").select("status").where("id", "=", edition.id).executeTakeFirstOrThrow()).status).toBe("compiled");
    await setSignatory(t.db, actors.admin, "CL", actors.modCL.id);
  });
});

describe("13/10. no one official completes both countries' sign-off", () => {
  it("designates only an official of that country: an admin without one, or one person for both parties, is refused", async () => {
    await expect(setSignatory(t.db, actors.admin, "CA", actors.admin.id)).rejects.toMatchObject({ reason: "not_signatory" });
    await expect(setSignatory(t.db, actors.admin, "CL", actors.modCA.id)).rejects.toMatchObject({ reason: "not_signatory" });
    // A designation written straight into the table (from before this rule) does not let an admin sign either.
    const edition = await insertEdition({ scope: { kind: "all" }, status: "compiled" });
    await t.db.updateTable("parties").set({ signatory_user_id: actors.admin.id }).execute();
    try {
      await expect(signOff(t.db, actors.admin, edition.id)).rejects.toMatchObject({ reason: "not_signatory" });
      expect((await t.db.selectFrom("summary_editions").select("status").where("id", "=", edition.id).executeTakeFirstOrThrow()).status).toBe("compiled");
    } finally {
      await t.db.updateTable("parties").set({ signatory_user_id: actors.modCA.id }).where("code", "=", "CA").execute();
      await t.db.updateTable("parties").set({ signatory_user_id: actors.modCL.id }).where("code", "=", "CL").execute();
    }
  });

  it("offers the active officials as signatories to those who manage users only", async () => {
    const candidates = await listSignatoryCandidates(t.db, actors.admin);
    expect(candidates.map((u) => u.id)).toEqual(expect.arrayContaining([actors.admin.id, actors.modCA.id, actors.modCL.id]));
    expect(candidates.some((u) => u.id === actors.committee.id)).toBe(false);
    for (const who of ["modCA", "modCL", "committee"] as const) expect(await listSignatoryCandidates(t.db, actors[who])).toEqual([]);
  });
});

describe("11. only files uploaded in the request are attached; a shared file is never deleted", () => {
  const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

  it("refuses a plain `document` field naming another record's stored file", async () => {
    const victim = await insertEdition({ scope: { kind: "topic", topicId: topicCA.id }, status: "exchanged" });
    const form = new FormData();
    form.set("csrf", CSRF_TOKEN);
    form.set("documentLocale", "en");
    form.set("document", JSON.stringify({ key: victim.key, name: "x.pdf", size: 14, sha256: "0".repeat(64) }));
    const res = await fetch(`${server.url}/en/admin/topics/${topicCA.id}`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: cookies.modCA },
    });
    expect(res.status).toBe(400);
    expect(await t.db.selectFrom("topic_documents").select("id").where("file_key", "=", victim.key).execute()).toEqual([]);
    expect(existsSync(join(filesDir, victim.key))).toBe(true);
  });

  it("removing a topic document keeps its file when another record uses it", async () => {
    const shared = await insertEdition({ scope: { kind: "topic", topicId: topicCA.id }, status: "exchanged" });
    // A row left by the old upload path that pointed at an edition's file.
    const doc = await t.db
      .insertInto("topic_documents")
      .values({
        topic_id: topicCA.id,
        file_key: shared.key,
        file_name: "x.pdf",
        size: 14,
        sha256: "0".repeat(64),
        kind: "pdf",
        locale: null,
        created_at: new Date().toISOString(),
        created_by: actors.modCA.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await postForm(
      server.url,
      `/en/admin/topics/${topicCA.id}`,
      { intent: "remove-document", documentId: String(doc.id) },
      { cookie: cookies.modCA },
    );
    expect(res.status).toBe(302);
    expect(await t.db.selectFrom("topic_documents").select("id").where("id", "=", doc.id).execute()).toEqual([]);
    expect(existsSync(join(filesDir, shared.key))).toBe(true);
    // A real upload still works and its own file goes when it is removed.
    const upload = new FormData();
    upload.set("csrf", CSRF_TOKEN);
    upload.set("documentLocale", "en");
    upload.set("document", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "brief.pdf");
    const up = await fetch(`${server.url}/en/admin/topics/${topicCA.id}`, {
      method: "POST",
      body: upload,
      redirect: "manual",
      headers: { Cookie: cookies.modCA },
    });
    expect(up.status).toBe(302);
    const own = await t.db.selectFrom("topic_documents").selectAll().where("topic_id", "=", topicCA.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(existsSync(join(filesDir, own.file_key))).toBe(true);
    await postForm(server.url, `/en/admin/topics/${topicCA.id}`, { intent: "remove-document", documentId: String(own.id) }, { cookie: cookies.modCA });
    expect(existsSync(join(filesDir, own.file_key))).toBe(false);
  });
});

describe("12. older editions stay reachable", () => {
  it("finds an exchanged edition by id behind 100 newer ones, and lists them a page at a time", async () => {
    const old = await insertEdition({ scope: { kind: "topic", topicId: topicCA.id }, status: "exchanged" });
    for (let i = 0; i < 101; i++)
      await insertEdition({
        scope: { kind: "party", party: "CA", from: "2025-01-01", to: `2025-02-${String((i % 28) + 1).padStart(2, "0")}`, i },
        status: "compiled",
      });
    expect((await getEdition(t.db, actors.committee, old.id))?.id).toBe(old.id);
    const download = await get(server.url, `/en/admin/summaries/editions/${old.id}/pdf/en`, cookies.committee);
    expect(download.status).toBe(200);
    const firstPage = await listEditions(t.db, actors.admin);
    expect(firstPage.some((e) => e.id === old.id)).toBe(false);
    // Without JavaScript: the "older editions" link, page after page, reaches it.
    let path = "/en/admin/summaries";
    let pages = 0;
    let page = "";
    do {
      page = await (await get(server.url, path, cookies.admin)).text();
      pages++;
      path = /href="(\/en\/admin\/summaries\?before=\d+)"/.exec(page)?.[1] ?? "";
    } while (!page.includes(`/en/admin/summaries/editions/${old.id}/pdf/en`) && path && pages < 10);
    expect(page).toContain(`/en/admin/summaries/editions/${old.id}/pdf/en`);
    expect(pages).toBeGreaterThan(1);
  }, 60_000);
});

describe("13. every state change an official makes is audited with before/after", () => {
  it("records synthesis edits, compiling, superseding, designating and signing off", async () => {
    const area = (await t.db.selectFrom("workplan_areas").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    await saveSynthesis(t.db, actors.modCL, { party: "CL", area, texts: { en: "First", fr: "", es: "" } });
    await saveSynthesis(t.db, actors.modCL, { party: "CL", area, texts: { en: "Second", fr: "", es: "Segundo" } });
    const synth = (await audit("synthesis.updated")).at(-1)!;
    expect(synth.actor_user_id).toBe(actors.modCL.id);
    expect(details(synth)).toMatchObject({ party: "CL", area, before: { en: "First" }, after: { en: "Second", es: "Segundo" } });

    await setSignatory(t.db, actors.admin, "CA", null);
    expect(details((await audit("edition.signatory_changed")).at(-1)!)).toMatchObject({
      party: "CA",
      before: { userId: actors.modCA.id },
      after: { userId: null },
    });
    await setSignatory(t.db, actors.admin, "CA", actors.modCA.id);

    const first = await startCompilation(t.db, actors.modCL, { scope: { kind: "topic", topicId: topicCL.id }, edition: "public" });
    await runJobs(t.db);
    expect((await audit("edition.compiled")).map((a) => a.subject_id)).toContain(String(first.id));
    const signed = await signOff(t.db, actors.modCL, first.id);
    expect(signed.exchanged).toBe(true);
    const signAudit = (await audit("edition.signed_off")).at(-1)!;
    expect([signAudit.actor_user_id, signAudit.subject_id]).toEqual([actors.modCL.id, String(first.id)]);
    expect(details(signAudit)).toMatchObject({ party: "CL", before: { status: "compiled" }, after: { status: "exchanged" } });

    const second = await startCompilation(t.db, actors.modCL, { scope: { kind: "topic", topicId: topicCL.id }, edition: "public" });
    await runJobs(t.db);
    const superseded = (await audit("edition.superseded")).at(-1)!;
    expect(superseded.subject_id).toBe(String(first.id));
    expect(details(superseded)).toMatchObject({ before: { status: "exchanged" }, after: { status: "superseded", supersededBy: second.id } });
    // What was exchanged stays downloadable by the committee after it is superseded.
    expect((await get(server.url, `/en/admin/summaries/editions/${first.id}/pdf/en`, cookies.committee)).status).toBe(200);
  }, 120_000);
});

describe("14. decisions are idempotent", () => {
  it("rejecting twice with the same reason sends one email and records one event, through the page too", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { contactEmail: "twice@example.ca" } });
    const fields = { intent: "reject", version: "1", reason: "off_topic", note: "", confirm: "on" };
    const [a, b] = await Promise.all([
      postForm(server.url, `/en/admin/submissions/${s.reference}`, fields, { cookie: cookies.modCA }),
      postForm(server.url, `/en/admin/submissions/${s.reference}`, fields, { cookie: cookies.modCA }),
    ]);
    // Both answered as done (the second found the decision made), not "changed since you opened it".
    expect([a.status, b.status]).toEqual([302, 302]);
    // The same decision again, from a page opened after the first one.
    const now = await t.db.selectFrom("submissions").select("version").where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(
      await moderate(t.db, actors.modCA, s.reference, { intent: "reject", version: now.version, reason: "off_topic", note: "", applyToCampaign: false }),
    ).toEqual({ changed: 0 });
    const again = await postForm(server.url, `/en/admin/submissions/${s.reference}`, { ...fields, version: String(now.version) }, { cookie: cookies.modCA });
    expect(again.status).toBeLessThan(400);
    const emails = await t.db
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "=", "twice@example.ca")
      .where("kind", "=", "submission_rejected")
      .execute();
    expect(emails).toHaveLength(1);
    const events = await t.db.selectFrom("moderation_events").select("action").where("submission_id", "=", s.id).execute();
    expect(events.map((e) => e.action)).toEqual(["reject"]);
  });
});

describe("17. start-up repairs only dead compilations and orphan files", () => {
  it("fails compilations whose lease expired, keeps another server's live one, sweeps old orphans but never a referenced file", async () => {
    const now = new Date("2026-12-05T12:00:00.000Z");
    const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
    const live = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, live: 1 },
      status: "compiling",
      owner: "other-server:1",
      heartbeatAt: minutesAgo(0.5).toISOString(),
    });
    const dead = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, dead: 1 },
      status: "compiling",
      owner: "crashed:2",
      heartbeatAt: minutesAgo(30).toISOString(),
    });
    const referenced = await insertEdition({ scope: { kind: "topic", topicId: topicCA.id, kept: 1 }, status: "exchanged" });
    const old = (name: string) => {
      writeFileSync(join(filesDir, name), "x");
      utimesSync(join(filesDir, name), minutesAgo(48 * 60), minutesAgo(48 * 60));
    };
    utimesSync(join(filesDir, referenced.key), minutesAgo(48 * 60), minutesAgo(48 * 60));
    old("oldPartialUploadxxxxxxxx.part");
    old("orphanEditionFilexxxxxxx");
    writeFileSync(join(filesDir, "freshPartialUploadxxxxxx.part"), "x");
    writeFileSync(join(filesDir, "freshUnrecordedxxxxxxxxx"), "x");

    const result = await recoverInterruptedWork(t.db, { now, filesDir, fileBoundMs: 24 * 3_600_000 });
    expect(result.failed).toEqual([dead.id]);
    const status = async (id: number) => (await t.db.selectFrom("summary_editions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
    expect(await status(live.id)).toBe("compiling");
    expect(await status(dead.id)).toBe("failed");
    expect(existsSync(join(filesDir, referenced.key))).toBe(true);
    expect(existsSync(join(filesDir, "oldPartialUploadxxxxxxxx.part"))).toBe(false);
    expect(existsSync(join(filesDir, "orphanEditionFilexxxxxxx"))).toBe(false);
    expect(existsSync(join(filesDir, "freshPartialUploadxxxxxx.part"))).toBe(true);
    expect(existsSync(join(filesDir, "freshUnrecordedxxxxxxxxx"))).toBe(true);
    await t.db.updateTable("summary_editions").set({ status: "failed" }).where("id", "=", live.id).execute();

    // A folder that another database owns (a server started with the same FILES_DIR on another
    // database): its unreferenced files are not this database's orphans.
    const otherDir = mkdtempSync(join(tmpdir(), "puente-other-"));
    writeFileSync(join(otherDir, ".database"), "sqlite:/somewhere/else.sqlite\n");
    writeFileSync(join(otherDir, "someoneElsesFilexxxxxxxx"), "x");
    utimesSync(join(otherDir, "someoneElsesFilexxxxxxxx"), minutesAgo(48 * 60), minutesAgo(48 * 60));
    const other = await recoverInterruptedWork(t.db, { now, filesDir: otherDir, fileBoundMs: 24 * 3_600_000 });
    expect(other.filesDirOwned).toBe(false);
    expect(existsSync(join(otherDir, "someoneElsesFilexxxxxxxx"))).toBe(true);
    rmSync(otherDir, { recursive: true, force: true });
  });

  it("a server started with `npm run serve` (server/index.ts) repairs a crashed compilation but not a live one", async () => {
    const live = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, live: 2 },
      status: "compiling",
      owner: "other-server:3",
      heartbeatAt: new Date().toISOString(),
    });
    const dead = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, dead: 2 },
      status: "compiling",
      owner: "crashed:4",
      heartbeatAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const second = await startServer({ ...t.env, FILES_DIR: filesDir });
    await second.stop();
    const status = async (id: number) => (await t.db.selectFrom("summary_editions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
    expect(await status(dead.id)).toBe("failed");
    expect(await status(live.id)).toBe("compiling");
    await t.db.updateTable("summary_editions").set({ status: "failed" }).where("id", "=", live.id).execute();
  }, 60_000);

  it("a compilation is queued as a job; the process that runs it holds a lease, and it is never compiled twice", async () => {
    const { compileEdition } = await import("~/models/editions.server");
    const started = await startCompilation(t.db, actors.modCA, { scope: { kind: "topic", topicId: topicCA.id }, edition: "committee" });
    const lease = () => t.db.selectFrom("summary_editions").select(["lease_owner", "heartbeat_at"]).where("id", "=", started.id).executeTakeFirstOrThrow();
    // Queued: nobody holds it yet, and a server starting meanwhile leaves it alone.
    expect((await lease()).lease_owner).toBeNull();
    expect((await lease()).heartbeat_at).not.toBeNull();
    expect((await recoverInterruptedWork(t.db, { filesDir })).failed).toEqual([]);
    // Two processes given the job at once (and the test's server, which works jobs too): at most
    // one takes the lease, the others find it taken.
    const results = await Promise.all([compileEdition(t.db, started.id), compileEdition(t.db, started.id)]);
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(1);
    // The queued job, run now (or waited for), compiles it if nobody has yet; never a second time.
    await runJobs(t.db);
    expect((await getEdition(t.db, actors.modCA, started.id))?.status).toBe("compiled");
    const files = await t.db.selectFrom("summary_edition_files").select(["format", "locale"]).where("edition_id", "=", started.id).execute();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(new Set(files.map((f) => `${f.format}/${f.locale}`)).size).toBe(files.length);
    expect(await compileEdition(t.db, started.id)).toBe(false);
  }, 120_000);

  it("the clean-up runs as a background job: it fails a compilation whose process died", async () => {
    const { FILES_SWEEP_JOB } = await import("~/jobs/registry.server");
    const { enqueueJob } = await import("~/utils/jobs.server");
    const dead = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, dead: 3 },
      status: "compiling",
      owner: "crashed:5",
      heartbeatAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    // (A clean-up already waiting — the test's server queues one at start — would do the same.)
    await enqueueJob(t.db, FILES_SWEEP_JOB, {}, { singletonKey: FILES_SWEEP_JOB });
    await runJobs(t.db);
    expect((await t.db.selectFrom("summary_editions").select("status").where("id", "=", dead.id).executeTakeFirstOrThrow()).status).toBe("failed");
  });

  it("an edition queued a day ago that no process took is failed by the clean-up", async () => {
    const { id } = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, lost: 1 },
      status: "compiling",
      owner: null,
      heartbeatAt: new Date(Date.now() - 25 * 3_600_000).toISOString(),
    });
    const recent = await insertEdition({
      scope: { kind: "topic", topicId: topicCA.id, lost: 2 },
      status: "compiling",
      owner: null,
      heartbeatAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    // Queued, not taken: no lease owner, the heartbeat stamped when it was queued.
    for (const [edition, hours] of [
      [id, 25],
      [recent.id, 1],
    ] as const)
      await t.db
        .updateTable("summary_editions")
        .set({ heartbeat_at: new Date(Date.now() - hours * 3_600_000).toISOString() })
        .where("id", "=", edition)
        .execute();
    expect((await recoverInterruptedWork(t.db, { filesDir })).failed).toEqual([id]);
    expect((await t.db.selectFrom("summary_editions").select("status").where("id", "=", recent.id).executeTakeFirstOrThrow()).status).toBe("compiling");
    await t.db.updateTable("summary_editions").set({ status: "failed" }).where("id", "=", recent.id).execute();
  });
});
