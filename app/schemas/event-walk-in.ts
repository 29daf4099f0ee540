import * as z from "zod";
import { cleanText } from "./submission";
import { genderChoices, stakeholderTypes, womenLedChoices } from "./submission-choices";

// What an official records for someone who came to an event without registering (ADR 045): the
// fields of the registration form, typed at the door. Shared by the attendance page's action and
// the attendance module. The messages reuse the submission form's, which ask for the same things.

const text = (max: number, missing = "validation.required") =>
  z.preprocess(
    cleanText,
    z
      .string({ error: missing })
      .max(max, { error: "validation.tooLong" })
      .refine((v) => !v.includes("\ufffd"), { error: "validation.invalidCharacters" }),
  );
const optionalText = (max: number) => text(max).optional().default("");
const optionalChoice = <T extends readonly [string, ...string[]]>(choices: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(choices, { error: "validation.invalid" }).optional());
const always = () => true;
const field = (v: unknown, name: string) => {
  const value = (v as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value.trim() : "";
};

export const walkInFields = [
  "name",
  "email",
  "organisationName",
  "stakeholderType",
  "stakeholderOther",
  "womenLed",
  "country",
  "region",
  "needs",
  "gender",
  "consent",
] as const;

export const walkInSchema = z
  .object({
    name: text(200, "submission.errors.missing.contactName").pipe(z.string().min(1, { error: "submission.errors.missing.contactName" })),
    // Optional at the door; checked when given.
    email: z.preprocess(
      (v) => cleanText(v ?? ""),
      z.union([
        z.literal(""),
        z
          .string()
          .max(254, { error: "validation.emailInvalid" })
          .pipe(z.email({ error: "validation.emailInvalid" })),
      ]),
    ),
    organisationName: optionalText(200),
    stakeholderType: z.enum(stakeholderTypes, { error: "submission.errors.missing.stakeholderType" }),
    stakeholderOther: optionalText(200),
    womenLed: optionalChoice(womenLedChoices),
    country: z.enum(["CA", "CL", "other"], { error: "submission.errors.missing.country" }),
    region: z.string().max(6).optional().default(""),
    needs: optionalText(2000),
    gender: optionalChoice(genderChoices),
    consent: z.preprocess((v) => v === "on" || v === true, z.boolean()),
  })
  .refine((v) => field(v, "stakeholderType") !== "other" || !!field(v, "stakeholderOther"), {
    path: ["stakeholderOther"],
    error: "submission.errors.missing.stakeholderOther",
    when: always,
  })
  .refine(
    (v) => {
      const country = field(v, "country");
      const region = field(v, "region");
      return !region || country === "other" || !country || region.startsWith(`${country}-`);
    },
    { path: ["region"], error: "validation.regionCountry", when: always },
  );

export type WalkInValues = z.output<typeof walkInSchema>;
