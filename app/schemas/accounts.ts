import * as z from "zod";

// Shared by forms and actions. Messages are translation keys, translated where they are shown.
export const MIN_PASSWORD_LENGTH = 12;

const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.emailInvalid" })
  .pipe(z.email({ error: "validation.emailInvalid" }));

export const loginSchema = z.object({
  email,
  password: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1000, { error: "validation.tooLong" }),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const setPasswordSchema = z
  .object({
    token: z.string().min(1).max(100),
    password: z
      .string({ error: "validation.required" })
      .min(MIN_PASSWORD_LENGTH, { error: "validation.passwordTooShort" })
      .max(200, { error: "validation.tooLong" }),
    confirm: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "validation.passwordsDiffer" });

export const roles = ["admin", "moderator", "committee"] as const;
export const partyCodes = ["CA", "CL"] as const;
export const locales = ["en", "fr", "es"] as const;

const partyForRole = (v: { role: string; partyCode?: string }) => v.role !== "moderator" || !!v.partyCode;

export const inviteSchema = z
  .object({
    intent: z.literal("invite"),
    email,
    displayName: z.string().trim().min(1, { error: "validation.required" }).max(120, { error: "validation.tooLong" }),
    role: z.enum(roles, { error: "validation.required" }),
    partyCode: z
      .enum(partyCodes)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    locale: z.enum(locales, { error: "validation.required" }),
  })
  .refine(partyForRole, { path: ["partyCode"], error: "validation.partyRequired" });

export const changeRoleSchema = z
  .object({
    intent: z.literal("change-role"),
    userId: z.coerce.number().int().positive(),
    role: z.enum(roles),
    partyCode: z
      .enum(partyCodes)
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .refine(partyForRole, { path: ["partyCode"], error: "validation.partyRequired" });

export const disableSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.coerce.number().int().positive(),
});

export type FieldErrors = Record<string, string>;

/** The first message (a translation key) for each field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    // Our messages are translation keys: general ones (validation.*) or a form's own (submission.*).
    out[key] ??= /^(validation|submission)\./.test(issue.message) ? issue.message : "validation.invalid";
  }
  return out;
}
