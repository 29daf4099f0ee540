import * as z from "zod";
import { cleanText } from "./submission";
import { SCRIPT } from "./topic";

// Shared by the outcome form ("what we heard") and its action. Field names are flat ("fr_heard")
// so the form works as a plain HTML form. Messages are translation keys, translated where shown.
export const OUTCOME_LOCALES = ["en", "fr", "es"] as const;
export type OutcomeLocale = (typeof OUTCOME_LOCALES)[number];
export const OUTCOME_FIELDS = ["heard", "actions", "nextSteps"] as const;
export type OutcomeField = (typeof OUTCOME_FIELDS)[number];
/** Characters per field and language. */
export const OUTCOME_MAX: Record<OutcomeField, number> = { heard: 10_000, actions: 10_000, nextSteps: 5_000 };
export const outcomeIntents = ["save", "publish"] as const;

const ERR = "admin.topics.outcome.errors";

const text = (field: OutcomeField) =>
  z.preprocess(
    (v) => cleanText(v ?? ""),
    z
      .string()
      .max(OUTCOME_MAX[field], { error: `${ERR}.${field}TooLong` })
      .refine((v) => !v.includes("\ufffd"), { error: "validation.invalidCharacters" })
      .refine((v) => !SCRIPT.test(v), { error: "validation.noScript" }),
  );

const textFields = Object.fromEntries(OUTCOME_LOCALES.flatMap((l) => OUTCOME_FIELDS.map((f) => [`${l}_${f}`, text(f)]))) as Record<
  `${OutcomeLocale}_${OutcomeField}`,
  ReturnType<typeof text>
>;

export const outcomeFormSchema = z
  .object({
    intent: z.enum(outcomeIntents).catch("save"),
    /** The outcome's version the form was opened at (0: none yet). */
    version: z.coerce.number().int().min(0).max(1_000_000_000).catch(-1),
    /** A frozen public edition of the consultation's summary, or none. */
    editionId: z
      .union([z.literal(""), z.coerce.number().int().positive()])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    ...textFields,
  })
  .superRefine((v, ctx) => {
    const given = OUTCOME_LOCALES.filter((l) => OUTCOME_FIELDS.some((f) => v[`${l}_${f}`]));
    if (given.length === 0) ctx.addIssue({ code: "custom", path: ["en_heard"], message: `${ERR}.oneLanguage` });
    for (const l of given) {
      if (!v[`${l}_heard`]) ctx.addIssue({ code: "custom", path: [`${l}_heard`], message: `${ERR}.heardRequired` });
      if (!v[`${l}_actions`]) ctx.addIssue({ code: "custom", path: [`${l}_actions`], message: `${ERR}.actionsRequired` });
    }
  });

export type OutcomeFormValues = z.output<typeof outcomeFormSchema>;

export interface OutcomeText {
  heard: string;
  actions: string;
  nextSteps: string;
}

/** The languages a valid form is written in, with their texts. */
export function outcomeTexts(v: OutcomeFormValues): Partial<Record<OutcomeLocale, OutcomeText>> {
  const out: Partial<Record<OutcomeLocale, OutcomeText>> = {};
  for (const l of OUTCOME_LOCALES) {
    if (OUTCOME_FIELDS.some((f) => v[`${l}_${f}`])) out[l] = { heard: v[`${l}_heard`], actions: v[`${l}_actions`], nextSteps: v[`${l}_nextSteps`] };
  }
  return out;
}
