import type { Kysely } from "kysely";
import type { Database, ProgressStatus } from "../../db/schema";
import type { Locale } from "~/i18n";
import type { ProgressUpdate } from "~/schemas/workplan";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors";
import { advancePublication } from "./publication.server";
import { fileKeyInUse } from "./stored-files.server";

/** Where one country stands on an activity or deliverable (ADR 044). */
export interface ProgressView {
  party: string;
  status: ProgressStatus;
  /** YYYY-MM-DD, or null: to be determined. */
  dueOn: string | null;
  tentative: boolean;
  /** The deliverable's file, public once attached. */
  file: { name: string; size: number } | null;
  /** Null: as written in the plan, never updated since. */
  updatedAt: string | null;
}

export interface WorkplanItemView {
  id: number;
  text: string;
  /** Activities: the timing as written in the plan. */
  timing: string;
  progress: ProgressView[];
}

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
    activities: WorkplanItemView[];
    deliverables: WorkplanItemView[];
    /** Published consultations of this area (listed at /consultations?area=number). */
    consultations: number;
  }>;
  /** The last time an official updated where a country stands; null: never since the plan. */
  lastUpdatedAt: string | null;
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

  const [areas, items, progress, topicCounts] = await Promise.all([
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
      .select(["i.id", "i.area_id", "i.kind", "t.text", "t.timing"])
      .where("i.workplan_id", "=", plan.id)
      .orderBy("i.position")
      .execute(),
    progressQuery(db).where("i.workplan_id", "=", plan.id).execute(),
    db
      .selectFrom("topics as t")
      .innerJoin("workplan_areas as a", "a.id", "t.area_id")
      .select(["t.area_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("a.workplan_id", "=", plan.id)
      .where("t.state", "=", "published")
      .groupBy("t.area_id")
      .execute(),
  ]);
  const progressOf = (itemId: number) => progress.filter((p) => p.item_id === itemId).map(toProgressView);
  const toItem = (i: (typeof items)[number]): WorkplanItemView => ({ id: i.id, text: i.text, timing: i.timing ?? "", progress: progressOf(i.id) });

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
      activities: itemsOf(a.id, "activity").map(toItem),
      deliverables: itemsOf(a.id, "deliverable").map(toItem),
      consultations: Number(topicCounts.find((c) => c.area_id === a.id)?.n ?? 0),
    })),
    lastUpdatedAt: progress.reduce<string | null>((last, p) => (p.updated_at && (!last || p.updated_at > last) ? p.updated_at : last), null),
  };
}

function progressQuery(db: Kysely<Database>) {
  return db
    .selectFrom("workplan_progress as p")
    .innerJoin("workplan_items as i", "i.id", "p.item_id")
    .innerJoin("parties as pa", "pa.code", "p.party_code")
    .select(["p.item_id", "p.party_code", "p.status", "p.due_on", "p.due_tentative", "p.file_name", "p.file_size", "p.updated_at"])
    .orderBy("pa.position");
}

function toProgressView(p: {
  party_code: string;
  status: ProgressStatus;
  due_on: string | null;
  due_tentative: number;
  file_name: string | null;
  file_size: number | null;
  updated_at: string | null;
}): ProgressView {
  return {
    party: p.party_code,
    status: p.status,
    dueOn: p.due_on,
    tentative: Number(p.due_tentative) === 1,
    file: p.file_name ? { name: p.file_name, size: Number(p.file_size ?? 0) } : null,
    updatedAt: p.updated_at,
  };
}

function partiesOf(actor: Actor): string[] {
  if (actor.role === "admin") return ["CA", "CL"];
  return can(actor, "workplan.manage") && actor.partyCode ? [actor.partyCode] : [];
}

/** "Past its date, still planned": the date (confirmed or not) is before today (UTC). */
export function isOverdue(p: { status: ProgressStatus; dueOn: string | null }, now: Date): boolean {
  return p.status === "planned" && p.dueOn !== null && p.dueOn < now.toISOString().slice(0, 10);
}

/**
 * The back office's view of the current plan: every activity and deliverable with where each of
 * the actor's countries stands (both for admins); `overdue` keeps only those past their date and
 * still planned.
 */
export async function listWorkplanProgress(
  db: Kysely<Database>,
  actor: Actor,
  locale: Locale,
  filters: { party?: string; overdue?: boolean },
  now: Date = new Date(),
) {
  requirePermission(actor, "workplan.manage");
  const mine = partiesOf(actor);
  const parties = filters.party && mine.includes(filters.party) ? [filters.party] : mine;
  const plan = await getWorkplan(db, locale);
  if (!plan) return { parties, areas: [] };
  const keep = (item: WorkplanItemView) => ({
    ...item,
    progress: item.progress.filter((p) => parties.includes(p.party) && (!filters.overdue || isOverdue(p, now))),
  });
  return {
    parties,
    areas: plan.areas.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      consultations: a.consultations,
      items: [
        ...a.activities.map((i) => ({ ...keep(i), kind: "activity" as const })),
        ...a.deliverables.map((i) => ({ ...keep(i), kind: "deliverable" as const })),
      ].filter((i) => i.progress.length > 0),
    })),
  };
}

/** Activities and deliverables past their date and still planned, per country (the dashboard's figure). */
export async function countOverdue(db: Kysely<Database>, parties: string[], now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(parties.map((p) => [p, 0]));
  if (parties.length === 0) return counts;
  const rows = await db
    .selectFrom("workplan_progress")
    .select(["party_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("party_code", "in", parties)
    .where("status", "=", "planned")
    .where("due_on", "is not", null)
    .where("due_on", "<", now.toISOString().slice(0, 10))
    .groupBy("party_code")
    .execute();
  for (const row of rows) counts[row.party_code] = Number(row.n);
  return counts;
}

type By = { id: number; email: string; actor: Actor };

async function loadProgress(db: Kysely<Database>, actor: Actor, itemId: number, party: string) {
  requirePermission(actor, "workplan.manage", { partyCode: party });
  const row = await db.selectFrom("workplan_progress").selectAll().where("item_id", "=", itemId).where("party_code", "=", party).executeTakeFirst();
  if (!row) throw new NotFoundError("workplan item");
  return row;
}

/**
 * A country's official records where their country stands on an activity or deliverable. Public
 * (the work-plan page shows it): audited with before and after, and the publication version
 * advances so cached pages follow (ADR 027). Saving what is already there changes nothing.
 */
export async function updateProgress(db: Kysely<Database>, by: By, update: ProgressUpdate, now: Date = new Date()) {
  const before = await loadProgress(db, by.actor, update.itemId, update.party);
  const after = { status: update.status, due_on: update.dueOn, due_tentative: update.dueOn && update.tentative ? 1 : 0 };
  const was = { status: before.status, due_on: before.due_on, due_tentative: Number(before.due_tentative) };
  if (was.status === after.status && was.due_on === after.due_on && was.due_tentative === after.due_tentative) return false;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("workplan_progress")
      .set({ ...after, updated_at: now.toISOString(), updated_by_user_id: by.id })
      .where("item_id", "=", update.itemId)
      .where("party_code", "=", update.party)
      .execute();
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action: "workplan.progress_updated",
      subject: { type: "workplan_item", id: update.itemId },
      details: { party: update.party, before: was, after },
    });
  });
  return true;
}

/** A file was offered that this request did not upload, or the item is not done. */
export class DeliverableRefused extends Error {
  constructor(readonly messageKey: "workplan.errors.notDone" | "validation.fileEmpty") {
    super(`deliverable refused: ${messageKey}`);
  }
}

/** Refuses before anything is stored: another country's item (403), an unknown one (404), one not done. */
export async function requireAttachable(db: Kysely<Database>, actor: Actor, itemId: number, party: string) {
  const row = await loadProgress(db, actor, itemId, party);
  if (row.status !== "done") throw new DeliverableRefused("workplan.errors.notDone");
}

/**
 * Attaches the deliverable's file (a PDF this same request stored, checked by its content) once
 * the item is done; it replaces any earlier one, whose stored file is removed by the caller when
 * returned. Public, audited, advances the publication version.
 */
export async function attachDeliverable(
  db: Kysely<Database>,
  by: By,
  itemId: number,
  party: string,
  file: { key: string; name: string; size: number; sha256: string },
  now: Date = new Date(),
): Promise<{ replacedKey: string | null }> {
  const before = await loadProgress(db, by.actor, itemId, party);
  if (before.status !== "done") throw new DeliverableRefused("workplan.errors.notDone");
  return db.transaction().execute(async (trx) => {
    if (await fileKeyInUse(trx, file.key)) throw new DeliverableRefused("validation.fileEmpty");
    await trx
      .updateTable("workplan_progress")
      .set({
        file_key: file.key,
        file_name: file.name,
        file_size: file.size,
        file_sha256: file.sha256,
        updated_at: now.toISOString(),
        updated_by_user_id: by.id,
      })
      .where("item_id", "=", itemId)
      .where("party_code", "=", party)
      .execute();
    await advancePublication(trx, now);
    await recordAudit(trx, {
      actor: by,
      action: "workplan.deliverable_attached",
      subject: { type: "workplan_item", id: itemId },
      details: { party, name: file.name, size: file.size, sha256: file.sha256, replaced: before.file_sha256 },
    });
    return { replacedKey: before.file_key };
  });
}

/** A deliverable's file for anyone to download (attached files are public); null when there is none. */
export async function getDeliverableFile(db: Kysely<Database>, itemId: number, party: string) {
  if (!Number.isInteger(itemId) || itemId <= 0) return null;
  const row = await db
    .selectFrom("workplan_progress")
    .select(["file_key", "file_name", "file_size"])
    .where("item_id", "=", itemId)
    .where("party_code", "=", party)
    .executeTakeFirst();
  if (!row?.file_key) return null;
  return { key: row.file_key, name: row.file_name ?? "deliverable.pdf", size: Number(row.file_size ?? 0) };
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
