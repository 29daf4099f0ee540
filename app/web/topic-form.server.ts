import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { listParties } from "~/models/parties.server";
import { listAreas } from "~/models/workplan.server";
import { SlugTakenError } from "~/models/topic-admin.server";
import { fieldErrors } from "~/schemas/field-errors";
import { cleanTextFields } from "~/schemas/submission";
import { topicFormSchema, type TopicFormValues } from "~/schemas/topic";
import type { SessionUser } from "~/utils/session.server";

/** What the topic form needs besides the values: parties, areas, whether the party is fixed. */
export async function topicFormOptions(db: Kysely<Database>, user: SessionUser, locale: Locale) {
  const [parties, areas] = await Promise.all([listParties(db, locale), listAreas(db, locale)]);
  return { parties, areas, fixedParty: user.role === "admin" ? null : user.party_code };
}

/** Parses a posted topic form with the shared schema; on failure, the errors and what was typed. */
export function parseTopicForm(
  form: FormData,
): { ok: true; values: TopicFormValues } | { ok: false; errors: Record<string, string>; values: Record<string, unknown> } {
  const raw = Object.fromEntries([...form].filter(([k]) => k !== "csrf")) as Record<string, unknown>;
  // Cleaned first (as saveTopic does), so a text of control characters only is seen as missing.
  const parsed = topicFormSchema.safeParse(cleanTextFields(raw));
  if (parsed.success) return { ok: true, values: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error), values: { ...raw, allowComments: raw.allowComments === "on" } };
}

/** Runs a save, turning a duplicate slug into a field error like any other. */
export async function withSlugCheck<T>(save: () => Promise<T>, values: Record<string, unknown>) {
  try {
    return { ok: true as const, result: await save() };
  } catch (error) {
    if (error instanceof SlugTakenError) return { ok: false as const, errors: { slug: "validation.slugTaken" }, values };
    throw error;
  }
}
