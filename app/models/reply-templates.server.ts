import type { Kysely, Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import type { ReplyTemplateInput, ReplyTemplateKind } from "~/schemas/reply-template";
import { isThemePartyCode, type ThemePartyCode } from "~/schemas/theme";
import { requirePermission, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { NotFoundError } from "./errors";

// Reply templates (ADR 043): each country's wording for rejections and notes to the person, per
// language. The officials who moderate a country's submissions manage its templates (moderators
// their own country's, admins both), checked against the party stored in the row, so an edited
// URL or form field cannot reach the other country's. Every change is in the audit trail.

type Db = Kysely<Database> | Transaction<Database>;

export interface ReplyTemplate {
  id: number;
  partyCode: string;
  kind: ReplyTemplateKind;
  locale: Locale;
  reason: string | null;
  name: string;
  body: string;
  updatedAt: string;
}

const LOCALE_ORDER: Record<Locale, number> = { en: 0, fr: 1, es: 2 };

function toTemplate(row: Awaited<ReturnType<typeof selectRows>>[number]): ReplyTemplate {
  return {
    id: row.id,
    partyCode: row.party_code,
    kind: row.kind,
    locale: row.locale,
    reason: row.reason,
    name: row.name,
    body: row.body,
    updatedAt: row.updated_at,
  };
}

function selectRows(db: Db, partyCode: string) {
  return db.selectFrom("reply_templates").selectAll().where("party_code", "=", partyCode).execute();
}

/**
 * The party whose templates an official's page shows: a moderator's own (asking for the other
 * one is a 403), an admin's choice, Canada's by default. An unknown party is a 404.
 */
export function templatePartyFor(actor: Actor, requested: string | null | undefined): ThemePartyCode {
  const wanted = requested || (actor.role === "admin" ? "CA" : actor.partyCode);
  if (!isThemePartyCode(wanted)) {
    requirePermission(actor, "submissions.moderate");
    throw new NotFoundError("party");
  }
  requirePermission(actor, "submissions.moderate", { partyCode: wanted });
  return wanted;
}

/** A party's templates, by kind, language, then name. */
export async function listReplyTemplates(db: Db, actor: Actor, partyCode: string): Promise<ReplyTemplate[]> {
  requirePermission(actor, "submissions.moderate", { partyCode });
  const rows = await selectRows(db, partyCode);
  return rows
    .map(toTemplate)
    .sort((a, b) => a.kind.localeCompare(b.kind) || LOCALE_ORDER[a.locale] - LOCALE_ORDER[b.locale] || a.name.localeCompare(b.name, a.locale) || a.id - b.id);
}

/** The templates the reject form proposes for a submission: its party's, in the person's language. */
export async function templatesFor(db: Db, actor: Actor, partyCode: string, locale: Locale): Promise<ReplyTemplate[]> {
  return (await listReplyTemplates(db, actor, partyCode)).filter((tpl) => tpl.locale === locale);
}

/** One template, for an official of its country (else 403; 404 when there is no such template). */
export async function getReplyTemplate(db: Db, actor: Actor, id: number): Promise<ReplyTemplate> {
  return toTemplate(await loadOwn(db, actor, id));
}

async function loadOwn(db: Db, actor: Actor, id: number) {
  requirePermission(actor, "submissions.moderate");
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError("template");
  const row = await db.selectFrom("reply_templates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("template");
  requirePermission(actor, "submissions.moderate", { partyCode: row.party_code });
  return row;
}

export async function createReplyTemplate(db: Kysely<Database>, actor: Actor, partyCode: string, input: ReplyTemplateInput, now = new Date()) {
  requirePermission(actor, "submissions.moderate", { partyCode });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("reply_templates")
      .values({
        party_code: partyCode,
        ...input,
        updated_by_user_id: actor.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "template.created", row.id, { party: partyCode, kind: input.kind, locale: input.locale, name: input.name });
    return row.id;
  });
}

export async function updateReplyTemplate(db: Kysely<Database>, actor: Actor, id: number, input: ReplyTemplateInput, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const before = await loadOwn(trx, actor, id);
    await trx
      .updateTable("reply_templates")
      .set({ ...input, updated_by_user_id: actor.id, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await audit(trx, actor, "template.updated", id, {
      party: before.party_code,
      before: { kind: before.kind, locale: before.locale, reason: before.reason, name: before.name, body: before.body },
      after: input,
    });
    return before.party_code;
  });
}

export async function deleteReplyTemplate(db: Kysely<Database>, actor: Actor, id: number) {
  return db.transaction().execute(async (trx) => {
    const before = await loadOwn(trx, actor, id);
    await trx.deleteFrom("reply_templates").where("id", "=", id).execute();
    // The wording is kept in the trail: a deleted template can be written again from it.
    await audit(trx, actor, "template.deleted", id, {
      party: before.party_code,
      kind: before.kind,
      locale: before.locale,
      reason: before.reason,
      name: before.name,
      body: before.body,
    });
    return before.party_code;
  });
}

async function audit(
  trx: Db,
  actor: Actor,
  action: "template.created" | "template.updated" | "template.deleted",
  id: number,
  details: Record<string, unknown>,
) {
  await recordAudit(trx, { actor: await auditActorOf(trx, actor.id), action, subject: { type: "reply_template", id }, details });
}
