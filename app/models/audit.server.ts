import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { AuditAction } from "~/schemas/audit";

export type { AuditAction };

export interface AuditInput {
  actor: { id: number; email: string } | null;
  /** Who it was when there is no account (e.g. the address typed at a failed sign-in). */
  actorLabel?: string;
  action: AuditAction;
  subject?: { type: string; id: string | number };
  details?: Record<string, unknown>;
}

/** Appends to the audit trail (the table refuses updates and deletes). */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      actor_user_id: input.actor?.id ?? null,
      actor_label: input.actor?.email ?? input.actorLabel ?? null,
      action: input.action,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject ? String(input.subject.id) : null,
      details: input.details ? JSON.stringify(input.details) : null,
    })
    .execute();
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
  /** Show entries older than this id (keyset pagination, newest first). */
  before?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(db: Kysely<Database>, filters: AuditFilters) {
  let query = db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1);
  if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.actor) query = query.where("actor_label", "=", filters.actor.trim().toLowerCase());
  if (filters.from) query = query.where("at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) query = query.where("at", "<=", `${filters.to}T23:59:59.999Z`);
  if (filters.before) query = query.where("id", "<", filters.before);
  const rows = await query.execute();
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: entries.map((e) => ({ ...e, details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : null })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : null,
  };
}

/** The audit trail's actor for an official known by id (domain functions receive an Actor without the address). */
export async function auditActorOf(db: Kysely<Database> | Transaction<Database>, userId: number): Promise<{ id: number; email: string }> {
  const row = await db.selectFrom("users").select(["id", "email"]).where("id", "=", userId).executeTakeFirst();
  return row ?? { id: userId, email: `user:${userId}` };
}
