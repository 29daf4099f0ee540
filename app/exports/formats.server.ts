import type { Writable } from "node:stream";
import { summaryStream } from "./summary-stream.server";
import { env } from "~/utils/env.server";
import type { Summary } from "~/models/summary-types";
import { writeSummaryCsv } from "./summary-csv.server";
import { writeSummaryDocx } from "./summary-docx.server";
import { writeSummaryJson } from "./summary-json.server";
import { writeSummaryPdf } from "./summary-pdf.server";
import { writeSummaryXlsx } from "./summary-xlsx.server";

export const summaryFormats = ["pdf", "docx", "xlsx", "csv", "json"] as const;
export type SummaryFormat = (typeof summaryFormats)[number];

/** Every format a summary can be downloaded in: how to write it and what the browser is told. */
export const formatWriters: Record<
  SummaryFormat,
  {
    write: (summary: Summary, out: Writable) => Promise<void>;
    contentType: string;
  }
> = {
  pdf: { write: writeSummaryPdf, contentType: "application/pdf" },
  docx: {
    write: writeSummaryDocx,
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  xlsx: {
    write: writeSummaryXlsx,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  csv: { write: writeSummaryCsv, contentType: "text/csv; charset=utf-8" },
  json: {
    write: writeSummaryJson,
    contentType: "application/json; charset=utf-8",
  },
};

/** Whether a summary of `submissions` submissions is made in `format` (DOCX is built in memory). */
export function formatAvailable(format: SummaryFormat, submissions: number): boolean {
  return format !== "docx" || submissions <= docxMaxSubmissions();
}

export function docxMaxSubmissions(): number {
  return env().SUMMARY_DOCX_MAX_SUBMISSIONS;
}

/** A file name that says what the file is: scope, edition, language and generation time. */
export function summaryFileName(summary: Summary, format: SummaryFormat, edition?: number): string {
  const scope = summary.meta.scope;
  const what =
    scope.kind === "all"
      ? "all"
      : scope.kind === "topic"
        ? (summary.meta.topics[0]?.slug ?? `topic-${scope.topicId}`)
        : scope.kind === "party"
          ? `${scope.party.toLowerCase()}-${scope.from}-${scope.to}`
          : scope.kind === "bilateral-area"
            ? `bilateral-area-${scope.areaNumber}`
            : `bilateral-${summary.meta.topics.map((t) => t.slug).join("-")}`;
  const at = summary.meta.generatedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `puente-${what}-${summary.meta.edition}${edition ? `-edition-${edition}` : ""}-${summary.meta.locale}-${at}.${format}`;
}

/**
 * The answer to a HEAD request for a download: its type, without building anything. (Remix drops
 * a HEAD response's body without cancelling it, so a stream started for one would never end.)
 */
export function summaryHeadResponse(format: SummaryFormat, cache = "private, no-store") {
  return new Response(null, { headers: { "Content-Type": formatWriters[format].contentType, "Cache-Control": cache } });
}

/**
 * A download of a summary built now, streamed as it is written; `signal` (the request's) stops it
 * when the client goes away, and `onClose` runs once it is over, whichever way.
 */
export function summaryResponse(
  summary: Summary,
  format: SummaryFormat,
  cache = "private, no-store",
  options: { signal?: AbortSignal; onClose?: () => void } = {},
) {
  const writer = formatWriters[format];
  return new Response(summaryStream(summary, writer.write, options), {
    headers: {
      "Content-Type": writer.contentType,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(summaryFileName(summary, format))}`,
      "Cache-Control": cache,
    },
  });
}
