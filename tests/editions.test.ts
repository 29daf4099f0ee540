import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import { EditionRefused, listEditions, signOff, startCompilation, verifyEdition } from "~/models/editions.server";
import type { Actor } from "~/utils/permissions";
import { createApprovedSubmission, createSubmissionFor, createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { runJobs } from "./helpers/jobs";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
const actors = {} as Record<"modCA" | "modCL" | "admin" | "committee", Actor>;
const cookies = {} as Record<"modCA" | "modCL" | "admin" | "committee", string>;
const scope = { kind: "bilateral-area" as const, areaNumber: 3 };
// Compilation runs in this process (the module) and the server reads the files: one folder for both.
const filesDir = mkdtempSync(join(tmpdir(), "puente-editions-"));
process.env.FILES_DIR = filesDir;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  const officials = await createSummaryOfficials(t.db);
  Object.assign(actors, officials.actors);
  Object.assign(cookies, officials.cookies);
  for (const party of ["CA", "CL"] as const) {
    const topic = await createTopic(t.db, { party });
    await t.db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();
    for (let i = 0; i < 3; i++) {
      await createApprovedSubmission(t.db, party === "CA" ? actors.modCA : actors.modCL, { topicSlug: topic.slug, values: { country: party } });
    }
  }
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

describe("frozen editions", () => {
  it("compiles every format in three languages with their SHA-256, and never changes afterwards", async () => {
    const started = await startCompilation(t.db, actors.modCA, { scope, edition: "committee" });
    await runJobs(t.db);
    const [edition] = (await listEditions(t.db, actors.modCA)).filter((e) => e.id === started.id);
    expect(edition!.status).toBe("compiled");
    expect(edition!.number).toBe(1);
    expect(edition!.files).toHaveLength(15);
    expect(
      JSON.parse((await t.db.selectFrom("summary_editions").select("submission_ids").where("id", "=", started.id).executeTakeFirstOrThrow()).submission_ids!),
    ).toHaveLength(6);
    for (const file of await t.db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", started.id).execute()) {
      const bytes = readFileSync(join(filesDir, file.file_key));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(file.file_name).toMatch(new RegExp(`^puente-bilateral-area-3-committee-edition-1-${file.locale}-\\d{8}T\\d{6}Z\\.${file.format}$`));
    }
    expect((await verifyEdition(t.db, actors.committee, started.id)).ok).toBe(true);

    // New data after compiling: the edition's list of submissions and its files stay as they were.
    const topic = await t.db
      .selectFrom("topics")
      .select("slug")
      .where("party_code", "=", "CA")
      .where("area_id", "is not", null)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const late = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    await moderate(t.db, actors.modCA, late.reference, { intent: "approve", version: 1, applyToCampaign: false });
    expect((await verifyEdition(t.db, actors.modCA, started.id)).ok).toBe(true);

    // Tampering with a stored file is detected.
    const csv = await t.db
      .selectFrom("summary_edition_files")
      .selectAll()
      .where("edition_id", "=", started.id)
      .where("format", "=", "csv")
      .where("locale", "=", "en")
      .executeTakeFirstOrThrow();
    const path = join(filesDir, csv.file_key);
    const original = readFileSync(path);
    writeFileSync(path, Buffer.concat([original, Buffer.from("x")]));
    expect((await verifyEdition(t.db, actors.modCA, started.id)).ok).toBe(false);
    writeFileSync(path, original);
  }, 120_000);

  it("is signed off by each party's designated official, then exchanged; a new one supersedes it", async () => {
    const first = await startCompilation(t.db, actors.modCL, { scope, edition: "public" });
    await runJobs(t.db);
    await expect(signOff(t.db, actors.committee, first.id)).rejects.toBeInstanceOf(EditionRefused);
    await expect(signOff(t.db, actors.admin, first.id)).rejects.toMatchObject({ reason: "not_signatory" });
    expect(await signOff(t.db, actors.modCA, first.id)).toEqual({ exchanged: false, party: "CA" });
    await expect(signOff(t.db, actors.modCA, first.id)).rejects.toMatchObject({ reason: "already_signed" });
    // The committee cannot download it before both parties signed off.
    const before = await get(server.url, `/en/admin/summaries/editions/${first.id}/pdf/en`, cookies.committee);
    expect(before.status).toBe(404);
    expect(await signOff(t.db, actors.modCL, first.id)).toEqual({ exchanged: true, party: "CL" });
    const after = await get(server.url, `/en/admin/summaries/editions/${first.id}/pdf/en`, cookies.committee);
    expect(after.status).toBe(200);
    expect(after.headers.get("content-type")).toBe("application/pdf");
    expect((await after.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const second = await startCompilation(t.db, actors.modCA, { scope, edition: "public" });
    await runJobs(t.db);
    const editions = await listEditions(t.db, actors.modCA);
    expect(editions.find((e) => e.id === first.id)).toMatchObject({ status: "superseded", superseded_by: second.id });
    expect(editions.find((e) => e.id === second.id)).toMatchObject({ status: "compiled", number: 2 });
    await expect(signOff(t.db, actors.modCA, first.id)).rejects.toMatchObject({ reason: "not_compiled" });
  }, 120_000);

  it("through the pages: the committee cannot compile; an official compiles without JavaScript and follows the progress", async () => {
    const refused = await postForm(
      server.url,
      "/en/admin/summaries",
      { intent: "compile", scope: "area", area: "3", edition: "committee" },
      { cookie: cookies.committee },
    );
    expect(refused.status).toBe(403);
    const area = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
    const bad = await postForm(
      server.url,
      "/fr/admin/summaries",
      { intent: "compile", scope: "pair", topicA: "1", topicB: "1", edition: "committee" },
      { cookie: cookies.modCA },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choisissez deux consultations différentes");
    const ok = await postForm(
      server.url,
      "/en/admin/summaries",
      { intent: "compile", scope: "area", area: String(area), edition: "committee" },
      { cookie: cookies.modCA },
    );
    expect(ok.status).toBe(302);
    let page = "";
    // The summaries page never refreshes itself (it would lose what is typed in its forms): the
    // edition's own page does while it compiles, and links the summaries page to it.
    for (let i = 0; i < 120; i++) {
      page = await (await get(server.url, "/en/admin/summaries", cookies.modCA)).text();
      expect(page).not.toContain('http-equiv="refresh"');
      if (!page.includes("Compiling…")) break;
      expect(page).toMatch(/href="\/en\/admin\/summaries\/progress\/\d+"/);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(page).toContain("Compiled, awaiting sign-off");
  }, 120_000);
});
