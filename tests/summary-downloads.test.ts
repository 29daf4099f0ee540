import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import { queuePublicSummarySweep } from "~/models/public-summaries.server";
import type { Actor } from "~/utils/permissions";
import { CSRF_COOKIE_PAIR, createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { buildPublicSummaryFiles, waitForJobs } from "./helpers/jobs";
import { pdfPagesText } from "./helpers/pdf-text";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 7's "done means": the committee downloads the bilateral summary of area 3 in every format
// and language; each file opens and its numbers equal those of the public statistics.
let t: TestDatabase;
let server: RunningServer;
let committee = "";
let areaId = 0;
const refs: string[] = [];
let officialsOnly = "";
let anonymousOrg = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  const member = await createUser(t.db, { role: "committee", party: "CL" });
  committee = await sessionCookieFor(t.db, member.id);
  for (const party of ["CA", "CL"] as const) {
    const mod = await createUser(t.db, { role: "moderator", party });
    const actor: Actor = { id: mod.id, role: "moderator", partyCode: party };
    const topic = await createTopic(t.db, { party });
    topicSlugs[party] = topic.slug;
    await t.db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();
    const kinds = ["named", "anonymous", "anonymous", "officials"] as const;
    for (const [i, publication] of kinds.entries()) {
      const s = await createSubmissionFor(t.db, {
        topicSlug: topic.slug,
        values: {
          country: party,
          publication,
          organisationName: publication === "anonymous" ? `Hidden Org ${party}${i}` : `Org ${party}${i}`,
          contactEmail: `secret-${party}${i}@contact.example`,
          body: publication === "officials" ? `OFFICIALS-ONLY text ${party}` : `Public text ${party} ${i} — données, niñas, “quotes”.`,
          language: party === "CL" ? "es" : "en",
        },
      });
      await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
      refs.push(s.reference);
      if (publication === "officials" && party === "CA") officialsOnly = s.reference;
      if (publication === "anonymous" && party === "CL") anonymousOrg = `Hidden Org ${party}${i}`;
    }
    await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: party } }); // pending
  }
  server = await startServer(t.env);
  // The topic pages' downloads are the stored public files (ADR 033): built as the jobs would.
  await buildPublicSummaryFiles(t.db);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const topicSlugs: Record<string, string> = {};
const topicOf = (party: "CA" | "CL") => topicSlugs[party]!;

const download = async (locale: string, format: string, edition = "committee") => {
  const res = await get(
    server.url,
    `/${locale}/admin/summaries/download?scope=area&area=${areaId}&edition=${edition}&locale=${locale}&format=${format}`,
    committee,
  );
  expect(res.status, `${format} ${locale}`).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(new RegExp(`bilateral-area-3-${edition}-${locale}-\\d{8}T\\d{6}Z\\.${format}`));
  return Buffer.from(await res.arrayBuffer());
};

describe.each(["en", "fr", "es"] as const)("the committee's bilateral summary of area 3 in %s", (locale) => {
  let stats: { totals: { received: number; published: number; officialsOnly: number } };
  beforeAll(async () => {
    stats = await (await get(server.url, "/api/v1/stats?area=3")).json();
  });

  it("JSON validates against its schema and its numbers are the statistics'", async () => {
    const json = JSON.parse((await download(locale, "json")).toString("utf8"));
    const ajv = new Ajv2020({ allowUnionTypes: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL("../docs/summary.schema.json", import.meta.url), "utf8")));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.totals.received).toBe(stats.totals.received);
    expect(json.totals.published).toBe(stats.totals.published);
    expect(json.totals.officialsOnly).toBe(stats.totals.officialsOnly);
    expect(json.submissions.map((s: { reference: string }) => s.reference).sort()).toEqual([...refs].sort());
    expect(JSON.stringify(json)).not.toContain("@contact.example");
  });

  it("CSV parses (UTF-8 with BOM), one row per submission", async () => {
    const bytes = await download(locale, "csv");
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(bytes.toString("utf8").slice(1)) as string[][];
    expect(rows.length - 1).toBe(refs.length);
    expect(rows.flat().join(" ")).toContain("niñas");
    expect(rows.flat().join(" ")).not.toContain("@contact.example");
  });

  it("XLSX opens with its three sheets and every submission", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(locale, "xlsx")) as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(4); // Summary, Submissions, Statistics, Events
    expect(book.worksheets[1]!.actualRowCount).toBe(refs.length + 1);
  });

  it("DOCX has real headings and every reference", async () => {
    const zip = await JSZip.loadAsync(await download(locale, "docx"));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain('w:val="Heading1"');
    for (const ref of refs) expect(xml).toContain(ref);
  });

  it("PDF text has the references and the received count", async () => {
    const text = await pdfPagesText(await download(locale, "pdf"));
    for (const ref of refs) expect(text.replace(/\s+/g, "")).toContain(ref);
    expect(text).toContain(String(stats.totals.received));
  });
});

describe("the public edition", () => {
  it("has no officials-only submission, no name where anonymity was asked, no contact data", async () => {
    const json = JSON.parse((await download("en", "json", "public")).toString("utf8"));
    const text = JSON.stringify(json);
    expect(text).not.toContain(officialsOnly);
    expect(text).not.toContain("OFFICIALS-ONLY");
    expect(text).not.toContain(anonymousOrg);
    expect(text).not.toContain("@contact.example");
    const csv = (await download("fr", "csv", "public")).toString("utf8");
    expect(csv).not.toContain("OFFICIALS-ONLY");
    expect(csv).not.toContain(anonymousOrg);
    const pdf = await pdfPagesText(await download("es", "pdf", "public"));
    expect(pdf).not.toContain("OFFICIALS-ONLY");
    expect(pdf).not.toContain(anonymousOrg);
  });

  it("is what the public downloads from the topic page; anonymous visitors cannot get the committee edition", async () => {
    const topic = await t.db.selectFrom("topics").select("slug").where("area_id", "=", areaId).where("party_code", "=", "CA").executeTakeFirstOrThrow();
    const res = await get(server.url, `/fr/consultations/${topic.slug}/summary/csv`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).not.toContain("OFFICIALS-ONLY");
    expect((await get(server.url, `/en/admin/summaries/download?scope=area&area=${areaId}&edition=committee&locale=en&format=csv`)).status).toBe(302);
    expect((await get(server.url, `/en/consultations/${topic.slug}/summary/exe`)).status).toBe(404);
  });
});

describe("a summary too large for a Word document", () => {
  // The docx library builds the whole document in memory: above SUMMARY_DOCX_MAX_SUBMISSIONS the
  // DOCX is refused (with what to use instead) and left out of editions; other formats stream.
  let small: RunningServer;
  let moderator = "";
  beforeAll(async () => {
    // Only this server works jobs from here on: the public files are built with its limit.
    await server.stop();
    small = await startServer({ ...t.env, SUMMARY_DOCX_MAX_SUBMISSIONS: "3" });
    const mod = await createUser(t.db, { role: "moderator", party: "CA" });
    moderator = `${await sessionCookieFor(t.db, mod.id)}; ${CSRF_COOKIE_PAIR}`;
    // Canada's topic gets a fourth public submission: one over the limit.
    const s = await createSubmissionFor(t.db, { topicSlug: topicOf("CA"), values: { country: "CA", publication: "anonymous" } });
    await moderate(t.db, { id: mod.id, role: "moderator", partyCode: "CA" }, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    // The server rebuilds the public files (the test process runs none: its limit is the default).
    await queuePublicSummarySweep(t.db, { now: true });
    await waitForJobs(t.db);
  }, 120_000);
  afterAll(async () => {
    await small?.stop();
  });
  const area = (format: string, locale = "en") =>
    get(small.url, `/${locale}/admin/summaries/download?scope=area&area=${areaId}&edition=committee&locale=${locale}&format=${format}`, committee);

  it("sends the committee back to the form, which says why and what to use instead; other formats still download", async () => {
    const refused = await area("docx", "fr");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/fr/admin/summaries?notice=docxTooLarge");
    const page = await (await get(small.url, refused.headers.get("location")!, committee)).text();
    expect(page).toContain("Ce résumé compte plus de contributions qu’un fichier Word (DOCX) ne peut en contenir ici (3 au plus)");
    expect(page).toContain("résumés de 3 contributions au plus");
    expect((await area("xlsx")).status).toBe(200);
  });

  it("offers the public the DOCX of a topic at the limit, not of one over it", async () => {
    const [atLimit, overLimit] = [topicOf("CL"), topicOf("CA")];
    expect(await (await get(small.url, `/en/consultations/${atLimit}`)).text()).toContain(`/en/consultations/${atLimit}/summary/docx`);
    const res = await get(small.url, `/en/consultations/${atLimit}/summary/docx`);
    expect(res.status).toBe(200);
    expect((await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file("word/document.xml")).not.toBeNull();
    const page = await (await get(small.url, `/es/consultations/${overLimit}`)).text();
    expect(page).not.toContain(`/es/consultations/${overLimit}/summary/docx`);
    expect(page).toContain(`/es/consultations/${overLimit}/summary/xlsx`);
    const refused = await get(small.url, `/es/consultations/${overLimit}/summary/docx`);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("Este resumen incluye más aportes de los que admite un archivo Word (DOCX) aquí (como máximo 3)");
  });

  it("compiles an edition without its DOCX files and says why on the editions page", async () => {
    const before = await t.db
      .selectFrom("summary_editions")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst();
    const compiled = await postForm(
      small.url,
      "/en/admin/summaries",
      { intent: "compile", scope: "area", area: String(areaId), edition: "committee" },
      { cookie: moderator },
    );
    expect(compiled.status).toBe(302);
    let edition: { id: number; status: string } | undefined;
    for (let i = 0; i < 120; i++) {
      edition = await t.db
        .selectFrom("summary_editions")
        .select(["id", "status"])
        .where("id", ">", Number(before?.id ?? 0))
        .executeTakeFirst();
      if (edition && edition.status !== "compiling") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(edition?.status).toBe("compiled");
    const files = await t.db.selectFrom("summary_edition_files").select(["format", "locale"]).where("edition_id", "=", edition!.id).execute();
    expect(files).toHaveLength(12);
    expect(files.map((f) => f.format)).not.toContain("docx");
    expect(await (await get(small.url, "/en/admin/summaries", moderator)).text()).toContain("No Word (DOCX) file: this edition has more than 3 submissions.");
  }, 120_000);
});
