// The summary as an Excel workbook, written with exceljs's streaming WorkbookWriter: every row is
// committed (turned into XML and handed to the zip) as soon as it is written — the Submissions
// sheet's rows as markup of the same form (rowMarkup) — and the writer waits while the compressor
// or the client lags behind, so memory does not grow with the number of submissions. Three
// sheets, in this order (a sheet is finished before the next one starts, since the zip can only
// take one sheet at a time): Summary, Submissions, Statistics, Events.
//
// Reproducible: the workbook's created/modified dates and every zip entry's timestamp are the
// summary's generation time, so the same Summary gives the same bytes.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { getT } from "~/i18next.server";
import type { Summary } from "~/models/summary-types";
import { formatDateTime } from "~/utils/format";
import { pinZipEntryDates, sheetMarkupOutput, sheetXmlQueue } from "./exceljs-internals.server";
import { breakdowns, eventSections, keyFigures, type FigureRow, type FigureValue } from "./summary-figures.server";
import { identityLines } from "./summary-identity.server";
import { drained, submissionRow, summaryColumns, summaryRowContext, type SummaryCell } from "./summary-rows.server";

type Sheet = ExcelJS.Worksheet;
type RowValue = string | number | Date | null;

/** Excel refuses cells longer than this; longer texts are cut (the CSV and JSON keep them whole). */
const maxCellLength = 32_767;
/** Sheet XML allowed to wait for the compressor before the writer pauses. */
const maxQueuedBytes = 1 << 20;

/**
 * exceljs's own compression level (archiver's fastest), but 256 kB handed to the compressor at a
 * time instead of 16 kB: it works in the background and needs a turn of the event loop after each
 * piece, so small pieces kept it waiting for the rows being made (bench:export: about 16,000 →
 * 18,800 rows/s, with a turn every 16 rows).
 */
const zipOptions: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions["zip"]> = { zlib: { level: 1, chunkSize: 256 * 1024 } };

const dateFormat = 'yyyy-mm-dd hh:mm "UTC"';
const bold: Partial<ExcelJS.Font> = { bold: true };
const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
const headerBorder: Partial<ExcelJS.Borders> = { bottom: { style: "thin", color: { argb: "FF8A99A8" } } };

function fit(value: RowValue): RowValue {
  if (typeof value !== "string" || value.length <= maxCellLength) return value;
  let cut = maxCellLength - 1;
  if (/[\uD800-\uDBFF]/.test(value[cut - 1] ?? "")) cut--; // never split a surrogate pair
  return `${value.slice(0, cut)}…`;
}

/**
 * Waits while too much of `sheet`'s XML is queued before the compressor. exceljs writes rows into
 * its own buffer without backpressure, and archiver pipes that into a PassThrough that grows
 * without bound until the zip reaches the sheet's entry and the compressor (which works between
 * turns of the event loop) catches up — or indefinitely when the client reads slowly. So the
 * writer measures that queue (through exceljs-internals) and, above 1 MB, waits for it to drain.
 * Rejects if `out` fails or closes.
 */
async function relieve(sheet: Sheet, out: Writable): Promise<void> {
  for (;;) {
    if (out.destroyed) throw new Error("The output stream was closed before the summary was written.");
    const queue = sheetXmlQueue(sheet);
    if (queue.bytes <= maxQueuedBytes) {
      // A turn of the event loop, so that the compressor (which works in the background, a piece
      // at a time, each handed over on a turn) goes on while the next rows are made.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    if (queue.needDrain) await drained(queue.pass, out);
    else await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** A promise that rejects if `out` fails or closes before it has finished; dispose() when done. */
function abortedBy(out: Writable): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    const onError = (error: unknown) => reject(error);
    const onClose = () => {
      if (!out.writableFinished) reject(new Error("The output stream was closed before the summary was written."));
    };
    if (out.destroyed && !out.writableFinished) onClose();
    out.on("error", onError);
    out.on("close", onClose);
    dispose = () => {
      out.off("error", onError);
      out.off("close", onClose);
    };
  });
  promise.catch(() => {});
  return { promise, dispose };
}

/** Adds and commits one row; `style` applies to its non-empty cells. */
function put(sheet: Sheet, values: RowValue[], style?: { font?: Partial<ExcelJS.Font>; header?: boolean; wrap?: boolean }): void {
  const row = sheet.addRow(values.map(fit));
  if (style) {
    row.eachCell((cell) => {
      if (style.font) cell.font = style.font;
      if (style.header) {
        cell.font = bold;
        cell.fill = headerFill;
        cell.border = headerBorder;
        cell.alignment = { vertical: "top", wrapText: true };
      }
      if (style.wrap) cell.alignment = { vertical: "top", wrapText: true };
    });
  }
  row.commit();
}

const blank = (sheet: Sheet) => put(sheet, []);
const heading = (sheet: Sheet, text: string) => put(sheet, [text], { font: { bold: true, size: 13 } });

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, t: TFunction): void {
  const { meta, parties } = summary;
  const sheet = wb.addWorksheet(t("summary.sheets.summary"));
  sheet.columns = [{ width: 60 }, ...parties.map(() => ({ width: 18 })), { width: 18 }];

  put(sheet, [meta.title], { font: { bold: true, size: 16 } });
  put(sheet, [t("summary.subtitle")]);
  put(sheet, [t("summary.scope", { scope: meta.scopeLabel })]);
  put(sheet, [t(`summary.editions.${meta.edition}`)], { font: bold });
  put(sheet, [t(`summary.editionNote.${meta.edition}`)]);
  for (const line of identityLines(summary, t)) put(sheet, [line], { font: bold });
  put(sheet, [t("summary.language", { language: meta.labels.languages[meta.locale] ?? meta.locale })]);
  put(sheet, [t("summary.generatedAt", { date: `${formatDateTime(meta.generatedAt, meta.locale, "UTC")} UTC` })]);
  blank(sheet);

  heading(sheet, t("summary.sections.figures"));
  put(sheet, [t("summary.columns.metric"), ...parties.map((p) => p.partyName), t("summary.total")], { header: true });
  for (const r of keyFigures(summary, t).rows) put(sheet, figureRow(r, t));
  blank(sheet);

  heading(sheet, t("summary.sections.topics"));
  put(sheet, [t("summary.columns.topic"), t("summary.columns.topicSlug"), t("summary.columns.party")], { header: true });
  const partyName = (code: "CA" | "CL") => parties.find((p) => p.party === code)?.partyName ?? t(`admin.parties.${code}`);
  for (const topic of meta.topics) put(sheet, [topic.title, topic.slug, partyName(topic.party)]);
  blank(sheet);

  heading(sheet, t("summary.sections.synthesis"));
  for (const p of parties) {
    put(sheet, [p.partyName], { font: bold });
    const paragraphs = (p.synthesis ?? "")
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!paragraphs.length) paragraphs.push(t("summary.noSynthesis"));
    for (const paragraph of paragraphs) put(sheet, [paragraph], { wrap: true });
  }
  sheet.commit();
}

async function submissionsSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  summary: Summary,
  t: TFunction,
  out: Writable,
  cellsBy: "markup" | "exceljs",
): Promise<void> {
  const columns = summaryColumns(t);
  const sheet = wb.addWorksheet(t("summary.sheets.submissions"), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  put(
    sheet,
    columns.map((c) => c.header),
    { header: true },
  );

  const ctx = summaryRowContext(summary, t);
  const topCellStyle: Partial<ExcelJS.Style> = { alignment: { vertical: "top" } };
  const dateCellStyle: Partial<ExcelJS.Style> = { numFmt: dateFormat, alignment: { vertical: "top" } };
  const markup = cellsBy === "markup" ? rowMarkup(wb, sheet, columns.length, topCellStyle, dateCellStyle) : null;
  let n = 0;
  for await (const s of summary.submissions("reference")) {
    const cells: SummaryCell[] = submissionRow(s, ctx);
    n++;
    if (markup) {
      markup.write(n + 1, cells);
      if (n % 16 === 0) await relieve(sheet, out);
      continue;
    }
    const row = sheet.addRow(cells.map(fit));
    // One shared style object per kind of cell: exceljs then serialises each style once, not per cell.
    columns.forEach((c, i) => {
      row.getCell(i + 1).style = c.type === "date" && cells[i] instanceof Date ? dateCellStyle : topCellStyle;
    });
    row.commit();
    if (n % 16 === 0) await relieve(sheet, out);
  }
  sheet.commit();
}

const xmlSpecial = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const xmlSpecials = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const xmlEntities: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/** Text for XML, as exceljs writes it: the five entities escaped, control characters XML forbids dropped. */
function xmlText(text: string): string {
  return xmlSpecial.test(text) ? text.replace(xmlSpecials, (c) => xmlEntities[c] ?? "") : text;
}

/** A spreadsheet column's letters: 1 → A, 27 → AA. */
function columnLetters(n: number): string {
  let letters = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * The Submissions sheet's rows as SpreadsheetML, written straight into the sheet's XML: the very
 * markup exceljs writes for these cells (text as t="str", moments as date serial numbers with the
 * date style, every cell with its style), without the objects exceljs makes for each cell — a Row,
 * 21 Cells, their models — which cost about 2.5 s per 70,000 submissions (bench:export). The
 * workbook, its styles, the other sheets and the zip stay exceljs's; the sheet's output and style
 * ids come from exceljs-internals, which throws if exceljs changed. A test checks both ways give
 * the same bytes, and that this way is the one taken.
 */
function rowMarkup(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet, width: number, topStyle: Partial<ExcelJS.Style>, dateStyle: Partial<ExcelJS.Style>) {
  const output = sheetMarkupOutput(wb, sheet);
  // In the order exceljs meets them on the first row: the reference (text), then the dates.
  const top = output.styleId(topStyle, ExcelJS.ValueType.String);
  const date = output.styleId(dateStyle, ExcelJS.ValueType.Date);
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i + 1));
  const open = `" spans="1:${width}" x14ac:dyDescent="0.25">`;
  // A row's pieces, joined once and written on their own: a string built up by += is slow to
  // write out, and so is one holding many rows (bench:export).
  const parts: string[] = [];
  return {
    /** Writes row `number` (1-based, as in the sheet) into the sheet. */
    write(number: number, cells: SummaryCell[]): void {
      parts.push(`<row r="${number}${open}`);
      for (let i = 0; i < width; i++) {
        const ref = `${letters[i]}${number}`;
        const value = fit(cells[i] ?? null);
        if (value === null) parts.push(`<c r="${ref}" s="${top}"/>`);
        else if (typeof value === "number") parts.push(`<c r="${ref}" s="${top}"><v>${value}</v></c>`);
        // Days since 1899-12-30, as exceljs's dateToExcel (the 1900 date system).
        else if (value instanceof Date) parts.push(`<c r="${ref}" s="${date}"><v>${25569 + value.getTime() / 86_400_000}</v></c>`);
        else parts.push(`<c r="${ref}" s="${top}" t="str"><v>`, xmlText(value), "</v></c>");
      }
      parts.push("</row>");
      output.writeRow(parts.join(""));
      parts.length = 0;
    },
  };
}

/** A figures row as cells: label, each party, total; a suppressed count says "fewer than 5". */
function figureRow(row: FigureRow, t: TFunction): Array<string | number> {
  const cell = (v: FigureValue) => (typeof v === "number" ? v : v.suppressed || v.value === null ? t("summary.fewerThan5") : v.value);
  return [row.label, ...row.values.map(cell), cell(row.total)];
}

function statisticsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, t: TFunction): void {
  const { meta, parties, totals } = summary;
  const sheet = wb.addWorksheet(t("summary.sheets.statistics"));
  sheet.columns = [{ width: 44 }, { width: 28 }, ...parties.map(() => ({ width: 18 })), { width: 18 }];
  const partyHeads = [...parties.map((p) => p.partyName), t("summary.total")];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  // Stakeholder type × party: the summary's label order, then any code it has no label for.
  heading(sheet, t("summary.sections.byStakeholder"));
  put(sheet, [t("summary.columns.stakeholderType"), ...partyHeads], { header: true });
  const typeCodes = [...Object.keys(meta.labels.stakeholderTypes)];
  for (const p of [...parties, totals]) for (const code of Object.keys(p.byStakeholderType)) if (!typeCodes.includes(code)) typeCodes.push(code);
  for (const code of typeCodes) {
    const values = parties.map((p) => p.byStakeholderType[code] ?? 0);
    put(sheet, [meta.labels.stakeholderTypes[code] ?? code, ...values, totals.byStakeholderType[code] ?? sum(values)]);
  }
  blank(sheet);

  heading(sheet, t("summary.sections.byRegion"));
  put(sheet, [t("summary.columns.party"), t("summary.columns.region"), t("summary.count")], { header: true });
  for (const p of parties) for (const r of p.byRegion) put(sheet, [p.partyName, r.name, r.count]);
  blank(sheet);

  // Languages, women-led organisations, gender: the breakdowns the PDF and DOCX chart; the gender
  // table's label column has no heading here, its note follows it.
  for (const b of breakdowns(summary, t).filter((x) => x.key !== "byStakeholder")) {
    heading(sheet, b.title);
    put(sheet, [b.key === "gender" ? "" : b.firstColumn, ...partyHeads], { header: true });
    for (const r of b.rows) put(sheet, figureRow(r, t));
    if (b.note) put(sheet, [b.note], { font: { italic: true } });
    blank(sheet);
  }

  heading(sheet, t("summary.sections.themes"));
  put(sheet, [t("summary.columns.party"), t("summary.columns.themes"), t("summary.count")], { header: true });
  for (const p of parties) for (const th of p.themes) put(sheet, [p.partyName, th.label, th.count]);
  blank(sheet);

  heading(sheet, t("summary.sections.campaigns"));
  put(sheet, [t("summary.columns.party"), t("summary.columns.reference"), t("summary.columns.title"), t("summary.columns.campaignSenders")], {
    header: true,
  });
  for (const p of parties) for (const c of p.campaigns) put(sheet, [p.partyName, c.reference, c.title, c.senders]);
  sheet.commit();
}

/** The events held in the scope (ADR 045): the list, then the figures by party, withheld groups said so. */
function eventsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, t: TFunction): void {
  const { parties } = summary.events;
  const sheet = wb.addWorksheet(t("summary.events.sheet"));
  sheet.columns = [{ width: 44 }, { width: 40 }, { width: 26 }, { width: 14 }, ...parties.map(() => ({ width: 18 })), { width: 18 }];
  heading(sheet, t("summary.events.title"));
  put(sheet, [t("summary.events.intro")], { font: { italic: true } });
  blank(sheet);
  const sections = eventSections(summary, t, (n) => String(n));
  if (!sections) {
    put(sheet, [t("summary.events.none")]);
    sheet.commit();
    return;
  }
  const partyName = (code: string) => parties.find((p) => p.party === code)?.partyName ?? code;
  heading(sheet, t("summary.events.list"));
  put(
    sheet,
    [
      t("summary.events.columns.party"),
      t("summary.events.columns.event"),
      t("summary.events.columns.date"),
      t("summary.events.columns.format"),
      t("summary.events.metrics.registered"),
      t("summary.events.metrics.attended"),
    ],
    { header: true },
  );
  for (const e of summary.events.list)
    put(sheet, [
      partyName(e.party),
      e.title,
      formatDateTime(e.startsAt, summary.meta.locale, e.timeZone),
      summary.events.formats[e.format],
      e.registered,
      e.attended,
    ]);
  blank(sheet);
  const partyHeads = [...parties.map((p) => p.partyName), t("summary.total")];
  heading(sheet, t("summary.events.figures"));
  put(sheet, [sections.key.firstColumn, ...partyHeads], { header: true });
  for (const r of sections.key.rows) put(sheet, figureRow(r, t));
  blank(sheet);
  for (const b of sections.breakdowns) {
    heading(sheet, b.title);
    put(sheet, [b.firstColumn, ...partyHeads], { header: true });
    for (const r of b.rows) put(sheet, figureRow(r, t));
    blank(sheet);
  }
  sheet.commit();
}

/**
 * Writes the workbook to `out` and ends it; resolves once `out` has finished (do not await it
 * before something reads `out`). On failure `out` is destroyed with the error, so an interrupted
 * download is not mistaken for a complete file. `cellsBy: "exceljs"` writes the Submissions rows
 * through exceljs's cells instead of as markup: the same bytes, slower (the tests compare them).
 */
export async function writeSummaryXlsx(summary: Summary, out: Writable, options: { cellsBy?: "markup" | "exceljs" } = {}): Promise<void> {
  const t = getT(summary.meta.locale);
  const generated = new Date(summary.meta.generatedAt);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true, zip: zipOptions });
  pinZipEntryDates(wb, generated);
  wb.created = generated;
  wb.modified = generated;
  wb.creator = "Puente";
  wb.lastModifiedBy = "Puente";
  wb.title = summary.meta.title;
  try {
    summarySheet(wb, summary, t);
    await submissionsSheet(wb, summary, t, out, options.cellsBy ?? "markup");
    statisticsSheet(wb, summary, t);
    eventsSheet(wb, summary, t);
    // exceljs waits for `out` to finish, which never happens if the client went away.
    const abort = abortedBy(out);
    try {
      await Promise.race([wb.commit(), abort.promise]);
    } finally {
      abort.dispose();
    }
  } catch (error) {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
