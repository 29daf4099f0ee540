import * as z from "zod";
import { forgotPasswordSchema } from "./accounts";

// The subscription forms (ADR 039). Messages are translation keys, translated where they are shown.

export const SUBSCRIPTION_KINDS = ["new_consultations", "reminders", "digest", "replies"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.invalid" })
    .optional()
    .transform((v) => (v ? v : null));

/** The subscribe form: an address (except for replies, which go to the submission's), and what to receive. */
export const subscribeSchema = z
  .object({
    email: z.string().max(400).optional(),
    kinds: z
      .array(z.enum(SUBSCRIPTION_KINDS, { error: "validation.invalid" }), { error: "subscriptions.chooseKind" })
      .min(1, { error: "subscriptions.chooseKind" })
      .max(SUBSCRIPTION_KINDS.length)
      .transform((kinds) => [...new Set(kinds)]),
    country: z
      .enum(["", "CA", "CL"], { error: "validation.invalid" })
      .optional()
      .transform((v) => (v ? v : null)),
    area: z
      .string()
      .regex(/^\d{0,9}$/, { error: "validation.invalid" })
      .optional()
      .transform((v) => (v ? Number(v) : null)),
    topic: optionalText(200),
    submission: optionalText(40),
    token: optionalText(100),
  })
  .superRefine((v, ctx) => {
    if (v.kinds.includes("replies")) {
      if (!v.submission || !v.token) ctx.addIssue({ code: "custom", path: ["form"], message: "subscriptions.badSubmission" });
      return;
    }
    const email = forgotPasswordSchema.shape.email.safeParse(v.email ?? "");
    if (!email.success) ctx.addIssue({ code: "custom", path: ["email"], message: email.error.issues[0]?.message ?? "validation.emailInvalid" });
  });

/** A link token from an email: a confirmation token or a subscription's signed token. */
export const linkTokenSchema = z.string().trim().min(1).max(200);
