// The PDF summary: what a reader sees (text extracted with pdf.js), what assistive technology gets
// (the catalog, the structure tree, artifacts), byte-for-byte repeatability. Memory on a large
// edition is measured by `npm run bench:export`, not here.
import { existsSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { LibraryInternalsChanged } from "~/exports/library-internals.server";
import { adoptDocument, compactChildren, currentFont, pdfkitFastPath } from "~/exports/pdfkit-internals.server";
import { writeSummaryPdf, type PdfOptions } from "~/exports/summary-pdf.server";
import { getT } from "~/i18next.server";
import type { Summary } from "~/models/summary-types";
import { writtenBytes } from "./helpers/written-bytes";
import { summaryFixture } from "./summary-fixture";

type Locale = "en" | "fr" | "es";

const render = (summary: Summary, options?: PdfOptions) => writtenBytes((out) => writeSummaryPdf(summary, out, options));

async function open(pdf: Buffer) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

interface Run {
  text: string;
  /** The marked content the text is in: "Artifact", a structure type with its MCID, or null. */
  tag: string | null;
  mcid: string | null;
}

/** Each page's text, with the marked content each piece is in. */
async function pageRuns(pdf: Buffer): Promise<Run[][]> {
  const doc = await open(pdf);
  const pages: Run[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true });
    const stack: Array<{ tag: string | null; mcid: string | null }> = [];
    const runs: Run[] = [];
    for (const item of content.items as Array<{ type?: string; tag?: string; id?: string | null; str?: string }>) {
      if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") stack.push({ tag: item.tag ?? null, mcid: item.id ?? null });
      else if (item.type === "endMarkedContent") stack.pop();
      else if (item.str !== undefined) runs.push({ text: item.str, tag: stack.at(-1)?.tag ?? null, mcid: stack.at(-1)?.mcid ?? null });
    }
    pages.push(runs);
  }
  await doc.destroy();
  return pages;
}

/** The text of a page, pieces joined by spaces, whitespace collapsed. */
function pageText(runs: Run[]): string {
  return runs
    .map((r) => r.text)
    .join(" ")
    .replace(/\s+/g, " ");
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
  let runs: Run[][];
  let pages: string[];

  it("renders the title page, contents, figures, syntheses and submissions in that language", async () => {
    pdf = await render(summary());
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    runs = await pageRuns(pdf);
    pages = runs.map(pageText);
    const all = pages.join("\n");

    for (const heading of [
      t("summary.title"),
      t("summary.subtitle"),
      t("summary.contents"),
      t("summary.sections.topics"),
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
      t("summary.noTheme"),
      t("summary.noSynthesis"),
      t("summary.editions.committee"),
      t("summary.editionNote.committee"),
      t("summary.answers"),
      t("summary.officialTranslation", { language: summary().meta.labels.languages[locale] }),
      t("summary.sentBy", { count: 5 }),
      t("summary.metrics.distinctContributions"),
    ]) {
      expect(all, heading).toContain(heading.replace(/\s+/g, " "));
    }
    // Every submission, by its reference.
    for (let i = 0; i < 30; i++) expect(all).toContain(`${i % 2 ? "CL" : "CA"}-2026-${String(i + 1).padStart(5, "0")}`);
    // Bylines: names when given, else the type of stakeholder and the region.
    expect(all).toContain('Author 0, Organisation 0, "quoted"; semi');
    expect(all).toContain("Label academic · Biobío");
    // Suppressed counts of people, in the chart and in the table, in this language.
    const fewer = t("summary.fewerThan5");
    const genderPage = pages.find((p) => p.includes(t("summary.suppressionNote").replace(/\s+/g, " ")));
    expect(genderPage).toBeDefined();
    expect(genderPage!.split(fewer).length - 1).toBeGreaterThanOrEqual(8);
    if (locale !== "en") expect(all).not.toContain("fewer than 5");
    // Accents and typographic punctuation come out as written.
    expect(all).toContain("Les données commerciales ventilées par sexe devraient être publiées chaque année.");
    expect(all).toContain("Las mujeres en la minería");
    expect(all).toContain("Proposal 12: données & datos");
    expect(all).toContain(t("summary.suppressionNote").includes("“") ? "“" : "«");
  });

  it("numbers every page 'X of Y' (as an artifact) and the contents give the pages the sections start on", () => {
    const total = pages.length;
    expect(total).toBeGreaterThan(8);
    pages.forEach((text, i) => expect(text).toContain(t("summary.page", { page: i + 1, pages: total })));
    for (const pageRuns of runs) {
      const prefix = t("summary.page", { page: 1, pages: 2 }).split(" ")[0]!;
      const numbers = pageRuns.filter((r) => r.text.startsWith(prefix) && /\d/.test(r.text));
      expect(numbers.length).toBeGreaterThan(0);
      for (const r of numbers) expect(r.tag).toBe("Artifact");
      // Nothing else is left out of the structure: every piece of text is tagged or an artifact.
      for (const r of pageRuns) if (r.text.trim()) expect(r.tag === "Artifact" || r.mcid !== null, r.text).toBe(true);
    }

    const contents = pages[1]!;
    expect(contents).toContain(t("summary.contents"));
    for (const key of ["figures", "synthesis", "submissions"] as const) {
      const heading = t(`summary.sections.${key}`);
      // The page with that heading (an H1).
      const at = runs.findIndex((page) => page.some((r) => r.tag === "H1" && r.text === heading)) + 1;
      expect(at).toBeGreaterThan(2);
      expect(contents).toContain(`${heading.replace(/\s+/g, " ")} ${at}`);
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
    expect(raw).toMatch(/\/O \/Table\n\/Scope \/Column/);
    // Embedded fonts, DejaVu Sans from Debian's fonts-dejavu-core (the PDF/UA claim is made only with them).
    if (existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) {
      expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
      expect(raw).toContain("<pdfuaid:part>1</pdfuaid:part>");
    }

    const elements = await structElements(pdf);
    const roles = new Set(elements.map((e) => e.role));
    for (const role of ["H1", "H2", "H3", "H4", "H5", "Table", "TH", "TD", "Figure", "L", "LI", "Lbl", "LBody", "P", "Link"])
      expect(roles, role).toContain(role);
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
    const doc = await open(first);
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.CreationDate).toBe("D:20261129120000Z");
    expect(info.ModDate).toBe("D:20261129120000Z");
    expect(info.Title).toBe(`${getT("fr")("summary.title")} — Bilateral — Work plan area 3 (Article N bis-03.2)`);
    await doc.destroy();
  });

  it("writes its cross-reference table in blocks, with the same bytes as pdfkit's own", async () => {
    const summary = () => summaryFixture({ count: 40, locale: "es" });
    const tables = pdfkitFastPath.xrefTables;
    const own = await render(summary(), { xrefBlock: 0 });
    expect(pdfkitFastPath.xrefTables).toBe(tables); // pdfkit's own writer
    const tail = own.subarray(own.lastIndexOf("\nxref\n") + 1).toString("latin1");
    const objects = Number(/^xref\n0 (\d+)\n/.exec(tail)![1]) - 1;
    // Blocks that do not divide the number of objects, and one that holds them all; each time
    // the blocks are what wrote the table, so switching them off fails here too.
    for (const xrefBlock of [7, 1000, 1_000_000]) {
      const before = { ...pdfkitFastPath };
      expect((await render(summary(), { xrefBlock })).equals(own)).toBe(true);
      expect(pdfkitFastPath.xrefTables - before.xrefTables).toBe(1);
      expect(pdfkitFastPath.xrefBlocks - before.xrefBlocks).toBe(Math.ceil(objects / xrefBlock));
    }
    expect(tail).toMatch(/^xref\n0 (\d+)\n0000000000 65535 f \n(\d{10} 00000 n \n)+trailer\n<<\n\/Size \1\n/);
    const doc = await open(own);
    expect(doc.numPages).toBeGreaterThan(3);
    await doc.destroy();
  });

  it("compacts finished pages and written structure elements as it goes, by default", async () => {
    const before = { ...pdfkitFastPath };
    await render(summaryFixture({ count: 40, locale: "en" }));
    expect(pdfkitFastPath.documents - before.documents).toBe(1);
    expect(pdfkitFastPath.xrefTables - before.xrefTables).toBe(1);
    expect(pdfkitFastPath.compactedPages - before.compactedPages).toBeGreaterThan(3);
    expect(pdfkitFastPath.compactedChildren - before.compactedChildren).toBeGreaterThan(40);
  });

  it("throws, rather than falling back, when pdfkit no longer has a private member it relies on", () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    expect(() => adoptDocument(doc)).not.toThrow();
    const changed = <T extends object>(of: T, hidden: string): T =>
      new Proxy(of, { get: (o, key, r) => (key === hidden ? undefined : Reflect.get(o, key, r)) });
    expect(() => adoptDocument(changed(doc, "_offsets"))).toThrow(LibraryInternalsChanged);
    expect(() => adoptDocument(changed(doc, "_root"))).toThrow(/pdfkit internals changed: PDFDocument._root/);
    expect(() => compactChildren(changed(doc.struct("P"), "_children"))).toThrow(LibraryInternalsChanged);
    expect(() => currentFont(changed(doc, "_font"))).toThrow(LibraryInternalsChanged);
  });

  it("says so when there is no submission, and still gives every party its heading", async () => {
    const base = summaryFixture({ count: 0, locale: "es" });
    const pages = (await pageRuns(await render({ ...base, submissionCount: 0, async *submissions() {} }))).map(pageText);
    const t = getT("es");
    const last = pages.at(-1)!;
    expect(last).toContain(t("summary.sections.submissions"));
    expect(last.split(t("summary.noSubmissions")).length - 1).toBe(2);
    expect(last).toContain("Canada");
    expect(last).toContain("Chile");
  });

  it("rejects, and stops, when the output fails", async () => {
    let written = 0;
    let writes = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        writes++;
        callback(written > 200_000 ? new Error("the client went away") : null);
      },
    });
    await expect(writeSummaryPdf(summaryFixture({ count: 2_000 }), out)).rejects.toThrow();
    expect(writes).toBeLessThan(10);
  });
});
