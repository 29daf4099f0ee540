import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

// Moved to support/ (shared with bench/, ADR 025): tests keep importing it from here.
export * from "../../support/db";

/** How many rows a table holds. */
export async function countRows(db: Kysely<Database>, table: keyof Database) {
  return Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** How many audit entries record this action (on this subject, when given). */
export async function countAudits(db: Kysely<Database>, action: string, subjectId?: number) {
  let q = db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", action);
  if (subjectId !== undefined) q = q.where("subject_id", "=", String(subjectId));
  return Number((await q.executeTakeFirstOrThrow()).n);
}
