// The cells the tabular summary formats (CSV, XLSX and the JSON's labels) share: one row per
// submission, in the same order and with the same translated headings. The PDF and DOCX lay out
// submissions as prose and do not use it (they share summary-prose.server.ts).
import type { TFunction } from "i18next";
import type { Summary, SummaryMeta, SummarySubmission } from "~/models/summary-types";

/** A cell as the formats receive it: text, a count, a moment (UTC) or nothing. */
export type SummaryCell = string | number | Date | null;

export type SummaryColumnKey =
  | "reference"
  | "topic"
  | "topicSlug"
  | "party"
  | "kind"
  | "stakeholderType"
  | "country"
  | "region"
  | "language"
  | "status"
  | "publication"
  | "author"
  | "organisation"
  | "womenLed"
  | "title"
  | "text"
  | "themes"
  | "translation"
  | "campaign"
  | "campaignSenders"
  | "submittedAt"
  | "decidedAt";

export interface SummaryColumn {
  key: SummaryColumnKey;
  /** The translated heading. */
  header: string;
  type: "text" | "number" | "date";
  /** A spreadsheet column width (characters) that shows the usual value without wasting space. */
  width: number;
}

const columnDefs: ReadonlyArray<Omit<SummaryColumn, "header">> = [
  { key: "reference", type: "text", width: 16 },
  // The consultation's title (what a reader names it by), then its address segment on its own.
  { key: "topic", type: "text", width: 40 },
  { key: "topicSlug", type: "text", width: 30 },
  { key: "party", type: "text", width: 12 },
  { key: "kind", type: "text", width: 12 },
  { key: "stakeholderType", type: "text", width: 26 },
  { key: "country", type: "text", width: 14 },
  { key: "region", type: "text", width: 20 },
  { key: "language", type: "text", width: 12 },
  { key: "status", type: "text", width: 12 },
  { key: "publication", type: "text", width: 18 },
  { key: "author", type: "text", width: 22 },
  { key: "organisation", type: "text", width: 30 },
  { key: "womenLed", type: "text", width: 14 },
  { key: "title", type: "text", width: 40 },
  { key: "text", type: "text", width: 80 },
  { key: "themes", type: "text", width: 30 },
  { key: "translation", type: "text", width: 60 },
  { key: "campaign", type: "number", width: 12 },
  { key: "campaignSenders", type: "number", width: 12 },
  { key: "submittedAt", type: "date", width: 20 },
  { key: "decidedAt", type: "date", width: 20 },
];

/** The submission columns, in order, with their headings in `t`'s language. */
export function summaryColumns(t: TFunction): SummaryColumn[] {
  return columnDefs.map((c) => ({ ...c, header: t(`summary.columns.${c.key}`) }));
}

/** What `submissionRow` needs besides the submission: labels in the summary's language. */
export interface SummaryRowContext {
  labels: SummaryMeta["labels"];
  partyNames: Record<"CA" | "CL", string>;
  /** The consultations' titles in the summary's language, by slug. */
  topicTitles: Map<string, string>;
  /** Translated once per file, not once per row (bench:export). */
  otherCountry: string;
  publication: Record<SummarySubmission["publication"], string>;
  womenLed: Record<"yes" | "no" | "prefer_not", string>;
}

export function summaryRowContext(summary: Summary, t: TFunction): SummaryRowContext {
  const partyNames: Record<"CA" | "CL", string> = { CA: t("admin.parties.CA"), CL: t("admin.parties.CL") };
  for (const p of summary.parties) partyNames[p.party] = p.partyName;
  return {
    labels: summary.meta.labels,
    partyNames,
    topicTitles: new Map(summary.meta.topics.map((tp) => [tp.slug, tp.title])),
    otherCountry: t("summary.otherCountry"),
    publication: { named: t("summary.publication.named"), anonymous: t("summary.publication.anonymous"), officials: t("summary.publication.officials") },
    womenLed: { yes: t("summary.womenLed.yes"), no: t("summary.womenLed.no"), prefer_not: t("summary.womenLed.prefer_not") },
  };
}

/** Separator between a submission's themes in a single cell. */
export const themeSeparator = "; ";

/**
 * One submission's cells, in the order of `summaryColumns`: codes turned into labels of the
 * summary's language, dates as Date (UTC), absent values as null. Never anything else than what
 * the Summary gives (no contact details exist there).
 */
export function submissionRow(s: SummarySubmission, ctx: SummaryRowContext): SummaryCell[] {
  const { labels, partyNames } = ctx;
  return [
    s.reference,
    ctx.topicTitles.get(s.topicSlug) ?? s.topicSlug,
    s.topicSlug,
    partyNames[s.party] ?? s.party,
    labels.kinds[s.kind] ?? s.kind,
    s.stakeholderLabel,
    s.country === "other" ? ctx.otherCountry : (partyNames[s.country] ?? s.country),
    s.regionName,
    labels.languages[s.language] ?? s.language,
    labels.statuses[s.status] ?? s.status,
    ctx.publication[s.publication],
    s.author,
    s.organisation,
    s.womenLed ? ctx.womenLed[s.womenLed] : null,
    s.title,
    s.text,
    s.themes.length ? s.themes.join(themeSeparator) : null,
    s.translation?.text ?? null,
    s.campaign?.id ?? null,
    s.campaign?.senders ?? null,
    new Date(s.submittedAt),
    s.decidedAt ? new Date(s.decidedAt) : null,
  ];
}

/**
 * Resolves when `stream` asks for more ('drain'); rejects if it — or any of `watched` (e.g. the
 * response a zip is piped into) — fails or closes first, so a download the client abandoned does
 * not leave the writer waiting forever. Removes its listeners either way.
 */
export function drained(stream: Emitter, ...watched: Emitter[]): Promise<void> {
  const closed = () => new Error("The output stream was closed before the summary was written.");
  return new Promise((resolve, reject) => {
    const all = [stream, ...watched];
    if (all.some((e) => e.destroyed)) {
      reject(closed());
      return;
    }
    const cleanup = () => {
      stream.off("drain", onDrain);
      for (const e of all) {
        e.off("error", onError);
        e.off("close", onClose);
      }
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(closed());
    };
    stream.on("drain", onDrain);
    for (const e of all) {
      e.on("error", onError);
      e.on("close", onClose);
    }
  });
}

type Emitter = NodeJS.EventEmitter & { destroyed?: boolean };
