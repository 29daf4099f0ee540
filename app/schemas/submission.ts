import * as z from "zod";
import { BODY_MAX, genderChoices, organisationSizes, publicationChoices, stakeholderTypes, womenLedChoices } from "./submission-choices";

// Shared by the submission form (react-hook-form in the browser) and its action.
export { BODY_MAX, genderChoices, organisationSizes, publicationChoices, stakeholderTypes, womenLedChoices } from "./submission-choices";

/**
 * Text as people type it, made safe to keep: Unicode normalised (NFC), control characters other
 * than tab and line breaks removed, and so are the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), which can make a text display as something else
 * than it says; line breaks made uniform, spaces trimmed.
 */
export function cleanText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .trim();
}

/** Every text field of a form's values cleaned as cleanText does (officials' texts, e.g. topics). */
export function cleanTextFields<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, cleanText(value)])) as T;
}

const text = (max: number, missing = "validation.required") =>
  z.preprocess(
    cleanText,
    z
      .string({ error: missing })
      .max(max, { error: "validation.tooLong" })
      // U+FFFD is what invalid UTF-8 decodes to: refuse rather than keep garbled text.
      .refine((v) => !v.includes("\ufffd"), { error: "validation.invalidCharacters" }),
  );
const optionalText = (max: number) => text(max).optional().default("");
/** A required text; `missing` says what to fill in ("Enter your name"), not only that it is required. */
const required = (max: number, missing = "validation.required") => text(max, missing).pipe(z.string().min(1, { error: missing }));

/** An optional choice: empty, absent, or null (an unticked radio group in the browser) mean none. */
const optionalChoice = <T extends readonly [string, ...string[]]>(choices: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(choices, { error: "validation.invalid" }).optional());

const always = () => true;
function field(v: unknown, name: string): string {
  const value = (v as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value.trim() : "";
}

const contactEmail = z.preprocess(
  cleanText,
  z
    .string({ error: "submission.errors.missing.contactEmail" })
    .min(1, { error: "submission.errors.missing.contactEmail" })
    .max(254, { error: "validation.emailInvalid" })
    .pipe(z.email({ error: "validation.emailInvalid" })),
);

/** Saving a draft asks only for the address its link is sent to (ADR 036). */
export const draftEmailSchema = contactEmail;

/** A cross-field rule, as `.refine(...rule)` takes it. */
type Rule = [check: (values: unknown) => boolean, params: { path: PropertyKey[]; error: string; when: () => boolean }];

/** "Other" as the stakeholder type asks which (every public form about a person). */
const stakeholderOtherRule: Rule = [
  (v: unknown) => field(v, "stakeholderType") !== "other" || !!field(v, "stakeholderOther"),
  { path: ["stakeholderOther"], error: "submission.errors.missing.stakeholderOther", when: always },
];

/** A region belongs to the country chosen (CA-QC with Canada); none is needed. */
const regionRule: Rule = [
  (v: unknown) => {
    const country = field(v, "country");
    const region = field(v, "region");
    return !region || country === "other" || !country || region.startsWith(`${country}-`);
  },
  { path: ["region"], error: "validation.regionCountry", when: always },
];

export const submissionFormSchema = z
  .object({
    kind: z.enum(["proposal", "comment"], { error: "submission.errors.missing.kind" }),
    inReplyTo: z.string().optional().default(""),
    onBehalf: z.enum(["organisation", "self"], { error: "submission.errors.missing.onBehalf" }),
    stakeholderType: z.enum(stakeholderTypes, { error: "submission.errors.missing.stakeholderType" }),
    stakeholderOther: optionalText(200),
    organisationName: optionalText(200),
    organisationSize: optionalChoice(organisationSizes),
    womenLed: optionalChoice(womenLedChoices),
    country: z.enum(["CA", "CL", "other"], { error: "submission.errors.missing.country" }),
    region: z.string().max(6).optional().default(""),
    contactName: required(200, "submission.errors.missing.contactName"),
    contactEmail,
    title: optionalText(200),
    body: required(BODY_MAX, "submission.errors.missing.body"),
    language: z.enum(["en", "fr", "es"], { error: "submission.errors.missing.language" }),
    publication: z.enum(publicationChoices, { error: "submission.errors.missing.publication" }),
    privacy: z.literal("on", { error: "validation.privacyRequired" }),
    gender: optionalChoice(genderChoices),
  })
  .catchall(z.unknown())
  // Cross-field rules run even when another field is wrong (when: always), so a person sees every
  // problem in one round. The values may then be partly invalid: read them defensively.
  .refine((v) => field(v, "kind") !== "proposal" || !!field(v, "title"), { path: ["title"], error: "submission.errors.missing.title", when: always })
  .refine((v) => field(v, "onBehalf") !== "organisation" || !!field(v, "organisationName"), {
    path: ["organisationName"],
    error: "submission.errors.missing.organisationName",
    when: always,
  })
  .refine(...stakeholderOtherRule)
  .refine(...regionRule);

export type SubmissionFormValues = z.output<typeof submissionFormSchema>;

// The same field shapes for the other public forms of people without an account (an event's
// registration form, app/schemas/event-registration.ts), so they clean and refuse text alike.
export { contactEmail, optionalChoice, optionalText, regionRule, required as requiredText, stakeholderOtherRule };

/** Answers to guiding questions arrive as "answer_<questionId>" fields. */
export function answersFrom(values: Record<string, unknown>): Array<{ questionId: number; text: string }> {
  const out: Array<{ questionId: number; text: string }> = [];
  for (const [key, raw] of Object.entries(values)) {
    const m = /^answer_(\d{1,9})$/.exec(key);
    if (!m) continue;
    const cleaned = cleanText(raw);
    if (typeof cleaned === "string" && cleaned) out.push({ questionId: Number(m[1]), text: cleaned.slice(0, 5000) });
  }
  return out;
}
