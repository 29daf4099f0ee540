// The PDF summary: what a reader sees (text extracted with pdf.js), what assistive technology gets
// (the catalog and the structure tree), byte-for-byte repeatability, and memory on a large summary.
import { Writable } from "node:stream";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { writeSummaryPdf } from "~/exports/summary-pdf.server";
import { getT } from "~/i18next.server";
import type { Summary } from "~/models/summary-types";
import { summaryFixture } from "./summary-fixture";

type Locale = "en" | "fr" | "es";

async function render(summary: Summary): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeSummaryPdf(summary, out);
  return Buffer.concat(chunks);
}

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The text of each page, items joined by spaces, whitespace collapsed. */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf);
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  await doc.destroy();
  return pages;
}

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: StructNode[];
}

/** Every structure element pdf.js finds on the pages (role, Alt, Lang), in order. */
async function structElements(pdf: Buffer): Promise<StructNode[]> {
  const doc = await open(pdf);
  const found: StructNode[] = [];
  const walk = (node: StructNode | null | undefined) => {
    if (!node) return;
    if (node.role && node.role !== "Root") found.push({ role: node.role, alt: node.alt, lang: node.lang });
    for (const child of node.children ?? []) walk(child);
  };
  for (let n = 1; n <= doc.numPages; n++) walk((await (await doc.getPage(n)).getStructTree()) as StructNode | null);
  await doc.destroy();
  return found;
}

/** The dictionary of indirect object `id` in the raw file (pdfkit writes dictionaries uncompressed). */
function object(raw: string, id: string): string {
  const match = new RegExp(`(?:^|\\n)${id} 0 obj\\n([\\s\\S]*?)\\nendobj`).exec(raw);
  if (!match) throw new Error(`object ${id} not found`);
  return match[1]!;
}

function catalog(raw: string): string {
  const match = /\n(\d+) 0 obj\n<<\n\/Type \/Catalog\n[\s\S]*?\nendobj/.exec(raw);
  if (!match) throw new Error("no catalog");
  return object(raw, match[1]!);
}

function ref(dictionary: string, key: string): string {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  if (!match) throw new Error(`no /${key} reference`);
  return match[1]!;
}

describe.each<Locale>(["en", "fr", "es"])("PDF summary in %s", (locale) => {
  const t = getT(locale);
  const summary = () => summaryFixture({ count: 30, locale });
  let pdf: Buffer;
  let pages: string[];

  it("renders the title page, contents, figures, syntheses and submissions in that language", async () => {
    pdf = await render(summary());
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    pages = await pageTexts(pdf);
    const all = pages.join("\n");

    for (const heading of [
      t("summary.title"),
      t("summary.subtitle"),
      t("summary.contents"),
      t("summary.sections.figures"),
      t("summary.sections.byStakeholder"),
      t("summary.sections.byLanguage"),
      t("summary.sections.womenLed"),
      t("summary.sections.gender"),
      t("summary.sections.byRegion"),
      t("summary.sections.themes"),
      t("summary.sections.campaigns"),
      t("summary.sections.synthesis"),
      t("summary.sections.submissions"),
      t("summary.sections.topics"),
      t("summary.noTheme"),
      t("summary.noSynthesis"),
      t("summary.editions.committee"),
      t("summary.answers"),
      t("summary.officialTranslation", { language: "English" }),
      t("summary.sentBy", { count: 5 }),
      t(`summary.metrics.distinctContributions`),
    ]) {
      expect(all, heading).toContain(heading.replace(/\s+/g, " "));
    }
    // Every submission, by its reference.
    for (let i = 0; i < 30; i++) expect(all).toContain(`${i % 2 ? "CL" : "CA"}-2026-${String(i + 1).padStart(5, "0")}`);
    // Bylines: names when given, else the type of stakeholder and the region.
    expect(all).toContain('Author 0, Organisation 0, "quoted"; semi');
    expect(all).toContain("Label business_association · Biobío");
    // Suppressed counts of people, in the chart and the table, in this language.
    const fewer = t("summary.fewerThan5");
    const genderPage = pages.find((p) => p.includes(t("summary.suppressionNote").replace(/\s+/g, " ")));
    expect(genderPage).toBeDefined();
    expect(genderPage!.split(fewer).length - 1).toBeGreaterThanOrEqual(4);
    if (locale !== "en") expect(all).not.toContain("fewer than 5");
    // Accents and typographic punctuation come out as written.
    expect(all).toContain("Les données commerciales ventilées par sexe devraient être publiées chaque année.");
    expect(all).toContain("Las mujeres en la minería");
    expect(all).toContain("Proposal 12: données & datos");
  });

  it("numbers every page 'X of Y' and the contents give the pages the sections start on", async () => {
    const total = pages.length;
    expect(total).toBeGreaterThan(8);
    pages.forEach((text, i) => expect(text).toContain(t("summary.page", { page: i + 1, pages: total })));

    const contents = pages[1]!;
    expect(contents).toContain(t("summary.contents"));
    for (const key of ["figures", "synthesis", "submissions"] as const) {
      const heading = t(`summary.sections.${key}`).replace(/\s+/g, " ");
      // The first page after the contents that shows the heading.
      const at = pages.findIndex((p, i) => i > 1 && p.includes(heading)) + 1;
      expect(at).toBeGreaterThan(2);
      expect(contents).toContain(`${heading} ${at}`);
    }
  });

  it("is a tagged PDF: catalog, language, title shown, structure with headings, lists, tables and figures", async () => {
    const raw = pdf.toString("latin1");
    const root = catalog(raw);
    expect(root).toContain(`/Lang (${locale})`);
    expect(object(raw, ref(root, "MarkInfo"))).toMatch(/\/Marked true/);
    expect(object(raw, ref(root, "StructTreeRoot"))).toMatch(/\/Type \/StructTreeRoot/);
    expect(object(raw, ref(root, "ViewerPreferences"))).toMatch(/\/DisplayDocTitle true/);
    expect(root).toMatch(/\/Outlines \d+ 0 R/);
    for (const type of ["Document", "Sect", "H1", "H2", "H3", "H4", "H5", "P", "L", "LI", "Lbl", "LBody", "Link", "Table", "TR", "TH", "TD", "Figure"]) {
      expect(raw, type).toContain(`/S /${type}\n`);
    }
    expect(raw).toMatch(/\/S \/Figure\n[^>]*\/Alt \(/);
    expect(raw).toMatch(/\/Artifact <<\n\/Type \/Pagination/);
    // Embedded fonts (the PDF/UA claim is made only with them).
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toContain("<pdfuaid:part>1</pdfuaid:part>");

    const elements = await structElements(pdf);
    const roles = new Set(elements.map((e) => e.role));
    for (const role of ["H1", "H2", "Table", "TH", "TD", "Figure", "L", "LI", "Lbl", "LBody", "P"]) expect(roles, role).toContain(role);
    const alts = elements.filter((e) => e.role === "Figure").map((e) => e.alt);
    expect(alts).toEqual(
      (["byStakeholder", "byLanguage", "womenLed", "gender"] as const).map((k) => t("summary.chartAlt", { title: t(`summary.sections.${k}`) })),
    );
    // Texts written in another language than the summary's say so.
    const other = (["en", "fr", "es"] as const).filter((l) => l !== locale);
    expect(elements.some((e) => e.role === "P" && other.includes(e.lang as Locale))).toBe(true);
  });
});

describe("PDF summary", () => {
  it("is the same, byte for byte, for the same summary", async () => {
    const first = await render(summaryFixture({ count: 12, locale: "fr", edition: "public" }));
    const second = await render(summaryFixture({ count: 12, locale: "fr", edition: "public" }));
    expect(first.equals(second)).toBe(true);
    const raw = first.toString("latin1");
    expect(raw).toContain("/CreationDate (D:20261129120000Z)");
    expect(raw).toContain("/ModDate (D:20261129120000Z)");
  });

  it("says so when there is no submission, and still lists every party", async () => {
    const base = summaryFixture({ count: 0, locale: "es" });
    const pages = await pageTexts(await render({ ...base, submissionCount: 0, async *submissions() {} }));
    const t = getT("es");
    const last = pages.slice(-1)[0]!;
    expect(last).toContain(t("summary.sections.submissions"));
    expect(last.split(t("summary.noSubmissions")).length - 1).toBe(2);
    expect(last).toContain("Canada");
    expect(last).toContain("Chile");
  });

  it("rejects and stops when the output goes away", async () => {
    let written = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        if (written > 200_000) callback(new Error("client went away"));
        else callback();
      },
    });
    await expect(writeSummaryPdf(summaryFixture({ count: 2_000 }), out)).rejects.toThrow();
  });

  it("streams 20,000 submissions with less than 300 MB of memory", { timeout: 600_000 }, async () => {
    let bytes = 0;
    let writes = 0;
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (++writes % 500 === 0) sample();
        callback();
      },
    });
    sample();
    await writeSummaryPdf(summaryFixture({ count: 20_000 }), out);
    sample();
    console.info(`20,000 submissions: ${(bytes / 1e6).toFixed(1)} MB of PDF, peak RSS ${(peakRss / 1e6).toFixed(0)} MB, peak heap ${(peakHeap / 1e6).toFixed(0)} MB`);
    expect(bytes).toBeGreaterThan(10_000_000);
    expect(peakRss).toBeLessThan(300 * 1024 * 1024);
    expect(peakHeap).toBeLessThan(300 * 1024 * 1024);
  });
});
