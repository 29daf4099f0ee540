import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(db: Kysely<Database>, before?: number) {
  let query = db
    .selectFrom("outbox")
    .select(["id", "created_at", "kind", "to_address", "locale", "subject", "status"])
    .orderBy("id", "desc")
    .limit(OUTBOX_PAGE_SIZE + 1);
  if (before) query = query.where("id", "<", before);
  const rows = await query.execute();
  const messages = rows.slice(0, OUTBOX_PAGE_SIZE);
  return { messages, nextBefore: rows.length > OUTBOX_PAGE_SIZE ? messages.at(-1)!.id : null };
}

export async function getOutboxMessage(db: Kysely<Database>, id: number) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
