import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { listEventActivities } from "~/models/events.server";
import { listParties } from "~/models/parties.server";
import { fieldErrors } from "~/schemas/field-errors";
import { eventFormSchema, type EventFormValues } from "~/schemas/event";
import type { SessionUser } from "~/utils/session.server";

/** What the event form needs besides the values: the countries, the work plan's activities, whether the country is fixed. */
export async function eventFormOptions(db: Kysely<Database>, user: SessionUser, locale: Locale) {
  const [parties, activities] = await Promise.all([listParties(db, locale), listEventActivities(db, locale)]);
  return { parties, activities, fixedParty: user.role === "admin" ? null : user.party_code };
}

const GROUPS = new Set(["languages", "interpretation"]);

/** A posted form as the schema reads it: the checkbox groups as lists, the CSRF token and files left out. */
export function eventFormInput(form: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (name === "csrf" || typeof value !== "string") continue;
    if (GROUPS.has(name)) ((raw[name] ??= []) as string[]).push(value);
    else raw[name] = value;
  }
  return raw;
}

/** Parses a posted event form with the shared schema; on failure, the errors and what was typed (to show again). */
export function parseEventForm(
  form: FormData,
): { ok: true; values: EventFormValues; typed: Record<string, unknown> } | { ok: false; errors: Record<string, string>; typed: Record<string, unknown> } {
  const raw = eventFormInput(form);
  const typed = { ...raw, requiresApproval: raw.requiresApproval === "on", languages: raw.languages ?? [], interpretation: raw.interpretation ?? [] };
  const parsed = eventFormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, values: parsed.data, typed };
  return { ok: false, errors: fieldErrors(parsed.error), typed };
}
