import type { Kysely } from "kysely";
import type { ActivityStatus, Database } from "../../db/schema";
import type { Locale } from "~/i18n";

export interface WorkplanView {
  slug: string;
  startsOn: string;
  endsOn: string;
  title: string;
  introduction: string;
  principles: string[];
  areas: Array<{
    id: number;
    number: number;
    article: string;
    title: string;
    description: string;
    objectives: string[];
    activities: Array<{ text: string; timing: string; status: ActivityStatus }>;
    deliverables: string[];
  }>;
}

/** The current work plan (the latest by start date), in one language; null before seeding. */
export async function getWorkplan(db: Kysely<Database>, locale: Locale): Promise<WorkplanView | null> {
  const plan = await db
    .selectFrom("workplans as w")
    .innerJoin("workplan_translations as t", (j) => j.onRef("t.workplan_id", "=", "w.id").on("t.locale", "=", locale))
    .select(["w.id", "w.slug", "w.starts_on", "w.ends_on", "t.title", "t.introduction"])
    .orderBy("w.starts_on", "desc")
    .executeTakeFirst();
  if (!plan) return null;

  const [areas, items] = await Promise.all([
    db
      .selectFrom("workplan_areas as a")
      .innerJoin("workplan_area_translations as t", (j) => j.onRef("t.area_id", "=", "a.id").on("t.locale", "=", locale))
      .select(["a.id", "a.number", "a.article", "t.title", "t.description"])
      .where("a.workplan_id", "=", plan.id)
      .orderBy("a.number")
      .execute(),
    db
      .selectFrom("workplan_items as i")
      .innerJoin("workplan_item_translations as t", (j) => j.onRef("t.item_id", "=", "i.id").on("t.locale", "=", locale))
      .select(["i.area_id", "i.kind", "i.status", "t.text", "t.timing"])
      .where("i.workplan_id", "=", plan.id)
      .orderBy("i.position")
      .execute(),
  ]);

  const itemsOf = (areaId: number | null, kind: string) => items.filter((i) => i.area_id === areaId && i.kind === kind);
  return {
    slug: plan.slug,
    startsOn: plan.starts_on,
    endsOn: plan.ends_on,
    title: plan.title,
    introduction: plan.introduction,
    principles: itemsOf(null, "principle").map((i) => i.text),
    areas: areas.map((a) => ({
      ...a,
      objectives: itemsOf(a.id, "objective").map((i) => i.text),
      activities: itemsOf(a.id, "activity").map((i) => ({
        text: i.text,
        timing: i.timing ?? "",
        status: i.status ?? "planned",
      })),
      deliverables: itemsOf(a.id, "deliverable").map((i) => i.text),
    })),
  };
}

/** The areas of the current work plan, for choosing a topic's area. */
export async function listAreas(db: Kysely<Database>, locale: Locale) {
  return db
    .selectFrom("workplan_areas as a")
    .innerJoin("workplan_translations as wt", (j) => j.onRef("wt.workplan_id", "=", "a.workplan_id").on("wt.locale", "=", locale))
    .innerJoin("workplan_area_translations as t", (j) => j.onRef("t.area_id", "=", "a.id").on("t.locale", "=", locale))
    .innerJoin("workplans as w", "w.id", "a.workplan_id")
    .select(["a.id", "a.number", "a.article", "t.title"])
    .orderBy("w.starts_on", "desc")
    .orderBy("a.number")
    .execute();
}
