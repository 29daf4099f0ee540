import { Writable } from "node:stream";
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderSummaryDocx, writeSummaryDocx, type SummaryData } from "~/exports/summary-docx.server";
import { getT } from "~/i18next.server";
import type { Summary, SummarySubmission } from "~/models/summary-types";
import { writtenBytes } from "./helpers/written-bytes";
import { summaryFixture } from "./summary-fixture";

type Locale = "en" | "fr" | "es";
const COUNT = 30;

const render = (summary: Summary) => writtenBytes((out) => writeSummaryDocx(summary, out));

/**
 * The fixture in the summary's language, its submissions in the "grouped" order the real
 * summary yields (party, primary theme with untagged last, stakeholder type, reference).
 */
function fixture(locale: Locale, count = COUNT, edit?: (s: SummarySubmission) => SummarySubmission): Summary {
  const summary = summaryFixture({ count, locale });
  const source = summary.submissions.bind(summary);
  summary.submissions = async function* () {
    const all: SummarySubmission[] = [];
    for await (const s of source()) all.push(edit ? edit(s) : s);
    const key = (s: SummarySubmission) => [s.party, s.primaryTheme === null ? "\uffff" : s.primaryTheme, s.stakeholderType, s.reference].join("\u0000");
    all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    yield* all;
  };
  return summary;
}

async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const text = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} is missing`);
    return file.async("string");
  };
  const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((f) => f.async("string")));
  return {
    zip,
    document: await text("word/document.xml"),
    core: await text("docProps/core.xml"),
    styles: await text("word/styles.xml"),
    settings: await text("word/settings.xml"),
    footers,
  };
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The text of each paragraph of a given style, entities decoded. */
function paragraphsWithStyle(xml: string, style: string): string[] {
  const out: string[] = [];
  for (const [, p] of xml.matchAll(/<w:p>(.*?)<\/w:p>/g)) {
    if (!p!.includes(`<w:pStyle w:val="${style}"/>`)) continue;
    out.push(textOf(p!));
  }
  return out;
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

const languageTag = { en: "en-CA", fr: "fr-CA", es: "es-CL" } as const;

describe("summary DOCX", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const locale of ["en", "fr", "es"] as const) {
    it(`lays out the summary in ${locale} with real headings, a table of contents and page numbers`, async () => {
      const t = getT(locale);
      const summary = fixture(locale);
      const { document, core, styles, settings, footers } = await open(await render(summary));

      expect(XMLValidator.validate(document)).toBe(true);
      const h1 = paragraphsWithStyle(document, "Heading1");
      const h2 = paragraphsWithStyle(document, "Heading2");
      const h3 = paragraphsWithStyle(document, "Heading3");
      const h4 = paragraphsWithStyle(document, "Heading4");

      // Title page in the chosen language.
      expect(paragraphsWithStyle(document, "Title")).toEqual([t("summary.title")]);
      expect(document).toContain(escapeXml(t("summary.subtitle")));
      expect(document).toContain(escapeXml(t(`summary.editions.committee`)));
      expect(document).toContain(escapeXml(t(`summary.editionNote.committee`)));
      expect(document).toContain(escapeXml(t("summary.scope", { scope: summary.meta.scopeLabel })));

      // Section headings are Heading 1 / 2 / 3 paragraphs, in the chosen language.
      // Events (issue 19) come after the figures; this summary has none, and says so.
      expect(h1).toEqual([t("summary.sections.figures"), t("summary.events.title"), t("summary.sections.synthesis"), t("summary.sections.submissions")]);
      expect(document).toContain(escapeXml(t("summary.events.none")));
      for (const k of ["topics", "byStakeholder", "byRegion", "byLanguage", "womenLed", "gender", "themes", "campaigns"] as const) {
        expect(h2).toContain(t(`summary.sections.${k}`));
      }
      // Submissions: party → primary theme (untagged: "without a theme") → stakeholder type.
      expect(h2.filter((h) => h === "Canada" || h === "Chile")).toEqual(["Canada", "Chile", "Canada", "Chile"]);
      expect(h3).toEqual([t("summary.noTheme"), "Sex-disaggregated data"]);
      expect(h4).toContain("Label union");

      // Every submission, with its reference as a heading.
      const h5 = paragraphsWithStyle(document, "Heading5");
      expect(h5).toHaveLength(COUNT);
      for (let i = 0; i < COUNT; i++) {
        const reference = `${i % 2 ? "CL" : "CA"}-2026-${String(i + 1).padStart(5, "0")}`;
        expect(h5.some((h) => h.startsWith(reference))).toBe(true);
      }
      expect(document).toContain(escapeXml(t("summary.officialTranslation", { language: summary.meta.labels.languages[locale] })));
      expect(document).toContain(escapeXml(t("summary.sentBy", { count: 5 })));
      expect(document).toContain(escapeXml(t("summary.answers")));
      expect(document).toContain(escapeXml(t("summary.publication.officials")));

      // A suppressed count reads "fewer than 5" in the chosen language, in a table cell.
      expect(document).toMatch(new RegExp(`<w:tc>(?:(?!</w:tc>).)*<w:t xml:space="preserve">${escapeXml(t("summary.fewerThan5"))}</w:t>`));
      expect(document).toContain(escapeXml(t("summary.suppressionNote")));

      // Table of contents field, filled by Word when it opens the file.
      expect(document).toMatch(/<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-3&quot;<\/w:instrText>/);
      expect(settings).toContain("<w:updateFields/>");

      // Header rows of the tables repeat and are announced as headers.
      expect(document.match(/<w:tblHeader\/>/g)!.length).toBeGreaterThanOrEqual(8);

      // "Page X of Y" with PAGE and NUMPAGES fields.
      const footer = footers.join("");
      expect(footer).toContain(">PAGE</w:instrText>");
      expect(footer).toContain(">NUMPAGES</w:instrText>");
      expect(textOf(footer)).toBe(t("summary.page", { page: "", pages: "" }));

      // Document language and properties.
      expect(styles).toMatch(new RegExp(`<w:docDefaults><w:rPrDefault><w:rPr>.*<w:lang w:val="${languageTag[locale]}"/>`));
      expect(core).toContain(`<dc:title>${escapeXml(`${t("summary.title")} — ${summary.meta.scopeLabel}`)}</dc:title>`);
      expect(core).toContain(`<dc:subject>${escapeXml(`${t("summary.subtitle")}. ${t("summary.editions.committee")}.`)}</dc:subject>`);
      expect(core).toContain("<dc:creator>Puente</dc:creator>");
      expect(core).toContain(`<dc:language>${languageTag[locale]}</dc:language>`);
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-29T12:00:00Z</dcterms:created>');
    });
  }

  it('keeps & < > " quotes and accents, and drops control characters, as the PDF does', async () => {
    const tricky = "Tom & Jerry <b>bold</b> \"double\" 'single' «guillemets» ñandú Œuvre café — 5 > 3";
    const summary = fixture("fr", 6, (s) =>
      s.reference === "CA-2026-00001"
        ? { ...s, title: tricky, text: `${tricky}\u000b\u0001\u0085\u007f end\n\nSecond paragraph\twith a tab`, organisation: 'Org & "Co" <ltd>', author: null }
        : s,
    );
    summary.parties[0]!.synthesis = `Synthèse : ${tricky}`;
    const { document, core } = await open(await render(summary));

    expect(XMLValidator.validate(document)).toBe(true);
    expect(XMLValidator.validate(core)).toBe(true);
    const text = textOf(document);
    expect(text).toContain(`CA-2026-00001 — ${tricky}`);
    expect(text).toContain(`${tricky} end`);
    expect(text).toContain("Second paragraph");
    expect(text).toContain('Org & "Co" <ltd>');
    expect(text).toContain(`Synthèse : ${tricky}`);
    expect(text).toContain("Care work & childcare <b>");
    expect(document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(document).toContain("<w:tab/>");
  });

  it("says so when no submission is included", async () => {
    const t = getT("es");
    const { document } = await open(await render(fixture("es", 0)));
    expect(document.split(escapeXml(t("summary.noSubmissions"))).length - 1).toBe(2);
    expect(paragraphsWithStyle(document, "Heading5")).toEqual([]);
  });

  it("says so for a party without submissions, and leaves out the party column with one party", async () => {
    const t = getT("fr");
    const summary = fixture("fr", 8);
    summary.parties = [summary.parties[1]!];
    const source = summary.submissions.bind(summary);
    summary.submissions = async function* () {
      for await (const s of source()) if (s.party === "CL") yield s;
    };
    const { document } = await open(await render(summary));
    expect(paragraphsWithStyle(document, "Heading2").filter((h) => h === "Chile")).toHaveLength(2);
    expect(document).not.toContain(escapeXml(t("summary.noSubmissions")));
    expect(document).not.toContain(`>${escapeXml(t("summary.columns.party"))}<`);
    expect(document).not.toContain(`>${escapeXml(t("summary.total"))}<`);

    const empty = fixture("fr", 8);
    const all = empty.submissions.bind(empty);
    empty.submissions = async function* () {
      for await (const s of all()) if (s.party === "CL") yield s;
    };
    const doc2 = (await open(await render(empty))).document;
    const h2 = paragraphsWithStyle(doc2, "Heading2");
    expect(h2.slice(h2.indexOf(t("summary.sections.campaigns")) + 1)).toEqual(["Canada", "Chile", "Canada", "Chile"]);
    expect(doc2.split(escapeXml(t("summary.noSubmissions"))).length - 1).toBe(1);
  });

  it("gives the same bytes for the same summary, whenever it is rendered", async () => {
    // What the worker runs, here in this thread, so that its clock can be moved.
    const data = async (summary: Summary): Promise<SummaryData> => {
      const submissions: SummarySubmission[] = [];
      for await (const s of summary.submissions("grouped")) submissions.push(s);
      return { ...summary, submissions };
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T08:00:00Z"));
    const first = await renderSummaryDocx(await data(fixture("en")));
    vi.setSystemTime(new Date("2031-06-15T17:43:21Z"));
    const second = await renderSummaryDocx(await data(fixture("en")));
    expect(first.equals(second)).toBe(true);
    vi.useRealTimers();
    expect((await render(fixture("en"))).equals(first)).toBe(true);

    const { zip, core } = await open(first);
    expect(core).not.toContain("2030");
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(["2026-11-29T12:00:00.000Z"]);
  });

  it("builds the document in a worker thread: running out of memory there fails that file only", async () => {
    const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(writeSummaryDocx(fixture("es", 200), sink, { heapMb: 4 })).rejects.toMatchObject({ code: "ERR_WORKER_OUT_OF_MEMORY" });
    // This process, and the next document, are unaffected.
    expect((await open(await render(fixture("es", 5)))).document).toContain("<w:body>");
  });
});
