import * as z from "zod";

// Shared by the topic form (react-hook-form in the browser) and its action. Field names are flat
// ("fr_title", "q0_es") so the form also works as a plain HTML form without JavaScript.
export const TOPIC_LOCALES = ["en", "fr", "es"] as const;
export const MAX_QUESTIONS = 10;
export const TITLE_MAX = 150;
export const SUMMARY_MAX = 500;
export const BODY_MAX = 20_000;
export const QUESTION_MAX = 500;

export const SCRIPT = /<\s*\/?\s*(script|iframe|object|embed|style)\b|javascript\s*:|\bon[a-z]+\s*=\s*["']?/i;
const noScript = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((v) => !SCRIPT.test(v), { error: "validation.noScript" })
    .default("");

const textFields = Object.fromEntries(
  TOPIC_LOCALES.flatMap((l) => [
    [`${l}_title`, noScript(TITLE_MAX)],
    [`${l}_summary`, noScript(SUMMARY_MAX)],
    [`${l}_body`, noScript(BODY_MAX)],
  ]),
) as Record<`${(typeof TOPIC_LOCALES)[number]}_${"title" | "summary" | "body"}`, ReturnType<typeof noScript>>;

const questionFields = Object.fromEntries(
  Array.from({ length: MAX_QUESTIONS }, (_, i) => TOPIC_LOCALES.map((l) => [`q${i}_${l}`, noScript(QUESTION_MAX)] as const)).flat(),
) as Record<`q${number}_${(typeof TOPIC_LOCALES)[number]}`, ReturnType<typeof noScript>>;

// Each existing question's id travels with the form (a hidden field), so an edit updates that
// question in place and the public's answers to it keep pointing at it (ADR 014). Anything that is
// not a positive integer is read as "no id": a new question.
const questionIdFields = Object.fromEntries(
  Array.from({ length: MAX_QUESTIONS }, (_, i) => [
    `q${i}_id`,
    z
      .union([z.string(), z.number()])
      .optional()
      .transform((v) => {
        const n = Number(v);
        return v !== undefined && v !== "" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
      }),
  ]),
) as Record<`q${number}_id`, z.ZodType<number | undefined, string | number | undefined>>;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date" });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "validation.time" });

export const topicFormSchema = z
  .object({
    partyCode: z.enum(["CA", "CL"], { error: "validation.required" }),
    areaId: z.coerce.number().int().positive({ error: "validation.required" }),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(3, { error: "validation.slug" })
      .max(120, { error: "validation.tooLong" })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "validation.slug" }),
    opensDate: date,
    opensTime: time,
    closesDate: date,
    closesTime: time,
    allowComments: z
      .union([z.literal("on"), z.literal("true"), z.boolean()])
      .optional()
      .transform((v) => v === "on" || v === "true" || v === true),
    ...textFields,
    ...questionFields,
    ...questionIdFields,
  })
  .superRefine((v, ctx) => {
    const given = TOPIC_LOCALES.filter((l) => v[`${l}_title`] || v[`${l}_summary`] || v[`${l}_body`]);
    if (given.length === 0) ctx.addIssue({ code: "custom", path: ["en_title"], message: "validation.oneLanguage" });
    for (const l of given) {
      if (!v[`${l}_title`]) ctx.addIssue({ code: "custom", path: [`${l}_title`], message: "validation.required" });
      if (!v[`${l}_summary`]) ctx.addIssue({ code: "custom", path: [`${l}_summary`], message: "validation.required" });
    }
    if (`${v.closesDate}T${v.closesTime}` <= `${v.opensDate}T${v.opensTime}`) {
      ctx.addIssue({ code: "custom", path: ["closesDate"], message: "validation.closesBeforeOpens" });
    }
  });

export type TopicFormInput = z.input<typeof topicFormSchema>;
export type TopicFormValues = z.output<typeof topicFormSchema>;

/**
 * The languages a valid form gives text in, and its non-empty guiding questions, each with the
 * form slot it came from and the id of the question it edits (none for a new one).
 */
export function topicTexts(v: TopicFormValues) {
  const translations = TOPIC_LOCALES.filter((l) => v[`${l}_title`]).map((locale) => ({
    locale,
    title: v[`${locale}_title`],
    summary: v[`${locale}_summary`],
    body: v[`${locale}_body`],
  }));
  const field = (name: string) => (v as unknown as Record<string, string | undefined>)[name] ?? "";
  const ids = v as unknown as Record<string, number | undefined>;
  const questions = Array.from({ length: MAX_QUESTIONS }, (_, slot) => ({
    slot,
    id: ids[`q${slot}_id`],
    texts: Object.fromEntries(TOPIC_LOCALES.filter((l) => field(`q${slot}_${l}`)).map((l) => [l, field(`q${slot}_${l}`)])) as Partial<
      Record<(typeof TOPIC_LOCALES)[number], string>
    >,
  })).filter((q) => Object.keys(q.texts).length > 0);
  return { translations, questions };
}

export const topicIntents = ["save", "publish", "close", "archive"] as const;
export type TopicIntent = (typeof topicIntents)[number];
