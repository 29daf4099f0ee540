import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema";
import { parties } from "./data/parties";
import { themes } from "./data/themes";
import { topics } from "./data/topics";
import { workplan } from "./data/workplan";
import { LOCALES, type Localized } from "./types";

export interface SeedResult {
  parties: number;
  workplan: boolean;
  topics: number;
}

/**
 * Writes the reference data (parties, regions, the work plan) and the demo topics.
 * Idempotent: what exists (by code or slug) is left as it is, so re-running never duplicates
 * or overwrites officials' edits. Demo topic dates are relative to `now` at first seeding.
 */
export async function seed(db: Kysely<Database>, now: Date = new Date()): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const partiesAdded = await seedParties(trx);
    const workplanAdded = await seedWorkplan(trx);
    const topicsAdded = await seedTopics(trx, now);
    const themesAdded = await seedThemes(trx, now);
    // Public pages changed: caches and statistics snapshots keyed by the version follow (ADR 027).
    if (partiesAdded || workplanAdded || topicsAdded || themesAdded) {
      await trx
        .updateTable("publication_version")
        .set({ version: sql<number>`version + 1`, changed_at: now.toISOString() })
        .where("id", "=", 1)
        .execute();
    }
    return { parties: partiesAdded, workplan: workplanAdded, topics: topicsAdded };
  });
}

async function seedParties(trx: Transaction<Database>): Promise<number> {
  let added = 0;
  for (const [position, party] of parties.entries()) {
    const exists = await trx.selectFrom("parties").select("code").where("code", "=", party.code).executeTakeFirst();
    if (exists) continue;
    added++;
    await trx.insertInto("parties").values({ code: party.code, time_zone: party.timeZone, position }).execute();
    await trx
      .insertInto("party_translations")
      .values(
        LOCALES.map((locale) => ({
          party_code: party.code,
          locale,
          name: party.name[locale],
          time_zone_label: party.timeZoneLabel[locale],
        })),
      )
      .execute();
    for (const [regionPosition, region] of party.regions.entries()) {
      await trx.insertInto("regions").values({ code: region.code, party_code: party.code, time_zone: region.timeZone, position: regionPosition }).execute();
      await trx
        .insertInto("region_translations")
        .values(LOCALES.map((locale) => ({ region_code: region.code, locale, name: region.name[locale] })))
        .execute();
    }
  }
  return added;
}

async function seedWorkplan(trx: Transaction<Database>): Promise<boolean> {
  const exists = await trx.selectFrom("workplans").select("id").where("slug", "=", workplan.slug).executeTakeFirst();
  if (exists) return false;
  const { id: workplanId } = await trx
    .insertInto("workplans")
    .values({ slug: workplan.slug, starts_on: workplan.startsOn, ends_on: workplan.endsOn })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("workplan_translations")
    .values(
      LOCALES.map((locale) => ({
        workplan_id: workplanId,
        locale,
        title: workplan.title[locale],
        introduction: workplan.introduction[locale],
      })),
    )
    .execute();

  const addItem = async (
    areaId: number | null,
    kind: "principle" | "objective" | "activity" | "deliverable",
    position: number,
    text: Localized,
    activity?: { status: "planned" | "to_be_confirmed" | "done"; timing: Localized },
  ) => {
    const { id } = await trx
      .insertInto("workplan_items")
      .values({ workplan_id: workplanId, area_id: areaId, kind, position, status: activity?.status ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workplan_item_translations")
      .values(LOCALES.map((locale) => ({ item_id: id, locale, text: text[locale], timing: activity?.timing[locale] ?? null })))
      .execute();
    // Where each country stands (ADR 044), read from the plan as written, as the migration that
    // added the table does for a plan seeded before it.
    if (kind === "activity" || kind === "deliverable") {
      for (const { code } of await trx.selectFrom("parties").select("code").execute()) {
        const due = dueFromTiming(activity?.timing.en ?? null, code);
        await trx
          .insertInto("workplan_progress")
          .values({
            item_id: id,
            party_code: code,
            status: activity?.status === "done" ? "done" : "planned",
            due_on: due.on,
            due_tentative: due.tentative ? 1 : 0,
          })
          .execute();
      }
    }
  };

  for (const [i, principle] of workplan.principles.entries()) await addItem(null, "principle", i, principle);
  for (const area of workplan.areas) {
    const { id: areaId } = await trx
      .insertInto("workplan_areas")
      .values({ workplan_id: workplanId, number: area.number, article: area.article })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workplan_area_translations")
      .values(
        LOCALES.map((locale) => ({
          area_id: areaId,
          locale,
          title: area.title[locale],
          description: area.description[locale],
        })),
      )
      .execute();
    for (const [i, objective] of area.objectives.entries()) await addItem(areaId, "objective", i, objective);
    for (const [i, activity] of area.activities.entries()) {
      await addItem(areaId, "activity", i, activity.description, activity);
    }
    for (const [i, deliverable] of area.deliverables.entries()) await addItem(areaId, "deliverable", i, deliverable);
  }
  return true;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const PARTY_NAMES: Record<string, string> = { CA: "canada", CL: "chile" };

/**
 * The last "Month YYYY" of a timing as written in English (for this country when it names one),
 * as that month's last day; tentative when "to be confirmed". The same reading as the migration
 * 2026-12-07T16-00_workplan-progress (frozen, so it keeps its own copy).
 */
export function dueFromTiming(timing: string | null, party: string): { on: string | null; tentative: boolean } {
  if (!timing) return { on: null, tentative: false };
  let text = timing.toLowerCase();
  const own = text.split(";").find((part) => part.trim().startsWith(`${PARTY_NAMES[party]}:`));
  if (own) text = own;
  const found = [...text.matchAll(/([a-z]+)\s+(\d{4})/g)].filter((m) => MONTHS.includes(m[1]!)).at(-1);
  if (!found) return { on: null, tentative: false };
  const month = MONTHS.indexOf(found[1]!) + 1;
  const last = new Date(Date.UTC(Number(found[2]), month, 0)).getUTCDate();
  return { on: `${found[2]}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`, tentative: /to be (confirmed|determined)/.test(text) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Opening at 09:00 and closing at 23:59 in the party's own time zone, as an official would set them. */
function daysFrom(now: Date, days: number, timeZone: string, endOfDay: boolean): string {
  const day = formatInTimeZone(new Date(now.getTime() + days * DAY_MS), timeZone, "yyyy-MM-dd");
  return fromZonedTime(`${day}T${endOfDay ? "23:59" : "09:00"}:00`, timeZone).toISOString();
}

async function seedTopics(trx: Transaction<Database>, now: Date): Promise<number> {
  const plan = await trx.selectFrom("workplans").select("id").where("slug", "=", workplan.slug).executeTakeFirstOrThrow();
  let added = 0;
  for (const topic of topics) {
    const exists = await trx.selectFrom("topics").select("id").where("slug", "=", topic.slug).executeTakeFirst();
    if (exists) continue;
    added++;
    const party = await trx.selectFrom("parties").select("time_zone").where("code", "=", topic.party).executeTakeFirstOrThrow();
    const area = await trx
      .selectFrom("workplan_areas")
      .select("id")
      .where("workplan_id", "=", plan.id)
      .where("number", "=", topic.areaNumber)
      .executeTakeFirst();
    const stamp = now.toISOString();
    const { id: topicId } = await trx
      .insertInto("topics")
      .values({
        party_code: topic.party,
        area_id: area?.id ?? null,
        slug: topic.slug,
        state: "published",
        opens_at: daysFrom(now, topic.opensInDays, party.time_zone, false),
        closes_at: daysFrom(now, topic.closesInDays, party.time_zone, true),
        allow_comments: topic.allowComments ? 1 : 0,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const texts = LOCALES.flatMap((locale) => {
      const text = topic.translations[locale];
      return text ? [{ topic_id: topicId, locale, ...text }] : [];
    });
    await trx.insertInto("topic_translations").values(texts).execute();
    for (const [position, question] of topic.guidingQuestions.entries()) {
      const { id: questionId } = await trx.insertInto("topic_questions").values({ topic_id: topicId, position }).returning("id").executeTakeFirstOrThrow();
      const rows = LOCALES.flatMap((locale) => {
        const text = question[locale];
        return text ? [{ question_id: questionId, locale, text }] : [];
      });
      await trx.insertInto("topic_question_translations").values(rows).execute();
    }
  }
  return added;
}

/**
 * Demo themes in the three languages, for each Party whose list is empty: a Party that has any
 * theme keeps its list as it is, so re-running never duplicates or overwrites officials' edits.
 * Returns how many themes were added (not part of SeedResult, whose shape tests pin).
 */
export async function seedThemes(trx: Kysely<Database>, now: Date = new Date()): Promise<number> {
  let added = 0;
  for (const [partyCode, list] of Object.entries(themes)) {
    const party = await trx.selectFrom("parties").select("code").where("code", "=", partyCode).executeTakeFirst();
    if (!party) continue;
    const existing = await trx.selectFrom("themes").select("id").where("party_code", "=", partyCode).limit(1).executeTakeFirst();
    if (existing) continue;
    await trx
      .insertInto("themes")
      .values(list.map((label) => ({ party_code: partyCode, label_en: label.en, label_fr: label.fr, label_es: label.es, created_at: now.toISOString() })))
      .execute();
    added += list.length;
  }
  return added;
}
