import * as z from "zod";
import { cleanText } from "./submission";
import { SCRIPT } from "./topic";

// Shared by the event form (react-hook-form in the browser) and its actions (ADR 045). Field names
// are flat ("fr_title") and the times are what a `datetime-local` field sends ("2027-03-10T14:00",
// the wall-clock time in the event's country), so the form also works as a plain HTML form.
// Messages are translation keys.
export const EVENT_LOCALES = ["en", "fr", "es"] as const;
export type EventLocale = (typeof EVENT_LOCALES)[number];
export const EVENT_FORMATS = ["in_person", "online", "hybrid"] as const;
export const EVENT_TITLE_MAX = 150;
export const EVENT_DESCRIPTION_MAX = 10_000;
export const EVENT_AGENDA_MAX = 10_000;
export const EVENT_PLACE_MAX = 300;
export const EVENT_URL_MAX = 500;
export const EVENT_CAPACITY_MAX = 100_000;
export const CANCELLATION_NOTE_MAX = 2_000;

const ERR = "eventsAdmin.errors";

const text = (max: number) =>
  z.preprocess(
    (v) => cleanText(v ?? ""),
    z
      .string()
      .max(max, { error: "validation.tooLong" })
      .refine((v) => !v.includes("\ufffd"), { error: "validation.invalidCharacters" })
      .refine((v) => !SCRIPT.test(v), { error: "validation.noScript" }),
  );

const textFields = Object.fromEntries(
  EVENT_LOCALES.flatMap((l) => [
    [`${l}_title`, text(EVENT_TITLE_MAX)],
    [`${l}_description`, text(EVENT_DESCRIPTION_MAX)],
    [`${l}_agenda`, text(EVENT_AGENDA_MAX)],
  ]),
) as Record<`${EventLocale}_${"title" | "description" | "agenda"}`, ReturnType<typeof text>>;

/** "2027-03-10T14:00": a real day and time of the clock (what a datetime-local field sends). */
export function isLocalDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCFullYear() === Number(m[1]) && day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

const localDateTime = z.preprocess(
  // Browsers may send seconds ("…T14:00:00"): the form asks for minutes only.
  (v) => (typeof v === "string" ? v.trim().replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(\.\d+)?$/, "$1") : ""),
  z
    .string()
    .min(1, { error: "validation.required" })
    .max(16, { error: `${ERR}.dateTime` })
    .refine(isLocalDateTime, { error: `${ERR}.dateTime` }),
);

/** A checkbox group: nothing (or `false`, react-hook-form's "none ticked"), one value, or several. */
const localeSet = z.preprocess(
  (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(EVENT_LOCALES, { error: "validation.invalid" })).max(EVENT_LOCALES.length, { error: "validation.invalid" }),
);

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.boolean()])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === true);

export const eventFormSchema = z
  .object({
    /** The country holding the event (admins choose; a moderator's is their own, whatever is sent). */
    partyCode: z.enum(["CA", "CL"], { error: "validation.required" }),
    /** An activity of the current work plan; the event's area is the activity's. */
    activityId: z.coerce
      .number({ error: `${ERR}.activityRequired` })
      .int()
      .positive({ error: `${ERR}.activityRequired` })
      .max(2_147_483_647),
    format: z.enum(EVENT_FORMATS, { error: `${ERR}.formatRequired` }),
    place: text(EVENT_PLACE_MAX),
    onlineUrl: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : ""),
      z
        .string()
        .max(EVENT_URL_MAX, { error: "validation.tooLong" })
        .refine((v) => v === "" || isHttpsUrl(v), { error: `${ERR}.onlineUrl` }),
    ),
    startsAt: localDateTime,
    endsAt: localDateTime,
    languages: localeSet,
    interpretation: localeSet,
    capacity: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? v.trim() : v),
      z.coerce
        .number({ error: `${ERR}.capacity` })
        .int({ error: `${ERR}.capacity` })
        .min(1, { error: `${ERR}.capacity` })
        .max(EVENT_CAPACITY_MAX, { error: `${ERR}.capacity` })
        .optional(),
    ),
    registrationOpensAt: localDateTime,
    registrationClosesAt: localDateTime,
    requiresApproval: checkbox,
    ...textFields,
  })
  .superRefine((v, ctx) => {
    const given = EVENT_LOCALES.filter((l) => v[`${l}_title`] || v[`${l}_description`] || v[`${l}_agenda`]);
    if (given.length === 0) ctx.addIssue({ code: "custom", path: ["en_title"], message: `${ERR}.oneLanguage` });
    for (const l of given) {
      if (!v[`${l}_title`]) ctx.addIssue({ code: "custom", path: [`${l}_title`], message: "validation.required" });
      if (!v[`${l}_description`]) ctx.addIssue({ code: "custom", path: [`${l}_description`], message: "validation.required" });
    }
    if ((v.format === "in_person" || v.format === "hybrid") && !v.place) ctx.addIssue({ code: "custom", path: ["place"], message: `${ERR}.placeRequired` });
    if ((v.format === "online" || v.format === "hybrid") && !v.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: `${ERR}.onlineUrlRequired` });
    if (v.languages.length === 0) ctx.addIssue({ code: "custom", path: ["languages"], message: `${ERR}.languagesRequired` });
    // Wall-clock times of one zone: their order is their text's order.
    if (v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: `${ERR}.endsBeforeStarts` });
    if (v.registrationClosesAt > v.endsAt) ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: `${ERR}.closesAfterEnd` });
    if (v.registrationOpensAt >= v.registrationClosesAt) ctx.addIssue({ code: "custom", path: ["registrationOpensAt"], message: `${ERR}.opensAfterCloses` });
  });

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type EventFormInput = z.input<typeof eventFormSchema>;
export type EventFormValues = z.output<typeof eventFormSchema>;

/** The languages a valid form gives text in. */
export function eventTexts(v: EventFormValues) {
  return EVENT_LOCALES.filter((l) => v[`${l}_title`]).map((locale) => ({
    locale,
    title: v[`${locale}_title`],
    description: v[`${locale}_description`],
    agenda: v[`${locale}_agenda`],
  }));
}

/** The version the edit form was opened at (optimistic concurrency: a stale form is refused). */
export const eventVersionSchema = z.coerce.number().int().min(1).max(2_147_483_647);

export const eventIntents = ["save", "publish", "cancel", "held"] as const;
export type EventIntent = (typeof eventIntents)[number];

/** Cancelling a published event: a note for the registered people (optional) and the confirmation box. */
export const eventCancelSchema = z.object({
  note: text(CANCELLATION_NOTE_MAX),
  confirm: z.literal("on", { error: `${ERR}.confirmRequired` }),
});

/** Marking an event held: the confirmation box. */
export const eventHeldSchema = z.object({
  confirm: z.literal("on", { error: `${ERR}.confirmRequired` }),
});

export const eventStates = ["draft", "published", "cancelled", "held"] as const;
export type EventState = (typeof eventStates)[number];
