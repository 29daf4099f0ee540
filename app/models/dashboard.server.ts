import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Locale } from "~/i18n";
import { jobQueue } from "~/utils/jobs.server";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { listEditions } from "./editions.server";
import { signatoryParties } from "./signatories.server";
import { pickTranslation } from "./topics.server";
import { countOverdue } from "./workplan.server";

// The back office's first page (ADR 044): what needs the official's attention in their country
// (both countries for admins), each figure computed from the same tables as the list it links to.
// Each section is null when the person's role does not reach the list behind it.

const DAY_MS = 24 * 60 * 60 * 1000;
export const DASHBOARD_DAYS = 30;
export const DASHBOARD_HORIZON_DAYS = 14;
/** Editions looked through for those awaiting this person's sign-off (newest first). */
const EDITIONS_LOOKED_AT = 200;
const FAILED_JOBS_SHOWN = 100;

/** The countries an official looks after: both for admins, their own for others (none without one). */
export function dashboardParties(actor: Actor): string[] {
  if (actor.role === "admin") return ["CA", "CL"];
  return actor.partyCode ? [actor.partyCode] : [];
}

async function topicTitles(db: Kysely<Database>, ids: number[], locale: Locale): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("topic_translations").select(["topic_id", "locale", "title"]).where("topic_id", "in", ids).execute();
  return new Map(
    ids.map((id) => [
      id,
      pickTranslation(
        rows.filter((r) => r.topic_id === id),
        locale,
      )?.title ?? "",
    ]),
  );
}

export async function getDashboard(db: Kysely<Database>, actor: Actor, locale: Locale, now: Date = new Date()) {
  requirePermission(actor, "backoffice.enter");
  const parties = dashboardParties(actor);
  const moderates = can(actor, "submissions.moderate") && parties.length > 0;
  const [queue, daily, dates, signoffs, failedJobs, overdue] = await Promise.all([
    moderates ? pendingByTopic(db, parties, locale, now) : null,
    moderates ? receivedPerDay(db, parties, now) : null,
    parties.length > 0 ? upcomingDates(db, parties, locale, now) : null,
    awaitingSignOff(db, actor),
    can(actor, "jobs.read")
      ? jobQueue(db)
          .listJobs({ state: "failed", limit: FAILED_JOBS_SHOWN })
          .then((jobs) => jobs.length)
      : null,
    can(actor, "workplan.manage") ? countOverdue(db, parties, now) : null,
  ]);
  return { parties, queue, daily, dates, signoffs, failedJobs, overdue };
}

/** Pending submissions per consultation, with the age of the oldest (whole days); oldest first. */
async function pendingByTopic(db: Kysely<Database>, parties: string[], locale: Locale, now: Date) {
  const rows = await db
    .selectFrom("submissions")
    .select(["topic_id", "party_code", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("created_at").as("oldest")])
    .where("party_code", "in", parties)
    .where("status", "=", "pending")
    .groupBy(["topic_id", "party_code"])
    .execute();
  const titles = await topicTitles(
    db,
    rows.map((r) => r.topic_id),
    locale,
  );
  const topics = rows
    .map((r) => ({
      topicId: r.topic_id,
      party: r.party_code,
      title: titles.get(r.topic_id) ?? "",
      pending: Number(r.n),
      oldestAt: String(r.oldest),
      oldestDays: Math.max(0, Math.floor((now.getTime() - Date.parse(String(r.oldest))) / DAY_MS)),
    }))
    .sort((a, b) => a.oldestAt.localeCompare(b.oldestAt) || a.topicId - b.topicId);
  const totals = parties.map((party) => ({ party, pending: topics.filter((t) => t.party === party).reduce((n, t) => n + t.pending, 0) }));
  return { topics, totals };
}

/** Submissions received per UTC day over the last DASHBOARD_DAYS days (today included), per country. */
async function receivedPerDay(db: Kysely<Database>, parties: string[], now: Date) {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const days = Array.from({ length: DASHBOARD_DAYS }, (_, i) => new Date(today - (DASHBOARD_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const day = sql<string>`substr(created_at, 1, 10)`;
  const rows = await db
    .selectFrom("submissions")
    .select([day.as("day"), "party_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("party_code", "in", parties)
    .where("created_at", ">=", `${days[0]}T00:00:00.000Z`)
    .groupBy([day, "party_code"])
    .execute();
  return days.map((d) => ({
    day: d,
    counts: Object.fromEntries(parties.map((p) => [p, Number(rows.find((r) => r.day === d && r.party_code === p)?.n ?? 0)])) as Record<string, number>,
  }));
}

/** Published consultations opening or closing (closing early included) within the next DASHBOARD_HORIZON_DAYS days. */
async function upcomingDates(db: Kysely<Database>, parties: string[], locale: Locale, now: Date) {
  const from = now.toISOString();
  const to = new Date(now.getTime() + DASHBOARD_HORIZON_DAYS * DAY_MS).toISOString();
  const rows = await db
    .selectFrom("topics")
    .select(["id", "slug", "party_code", "opens_at", "closes_at", "closed_early_at"])
    .where("party_code", "in", parties)
    .where("state", "=", "published")
    .where((eb) => eb.or([eb.and([eb("opens_at", ">", from), eb("opens_at", "<=", to)]), eb.and([eb("closes_at", ">", from), eb("closes_at", "<=", to)])]))
    .execute();
  const titles = await topicTitles(
    db,
    rows.map((r) => r.id),
    locale,
  );
  const events: Array<{ topicId: number; slug: string; party: string; title: string; event: "opens" | "closes"; at: string }> = [];
  for (const r of rows) {
    if (r.closed_early_at && r.closed_early_at <= from) continue;
    const base = { topicId: r.id, slug: r.slug, party: r.party_code, title: titles.get(r.id) ?? "" };
    if (r.opens_at > from && r.opens_at <= to) events.push({ ...base, event: "opens", at: r.opens_at });
    if (r.closes_at > from && r.closes_at <= to) events.push({ ...base, event: "closes", at: r.closes_at });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** Compiled editions covering a country this person signs off for, not yet signed off for it. */
async function awaitingSignOff(db: Kysely<Database>, actor: Actor) {
  const mine = await signatoryParties(db, actor);
  if (mine.length === 0) return [];
  const editions = await listEditions(db, actor, { limit: EDITIONS_LOOKED_AT });
  return editions
    .filter((e) => e.status === "compiled" && e.parties.some((p) => mine.includes(p) && !e.signoffs.some((s) => s.party_code === p)))
    .map((e) => ({ id: e.id, number: e.number, completedAt: e.completed_at ?? e.created_at }));
}
