import type { Kysely } from "kysely";
import { checkIn } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// The work plan kept current (ADR 044): each country's officials record, per activity and
// deliverable, where their country stands — a status, a date (or "to be confirmed"), the
// deliverable's file once done, and when and by whom it was last updated. The plan's own text
// (workplan_item_translations, with the timing as written) is left as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workplan_progress")
    .addColumn("item_id", "integer", (c) => c.notNull().references("workplan_items.id"))
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("status", "varchar(12)", (c) => c.notNull().check(checkIn("status", ["planned", "in_progress", "done", "cancelled"])))
    // YYYY-MM-DD; null: no date yet ("to be determined").
    .addColumn("due_on", "varchar(10)")
    // 1: the date is not confirmed yet ("June 2024 (to be confirmed)").
    .addColumn("due_tentative", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("file_key", "varchar(40)")
    .addColumn("file_name", "varchar(200)")
    .addColumn("file_size", "integer")
    .addColumn("file_sha256", "varchar(64)")
    .addColumn("updated_at", "varchar(30)")
    .addColumn("updated_by_user_id", "integer", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("workplan_progress_pk", ["item_id", "party_code"])
    .execute();

  // Keep what the plan already says: one row per activity and deliverable and per country, its
  // status and its date read from the timing as written in English.
  const items = await db
    .selectFrom("workplan_items as i")
    .leftJoin("workplan_item_translations as t", (j) => j.onRef("t.item_id", "=", "i.id").on("t.locale", "=", "en"))
    .select(["i.id", "i.kind", "i.status", "t.timing"])
    .where("i.kind", "in", ["activity", "deliverable"])
    .execute();
  const parties = await db.selectFrom("parties").select("code").execute();
  for (const item of items) {
    for (const { code } of parties) {
      const due = dueFromTiming(item.timing, code);
      await db
        .insertInto("workplan_progress")
        .values({
          item_id: item.id,
          party_code: code,
          status: item.status === "done" ? "done" : "planned",
          due_on: due.on,
          due_tentative: due.tentative ? 1 : 0,
        })
        .execute();
    }
  }
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const NAMES: Record<string, string> = { CA: "canada", CL: "chile" };

/** The last "Month YYYY" of the timing (for this country when it names one), as the month's last day. */
function dueFromTiming(timing: string | null, party: string): { on: string | null; tentative: boolean } {
  if (!timing) return { on: null, tentative: false };
  let text = timing.toLowerCase();
  const own = text.split(";").find((part) => part.trim().startsWith(`${NAMES[party]}:`));
  if (own) text = own;
  const found = [...text.matchAll(/([a-z]+)\s+(\d{4})/g)].filter((m) => MONTHS.includes(m[1]!)).at(-1);
  if (!found) return { on: null, tentative: false };
  const month = MONTHS.indexOf(found[1]!) + 1;
  const last = new Date(Date.UTC(Number(found[2]), month, 0)).getUTCDate();
  return { on: `${found[2]}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`, tentative: /to be (confirmed|determined)/.test(text) };
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("workplan_progress").execute();
}
