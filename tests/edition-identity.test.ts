import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWriters, summaryFormats, type SummaryFormat } from "~/exports/formats.server";
import { signOff, startCompilation, verifyEdition } from "~/models/editions.server";
import { buildSummary } from "~/models/summaries.server";
import { formatDateTime } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { createApprovedSubmission, createParties, createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { runJobs } from "./helpers/jobs";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";
import { writtenBytes } from "./helpers/written-bytes";

// Issue 13, item 11: every file says which summary it is. An edition's files state its number,
// when it was frozen and whose sign-off it needs, and point to the manifest, which lists each
// file's SHA-256 and the sign-offs as they stand (signing never changes the hashed files); a
// summary built on demand says it is not an official edition, in every format.
let t: TestDatabase;
let server: RunningServer;
const actors = {} as Record<"modCA" | "modCL" | "admin" | "committee", Actor & { name: string }>;
const cookies = {} as Record<"modCA" | "committee", string>;
const filesDir = mkdtempSync(join(tmpdir(), "puente-identity-"));
process.env.FILES_DIR = filesDir;

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  const officials = await createSummaryOfficials(t.db);
  Object.assign(actors, officials.actors);
  Object.assign(cookies, officials.cookies);
  for (const party of ["CA", "CL"] as const) {
    const topic = await createTopic(t.db, { party });
    for (let i = 0; i < 2; i++) {
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

const flat = (s: string) => s.replace(/\s+/g, " ");

/** The readable text of a file of any format, whitespace collapsed. */
async function textOf(format: SummaryFormat, bytes: Buffer): Promise<string> {
  switch (format) {
    case "pdf": {
      const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
      const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
        .promise;
      let text = "";
      for (let n = 1; n <= Math.min(doc.numPages, 2); n++) {
        text += ` ${((await (await doc.getPage(n)).getTextContent()).items as Array<{ str?: string }>).map((i) => i.str ?? "").join(" ")}`;
      }
      await doc.destroy();
      return flat(text);
    }
    case "docx": {
      const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
      return flat(
        xml
          .replace(/<\/w:p>/g, " ")
          .replace(/<[^>]+>/g, "")
          .replace(/&amp;/g, "&")
          .replace(/&quot;/g, '"'),
      );
    }
    case "xlsx": {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
      const cells: string[] = [];
      wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
      return flat(cells.join(" "));
    }
    default:
      return flat(bytes.toString("utf8"));
  }
}

const render = (format: SummaryFormat, summary: Awaited<ReturnType<typeof buildSummary>>) => writtenBytes((out) => formatWriters[format].write(summary, out));

const official = { en: "Official edition no.", fr: "Édition officielle n°", es: "Edición oficial n.º" } as const;
const notOfficial = { en: "Not an official edition", fr: "Ce n’est pas une édition officielle", es: "No es una edición oficial" } as const;

describe("which summary a file is", () => {
  it("every file of an edition states its number, when it was frozen and whose sign-off it needs; the manifest gives the sign-offs", async () => {
    const started = await startCompilation(t.db, actors.modCA, { scope: { kind: "all" }, edition: "public" });
    await runJobs(t.db);
    const row = await t.db.selectFrom("summary_editions").selectAll().where("id", "=", started.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("compiled");
    const files = await t.db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", started.id).execute();
    expect(files).toHaveLength(15);
    for (const file of files) {
      const text = await textOf(file.format, readFileSync(join(filesDir, file.file_key)));
      const date = flat(`${formatDateTime(row.created_at, file.locale, "UTC")} UTC`);
      const where = `${file.format}/${file.locale}`;
      expect(text, where).toContain(`${official[file.locale]} ${row.number}`);
      expect(text, where).toContain(date);
      if (file.format === "json") {
        expect(JSON.parse(text).meta.officialEdition, where).toEqual({
          number: row.number,
          frozenAt: row.created_at,
          signatories: ["CA", "CL"],
          signOffs: "manifest",
        });
      } else if (file.format !== "csv") {
        // The first page names the countries whose sign-off it needs and sends to the manifest.
        expect(text, where).toMatch(
          file.locale === "en"
            ? /Sign-off by Canada and Chile: .*manifest/
            : file.locale === "fr"
              ? /Approbation par Canada et Chili\s?: .*manifeste/
              : /Visto bueno de Canadá y Chile: .*manifiesto/,
        );
      }
      expect(text, where).not.toContain(notOfficial[file.locale]);
    }

    // The manifest, before any sign-off: each file's SHA-256, and "not yet signed" for each country.
    const manifestUrl = `/en/admin/summaries/editions/${started.id}/manifest`;
    const before = await get(server.url, `${manifestUrl}/json`, cookies.committee);
    expect(before.status).toBe(200);
    expect(before.headers.get("content-disposition")).toContain("-edition-1-manifest.json");
    const m1 = (await before.json()) as {
      edition: { number: number; frozenAt: string };
      signOffs: unknown[];
      files: Array<{ fileName: string; sha256: string }>;
    };
    expect(m1.edition).toMatchObject({ number: row.number, frozenAt: row.created_at });
    expect(m1.signOffs).toEqual([
      { party: "CA", signed: false, signedBy: null, signedAt: null },
      { party: "CL", signed: false, signedBy: null, signedAt: null },
    ]);
    expect(m1.files).toHaveLength(15);
    for (const file of files) {
      const actual = createHash("sha256")
        .update(readFileSync(join(filesDir, file.file_key)))
        .digest("hex");
      expect(m1.files).toContainEqual(expect.objectContaining({ fileName: file.file_name, sha256: actual }));
    }
    const text1 = await (await get(server.url, `${manifestUrl}/txt`, cookies.committee)).text();
    expect(text1).toContain(`Puente — manifest of edition no. ${row.number}`);
    expect(text1).toContain("Sign-off for Canada: not yet signed");
    expect(text1).toContain("Sign-off for Chile: not yet signed");
    for (const file of files) expect(text1).toContain(`${file.sha256}  ${file.file_name}\n`);

    // Canada signs off: the manifest says who and when; the files (and their hashes) stay the same.
    const signedAt = new Date("2026-12-01T15:30:00.000Z");
    await signOff(t.db, actors.modCA, started.id, signedAt);
    const m2 = (await (await get(server.url, `${manifestUrl}/json`, cookies.committee)).json()) as typeof m1;
    expect(m2.signOffs).toEqual([
      { party: "CA", signed: true, signedBy: actors.modCA.name, signedAt: signedAt.toISOString() },
      { party: "CL", signed: false, signedBy: null, signedAt: null },
    ]);
    expect(m2.files).toEqual(m1.files);
    const text2 = await (await get(server.url, `${manifestUrl}/txt`, cookies.committee)).text();
    expect(text2).toContain(`Sign-off for Canada: signed off by ${actors.modCA.name} on`);
    expect(text2).toContain("2026-12-01T15:30:00.000Z");
    expect(text2).toContain("Sign-off for Chile: not yet signed");
    expect((await verifyEdition(t.db, actors.committee, started.id)).ok).toBe(true);

    // The editions page links to it; unknown editions and types are a 404.
    expect(await (await get(server.url, "/en/admin/summaries", cookies.modCA)).text()).toContain(`${manifestUrl}/txt`);
    expect((await get(server.url, `${manifestUrl}/xml`, cookies.committee)).status).toBe(404);
    expect((await get(server.url, `/en/admin/summaries/editions/99999/manifest/json`, cookies.committee)).status).toBe(404);
  }, 120_000);

  it("a summary built on demand says it is not an official edition, in every format and language", async () => {
    for (const locale of ["en", "fr", "es"] as const) {
      const summary = await buildSummary(t.db, { scope: { kind: "all" }, edition: "committee", locale });
      for (const format of summaryFormats) {
        const text = await textOf(format, await render(format, summary));
        expect(text, `${format}/${locale}`).toContain(notOfficial[locale]);
        expect(text, `${format}/${locale}`).not.toContain(official[locale]);
        if (format === "json") expect(JSON.parse(text).meta.officialEdition).toBeNull();
      }
    }
  }, 120_000);
});
