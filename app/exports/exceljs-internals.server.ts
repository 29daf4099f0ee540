// The one module that reaches into exceljs's (and its archiver's) private members, checked
// against exceljs 4.4.0 / archiver 5. The XLSX summary uses three of them:
// - the zip module's `append`, to give every zip entry the summary's date (exceljs has no option);
// - the sheet's XML buffer and the PassThrough archiver pipes it into, to measure the queue
//   before the compressor (exceljs writes rows without backpressure);
// - the sheet's `_write` and the workbook's `styles`, to write the Submissions rows as markup
//   (ADR 011).
// None of them falls back: when one is missing (exceljs was upgraded and changed), the export
// throws LibraryInternalsChanged at its first use, so the upgrade fails the tests loudly instead
// of quietly writing other bytes or growing without bound. `exceljsFastPath` counts their use, so
// the tests can require that the fast path is the one that ran.
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { LibraryInternalsChanged } from "./library-internals.server";

const missing = (member: string) => new LibraryInternalsChanged("exceljs", member, "exceljs 4.4.0 / archiver 5", "app/exports/exceljs-internals.server.ts");

/** How often each private path ran in this process (the tests read it). */
export const exceljsFastPath = { pinnedZips: 0, measuredQueues: 0, markupRows: 0 };

type Append = (source: unknown, data: Record<string, unknown>, callback: unknown) => unknown;

/**
 * Gives every entry of this writer's zip the date `date`: wraps the archive module's `append` on
 * this writer's instance only. It happens before any entry reaches the module (archiver queues
 * entries and hands them over on a later turn of the event loop).
 */
export function pinZipEntryDates(writer: ExcelJS.stream.xlsx.WorkbookWriter, date: Date): void {
  const module = (writer as unknown as { zip?: { _module?: { append?: Append } } }).zip?._module;
  const append = module?.append;
  if (!module || typeof append !== "function") throw missing("WorkbookWriter.zip._module.append");
  module.append = (source, data, callback) => append.call(module, source, { ...data, date }, callback);
  exceljsFastPath.pinnedZips++;
}

type StreamState = { length?: number; needDrain?: boolean };
/** archiver's readable-stream PassThrough: its states are private members too. */
export type QueuePass = Writable & { _writableState?: StreamState; _readableState?: StreamState };

/**
 * The sheet's XML still waiting for the compressor: exceljs's own buffer (StreamBuf.buffers) plus
 * the PassThrough archiver pipes it into (StreamBuf.pipes[0]) as soon as the sheet is added.
 */
export function sheetXmlQueue(sheet: ExcelJS.Worksheet): { bytes: number; pass: QueuePass; needDrain: boolean } {
  const buf = (sheet as unknown as { _stream?: { buffers?: Array<{ length: number }>; pipes?: QueuePass[] } })._stream;
  if (!buf || !Array.isArray(buf.buffers)) throw missing("WorksheetWriter._stream.buffers");
  const pass = Array.isArray(buf.pipes) ? buf.pipes[0] : undefined;
  if (!pass) throw missing("WorksheetWriter._stream.pipes[0]");
  const writable = pass._writableState;
  const readable = pass._readableState;
  if (!writable || !readable || typeof writable.length !== "number" || typeof readable.length !== "number") {
    throw missing("the PassThrough's _writableState / _readableState");
  }
  exceljsFastPath.measuredQueues++;
  const bytes = buf.buffers.reduce((n, b) => n + b.length, 0) + writable.length + readable.length;
  return { bytes, pass, needDrain: writable.needDrain === true };
}

type AddStyleModel = (style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType) => number;

/** What writing rows as markup needs of a streaming sheet: its style ids and its XML output. */
export interface SheetMarkupOutput {
  /** The style id exceljs gives `style` on a cell of `type` (adding it to the workbook's styles). */
  styleId(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number;
  /** Writes one row's SpreadsheetML into the sheet's <sheetData>. */
  writeRow(xml: string): void;
}

export function sheetMarkupOutput(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet): SheetMarkupOutput {
  const write = (sheet as unknown as { _write?: (xml: string) => void })._write;
  if (typeof write !== "function") throw missing("WorksheetWriter._write");
  const styles = (wb as unknown as { styles?: { addStyleModel?: AddStyleModel } }).styles;
  const addStyleModel = styles?.addStyleModel;
  if (typeof addStyleModel !== "function") throw missing("WorkbookWriter.styles.addStyleModel");
  return {
    styleId: (style, type) => addStyleModel.call(styles, style, type),
    writeRow(xml) {
      write.call(sheet, xml);
      exceljsFastPath.markupRows++;
    },
  };
}
