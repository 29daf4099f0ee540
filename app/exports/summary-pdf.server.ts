// The summary as a tagged, accessible PDF (pdfkit), written to the output as it is laid out.
//
// Accessibility: the catalog says the file is tagged (/MarkInfo /Marked true), gives its language
// (/Lang) and asks viewers to show the title rather than the file name (DisplayDocTitle). Every
// piece of content sits in the structure tree — Document > Sect > H1…H5, P, L/LI/Lbl/LBody,
// Table/TR/TH/TD (header cells with a Scope), Figure with its Alt text for each chart, Link for the
// contents — or is marked as an Artifact (running header, page numbers, rules, table borders).
// The original text of a submission carries its own /Lang when it is not in the summary's language.
// Fonts are embedded (DejaVu Sans, from Debian's fonts-dejavu-core, which every machine of the
// project has): then the file also declares PDF/UA-1. Without that font, the standard Helvetica
// is used (not embedded, WinAnsi only: other characters are mapped to the nearest it has) and the
// file does not claim PDF/UA.
//
// Streaming: pages are written as soon as the next one starts (no bufferPages), submissions are
// read one by one from `summary.submissions("grouped")` and never collected. What is known only at
// the end — the total in "Page X of Y" and the page numbers of the contents — is drawn through
// small form XObjects that every page refers to and that are written last.
//
// Deterministic: the dates in the file are the time the data was read (meta.generatedAt) and the
// file identifier pdfkit writes in the trailer is a hash of the document information, so the same
// summary gives the same bytes.
import { existsSync, readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import type { TFunction } from "i18next";
import PDFDocument from "pdfkit";
import { getT } from "~/i18next.server";
import type { PartyFigures, Summary, SummarySubmission } from "~/models/summary-types";
import { formatDateTime } from "~/utils/format";
import { breakdowns, eventSections, keyFigures, listings, showFigure, type Breakdown, type FigureRow, type FigureValue } from "./summary-figures.server";
import { identityLines } from "./summary-identity.server";
import { dropControlCharacters, groupedSubmissions, languageTag, submissionByline } from "./summary-prose.server";
import {
  adoptDocument,
  bufferContentAsText,
  compactChildren,
  compactPages,
  currentFont,
  escapeInfoInXmp,
  resumeTextFlow,
  suspendTextFlow,
  trimFontCaches,
  writeCrossReferenceInBlocks,
} from "./pdfkit-internals.server";

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Ref = PDFKit.PDFKitReference;

const AUTHOR = "Puente";

// ——— Page and type ———

/** Letter, the paper size of both Canada and Chile. */
const PAGE = { width: 612, height: 792 };
const MARGIN = { top: 66, bottom: 66, left: 60, right: 60 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const ACCENT = "#1F3864";
const RULE = "#c5cfdb";
const HEADER_FILL = "#E7EEF5";
/** One colour per party (blue, orange: told apart with most colour-vision deficiencies). */
const PARTY_COLOURS = ["#1F5C99", "#C8691C", "#5B8C3A", "#7A4E9C"];

type FontName = "regular" | "bold" | "italic";
interface Style {
  font: FontName;
  size: number;
  color: string;
  lineGap: number;
}
const BODY: Style = { font: "regular", size: 9.5, color: INK, lineGap: 2.5 };
const SMALL: Style = { font: "regular", size: 8.5, color: MUTED, lineGap: 1.5 };
const SMALL_BOLD: Style = { ...SMALL, font: "bold", color: INK };
const NOTE: Style = { font: "italic", size: 9, color: MUTED, lineGap: 2 };
const LABEL: Style = { font: "bold", size: 9.5, color: INK, lineGap: 2 };
const CELL: Style = { font: "regular", size: 8.5, color: INK, lineGap: 1.5 };
const CELL_HEAD: Style = { ...CELL, font: "bold" };
const TITLE: Style = { font: "bold", size: 24, color: ACCENT, lineGap: 4 };
const SUBTITLE: Style = { font: "regular", size: 13, color: MUTED, lineGap: 3 };
const FOOTER: Style = { font: "regular", size: 8, color: MUTED, lineGap: 0 };

const HEADINGS: Record<1 | 2 | 3 | 4 | 5, Style & { before: number; after: number }> = {
  1: { font: "bold", size: 18, color: ACCENT, lineGap: 2, before: 20, after: 10 },
  2: { font: "bold", size: 13.5, color: ACCENT, lineGap: 2, before: 16, after: 6 },
  3: { font: "bold", size: 12, color: ACCENT, lineGap: 2, before: 12, after: 5 },
  4: { font: "bold", size: 10.5, color: INK, lineGap: 2, before: 10, after: 4 },
  5: { font: "bold", size: 10, color: INK, lineGap: 2, before: 10, after: 2 },
};

// ——— Fonts ———

const DEJAVU_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];
const DEJAVU_FILES: Record<FontName, string> = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", italic: "DejaVuSans-Oblique.ttf" };
export const STANDARD_FONTS: Record<FontName, string> = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" };

let unicodeFonts: Record<FontName, Buffer> | null | undefined;

/** DejaVu Sans (regular, bold, oblique) read once per process, or null where it is not installed. */
export function loadUnicodeFonts(): Record<FontName, Buffer> | null {
  if (unicodeFonts !== undefined) return unicodeFonts;
  unicodeFonts = null;
  for (const dir of DEJAVU_DIRS) {
    const paths = Object.fromEntries(Object.entries(DEJAVU_FILES).map(([k, f]) => [k, `${dir}/${f}`])) as Record<FontName, string>;
    if (Object.values(paths).every((p) => existsSync(p))) {
      unicodeFonts = { regular: readFileSync(paths.regular), bold: readFileSync(paths.bold), italic: readFileSync(paths.italic) };
      break;
    }
  }
  return unicodeFonts;
}

export function cleanText(text: string): string {
  return dropControlCharacters(text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    "));
}

/** What WinAnsiEncoding has beyond Latin-1: typographic quotes, dashes, the euro sign… */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const NEAREST: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "–",
  "\u2015": "—",
  "\u2032": "'",
  "\u2033": '"',
  "\u2212": "-",
  "\u2009": " ",
  "\u202F": " ",
  "\u2007": " ",
  "\u200B": "",
};

/** For the standard fonts: each character WinAnsi lacks becomes its base letter, a near sign or "?". */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 10 || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch in NEAREST) out += NEAREST[ch];
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base && [...base].every((b) => b.codePointAt(0)! < 0x100) ? base : "?";
    }
  }
  return out;
}

interface StructOptions {
  title?: string;
  lang?: string;
  alt?: string;
  actual?: string;
  /** [left, top, right, bottom] in layout coordinates (pdfkit turns it into a Layout BBox). */
  bbox?: [number, number, number, number];
  placement?: "Block" | "Inline";
  scope?: "Row" | "Column" | "Both";
}

/**
 * A number known only at the end (the page count, the page of a section): a form XObject that
 * pages draw now and whose content is written when the number is known.
 */
interface Deferred {
  name: string;
  ref: Ref;
  width: number;
  style: Style;
  align: "left" | "right";
  filled: boolean;
  /** Text written after the number (what follows {{pages}} in the translation). */
  suffix?: string;
}

/** Where a contents entry points to: filled in when its heading is laid out. */
interface TocEntry {
  key: string;
  label: string;
  level: 1 | 2;
  page: number | null;
  number: Deferred | null;
}

export interface PdfOptions {
  /**
   * Cross-reference entries written per block, with a turn of the event loop between blocks; 0
   * leaves the table to pdfkit, which writes it in one go (the same bytes: tests compare them).
   */
  xrefBlock?: number;
}

/** About 160 kB of the cross-reference table, some 10 ms of work. */
const XREF_BLOCK = 8192;

/**
 * Writes the summary as a PDF to `out` and ends it. Resolves once `out` has finished (so do not
 * wait for it before something reads `out`); rejects, and destroys `out`, if anything fails.
 */
export function writeSummaryPdf(summary: Summary, out: Writable, options: PdfOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      const err = error instanceof Error ? error : new Error(String(error));
      if (!out.destroyed) out.destroy(err);
      reject(err);
    };
    out.once("finish", () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    out.once("error", fail);
    out.once("close", () => fail(new Error("The output closed before the PDF was complete.")));

    let layout: Layout;
    try {
      layout = new Layout(summary, out, options.xrefBlock ?? XREF_BLOCK);
    } catch (error) {
      fail(error);
      return;
    }
    layout.doc.once("error", fail);
    layout.render().catch(fail);
  });
}

/** Lays out one summary. */
class Layout {
  readonly doc: Doc;
  private readonly t: TFunction;
  private readonly numbers: Intl.NumberFormat;
  private readonly parties: PartyFigures[];
  private readonly withTotal: boolean;
  private readonly clean: (text: string) => string;

  private style: Style = BODY;
  private pageNumber = 0;
  private readonly pageTotal: Deferred;
  private readonly deferred: Deferred[] = [];
  private readonly toc: TocEntry[] = [];
  private root!: Struct;
  private aborted: Error | null = null;
  private lastYield = Date.now();
  private readonly headerText: string;

  constructor(
    private readonly summary: Summary,
    private readonly out: Writable,
    private readonly xrefBlock: number,
  ) {
    const { meta } = summary;
    this.t = getT(meta.locale);
    const t = this.t;
    this.numbers = new Intl.NumberFormat(languageTag[meta.locale]);
    this.parties = summary.parties;
    this.withTotal = summary.parties.length > 1;

    const fonts = loadUnicodeFonts();
    this.clean = fonts ? cleanText : (text) => toWinAnsi(cleanText(text));

    const generated = new Date(meta.generatedAt);
    const edition = t(`summary.editions.${meta.edition}`);
    const keywords = [
      ...this.parties.map((p) => p.partyName),
      t("summary.subtitle"),
      edition,
      ...new Set(this.parties.flatMap((p) => p.themes.map((th) => th.label))),
    ];
    this.headerText = `${t("summary.title")} — ${meta.scopeLabel}`;

    this.doc = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: false,
      pdfVersion: "1.7",
      tagged: true,
      lang: meta.locale,
      displayTitle: true,
      ...(fonts ? { subset: "PDF/UA" as never } : {}),
      info: {
        Title: this.clean(`${t("summary.title")} — ${meta.scopeLabel}`),
        Subject: this.clean(`${t("summary.subtitle")}. ${edition}.`),
        Author: AUTHOR,
        Creator: AUTHOR,
        Keywords: this.clean(keywords.join(", ")),
        CreationDate: generated,
        ModDate: generated,
      },
    });
    adoptDocument(this.doc);
    for (const name of ["regular", "bold", "italic"] as const) this.doc.registerFont(name, fonts ? fonts[name] : STANDARD_FONTS[name]);
    escapeInfoInXmp(this.doc, escapeXml);

    this.pageTotal = this.defer("PgTotal", 60, FOOTER, "left");
    this.doc.on("pageAdded", () => this.decoratePage());
    this.doc.on("data", (chunk: Buffer) => this.collect(chunk));
    out.once("close", () => {
      if (!out.writableFinished) this.aborted = new Error("The output closed before the PDF was complete.");
    });
  }

  async render(): Promise<void> {
    const doc = this.doc;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
    this.planContents();

    doc.addPage();
    this.titlePage();
    doc.addPage();
    this.contents();
    doc.addPage();
    this.figures();
    doc.addPage();
    this.events();
    doc.addPage();
    this.syntheses();
    doc.addPage();
    compactPages(doc);
    await this.relieve();
    await this.submissions();

    this.root.end();
    this.finishDeferred();
    await this.finish();
  }

  // ——— Title page and contents ———

  private titlePage(): void {
    const { meta } = this.summary;
    const t = this.t;
    const doc = this.doc;
    const sect = this.section(this.root);

    this.artifact(() => {
      doc
        .save()
        .rect(MARGIN.left, MARGIN.top + 40, 56, 5)
        .fill(ACCENT)
        .restore();
    }, "Layout");
    doc.y = MARGIN.top + 64;
    this.block(sect, "H1", t("summary.title"), TITLE, { after: 10 });
    this.block(sect, "P", t("summary.subtitle"), SUBTITLE, { after: 26 });
    this.block(sect, "P", t("summary.scope", { scope: meta.scopeLabel }), { ...BODY, size: 11 }, { after: 18 });
    this.block(sect, "P", t(`summary.editions.${meta.edition}`), { ...LABEL, size: 11 }, { after: 3 });
    this.block(sect, "P", t(`summary.editionNote.${meta.edition}`), BODY, { after: 10 });
    const identity = identityLines(this.summary, t);
    identity.forEach((line, i) => this.block(sect, "P", line, { ...LABEL, size: 10 }, { after: i === identity.length - 1 ? 18 : 6 }));
    this.block(sect, "P", t("summary.language", { language: meta.labels.languages[meta.locale] }), BODY, { after: 3 });
    const generated = `${formatDateTime(meta.generatedAt, meta.locale, "UTC")} UTC`;
    this.block(sect, "P", t("summary.generatedAt", { date: generated }), BODY, { after: 6 });

    if (meta.topics.length > 0) {
      this.heading(sect, 2, t("summary.sections.topics"), { before: 24 });
      const partyName = (code: string) => this.parties.find((p) => p.party === code)?.partyName ?? code;
      this.bulletList(
        sect,
        meta.topics.map((topic) => `${topic.title} — ${partyName(topic.party)}`),
        BODY,
      );
    }
    sect.end();
  }

  /** The entries of the contents, known before anything is laid out. */
  private planContents(): void {
    const t = this.t;
    const add = (key: string, label: string, level: 1 | 2) => this.toc.push({ key, label, level, page: null, number: null });
    add("figures", t("summary.sections.figures"), 1);
    add("byStakeholder", t("summary.sections.byStakeholder"), 2);
    add("byLanguage", t("summary.sections.byLanguage"), 2);
    add("womenLed", t("summary.sections.womenLed"), 2);
    add("gender", t("summary.sections.gender"), 2);
    add("byRegion", t("summary.sections.byRegion"), 2);
    add("themes", t("summary.sections.themes"), 2);
    add("campaigns", t("summary.sections.campaigns"), 2);
    add("events", t("summary.events.title"), 1);
    const events = eventSections(this.summary, t, String);
    if (events) {
      add("events-list", events.list.title, 2);
      add("events-figures", t("summary.events.figures"), 2);
      for (const b of events.breakdowns) add(`events-${b.key}`, b.title, 2);
    }
    add("synthesis", t("summary.sections.synthesis"), 1);
    for (const p of this.parties) add(`synthesis-${p.party}`, p.partyName, 2);
    add("submissions", t("summary.sections.submissions"), 1);
    for (const p of this.parties) add(`submissions-${p.party}`, p.partyName, 2);
  }

  private contents(): void {
    const doc = this.doc;
    const sect = this.section(this.root);
    this.heading(sect, 1, this.t("summary.contents"), { outline: true });
    const list = doc.struct("L");
    sect.add(list);
    let openItem: Struct | null = null;
    let subList: Struct | null = null;
    const numberWidth = 40;
    for (const [index, entry] of this.toc.entries()) {
      const style: Style = entry.level === 1 ? { ...LABEL, size: 10.5 } : BODY;
      const indent = entry.level === 1 ? 0 : 16;
      const before = entry.level === 1 && index > 0 ? 9 : 3;
      if (entry.level === 1) {
        subList?.end();
        openItem?.end();
        subList = null;
        openItem = doc.struct("LI");
        list.add(openItem);
      }
      let item: Struct;
      if (entry.level === 2 && openItem) {
        if (!subList) {
          subList = doc.struct("L");
          openItem.add(subList);
        }
        item = doc.struct("LI");
        subList.add(item);
      } else item = openItem!;

      this.use(style);
      const textWidth = WIDTH - indent - numberWidth - 24;
      const text = this.clean(entry.label);
      const height = doc.heightOfString(text, { width: textWidth, lineGap: style.lineGap });
      doc.y += before;
      this.ensure(height);
      const y = doc.y;
      const x = MARGIN.left + indent;
      entry.number = this.defer(`Toc${index}`, numberWidth, style, "right");
      this.use(style);
      // Top of the entry's last line: where its page number and the dot leader go.
      const lastTop = y + height - (doc.currentLineHeight(true) + style.lineGap);
      const lastWidth = Math.min(textWidth, this.lastLineWidth(text, textWidth));
      const number = entry.number;
      const body = doc.struct("LBody");
      item.add(body);
      const link = doc.struct("Link");
      body.add(link);
      link.add(() => {
        this.use(style);
        doc.text(text, x, y, { width: textWidth, lineGap: style.lineGap });
        this.place(number, MARGIN.left + WIDTH - numberWidth, lastTop);
      });
      doc.goTo(x, y, WIDTH - indent, height, entry.key, { structParent: link, Contents: new String(text) } as never);
      link.end();
      body.end();
      if (entry.level === 2) item.end();
      // Dot leaders between the entry and its page number: decoration.
      const fromX = x + lastWidth + 6;
      const toX = MARGIN.left + WIDTH - numberWidth - 4;
      if (toX > fromX) {
        const leaderY = lastTop + style.size * 0.9;
        this.artifact(() => {
          doc.save().dash(0.6, { space: 3 }).lineWidth(0.8).strokeColor("#8a8a8a");
          doc.moveTo(fromX, leaderY).lineTo(toX, leaderY).stroke().undash().restore();
        }, "Layout");
      }
      doc.y = y + height;
    }
    subList?.end();
    openItem?.end();
    list.end();
    sect.end();
  }

  /** Width of the last line `text` wraps to at `width`, in the current style. */
  private lastLineWidth(text: string, width: number): number {
    const doc = this.doc;
    const words = text.split(/\s+/);
    let line = "";
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (doc.widthOfString(next) > width && line) line = word;
      else line = next;
    }
    return doc.widthOfString(line);
  }

  /** Records the page of a contents entry (the first time its heading is laid out). */
  private reached(key: string): boolean {
    const entry = this.toc.find((e) => e.key === key);
    if (!entry || entry.page !== null) return false;
    entry.page = this.pageNumber;
    this.doc.addNamedDestination(key, "XYZ", null, this.doc.y, null);
    return true;
  }

  // ——— Key figures ———

  private figures(): void {
    const t = this.t;
    const count = (n: number) => this.numbers.format(n);
    const sect = this.section(this.root);
    this.heading(sect, 1, t("summary.sections.figures"), { key: "figures", outline: true });
    const key = keyFigures(this.summary, t);
    this.table(
      sect,
      this.byPartyHeaders(key.firstColumn),
      key.rows.map((r) => this.byPartyRow(r)),
      { numeric: (i) => i > 0, rowHeaders: true },
    );
    for (const b of breakdowns(this.summary, t)) this.chartSection(sect, b);
    for (const l of listings(this.summary, t, count)) this.tableSection(sect, l.key, l.title, l.headers, l.rows);
    sect.end();
  }

  // ——— Events ———

  /** The events held in the scope (ADR 045): the list, then attendance by party, withheld groups said so. */
  private events(): void {
    const t = this.t;
    const sect = this.section(this.root);
    this.heading(sect, 1, t("summary.events.title"), { key: "events", outline: true });
    this.block(sect, "P", t("summary.events.intro"), NOTE, { after: 8 });
    const sections = eventSections(this.summary, t, (n) => this.numbers.format(n));
    if (!sections) {
      this.block(sect, "P", t("summary.events.none"), BODY, { after: 4 });
      sect.end();
      return;
    }
    const { list } = sections;
    this.heading(sect, 2, list.title, { key: "events-list", outline: true, keep: 50 });
    this.table(sect, list.headers, list.rows, { numeric: (i) => i >= list.headers.length - 2 });
    this.heading(sect, 2, t("summary.events.figures"), { key: "events-figures", outline: true, keep: 50 });
    this.table(
      sect,
      this.byPartyHeaders(sections.key.firstColumn),
      sections.key.rows.map((r) => this.byPartyRow(r)),
      { numeric: (i) => i > 0, rowHeaders: true },
    );
    for (const b of sections.breakdowns) {
      this.heading(sect, 2, b.title, { key: `events-${b.key}`, outline: true, keep: 50 });
      this.table(
        sect,
        this.byPartyHeaders(b.firstColumn),
        b.rows.map((r) => this.byPartyRow(r)),
        { numeric: (i) => i > 0, rowHeaders: true },
      );
    }
    sect.end();
  }

  /** The label's column, a column per party, then the total when there are two. */
  private byPartyHeaders(firstColumn: string): string[] {
    return [firstColumn, ...this.parties.map((p) => p.partyName), ...(this.withTotal ? [this.t("summary.total")] : [])];
  }

  private byPartyRow(row: FigureRow): string[] {
    const show = (v: FigureValue) => showFigure(v, (n) => this.numbers.format(n), this.t("summary.fewerThan5"));
    return [row.label, ...row.values.map(show), ...(this.withTotal ? [show(row.total)] : [])];
  }

  /** A heading, a bar chart (a Figure with its Alt text) and the table with the same numbers. */
  private chartSection(parent: Struct, { key, title, firstColumn, rows, note }: Breakdown): void {
    const sect = this.section(parent);
    this.heading(sect, 2, title, { key, outline: true, keep: 120 });
    if (note) this.block(sect, "P", note, NOTE, { after: 6 });
    const tableRows = rows.map((r) => this.byPartyRow(r));
    this.barChart(
      sect,
      this.t("summary.chartAlt", { title }),
      rows.map((r, i) => ({
        label: r.label,
        bars: r.values.map((v, k) => ({ value: typeof v === "number" ? v : v.suppressed ? null : v.value, text: tableRows[i]![k + 1]! })),
      })),
    );
    this.table(sect, this.byPartyHeaders(firstColumn), tableRows, { numeric: (i) => i > 0, rowHeaders: true });
    sect.end();
  }

  private tableSection(parent: Struct, key: string, title: string, headers: string[], rows: string[][]): void {
    const sect = this.section(parent);
    this.heading(sect, 2, title, { key, outline: true, keep: 50 });
    if (rows.length === 0) this.block(sect, "P", "—", BODY, { after: 4 });
    else this.table(sect, headers, rows, { numeric: (i) => i === headers.length - 1 });
    sect.end();
  }

  /**
   * Horizontal bars, one group per row and one bar per party, with the number beside each bar;
   * a suppressed count gets no bar, only its text ("fewer than 5").
   */
  private barChart(parent: Struct, alt: string, rows: Array<{ label: string; bars: Array<{ value: number | null; text: string }> }>): void {
    const doc = this.doc;
    const labelStyle: Style = { ...CELL, lineGap: 1 };
    const valueStyle: Style = { ...CELL, color: MUTED };
    const barHeight = 9;
    const barGap = 2;
    const rowGap = 7;
    const labelWidth = 150;
    const n = this.parties.length;

    this.use(valueStyle);
    const valueWidth = Math.max(24, ...rows.flatMap((r) => r.bars.map((b) => doc.widthOfString(this.clean(b.text))))) + 8;
    const x0 = MARGIN.left + labelWidth + 8;
    const barSpace = WIDTH - labelWidth - 8 - valueWidth;
    const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.value ?? 0)));

    this.use(labelStyle);
    const barsHeight = n * barHeight + (n - 1) * barGap;
    const labelHeights = rows.map((r) => doc.heightOfString(this.clean(r.label), { width: labelWidth, lineGap: labelStyle.lineGap }) - labelStyle.lineGap);
    const rowHeights = labelHeights.map((h) => Math.max(h, barsHeight));
    const legendHeight = n > 1 ? 16 : 0;
    const height = legendHeight + rowHeights.reduce((a, h) => a + h + rowGap, 0) + 2;

    this.ensure(height + 4);
    const top = doc.y + 2;
    const figureOptions: StructOptions = { alt: this.clean(alt), bbox: [MARGIN.left, top, MARGIN.left + WIDTH, top + height], placement: "Block" };
    const figure = doc.struct("Figure", figureOptions as PDFKit.Mixins.StructureElementOptions);
    parent.add(figure);
    figure.add(() => {
      let y = top;
      if (n > 1) {
        let x = x0;
        this.use(labelStyle);
        for (const [i, p] of this.parties.entries()) {
          doc
            .save()
            .rect(x, y + 1.5, 8, 8)
            .fill(PARTY_COLOURS[i % PARTY_COLOURS.length]!)
            .restore();
          const name = this.clean(p.partyName);
          this.use(labelStyle);
          doc.text(name, x + 12, y + 0.5, { lineBreak: false });
          x += 12 + doc.widthOfString(name) + 16;
        }
        y += legendHeight;
      }
      for (const [r, row] of rows.entries()) {
        // The label and the group of bars, centred on each other.
        const h = rowHeights[r]!;
        this.use(labelStyle);
        doc.text(this.clean(row.label), MARGIN.left, y + (h - labelHeights[r]!) / 2, { width: labelWidth, lineGap: labelStyle.lineGap });
        let by = y + (h - barsHeight) / 2;
        for (const [i, bar] of row.bars.entries()) {
          const length = bar.value === null ? 0 : Math.max(bar.value > 0 ? 1.5 : 0, (bar.value / max) * barSpace);
          if (length > 0)
            doc
              .save()
              .rect(x0, by, length, barHeight)
              .fill(PARTY_COLOURS[i % PARTY_COLOURS.length]!)
              .restore();
          this.use(bar.value === null ? { ...valueStyle, font: "italic" } : valueStyle);
          doc.text(this.clean(bar.text), x0 + length + 4, by + (barHeight - doc.currentLineHeight()) / 2 + 0.5, { lineBreak: false });
          by += barHeight + barGap;
        }
        y += h + rowGap;
      }
      doc
        .save()
        .lineWidth(0.75)
        .strokeColor("#7f7f7f")
        .moveTo(x0 - 0.5, top + legendHeight - 2)
        .lineTo(x0 - 0.5, top + height - rowGap + 2)
        .stroke()
        .restore();
    });
    figure.end();
    doc.x = MARGIN.left;
    doc.y = top + height + 6;
  }

  // ——— Syntheses ———

  private syntheses(): void {
    const t = this.t;
    const sect = this.section(this.root);
    this.heading(sect, 1, t("summary.sections.synthesis"), { key: "synthesis", outline: true });
    for (const p of this.parties) {
      const party = this.section(sect);
      this.heading(party, 2, p.partyName, { key: `synthesis-${p.party}`, outline: true });
      if (p.synthesis && p.synthesis.trim()) this.paragraphs(party, p.synthesis, BODY);
      else this.block(party, "P", t("summary.noSynthesis"), NOTE, { after: 6 });
      party.end();
    }
    sect.end();
  }

  // ——— Submissions ———

  private async submissions(): Promise<void> {
    const t = this.t;
    const sect = this.section(this.root);
    this.heading(sect, 1, t("summary.sections.submissions"), { key: "submissions", outline: true });

    const partyName = (code: string) => this.parties.find((p) => p.party === code)?.partyName ?? code;
    let partySect: Struct | null = null;
    let themeSect: Struct | null = null;
    let typeSect: Struct | null = null;
    let n = 0;

    const closeType = () => {
      typeSect?.end();
      typeSect = null;
    };
    const closeTheme = () => {
      closeType();
      themeSect?.end();
      themeSect = null;
    };
    const closeParty = () => {
      closeTheme();
      partySect?.end();
      partySect = null;
    };

    for await (const step of groupedSubmissions(this.summary, t)) {
      if (this.aborted) throw this.aborted;
      switch (step.kind) {
        case "emptyParty": {
          // A party with nothing to show still gets its heading, so that the contents can point to it.
          closeParty();
          const s = this.section(sect);
          this.heading(s, 2, partyName(step.party), { key: `submissions-${step.party}`, outline: true });
          this.block(s, "P", t("summary.noSubmissions"), NOTE, { after: 6 });
          s.end();
          break;
        }
        case "party":
          closeParty();
          partySect = this.section(sect);
          this.heading(partySect, 2, partyName(step.party), { key: `submissions-${step.party}`, outline: true, keep: 90 });
          break;
        case "theme":
          closeTheme();
          themeSect = this.section(partySect!);
          this.heading(themeSect, 3, step.title, { keep: 80 });
          break;
        case "stakeholderType":
          closeType();
          typeSect = this.section(themeSect!);
          this.heading(typeSect, 4, step.title, { keep: 70 });
          break;
        case "submission":
          this.submission(typeSect!, step.submission);
          n++;
          compactPages(this.doc);
          for (const open of [typeSect, themeSect, partySect, sect]) compactChildren(open);
          if (n % 500 === 0) trimFontCaches(this.doc);
          await this.relieve();
      }
    }
    closeParty();
    sect.end();
  }

  private submission(parent: Struct, s: SummarySubmission): void {
    const t = this.t;
    const { meta } = this.summary;
    const doc = this.doc;
    // The original is in the language it was written in: say so, for screen readers.
    const lang = s.language === meta.locale ? undefined : s.language;
    const sect = this.section(parent);

    const title = s.title ? `${s.reference} — ${s.title}` : s.reference;
    this.heading(sect, 5, title, { keep: 50, lang: s.title ? lang : undefined });

    const { byline, details } = submissionByline(s, meta, t);
    this.block(sect, "P", byline, { ...SMALL, font: "italic" }, { after: 1 });
    this.block(sect, "P", details, SMALL, { after: s.campaign ? 1 : 5 });
    if (s.campaign) this.block(sect, "P", t("summary.sentBy", { count: s.campaign.senders }), SMALL_BOLD, { after: 5 });

    this.paragraphs(sect, s.text, BODY, lang);

    if (s.answers.length > 0) {
      this.block(sect, "P", t("summary.answers"), LABEL, { before: 3, after: 3, keep: 30 });
      const list = doc.struct("L");
      sect.add(list);
      for (const a of s.answers) {
        const item = doc.struct("LI");
        list.add(item);
        this.use(BODY);
        this.ensure(2 * doc.currentLineHeight(true));
        const y = doc.y;
        item.add(
          doc.struct("Lbl", {}, () => {
            this.use(BODY);
            doc.text("•", MARGIN.left + 4, y, { lineBreak: false });
          }),
        );
        const body = doc.struct("LBody");
        item.add(body);
        doc.y = y;
        this.block(body, "P", a.question, { ...BODY, font: "italic" }, { indent: 16, after: 1 });
        this.paragraphs(body, a.text, BODY, lang, 16);
        body.end();
        item.end();
      }
      list.end();
    }

    if (s.translation) {
      const label = t("summary.officialTranslation", { language: meta.labels.languages[meta.locale] });
      this.block(sect, "P", label, LABEL, { before: 3, after: 2, keep: 30 });
      if (s.translation.title) this.block(sect, "P", s.translation.title, { ...BODY, font: "bold" }, { after: 2 });
      this.paragraphs(sect, s.translation.text, BODY);
    }
    sect.end();

    // A thin rule between submissions.
    doc.y += 4;
    if (doc.y + 8 < doc.page.maxY()) {
      const y = doc.y;
      this.rule(y, 120);
    }
    doc.y += 6;
  }

  // ——— Building blocks ———

  /** A grouping element (Sect) under `parent`, attached at once so that its content streams. */
  private section(parent: Struct): Struct {
    const sect = this.doc.struct("Sect");
    parent.add(sect);
    return sect;
  }

  private heading(
    parent: Struct,
    level: 1 | 2 | 3 | 4 | 5,
    text: string,
    options: { key?: string; outline?: boolean; keep?: number; before?: number; lang?: string } = {},
  ): void {
    const doc = this.doc;
    const style = HEADINGS[level];
    const atTop = doc.y <= MARGIN.top + 0.5;
    if (!atTop) doc.y += options.before ?? style.before;
    this.use(style);
    const clean = this.clean(text);
    const height = doc.heightOfString(clean, { width: WIDTH, lineGap: style.lineGap });
    this.ensure(height + (options.keep ?? 40));
    // The contents and the bookmarks point to the first heading of each entry (a stream that is
    // not in the grouped order could bring a party back).
    const first = options.key ? this.reached(options.key) : true;
    if (options.outline && first) this.addOutline(level, clean);
    const y = doc.y;
    parent.add(
      doc.struct(`H${level}`, options.lang ? { lang: options.lang } : {}, () => {
        this.use(style);
        doc.text(clean, MARGIN.left, y, { width: WIDTH, lineGap: style.lineGap });
      }),
    );
    doc.x = MARGIN.left;
    doc.y += style.after;
  }

  private outlineParent: PDFKit.PDFOutline | null = null;

  private addOutline(level: number, title: string): void {
    if (level === 1) this.outlineParent = this.doc.outline.addItem(title);
    else if (level === 2) (this.outlineParent ?? this.doc.outline).addItem(title);
  }

  /** One tagged block of text (P, H…) in `style`, flowing over pages if it must. */
  private block(
    parent: Struct,
    type: string,
    text: string,
    style: Style,
    options: { before?: number; after?: number; keep?: number; indent?: number; lang?: string } = {},
  ): void {
    const doc = this.doc;
    const clean = this.clean(text);
    const indent = options.indent ?? 0;
    if (options.before) doc.y += options.before;
    this.use(style);
    // Keep at least two lines together (measuring only text that may be shorter than that).
    const twoLines = 2 * (doc.currentLineHeight(true) + style.lineGap);
    const height = clean.length > 240 ? twoLines : Math.min(doc.heightOfString(clean, { width: WIDTH - indent, lineGap: style.lineGap }), twoLines);
    this.ensure(height + (options.keep ?? 0));
    const y = doc.y;
    parent.add(
      doc.struct(type, options.lang ? { lang: options.lang } : {}, () => {
        this.use(style);
        doc.text(clean, MARGIN.left + indent, y, { width: WIDTH - indent, lineGap: style.lineGap });
      }),
    );
    doc.x = MARGIN.left;
    doc.y += options.after ?? 4;
  }

  /** Plain text as paragraphs: a blank line separates paragraphs, a line break stays one. */
  private paragraphs(parent: Struct, text: string, style: Style, lang?: string, indent = 0): void {
    const blocks = cleanText(text)
      .split(/\n[ \t]*\n/)
      .map((b) => b.replace(/^\n+|\n+$/g, ""))
      .filter((b) => b.trim() !== "");
    for (const b of blocks) this.block(parent, "P", b, style, { after: 5, lang, indent });
  }

  private bulletList(parent: Struct, items: string[], style: Style): void {
    const doc = this.doc;
    const list = doc.struct("L");
    parent.add(list);
    for (const text of items) {
      const item = doc.struct("LI");
      list.add(item);
      this.use(style);
      const clean = this.clean(text);
      this.ensure(Math.min(doc.heightOfString(clean, { width: WIDTH - 16, lineGap: style.lineGap }), 3 * doc.currentLineHeight(true)));
      const y = doc.y;
      item.add(
        doc.struct("Lbl", {}, () => {
          this.use(style);
          doc.text("•", MARGIN.left + 4, y, { lineBreak: false });
        }),
      );
      item.add(
        doc.struct("LBody", {}, () => {
          this.use(style);
          doc.text(clean, MARGIN.left + 16, y, { width: WIDTH - 16, lineGap: style.lineGap });
        }),
      );
      item.end();
      doc.x = MARGIN.left;
      doc.y += 3;
    }
    list.end();
  }

  /**
   * A table: a header row (TH, column scope; repeated as an artifact on each new page), then rows
   * whose first cell is a row header when `rowHeaders`. Numeric columns are narrow and right-aligned.
   */
  private table(parent: Struct, headers: string[], rows: string[][], options: { numeric: (column: number) => boolean; rowHeaders?: boolean }): void {
    const doc = this.doc;
    const pad = 4;
    const numericWidth = 78;
    const numeric = headers.map((_, i) => options.numeric(i));
    const fixed = numeric.filter(Boolean).length * numericWidth;
    const textColumns = numeric.filter((x) => !x).length;
    // Among several text columns, the last one (a title, a label) gets twice the room.
    const lastText = numeric.lastIndexOf(false);
    const weights = numeric.map((isNumeric, i): number => (isNumeric ? 0 : textColumns > 1 && i === lastText ? 2 : 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = numeric.map((isNumeric, i) => (isNumeric ? numericWidth : ((WIDTH - fixed) * weights[i]!) / sum));
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const cellsHeight = (cells: string[], style: Style) => {
      this.use(style);
      return Math.max(...cells.map((c, i) => doc.heightOfString(this.clean(c), { width: widths[i]! - 2 * pad, lineGap: style.lineGap }))) + 2 * pad;
    };
    const drawCellText = (text: string, i: number, y: number, style: Style) => {
      this.use(style);
      doc.text(this.clean(text), xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, lineGap: style.lineGap, align: numeric[i] ? "right" : "left" });
    };
    const headerHeight = cellsHeight(headers, CELL_HEAD);
    const drawHeaderBackground = (y: number) => {
      this.artifact(() => {
        doc.save().rect(MARGIN.left, y, WIDTH, headerHeight).fill(HEADER_FILL).restore();
        doc
          .save()
          .lineWidth(0.8)
          .strokeColor(ACCENT)
          .moveTo(MARGIN.left, y + headerHeight)
          .lineTo(MARGIN.left + WIDTH, y + headerHeight)
          .stroke()
          .restore();
      }, "Layout");
    };

    const firstRow = rows[0] ? cellsHeight(rows[0], CELL) : 0;
    this.ensure(headerHeight + firstRow + 2);
    doc.y += 2;
    const table = doc.struct("Table");
    parent.add(table);

    let y = doc.y;
    drawHeaderBackground(y);
    const head = doc.struct("TR");
    table.add(head);
    for (const [i, h] of headers.entries()) {
      head.add(doc.struct("TH", { scope: "Column" } as StructOptions as PDFKit.Mixins.StructureElementOptions, () => drawCellText(h, i, y, CELL_HEAD)));
    }
    head.end();
    y += headerHeight;

    for (const row of rows) {
      const height = cellsHeight(row, CELL);
      if (y + height > doc.page.maxY()) {
        doc.addPage();
        y = doc.y;
        // The header row again, for the eye; it is not part of the structure a second time.
        drawHeaderBackground(y);
        this.artifact(() => headers.forEach((h, i) => drawCellText(h, i, y, CELL_HEAD)), "Pagination");
        y += headerHeight;
      }
      const ry = y;
      const tr = doc.struct("TR");
      table.add(tr);
      for (const [i, c] of row.entries()) {
        const header = options.rowHeaders && i === 0;
        tr.add(
          doc.struct(header ? "TH" : "TD", header ? ({ scope: "Row" } as StructOptions as PDFKit.Mixins.StructureElementOptions) : {}, () =>
            drawCellText(c, i, ry, header ? CELL_HEAD : CELL),
          ),
        );
      }
      tr.end();
      y += height;
      this.rule(y, WIDTH);
    }
    table.end();
    doc.x = MARGIN.left;
    doc.y = y + 10;
  }

  /** Content that is not part of the document's text (decorations, page numbers). */
  /** A thin horizontal rule from the left margin, drawn as a layout artifact (not read aloud). */
  private rule(y: number, width: number): void {
    const doc = this.doc;
    this.artifact(
      () =>
        doc
          .save()
          .lineWidth(0.5)
          .strokeColor(RULE)
          .moveTo(MARGIN.left, y)
          .lineTo(MARGIN.left + width, y)
          .stroke()
          .restore(),
      "Layout",
    );
  }

  private artifact(draw: () => void, type: "Layout" | "Pagination", attached?: "Top" | "Bottom"): void {
    this.doc.markContent("Artifact", { type, ...(attached ? { attached: [attached] } : {}) });
    draw();
    this.doc.endMarkedContent();
  }

  private use(style: Style): void {
    this.style = style;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  /** Starts a new page unless `height` fits below the current position. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY() && this.doc.y > MARGIN.top + 0.5) this.doc.addPage();
  }

  /** Running header and "Page X of Y", drawn when a page starts (also within flowing text). */
  private decoratePage(): void {
    const doc = this.doc;
    this.pageNumber++;
    bufferContentAsText(doc.page.content);
    const saved = { x: doc.x, y: doc.y, style: this.style, flow: suspendTextFlow(doc) };

    if (this.pageNumber > 1) {
      this.artifact(
        () => {
          this.use(FOOTER);
          const edition = this.clean(this.t(`summary.editions.${this.summary.meta.edition}`));
          const editionWidth = doc.widthOfString(edition);
          doc.text(this.clean(this.headerText), MARGIN.left, 34, { width: WIDTH - editionWidth - 16, height: doc.currentLineHeight(), ellipsis: true });
          doc.text(edition, MARGIN.left + WIDTH - editionWidth, 34, { lineBreak: false });
          doc
            .save()
            .lineWidth(0.5)
            .strokeColor(RULE)
            .moveTo(MARGIN.left, 46)
            .lineTo(MARGIN.left + WIDTH, 46)
            .stroke()
            .restore();
        },
        "Pagination",
        "Top",
      );
    }
    this.artifact(
      () => {
        this.use(FOOTER);
        const footerY = PAGE.height - 42;
        doc
          .save()
          .lineWidth(0.5)
          .strokeColor(RULE)
          .moveTo(MARGIN.left, footerY - 8)
          .lineTo(MARGIN.left + WIDTH, footerY - 8)
          .stroke()
          .restore();
        const MARK = "\uE000";
        const [before, after = ""] = this.t("summary.page", { page: this.numbers.format(this.pageNumber), pages: MARK }).split(MARK);
        const prefix = this.clean(before ?? "");
        doc.text(prefix, MARGIN.left, footerY, { lineBreak: false });
        this.pageTotal.suffix = this.clean(after);
        this.place(this.pageTotal, MARGIN.left + doc.widthOfString(prefix), footerY);
      },
      "Pagination",
      "Bottom",
    );

    this.use(saved.style);
    resumeTextFlow(doc, saved.flow);
    doc.x = saved.x;
    doc.y = saved.y;
  }

  // ——— Numbers known at the end ———

  private defer(name: string, width: number, style: Style, align: "left" | "right"): Deferred {
    this.doc.font(style.font).fontSize(style.size);
    const font = currentFont(this.doc);
    const ascent = (font.ascender / 1000) * style.size;
    const descent = (font.descender / 1000) * style.size;
    const ref = this.doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, descent - 1, width, ascent + 1] });
    const d: Deferred = { name, ref, width, style, align, filled: false };
    this.deferred.push(d);
    return d;
  }

  /** Draws a deferred number with its top-left at (x, y), like text. */
  private place(d: Deferred, x: number, y: number): void {
    const doc = this.doc;
    this.use(d.style);
    const baseline = y + (currentFont(doc).ascender / 1000) * d.style.size;
    (doc.page.xobjects as Record<string, Ref>)[d.name] = d.ref;
    doc.addContent(`q 1 0 0 -1 ${num(x)} ${num(baseline)} cm /${d.name} Do Q`);
  }

  private fill(d: Deferred, text: string): void {
    this.use(d.style);
    const font = currentFont(this.doc);
    const clean = this.clean(text + (d.suffix ?? ""));
    const [encoded] = font.encode(clean);
    const width = font.widthOfString(clean, d.style.size);
    const x = d.align === "right" ? Math.max(0, d.width - width) : 0;
    const [r, g, b] = rgb(d.style.color);
    (d.ref.data as Record<string, unknown>).Resources = { Font: { [font.id]: font.ref() } };
    d.ref.end(`BT /${font.id} ${num(d.style.size)} Tf ${num(r)} ${num(g)} ${num(b)} rg ${num(x)} 0 Td <${encoded.join("")}> Tj ET`);
    d.filled = true;
  }

  private finishDeferred(): void {
    this.fill(this.pageTotal, this.numbers.format(this.pageNumber));
    for (const entry of this.toc) if (entry.number) this.fill(entry.number, entry.page === null ? "–" : this.numbers.format(entry.page));
    // Any other (none today) gets emptied so that the file can be completed.
    for (const d of this.deferred) if (!d.filled) this.fill(d, "");
  }

  // ——— Streaming ———

  // pdfkit is a Readable that pushes whatever it writes, in many small pieces (over a million for
  // 20,000 submissions, most of them at the very end: the cross-reference table). They are read as
  // they come ('data' events, synchronous once the stream flows) and handed to `out` in blocks of
  // 64 kB.
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;

  private collect(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 64 * 1024) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0 || this.out.destroyed) return;
    this.out.write(Buffer.concat(this.pending, this.pendingBytes));
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  /** Completes the document and ends `out` once pdfkit has written its last byte. */
  private async finish(): Promise<void> {
    // The stream starts flowing (delivering synchronously) once the event loop has turned.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.aborted) throw this.aborted;
    this.doc.once("end", () => {
      this.flush();
      if (!this.out.destroyed) this.out.end();
    });
    // pdfkit writes the cross-reference table (one entry per object, about 1.2 million for a whole
    // edition) in one task; written in blocks, with relieve() between them, it stops nobody.
    if (this.xrefBlock > 0) writeCrossReferenceInBlocks(this.doc, this.xrefBlock, () => this.relieve());
    this.doc.end();
  }

  /** Hands on what was laid out, then waits while the output is slow so that it does not pile up. */
  private async relieve(): Promise<void> {
    const out = this.out;
    while (out.writableNeedDrain && !this.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off("drain", done);
          out.off("close", done);
          out.off("error", done);
          resolve();
        };
        out.on("drain", done);
        out.on("close", done);
        out.on("error", done);
      });
    }
    // Let the rest of the server (and the garbage collector's tasks) run now and then, also when
    // the submissions come from a source that never waits.
    if (Date.now() - this.lastYield > 25) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
    }
    if (this.aborted) throw this.aborted;
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
