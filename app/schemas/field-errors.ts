import type { z } from "zod";

// How a form's problems reach its page: one message per field, each a translation key.

/** Field name → translation key of its first problem; "form" for one that belongs to no field. */
export type FieldErrors = Record<string, string>;

/** "validation.required", "moderation.errors.reasonRequired": our schemas' messages are keys; zod's own are English sentences. */
const TRANSLATION_KEY = /^[a-z]\w*(\.\w+)+$/;

/** A schema's message as a translation key: zod's built-in English messages become "validation.invalid". */
export function errorKey(message: string): string {
  return TRANSLATION_KEY.test(message) ? message : "validation.invalid";
}

/**
 * The first message for each form field (the first segment of the issue's path: forms are flat,
 * so `answers.12` or `selected.0` belong to the field `answers` or `selected`). `prefix` goes before
 * each field's name, for pages with several forms whose fields share names.
 */
export function fieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    out[field === undefined ? "form" : `${prefix}${String(field)}`] ??= errorKey(issue.message);
  }
  return out;
}

/** The same for react-hook-form's errors (its zodResolver keeps the schema's messages). */
export function clientFieldErrors(errors: Record<string, { message?: unknown } | undefined>): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, error] of Object.entries(errors)) if (typeof error?.message === "string") out[name] = errorKey(error.message);
  return out;
}
