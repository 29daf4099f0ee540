// The shape every summary format (PDF, DOCX, XLSX, CSV, JSON) and the statistics page draw from.
// Built by app/models/summaries.server.ts; formats only lay it out, they never query.
import type { Locale } from "../../db/schema";

export type SummaryEdition = "public" | "committee";

export type SummaryScope =
  | { kind: "all" }
  | { kind: "topic"; topicId: number }
  | { kind: "party"; party: "CA" | "CL"; from: string; to: string }
  | { kind: "bilateral-area"; areaNumber: number }
  | { kind: "bilateral-topics"; topicIds: [number, number] };

/** A count that may be withheld ("not shown", null): see ADR 016 for when. */
export interface SuppressibleCount {
  /** null when withheld. */
  value: number | null;
  suppressed: boolean;
}

export interface PartyFigures {
  party: "CA" | "CL";
  partyName: string;
  received: number;
  /** Approved and published (with or without names). */
  published: number;
  /** Approved but for officials only: counted; listed only in the committee edition. */
  officialsOnly: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  /** Approved submissions by stakeholder type code (every type present, zeros included). */
  byStakeholderType: Record<string, number>;
  /** Approved submissions by region code ("other" for another country, "none" when not given). */
  byRegion: Array<{ code: string; name: string; count: number }>;
  /** Approved submissions by language of the text. */
  byLanguage: Record<Locale, number>;
  /** Approved organisations' answers to "led or owned by women?". */
  womenLed: { yes: number; no: number; prefer_not: number; not_answered: number };
  /** Approved individuals' gender where given: what each settled consultation shows, added up (ADR 016). */
  gender: Record<"woman" | "man" | "another" | "prefer_not", SuppressibleCount>;
  /** Approved submissions per theme (label in the summary's language). */
  themes: Array<{ id: number; label: string; count: number }>;
  /** Letters sent by many, counted once each, with their number of senders. */
  campaigns: Array<{ id: number; reference: string; title: string; senders: number }>;
  /** Distinct contributions: approved submissions with each campaign counted once. */
  distinctContributions: number;
  /** The officials' synthesis for this party, in the summary's language (null when none written). */
  synthesis: string | null;
}

export interface SummaryMeta {
  title: string;
  /** e.g. "Bilateral — Work plan area 3 (Article N bis-03.2)". */
  scopeLabel: string;
  scope: SummaryScope;
  edition: SummaryEdition;
  locale: Locale;
  /** ISO time the data was read; files name it. */
  generatedAt: string;
  /**
   * Which numbered edition this is a frozen file of; null for a summary built on demand, which
   * every format marks "not an official edition". Sign-offs come after the files are frozen
   * (and hashed), so the files name the parties whose sign-off is needed and point to the
   * edition's manifest, which states who signed and when.
   */
  official: {
    number: number;
    /** ISO time the edition's content was frozen. */
    frozenAt: string;
    /** The parties whose sign-off the edition needs, Canada first. */
    signatories: Array<"CA" | "CL">;
  } | null;
  topics: Array<{ id: number; slug: string; party: "CA" | "CL"; title: string; areaNumber: number | null }>;
  /** Labels in the summary's language for every code a format shows. */
  labels: {
    stakeholderTypes: Record<string, string>;
    languages: Record<Locale, string>;
    statuses: Record<string, string>;
    kinds: Record<string, string>;
  };
}

export interface SummarySubmission {
  id: number;
  reference: string;
  topicSlug: string;
  party: "CA" | "CL";
  kind: "proposal" | "comment";
  stakeholderType: string;
  stakeholderLabel: string;
  country: "CA" | "CL" | "other";
  regionCode: string | null;
  regionName: string | null;
  language: Locale;
  status: "approved";
  publication: "named" | "anonymous" | "officials";
  /** Only when the person chose to publish with names (both editions); never contact details. */
  author: string | null;
  organisation: string | null;
  womenLed: "yes" | "no" | "prefer_not" | null;
  title: string | null;
  /** The published (redacted) text; "[redacted]" marks removed passages. */
  text: string;
  answers: Array<{ question: string; text: string }>;
  themes: string[];
  /** The first of its themes in the summary's language (what the PDF and DOCX group by); null when untagged. */
  primaryTheme: string | null;
  /** The official translation into the summary's language, when there is one. */
  translation: { title: string | null; text: string } | null;
  campaign: { id: number; senders: number } | null;
  submittedAt: string;
  decidedAt: string | null;
}

/** A held event of the scope whose attendance register is closed (ADR 045): what the summary lists. */
export interface SummaryEvent {
  id: number;
  slug: string;
  party: "CA" | "CL";
  /** In the summary's language (or the nearest one written). */
  title: string;
  /** ISO time (UTC) the event started; shown in `timeZone`. */
  startsAt: string;
  timeZone: string;
  format: "in_person" | "online" | "hybrid";
  registered: number;
  attended: number;
}

/**
 * Events' public figures over a party or the whole scope: the sums of what each event's closed
 * register shows (never counted afresh); a group none of them shows stays withheld.
 */
export interface SummaryEventFigures {
  /** Events held whose register is closed. */
  held: number;
  registered: number;
  attended: number;
  byStakeholderType: Record<string, SuppressibleCount>;
  byCountry: Record<string, SuppressibleCount>;
  byRegion: Record<string, SuppressibleCount>;
  womenLed: Record<string, SuppressibleCount>;
  gender: Record<"woman" | "man" | "another" | "prefer_not", SuppressibleCount>;
}

export type EventBreakdownKey = "byStakeholderType" | "byCountry" | "byRegion" | "womenLed" | "gender";

export interface SummaryEvents {
  /** Canada's first, each party's by start. */
  list: SummaryEvent[];
  /** One entry per party in the scope, Canada first. */
  parties: Array<{ party: "CA" | "CL"; partyName: string; figures: SummaryEventFigures }>;
  totals: SummaryEventFigures;
  /** Every breakdown's groups in the order shown, labelled in the summary's language. */
  groups: Record<EventBreakdownKey, Array<{ code: string; label: string }>>;
  /** The formats' labels in the summary's language. */
  formats: Record<SummaryEvent["format"], string>;
}

export interface Summary {
  meta: SummaryMeta;
  /** One entry per party in the scope, Canada first. */
  parties: PartyFigures[];
  /** Totals over the parties. */
  totals: Omit<PartyFigures, "party" | "partyName" | "synthesis" | "byRegion" | "campaigns" | "themes" | "gender"> & {
    gender: PartyFigures["gender"];
  };
  /** The events held in the scope and their attendance (ADR 045). */
  events: SummaryEvents;
  /** How many submissions `submissions()` yields: approved ones this edition may include. */
  submissionCount: number;
  /**
   * The included submissions, streamed in batches from the database so memory does not grow with
   * their number. "reference": by party then reference (tables, CSV, JSON). "grouped": by party,
   * then primary theme (untagged last), then stakeholder type, then reference (PDF, DOCX).
   */
  submissions(order?: "reference" | "grouped"): AsyncIterable<SummarySubmission>;
}
