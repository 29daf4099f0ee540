// The summary as CSV: one row per submission, the columns of summary-rows.server.ts then the edition
// it is from (or "not an official edition"), with headings in the summary's language. UTF-8 with a byte order mark (so Excel reads accents right), CRLF
// between records, streamed with backpressure: memory does not grow with the number of rows.
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { getT } from "~/i18next.server";
import type { Summary } from "~/models/summary-types";
import { identityShort } from "./summary-identity.server";
import { drained, submissionRow, summaryColumns, summaryRowContext, type SummaryCell } from "./summary-rows.server";

/** A cell as CSV text: dates in ISO 8601 (UTC), nothing as an empty field, counts as numbers. */
function csvCell(cell: SummaryCell): string | number | null {
  if (cell instanceof Date) return cell.toISOString();
  return cell;
}

/**
 * Writes the CSV to `out` and ends it; resolves once `out` has finished. Do not await it before
 * something reads `out` (e.g. a PassThrough returned as a response body). On failure `out` is
 * destroyed with the error, so an interrupted download is not mistaken for a complete file.
 *
 * The text comes from the public: a cell starting with = + - @ (or their full-width forms), a tab
 * or a carriage return is prefixed with an apostrophe so that a spreadsheet never runs it as a
 * formula (CSV injection). Numbers (campaign id and senders) are never prefixed.
 */
export async function writeSummaryCsv(summary: Summary, out: Writable): Promise<void> {
  const t = getT(summary.meta.locale);
  const ctx = summaryRowContext(summary, t);
  const stringifier = stringify({ bom: true, record_delimiter: "\r\n", escape_formulas: true });
  const done = pipeline(stringifier, out);
  // Keep a failure of the pipeline from being "unhandled" while rows are still being written.
  done.catch(() => {});
  try {
    const write = async (record: Array<string | number | null>) => {
      if (!stringifier.write(record)) await drained(stringifier);
    };
    // The last column says which summary the row is from (an edition, or "not an official edition").
    const identity = identityShort(summary, t);
    await write([...summaryColumns(t).map((c) => c.header), t("summary.identity.column")]);
    for await (const s of summary.submissions("reference")) {
      await write([...submissionRow(s, ctx).map(csvCell), identity]);
    }
    stringifier.end();
  } catch (error) {
    stringifier.destroy(error instanceof Error ? error : new Error(String(error)));
    // The pipeline's reason is the more telling one (e.g. the client went away).
    throw await done.then(
      () => error,
      (reason: unknown) => reason,
    );
  }
  await done;
}
