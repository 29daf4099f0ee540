import * as z from "zod";
import { genderChoices, stakeholderTypes, womenLedChoices } from "./submission-choices";
import { contactEmail, optionalChoice, optionalText, regionRule, requiredText, stakeholderOtherRule } from "./submission";

// Shared by an event's registration form (react-hook-form in the browser) and its action (ADR 045).
// The fields about who takes part are the submission form's, with its messages and rules.

/** The accessibility or interpretation needs a person may describe. */
export const NEEDS_MAX = 2000;

/** A ticked checkbox arrives as "on" (a plain form) or as its value or `true` (react-hook-form). */
export const ticked = z.preprocess((v) => v === "on" || v === true, z.boolean());

export const eventRegistrationSchema = z
  .object({
    name: requiredText(200, "submission.errors.missing.contactName"),
    email: contactEmail,
    organisationName: optionalText(200),
    stakeholderType: z.enum(stakeholderTypes, { error: "submission.errors.missing.stakeholderType" }),
    stakeholderOther: optionalText(200),
    womenLed: optionalChoice(womenLedChoices),
    country: z.enum(["CA", "CL", "other"], { error: "submission.errors.missing.country" }),
    region: z.string().max(6, { error: "validation.regionCountry" }).optional().default(""),
    needs: optionalText(NEEDS_MAX),
    gender: optionalChoice(genderChoices),
    registerConsent: ticked,
    privacy: z.literal("on", { error: "validation.privacyRequired" }),
  })
  // As in the submission form: every problem in one round.
  .refine(...stakeholderOtherRule)
  .refine(...regionRule);

export type EventRegistrationValues = z.output<typeof eventRegistrationSchema>;
