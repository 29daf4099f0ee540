// The summary as CSV: one row per submission, the columns of summary-rows.server.ts then the edition
// it is from (or "not an official edition"), with headings in the summary's language. UTF-8 with a byte order mark (so Excel reads accents right), CRLF
// between records, streamed with backpressure: memory does not grow with the number of rows. The
// events' figures follow the submissions, when the scope has any (eventRecords).
import type { Writable } from "node:stream";
import type { TFunction } from "i18next";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { getT } from "~/i18next.server";
import type { Summary } from "~/models/summary-types";
import { eventSections, type FigureValue } from "./summary-figures.server";
import { identityShort } from "./summary-identity.server";
import { drained, submissionRow, summaryColumns, summaryRowContext, type SummaryCell } from "./summary-rows.server";

/** A cell as CSV text: dates in ISO 8601 (UTC), nothing as an empty field, counts as numbers. */
function csvCell(cell: SummaryCell): string | number | null {
  if (cell instanceof Date) return cell.toISOString();
  return cell;
}

/**
 * The events' records (ADR 045), after the submissions: an empty record, a heading, then one
 * record per figure — each event's registered and attended, then each party's and all events'
 * totals and breakdowns by group, a withheld group reading "not shown" as gender figures do.
 * Every record is as wide as a submission's, its last field the edition. None without events.
 */
function eventRecords(summary: Summary, t: TFunction, width: number, identity: string): Array<Array<string | number | null>> {
  const sections = eventSections(summary, t, String);
  if (!sections) return [];
  const { events } = summary;
  const fewer = t("summary.fewerThan5");
  const cell = (v: FigureValue) => (typeof v === "number" ? v : v.suppressed || v.value === null ? fewer : v.value);
  const record = (fields: Array<string | number | null>) => [...fields, ...Array<null>(width - fields.length - 1).fill(null), identity];
  const label = t("summary.events.record");
  const partyName = (code: string) => events.parties.find((p) => p.party === code)?.partyName ?? code;
  const out = [
    Array<null>(width).fill(null),
    record([
      label,
      t("summary.events.columns.party"),
      t("summary.events.columns.event"),
      t("summary.events.columns.slug"),
      t("summary.events.columns.date"),
      t("summary.events.columns.format"),
      t("summary.events.columns.table"),
      t("summary.events.columns.group"),
      t("summary.events.columns.value"),
    ]),
  ];
  out[1]![width - 1] = t("summary.identity.column");
  for (const e of events.list) {
    const head = [label, partyName(e.party), e.title, e.slug, e.startsAt, events.formats[e.format]];
    out.push(record([...head, t("summary.events.metrics.registered"), null, e.registered]));
    out.push(record([...head, t("summary.events.metrics.attended"), null, e.attended]));
  }
  const columns = [...events.parties.map((p) => p.partyName), t("summary.total")];
  const allEvents = t("summary.events.allEvents");
  columns.forEach((party, i) => {
    for (const r of sections.key.rows) out.push(record([label, party, allEvents, null, null, null, r.label, null, cell(r.values[i] ?? r.total)]));
    for (const b of sections.breakdowns)
      for (const r of b.rows) out.push(record([label, party, allEvents, null, null, null, b.title, r.label, cell(r.values[i] ?? r.total)]));
  });
  return out;
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
    for (const record of eventRecords(summary, t, summaryColumns(t).length + 1, identity)) await write(record);
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
