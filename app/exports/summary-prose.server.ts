// What the PDF and the DOCX share: both lay the submissions out as prose, in the "grouped" order,
// under headings for each party, primary theme and stakeholder type, each with the same byline.
import type { TFunction } from "i18next";
import type { Locale } from "~/i18n";
import type { Summary, SummaryMeta, SummarySubmission } from "~/models/summary-types";

/** BCP 47 tags (Word and PDF readers understand them), the regional variants the site formats dates and numbers with. */
export const languageTag: Record<Locale, string> = { en: "en-CA", fr: "fr-CA", es: "es-CL" };

/**
 * Control characters pasted from other programs, and the two non-characters: a PDF cannot show
 * them as text, and XML 1.0 forbids most of them (Word refuses a file that has one).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

export function dropControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}

/** Where the grouped walk is: a group starts (its heading), or a submission comes. */
export type GroupedStep =
  /** A party of the summary without any submission, in its place among the parties. */
  | { kind: "emptyParty"; party: string }
  | { kind: "party"; party: string }
  | { kind: "theme"; title: string }
  | { kind: "stakeholderType"; title: string }
  | { kind: "submission"; submission: SummarySubmission };

/**
 * Reads the submissions once, in the "grouped" order (party, primary theme, stakeholder type),
 * never collecting them, and says where each group starts; every party of the summary comes, in
 * the summary's order, those without submissions as `emptyParty`.
 */
export async function* groupedSubmissions(summary: Summary, t: TFunction): AsyncGenerator<GroupedStep> {
  const { parties, meta } = summary;
  const seen = new Set<string>();
  let party: string | undefined;
  let theme: string | null | undefined;
  let type: string | undefined;
  for await (const s of summary.submissions("grouped")) {
    if (s.party !== party) {
      // Parties listed before this one that had no submission.
      for (const p of parties) {
        if (p.party === s.party) break;
        if (!seen.has(p.party)) {
          seen.add(p.party);
          yield { kind: "emptyParty", party: p.party };
        }
      }
      party = s.party;
      theme = undefined;
      seen.add(s.party);
      yield { kind: "party", party: s.party };
    }
    if (s.primaryTheme !== theme) {
      theme = s.primaryTheme;
      type = undefined;
      yield { kind: "theme", title: s.primaryTheme ?? t("summary.noTheme") };
    }
    if (s.stakeholderType !== type) {
      type = s.stakeholderType;
      yield { kind: "stakeholderType", title: meta.labels.stakeholderTypes[s.stakeholderType] ?? s.stakeholderLabel };
    }
    yield { kind: "submission", submission: s };
  }
  for (const p of parties) {
    if (!seen.has(p.party)) {
      seen.add(p.party);
      yield { kind: "emptyParty", party: p.party };
    }
  }
}

/**
 * The lines under a submission's heading. Byline: who wrote it when it is named, otherwise what
 * kind of stakeholder, and from where. Details: its kind, its language, and whether only officials
 * may read it.
 */
export function submissionByline(s: SummarySubmission, meta: SummaryMeta, t: TFunction): { byline: string; details: string } {
  const who = [s.author, s.organisation].filter((x): x is string => !!x && x.trim() !== "").join(", ");
  const region = s.regionName ?? (s.country === "other" ? t("summary.otherCountry") : null);
  const byline = who
    ? t("summary.byline.named", { who })
    : [meta.labels.stakeholderTypes[s.stakeholderType] ?? s.stakeholderLabel, region].filter(Boolean).join(" · ");
  const details = [meta.labels.kinds[s.kind] ?? s.kind, meta.labels.languages[s.language]];
  if (s.publication === "officials") details.push(t("summary.publication.officials"));
  return { byline, details: details.join(" · ") };
}
