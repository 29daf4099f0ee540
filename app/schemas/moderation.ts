import * as z from "zod";
import { cleanText, stakeholderTypes } from "./submission";
import { REDACTED } from "./redaction";
import { decodeAccepted, type AcceptedPassage } from "~/pii/accept";

export const submissionStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export const rejectionReasons = ["off_topic", "abusive", "spam", "duplicate", "third_party_data", "other"] as const;
const BODY_MAX = 20_000;

const ignoreBad = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = ignoreBad(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

/** The queue's filters from the query string; anything malformed is ignored rather than an error. */
export const queueFiltersSchema = z.object({
  status: z
    .enum([...submissionStatuses, "all"])
    .catch("pending")
    .default("pending"),
  party: ignoreBad(z.enum(["CA", "CL"])),
  topic: ignoreBad(z.coerce.number().int().positive()),
  stakeholderType: ignoreBad(z.enum(stakeholderTypes)),
  language: ignoreBad(z.enum(["en", "fr", "es"])),
  country: ignoreBad(z.enum(["CA", "CL", "other"])),
  region: ignoreBad(z.string().regex(/^[A-Z]{2}-[A-Z]{1,3}$/)),
  from: day,
  to: day,
  q: ignoreBad(z.string().trim().max(200)),
  sort: z.enum(["oldest", "newest"]).catch("oldest").default("oldest"),
  cursor: ignoreBad(z.string().max(200)),
});
export type QueueFilters = z.output<typeof queueFiltersSchema>;

/**
 * The queue's filters as a query string (without the page's cursor), carried from the list to each
 * submission and back, so "next" and "back to the list" stay in the same filtered queue.
 */
export function queueSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === "cursor" || value === undefined || value === "") continue;
    if ((key === "status" && value === "pending") || (key === "sort" && value === "oldest")) continue;
    params.set(key, String(value));
  }
  return params.toString();
}

const version = z.coerce.number({ error: "validation.required" }).int().positive();
const optionalText = (max: number) => z.preprocess(cleanText, z.string().max(max, { error: "validation.tooLong" }).optional().default(""));
const requiredText = (max: number) =>
  z.preprocess(cleanText, z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }));
const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean());

/** Every action on one submission; the form names the action in `intent`. */
export const moderationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), version, applyToCampaign: checkbox }),
  z.object({
    intent: z.literal("reject"),
    version,
    reason: z.enum(rejectionReasons, { error: "moderation.errors.reasonRequired" }),
    note: optionalText(2000),
    applyToCampaign: checkbox,
  }),
  z.object({
    intent: z.literal("redact"),
    version,
    title: optionalText(200),
    body: requiredText(BODY_MAX),
    attachmentsPublic: checkbox,
    answers: z.record(z.string(), z.preprocess(cleanText, z.string().max(BODY_MAX))).default({}),
    // Suggestions of personal data ticked without JavaScript (app/pii/accept.ts); anything else is ignored.
    accept: z
      .array(z.string().max(2000))
      .max(500)
      .transform((values) => values.map(decodeAccepted).filter((a): a is AcceptedPassage => a !== null))
      .optional(),
  }),
  z.object({ intent: z.literal("tag"), version, themes: z.array(z.coerce.number().int().positive()).max(50).default([]) }),
  z.object({
    intent: z.literal("translate"),
    version,
    translationLocale: z.enum(["en", "fr", "es"], { error: "validation.required" }),
    translationTitle: optionalText(200),
    translationBody: requiredText(BODY_MAX),
  }),
  z.object({ intent: z.literal("campaign"), version }),
  // Takes an approved submission off the public pages, with the reason the person is told.
  z.object({
    intent: z.literal("unpublish"),
    version,
    reason: z.enum(rejectionReasons, { error: "moderation.errors.reasonRequired" }),
    note: optionalText(2000),
  }),
  // A rejected submission back to pending, to be decided again.
  z.object({ intent: z.literal("reconsider"), version }),
]);
export type ModerationAction = z.output<typeof moderationActionSchema>;

/** The decisions that move the moderator on to the next submission of the queue. */
export const decisionIntents = ["approve", "reject", "unpublish"] as const;

/**
 * Destructive actions (reject, unpublish, bulk reject) need their confirmation box ticked: without
 * JavaScript it is the confirmation step; the browser refuses the form until it is ticked.
 */
export const confirmationSchema = z.object({
  confirm: z.literal("on", { error: "moderation.errors.confirmRequired" }),
});
export const destructiveIntents = ["reject", "unpublish", "bulk-reject"] as const;

/** Claims, releases and internal notes: the officials' own workflow, no change to the submission. */
export const workflowActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim") }),
  z.object({ intent: z.literal("release") }),
  z.object({ intent: z.literal("note"), noteBody: requiredText(4000) }),
]);
export type WorkflowAction = z.output<typeof workflowActionSchema>;

/** Approve or reject several submissions of the queue at once: each selected as "id:version". */
export const bulkActionSchema = z
  .object({
    intent: z.enum(["bulk-approve", "bulk-reject"]),
    selected: z
      .array(z.string().regex(/^\d+:\d+$/))
      .min(1, { error: "moderation.errors.noneSelected" })
      .max(200)
      .transform((items) => items.map((item) => ({ id: Number(item.split(":")[0]), version: Number(item.split(":")[1]) }))),
    reason: z.enum(rejectionReasons).optional().catch(undefined),
    confirm: z.string().optional(),
  })
  .refine((v) => v.intent !== "bulk-reject" || !!v.reason, { path: ["reason"], error: "moderation.errors.reasonRequired" })
  .refine((v) => v.intent !== "bulk-reject" || v.confirm === "on", { path: ["confirm"], error: "moderation.errors.confirmRequired" });

/** Turns a moderation form into the object the schema reads (repeated fields, answer_<id> fields). */
export function moderationFormObject(form: FormData): Record<string, unknown> {
  const answers: Record<string, string> = {};
  for (const [key, value] of form) {
    const id = /^answer_(\d+)$/.exec(key)?.[1];
    if (id && typeof value === "string") answers[id] = value;
  }
  return {
    ...Object.fromEntries([...form].filter(([, v]) => typeof v === "string")),
    themes: form.getAll("themes").map(String),
    selected: form.getAll("selected").map(String),
    accept: form.getAll("accept").map(String),
    answers,
  };
}

/**
 * An official's edited text with every marked passage, "[[like this]]", replaced by the
 * redaction marker the public sees as "[redacted]".
 */
export function applyRedactions(text: string): string {
  return text.replace(/\[\[[\s\S]*?\]\]/g, REDACTED);
}
