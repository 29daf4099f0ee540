// The summary as an editable Word document (DOCX): the same content as the PDF summary, with real
// heading styles (Word's navigation pane and the table of contents use them), table header rows
// that repeat and that screen readers announce, and the document language set to the summary's.
//
// docx builds the whole document in memory and zips it at the end (Packer): memory grows with the
// number of submissions, about 150 MiB plus 50 MiB per 1,000 (some 14 times the size of
// word/document.xml). Peak RSS with tests/summary-fixture.ts (texts averaging 2.5 kB): 1,000
// submissions 181 MiB, 5,000 389 MiB, 15,000 864 MiB, 17,000 995 MiB, 20,000 1,148 MiB; so about
// 17,000 such submissions fit in 1 GiB with Node's default heap settings. Hence the limit on the
// size of a DOCX summary (SUMMARY_DOCX_MAX_SUBMISSIONS, formats.server.ts) and the worker thread
// (writeSummaryDocx), which keeps that memory and that work off the server's main thread (ADR 009).
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  PageNumber,
  Packer,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableOfContents,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import type { TFunction } from "i18next";
import { getT } from "~/i18next.server";
import type { Locale } from "~/i18n";
import type { PartyFigures, Summary, SummarySubmission } from "~/models/summary-types";
import { formatDateTime } from "~/utils/format";
import { docxWorkers } from "~/utils/work-limiter.server";
import { workerFile } from "~/utils/workers.server";
import { breakdowns, eventSections, keyFigures, listings, showFigure, type FigureRow, type FigureValue } from "./summary-figures.server";
import { identityLines } from "./summary-identity.server";
import { dropControlCharacters, groupedSubmissions, languageTag, submissionByline } from "./summary-prose.server";

const CREATOR = "Puente";

/** The memory a DOCX worker may use before it is stopped (the server goes on): above the cap's needs. */
const workerHeapMb = 2048;

/**
 * Writes the summary as a .docx to `out`, then ends `out`. docx lays out and serialises the whole
 * document synchronously (about 1.3 s per 1,000 submissions here), which would stop the server
 * from answering anyone else meanwhile: the document is built in a worker thread instead, from the
 * summary's data read here. A worker that fails, or runs out of its memory, fails this download
 * only. At most SUMMARY_DOCX_WORKERS workers run at once (the others wait their turn), and `out`
 * closing early (the client went away) stops the reading, the wait or the worker.
 */
export async function writeSummaryDocx(summary: Summary, out: Writable, options: { heapMb?: number } = {}): Promise<void> {
  const stopped = new AbortController();
  const onClose = () => out.writableFinished || stopped.abort(new DOMException("The output closed before the DOCX was written.", "AbortError"));
  if (out.destroyed) onClose();
  out.once("close", onClose);
  try {
    const submissions: SummarySubmission[] = [];
    for await (const s of summary.submissions("grouped")) {
      stopped.signal.throwIfAborted();
      submissions.push(s);
    }
    const data: SummaryData = {
      meta: summary.meta,
      parties: summary.parties,
      totals: summary.totals,
      events: summary.events,
      submissionCount: summary.submissionCount,
      submissions,
    };
    const slot = await docxWorkers().acquire(stopped.signal);
    let zipped: Buffer;
    try {
      zipped = await new Promise<Buffer>((resolve, reject) => {
        stopped.signal.throwIfAborted();
        const worker = new Worker(workerFile("summary-docx"), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? workerHeapMb } });
        const terminate = () => {
          reject(stopped.signal.reason);
          void worker.terminate();
        };
        stopped.signal.addEventListener("abort", terminate, { once: true });
        const settle = () => stopped.signal.removeEventListener("abort", terminate);
        worker.once("message", (bytes: Uint8Array) => (settle(), resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))));
        worker.once("error", (error) => (settle(), reject(error)));
        worker.once("exit", (code) => (settle(), reject(new Error(`The DOCX worker stopped (exit code ${code}) before it finished.`))));
      });
    } finally {
      slot.release();
    }
    await pipeline(Readable.from([zipped]), out);
  } finally {
    out.off("close", onClose);
  }
}

/** A summary with its submissions read: what crosses to the worker (structured clone). */
export type SummaryData = Omit<Summary, "submissions"> & { submissions: SummarySubmission[] };

/** The .docx file's bytes (what the worker runs). */
export async function renderSummaryDocx(data: SummaryData): Promise<Buffer> {
  const summary: Summary = {
    ...data,
    async *submissions() {
      yield* data.submissions;
    },
  };
  const doc = await buildDocument(summary);
  const zipped = await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: coreXml(summary) }]);
  // JSZip stamps every entry with the time of packing: use the time the data was read instead,
  // so that the same summary gives the same bytes.
  setZipTimestamps(zipped, new Date(summary.meta.generatedAt));
  return zipped;
}

async function buildDocument(summary: Summary): Promise<Document> {
  const { meta } = summary;
  const t = getT(meta.locale);
  const f = new Layout(summary, t);

  const children: FileChild[] = [
    ...f.titlePage(),
    new Paragraph({ style: "TOCHeading", text: clean(t("summary.contents")), pageBreakBefore: true }),
    new TableOfContents(clean(t("summary.contents")), { hyperlink: true, headingStyleRange: "1-3" }),
    ...f.figures(),
    ...f.events(),
    ...f.syntheses(),
    ...(await f.submissions()),
  ];

  const props = properties(summary, t);
  return new Document({
    title: props.title,
    subject: props.subject,
    keywords: props.keywords,
    creator: CREATOR,
    lastModifiedBy: CREATOR,
    features: { updateFields: true },
    styles: styles(meta.locale),
    sections: [
      {
        properties: {
          // Letter, the usual paper size in Canada and Chile; 2 cm margins.
          page: { size: { width: 12240, height: 15840 }, margin: { top: 1134, right: 1134, bottom: 1134, left: 1134, header: 567, footer: 567 } },
        },
        headers: { default: new Header({ children: [new Paragraph({ style: "HeaderText", text: clean(`${t("summary.title")} — ${meta.scopeLabel}`) })] }) },
        footers: { default: new Footer({ children: [pageFooter(t)] }) },
        children,
      },
    ],
  });
}

/** Lays out the parts of the document; one per summary. */
class Layout {
  private readonly numbers: Intl.NumberFormat;
  private readonly parties: PartyFigures[];
  private readonly withTotal: boolean;

  constructor(
    private readonly summary: Summary,
    private readonly t: TFunction,
  ) {
    this.numbers = new Intl.NumberFormat(languageTag[summary.meta.locale]);
    this.parties = summary.parties;
    this.withTotal = summary.parties.length > 1;
  }

  titlePage(): Paragraph[] {
    const { meta } = this.summary;
    const t = this.t;
    const generated = `${formatDateTime(meta.generatedAt, meta.locale, "UTC")} UTC`;
    const out = [
      new Paragraph({ heading: HeadingLevel.TITLE, text: clean(t("summary.title")) }),
      new Paragraph({ style: "Subtitle", text: clean(t("summary.subtitle")) }),
      para(t("summary.scope", { scope: meta.scopeLabel })),
      new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: clean(t(`summary.editions.${meta.edition}`)), bold: true })] }),
      para(t(`summary.editionNote.${meta.edition}`)),
      ...identityLines(this.summary, t).map((line) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: clean(line), bold: true })] })),
      new Paragraph({ spacing: { before: 240 }, text: clean(t("summary.language", { language: meta.labels.languages[meta.locale] })) }),
      para(t("summary.generatedAt", { date: generated })),
    ];
    if (meta.topics.length > 0) {
      out.push(heading2(t("summary.sections.topics")));
      for (const topic of meta.topics) out.push(new Paragraph({ bullet: { level: 0 }, text: clean(`${topic.title} — ${this.partyName(topic.party)}`) }));
    }
    return out;
  }

  private partyName(code: string): string {
    return this.parties.find((p) => p.party === code)?.partyName ?? code;
  }

  figures(): FileChild[] {
    const t = this.t;
    const fewer = t("summary.fewerThan5");
    const count = (n: number) => this.numbers.format(n);
    const show = (v: FigureValue) => showFigure(v, count, fewer);
    const key = keyFigures(this.summary, t);
    const out: FileChild[] = [heading1(t("summary.sections.figures")), this.byParty(key.firstColumn, key.rows, show)];
    for (const b of breakdowns(this.summary, t)) {
      out.push(heading2(b.title), this.byParty(b.firstColumn, b.rows, show));
      if (b.note) out.push(para(b.note, { italics: true }));
    }
    for (const l of listings(this.summary, t, count)) out.push(...tableSection(l.title, l.headers, l.rows));
    return out;
  }

  /** The events held in the scope (ADR 045): the list, then attendance by party, withheld groups said so. */
  events(): FileChild[] {
    const t = this.t;
    const count = (n: number) => this.numbers.format(n);
    const show = (v: FigureValue) => showFigure(v, count, t("summary.fewerThan5"));
    const sections = eventSections(this.summary, t, count);
    const out: FileChild[] = [heading1(t("summary.events.title")), para(t("summary.events.intro"), { italics: true })];
    if (!sections) return [...out, para(t("summary.events.none"))];
    out.push(...tableSection(sections.list.title, sections.list.headers, sections.list.rows));
    out.push(heading2(t("summary.events.figures")), this.byParty(sections.key.firstColumn, sections.key.rows, show));
    for (const b of sections.breakdowns) out.push(heading2(b.title), this.byParty(b.firstColumn, b.rows, show));
    return out;
  }

  /** A table with one row per label and a column per party, then the total when there are two. */
  private byParty(firstColumn: string, rows: FigureRow[], show: (v: FigureValue) => string): Table {
    const headers = [firstColumn, ...this.parties.map((p) => p.partyName), ...(this.withTotal ? [this.t("summary.total")] : [])];
    const body = rows.map((r) => [r.label, ...r.values.map(show), ...(this.withTotal ? [show(r.total)] : [])]);
    return table(
      headers,
      body,
      headers.map((_, i) => i > 0),
    );
  }

  syntheses(): FileChild[] {
    const t = this.t;
    const out: FileChild[] = [heading1(t("summary.sections.synthesis"))];
    for (const p of this.parties) {
      out.push(heading2(p.partyName));
      if (p.synthesis && p.synthesis.trim()) out.push(...textParagraphs(p.synthesis));
      else out.push(para(t("summary.noSynthesis"), { italics: true }));
    }
    return out;
  }

  /** Reads the submissions once, in the "grouped" order, with a heading wherever a group changes. */
  async submissions(): Promise<FileChild[]> {
    const t = this.t;
    const out: FileChild[] = [heading1(t("summary.sections.submissions"))];
    for await (const step of groupedSubmissions(this.summary, t)) {
      if (step.kind === "emptyParty") out.push(heading2(this.partyName(step.party)), para(t("summary.noSubmissions"), { italics: true }));
      else if (step.kind === "party") out.push(heading2(this.partyName(step.party)));
      else if (step.kind === "theme") out.push(heading(HeadingLevel.HEADING_3, step.title));
      else if (step.kind === "stakeholderType") out.push(heading(HeadingLevel.HEADING_4, step.title));
      else this.submission(step.submission, out);
    }
    return out;
  }

  private submission(s: SummarySubmission, out: FileChild[]): void {
    const t = this.t;
    const { meta } = this.summary;
    // The original is in the language it was written in: say so, for spelling and screen readers.
    const lang = s.language === meta.locale ? {} : { language: { value: languageTag[s.language] } };

    const title: ParagraphChild[] = [new TextRun({ text: clean(s.reference) })];
    if (s.title) title.push(new TextRun({ text: " — " }), new TextRun({ text: clean(s.title), ...lang }));
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_5, children: title }));

    const { byline, details } = submissionByline(s, meta, t);
    out.push(new Paragraph({ style: "Byline", children: [new TextRun({ text: clean(byline), italics: true })] }));
    out.push(new Paragraph({ style: "Byline", text: clean(details) }));
    if (s.campaign)
      out.push(new Paragraph({ style: "Byline", children: [new TextRun({ text: clean(t("summary.sentBy", { count: s.campaign.senders })), bold: true })] }));

    out.push(...textParagraphs(s.text, lang));

    if (s.answers.length > 0) {
      out.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: clean(t("summary.answers")), bold: true })] }));
      for (const a of s.answers) {
        out.push(new Paragraph({ keepNext: true, bullet: { level: 0 }, children: [new TextRun({ text: clean(a.question), italics: true })] }));
        out.push(...textParagraphs(a.text, lang, ANSWER_INDENT));
      }
    }

    if (s.translation) {
      const label = t("summary.officialTranslation", { language: meta.labels.languages[meta.locale] });
      out.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: clean(label), bold: true })] }));
      if (s.translation.title) out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: clean(s.translation.title), bold: true })] }));
      out.push(...textParagraphs(s.translation.text));
    }
  }
}

// ——— Building blocks ———

const clean = dropControlCharacters;

function para(text: string, run: Partial<IRunOptions> = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ ...run, text: clean(text) })] });
}

function heading(level: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string): Paragraph {
  return new Paragraph({ heading: level, text: clean(text) });
}

const heading1 = (text: string) => heading(HeadingLevel.HEADING_1, text);
const heading2 = (text: string) => heading(HeadingLevel.HEADING_2, text);

/** A heading 2 and its table, or a dash when the table would have no rows. */
function tableSection(title: string, headers: string[], rows: string[][]): FileChild[] {
  return [
    heading2(title),
    rows.length === 0
      ? new Paragraph({ text: "—" })
      : table(
          headers,
          rows,
          headers.map((_, i) => i === headers.length - 1),
        ),
  ];
}

/** Answers sit under their question, indented like the text of a bullet (docx's default bullet indent). */
const ANSWER_INDENT = 720;

/** Paragraphs from plain text: a blank line separates paragraphs, a line break stays a line break. */
function textParagraphs(text: string, run: Partial<IRunOptions> = {}, indent = 0): Paragraph[] {
  const blocks = clean(text)
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+|\n+$/g, ""))
    .filter((b) => b.trim() !== "");
  return blocks.map((block) => {
    const lines = block.split("\n");
    const children: ParagraphChild[] = lines.map((line, i) => {
      const parts = line.split("\t");
      return parts.length === 1
        ? new TextRun({ ...run, text: line, break: i > 0 ? 1 : undefined })
        : new TextRun({ ...run, break: i > 0 ? 1 : undefined, children: parts.flatMap((p, k) => (k === 0 ? [p] : [new Tab(), p])) });
    });
    return new Paragraph({ children, ...(indent ? { indent: { left: indent } } : {}) });
  });
}

/** Width of the text on a Letter page with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 12240 - 2 * 1134;

/**
 * A full-width table whose first row is a header row (repeated on each page, announced as headers).
 * Numeric columns are right-aligned and narrower than text columns.
 */
function table(headers: string[], rows: string[][], numeric: boolean[]): Table {
  const weights = headers.map((_, i) => (numeric[i] ? 1 : i === 0 ? 3 : 2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E7EEF5" } } : {}),
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [
        new Paragraph({
          spacing: { before: 40, after: 40 },
          ...(numeric[i] ? { alignment: AlignmentType.RIGHT } : {}),
          children: [new TextRun(header ? { text: clean(text), bold: true } : clean(text))],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: 100, right: 100 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** "Page X of Y" in the summary's language, with PAGE and NUMPAGES fields where X and Y go. */
function pageFooter(t: TFunction): Paragraph {
  const PAGE = "\uE000";
  const PAGES = "\uE001";
  const children: Array<string | (typeof PageNumber)[keyof typeof PageNumber]> = [];
  for (const part of t("summary.page", { page: PAGE, pages: PAGES }).split(/(\uE000|\uE001)/)) {
    if (part === PAGE) children.push(PageNumber.CURRENT);
    else if (part === PAGES) children.push(PageNumber.TOTAL_PAGES);
    else if (part) children.push(clean(part));
  }
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 18 })] });
}

function styles(locale: Locale) {
  const outline = (level: number, size: number, before: number) => ({
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true, spacing: { before, after: 120 } },
    run: { size, bold: true, color: "1F3864" },
  });
  return {
    default: {
      document: {
        run: { font: "Calibri", size: 22, language: { value: languageTag[locale] } },
        paragraph: { spacing: { after: 120 } },
      },
      title: { run: { size: 52, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 2400, after: 240 } } },
      heading1: outline(0, 36, 480),
      heading2: outline(1, 30, 360),
      heading3: outline(2, 26, 280),
      heading4: outline(3, 24, 240),
      heading5: outline(4, 22, 240),
    },
    paragraphStyles: [
      {
        id: "Subtitle",
        name: "Subtitle",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { size: 28, color: "404040" },
        paragraph: { spacing: { after: 480 } },
      },
      {
        id: "TOCHeading",
        name: "TOC Heading",
        basedOn: "Normal",
        next: "Normal",
        run: { size: 36, bold: true, color: "1F3864" },
        paragraph: { spacing: { after: 240 } },
      },
      { id: "Byline", name: "Byline", basedOn: "Normal", next: "Normal", run: { size: 20, color: "404040" }, paragraph: { spacing: { after: 40 } } },
      { id: "HeaderText", name: "Header Text", basedOn: "Normal", run: { size: 16, color: "595959" } },
    ],
  };
}

// ——— Package metadata ———

function escapeXml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Title, subject and keywords, as the PDF summary gives them. */
function properties(summary: Summary, t: TFunction) {
  const { meta, parties } = summary;
  const edition = t(`summary.editions.${meta.edition}`);
  const keywords = [...parties.map((p) => p.partyName), t("summary.subtitle"), edition, ...new Set(parties.flatMap((p) => p.themes.map((th) => th.label)))];
  return {
    title: clean(`${t("summary.title")} — ${meta.scopeLabel}`),
    subject: clean(`${t("summary.subtitle")}. ${edition}.`),
    keywords: clean(keywords.join(", ")),
  };
}

/**
 * docProps/core.xml as docx writes it, but dated from the summary (docx always writes "now") and
 * with the document language.
 */
function coreXml(summary: Summary): string {
  const { meta } = summary;
  const props = properties(summary, getT(meta.locale));
  const when = new Date(meta.generatedAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(props.title)}</dc:title>` +
    `<dc:subject>${escapeXml(props.subject)}</dc:subject>` +
    `<dc:creator>${CREATOR}</dc:creator>` +
    `<cp:keywords>${escapeXml(props.keywords)}</cp:keywords>` +
    `<dc:language>${languageTag[meta.locale]}</dc:language>` +
    `<cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy>` +
    "<cp:revision>1</cp:revision>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/**
 * Sets the MS-DOS date and time of every entry of a ZIP archive, in its local header and in the
 * central directory (the CRCs cover the contents only, so they stay right).
 */
function setZipTimestamps(zip: Buffer, date: Date): void {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("DOCX: end of the ZIP central directory not found");
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("DOCX: unexpected ZIP central directory");
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(day, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error("DOCX: unexpected ZIP local header");
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
}
