import * as z from "zod";
import { rejectionReasons } from "./moderation";
import { cleanText } from "./submission";
import { FORBIDDEN_LABEL_CHARACTERS } from "./theme";

// Shared by the templates page (its forms) and the templates module (what may be stored).
export const replyTemplateKinds = ["rejection", "note"] as const;
export type ReplyTemplateKind = (typeof replyTemplateKinds)[number];
export const REPLY_TEMPLATE_BODY_MAX = 2000; // the rejection note's own limit

const name = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFC") : v),
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(100, { error: "validation.tooLong" })
    .refine((v) => !FORBIDDEN_LABEL_CHARACTERS.test(v), { error: "validation.invalidCharacters" }),
);

/** One template as the form sends it; a note template has no reason, a rejection template needs one. */
export const replyTemplateSchema = z
  .object({
    kind: z.enum(replyTemplateKinds, { error: "validation.required" }),
    locale: z.enum(["en", "fr", "es"], { error: "validation.required" }),
    reason: z.preprocess((v) => (v === "" ? undefined : v), z.enum(rejectionReasons).optional()),
    name,
    body: z.preprocess(
      cleanText,
      z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(REPLY_TEMPLATE_BODY_MAX, { error: "validation.tooLong" }),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "rejection" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "moderation.errors.reasonRequired" });
  })
  .transform((v) => ({ ...v, reason: v.kind === "rejection" ? (v.reason ?? null) : null }));

export type ReplyTemplateInput = z.output<typeof replyTemplateSchema>;

export const replyTemplateIntents = ["create", "update", "delete"] as const;
