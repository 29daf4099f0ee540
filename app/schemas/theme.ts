import * as z from "zod";

// Shared by the theme forms and their actions. Messages are translation keys, translated where
// they are shown. Field names are flat ("label_fr") so the form works as a plain HTML form.
export const THEME_LOCALES = ["en", "fr", "es"] as const;
export type ThemeLocale = (typeof THEME_LOCALES)[number];
export const THEME_LABEL_MAX = 100;
export const themePartyCodes = ["CA", "CL"] as const;
export type ThemePartyCode = (typeof themePartyCodes)[number];

/**
 * Characters a one-line label may not hold: control characters (C0, DEL, C1, which includes tab
 * and line breaks), the Unicode line and paragraph separators, the bidirectional overrides and
 * isolates (which can make a label read differently from what it says), and U+FFFD (what invalid
 * UTF-8 decodes to).
 */
export const FORBIDDEN_LABEL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]/;

const label = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFC") : v),
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(THEME_LABEL_MAX, { error: "validation.tooLong" })
    .refine((v) => !FORBIDDEN_LABEL_CHARACTERS.test(v), { error: "validation.invalidCharacters" }),
);

/** A theme's three labels, each required. */
export const themeSchema = z.object({
  label_en: label,
  label_fr: label,
  label_es: label,
});

export type ThemeInput = z.input<typeof themeSchema>;
export type ThemeLabels = z.output<typeof themeSchema>;

export const themeIntents = ["create", "update", "delete"] as const;
export type ThemeIntent = (typeof themeIntents)[number];

export function isThemePartyCode(value: unknown): value is ThemePartyCode {
  return typeof value === "string" && (themePartyCodes as readonly string[]).includes(value);
}

/** How two labels are compared for duplicates: the same letters whatever their case. */
export function labelKey(label: string): string {
  return label.normalize("NFC").trim().toLowerCase();
}
