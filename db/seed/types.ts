// Shapes of the seed data. The data files in ./data hold content only; db/seed/index.ts writes it.
export const LOCALES = ["en", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in all three languages. */
export type Localized = Record<Locale, string>;

export type ActivityStatus = "planned" | "to_be_confirmed" | "done";

export interface WorkplanActivitySeed {
  /** The timing as written in the plan, e.g. "juin 2024 (à confirmer)". */
  timing: Localized;
  status: ActivityStatus;
  description: Localized;
}

export interface WorkplanAreaSeed {
  number: number;
  /** FTA article, written the same in every language, e.g. "N bis-03.1". */
  article: string;
  title: Localized;
  description: Localized;
  objectives: Localized[];
  activities: WorkplanActivitySeed[];
  deliverables: Localized[];
}

export interface WorkplanSeed {
  slug: string;
  /** ISO dates, inclusive. */
  startsOn: string;
  endsOn: string;
  title: Localized;
  introduction: Localized;
  principles: Localized[];
  /** In the order of the plan: 1, 2, 3. */
  areas: WorkplanAreaSeed[];
}

export interface RegionSeed {
  /** ISO 3166-2 code, e.g. "CA-ON", "CL-BI". */
  code: string;
  name: Localized;
  /** IANA time zone used for this region. */
  timeZone: string;
}

export interface PartySeed {
  code: "CA" | "CL";
  name: Localized;
  /** IANA time zone in which the party's officials set consultation dates. */
  timeZone: string;
  /** Human name of that zone for "closes … Santiago time". */
  timeZoneLabel: Localized;
  regions: RegionSeed[];
}

export interface TopicTextSeed {
  title: string;
  summary: string;
  /** Paragraphs separated by a blank line; lines starting with "- " form a list. */
  body: string;
}

export interface TopicSeed {
  slug: string;
  party: "CA" | "CL";
  /** Work plan area number (1, 2 or 3). */
  areaNumber: number;
  /** Days from the moment of seeding; negative is in the past. */
  opensInDays: number;
  closesInDays: number;
  allowComments: boolean;
  /** At least one language; a missing one is shown as "not available in this language". */
  translations: Partial<Record<Locale, TopicTextSeed>>;
  guidingQuestions: Array<Partial<Record<Locale, string>>>;
}
