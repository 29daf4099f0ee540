import * as z from "zod";
import { NEEDS_MAX, ticked } from "./event-registration";
import { cleanText, optionalChoice, optionalText, regionRule, requiredText, stakeholderOtherRule } from "./submission";
import { genderChoices, stakeholderTypes, womenLedChoices } from "./submission-choices";

// What an official records for someone who came to an event without registering (ADR 045): the
// fields of the registration form, typed at the door. Shared by the attendance page's action and
// the attendance module. The messages reuse the submission form's, which ask for the same things.

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
    name: requiredText(200, "submission.errors.missing.contactName"),
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
    needs: optionalText(NEEDS_MAX),
    gender: optionalChoice(genderChoices),
    consent: ticked,
  })
  .refine(...stakeholderOtherRule)
  .refine(...regionRule);

export type WalkInValues = z.output<typeof walkInSchema>;
