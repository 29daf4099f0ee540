import type { Kysely, Transaction } from "kysely";
import { engineOf } from "../../db/portable";
import type { Database, Locale, Theme } from "../../db/schema";
import { isThemePartyCode, labelKey, THEME_LOCALES, type ThemeLabels, type ThemeLocale, type ThemePartyCode } from "~/schemas/theme";
import { requirePermission, type Actor } from "~/utils/permissions";
import { recordAudit } from "./audit.server";
import { InvalidError, NotFoundError } from "./errors";
import { advancePublication } from "./publication.server";

// The list of themes each party tags its submissions with, in the three languages. Every function
// that reads for an official or writes checks "themes.manage" against the party stored in the
// database (or, for a new theme, the party asked for), so an edited URL or form field cannot
// reach the other party's list: moderators manage their own party's list, admins both.

export type { Theme };

type Db = Kysely<Database> | Transaction<Database>;

/** A label is already used by another theme of the same party, in these languages. */
export class DuplicateThemeLabelError extends Error {
  constructor(readonly locales: ThemeLocale[]) {
    super(`a theme of this party already has this label (${locales.join(", ")})`);
  }
}

/** The theme tags submissions and cannot be deleted; `count` says how many. */
export class ThemeInUseError extends Error {
  constructor(readonly count: number) {
    super(`the theme tags ${count} submission(s)`);
  }
}

/** The theme's label in a language. */
export function themeLabel(theme: Pick<Theme, "label_en" | "label_fr" | "label_es">, locale: Locale): string {
  return theme[`label_${locale}`];
}

const collators = new Map<Locale, Intl.Collator>();
function collator(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: "base", numeric: true })));
  return c;
}

/** Sorted by the label in `locale` as a reader of that language expects (accents, case), then by id. */
function sortThemes<T extends Theme>(themes: T[], locale: Locale): T[] {
  const c = collator(locale);
  return themes.sort((a, b) => c.compare(themeLabel(a, locale), themeLabel(b, locale)) || a.id - b.id);
}

/** A party's themes, ordered by their label in `locale`. No permission: what tagging and filters show. */
export async function listThemes(db: Db, partyCode: string, locale: Locale = "en"): Promise<Theme[]> {
  const themes = await db.selectFrom("themes").selectAll().where("party_code", "=", partyCode).execute();
  return sortThemes(themes, locale);
}

/**
 * The party whose list an official's page shows: a moderator's own (asking for the other one is a
 * 403), an admin's choice, Canada's when they have not chosen. An unknown party is a 404.
 */
export function themePartyFor(actor: Actor, requested: string | null | undefined): ThemePartyCode {
  const wanted = requested || (actor.role === "admin" ? "CA" : actor.partyCode);
  if (!isThemePartyCode(wanted)) {
    requirePermission(actor, "themes.manage");
    throw new NotFoundError("party");
  }
  requirePermission(actor, "themes.manage", { partyCode: wanted });
  return wanted;
}

/** A party's themes with how many submissions each tags, for an official who manages that list. */
export async function listThemesForActor(db: Db, actor: Actor, partyCode: string, locale: Locale = "en") {
  requirePermission(actor, "themes.manage", { partyCode });
  const [themes, counts] = await Promise.all([
    listThemes(db, partyCode, locale),
    db
      .selectFrom("submission_themes as st")
      .innerJoin("themes as t", "t.id", "st.theme_id")
      .select((eb) => ["st.theme_id", eb.fn.countAll<number>().as("n")])
      .where("t.party_code", "=", partyCode)
      .groupBy("st.theme_id")
      .execute(),
  ]);
  const byTheme = new Map(counts.map((c) => [c.theme_id, Number(c.n)]));
  return themes.map((theme) => ({ ...theme, submissionCount: byTheme.get(theme.id) ?? 0 }));
}

async function countUses(db: Db, themeId: number): Promise<number> {
  const row = await db
    .selectFrom("submission_themes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("theme_id", "=", themeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One theme, for an official of its party (else 403; 404 when there is no such theme). */
export async function getThemeForActor(db: Db, actor: Actor, id: number) {
  requirePermission(actor, "themes.manage");
  const theme = await loadOwnTheme(db, actor, id, false);
  return { ...theme, submissionCount: await countUses(db, theme.id) };
}

async function loadOwnTheme(db: Db, actor: Actor, id: number, lock: boolean): Promise<Theme> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError("theme");
  const theme = await db
    .selectFrom("themes")
    .selectAll()
    .where("id", "=", id)
    // On PostgreSQL, hold the row until the transaction ends, so no tag lands on it meanwhile.
    .$if(lock && engineOf(db) === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
  if (!theme) throw new NotFoundError("theme");
  requirePermission(actor, "themes.manage", { partyCode: theme.party_code });
  return theme;
}

/**
 * Serialises writes to one party's list on PostgreSQL (SQLite writes one transaction at a time
 * anyway), so two officials saving the same label at once cannot both pass the duplicate check.
 */
async function lockParty(trx: Transaction<Database>, partyCode: string) {
  if (engineOf(trx) !== "postgres") return;
  await trx.selectFrom("parties").select("code").where("code", "=", partyCode).forUpdate().execute();
}

/** Refuses a label another theme of the party has in the same language, whatever the case. */
async function checkDuplicates(trx: Transaction<Database>, partyCode: string, labels: ThemeLabels, exceptId?: number) {
  const others = (await listThemes(trx, partyCode)).filter((t) => t.id !== exceptId);
  const clashes = THEME_LOCALES.filter((l) => {
    const key = labelKey(labels[`label_${l}`]);
    return others.some((t) => labelKey(themeLabel(t, l)) === key);
  });
  if (clashes.length) throw new DuplicateThemeLabelError(clashes);
}

/** The audit trail names the person by email, as every other entry does. */
async function auditActor(db: Db, actor: Actor) {
  const user = await db.selectFrom("users").select(["id", "email"]).where("id", "=", actor.id).executeTakeFirst();
  return user ?? { id: actor.id, email: `user ${actor.id}` };
}

const labelsOf = (t: Pick<Theme, "label_en" | "label_fr" | "label_es">) => ({ en: t.label_en, fr: t.label_fr, es: t.label_es });

/** Adds a theme to a party's list (labels already checked with themeSchema). */
export async function createTheme(db: Kysely<Database>, actor: Actor, partyCode: string, labels: ThemeLabels): Promise<Theme> {
  requirePermission(actor, "themes.manage", { partyCode });
  if (!isThemePartyCode(partyCode)) throw new InvalidError("party");
  return db.transaction().execute(async (trx) => {
    await lockParty(trx, partyCode);
    await checkDuplicates(trx, partyCode, labels);
    const theme = await trx
      .insertInto("themes")
      .values({ party_code: partyCode, ...labels, created_at: new Date().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Themes are shown on published submissions (ADR 027).
    await advancePublication(trx);
    await recordAudit(trx, {
      actor: await auditActor(trx, actor),
      action: "theme.created",
      subject: { type: "theme", id: theme.id },
      details: { party: partyCode, labels: labelsOf(theme) },
    });
    return theme;
  });
}

/** Changes a theme's labels; its party never changes. */
export async function updateTheme(db: Kysely<Database>, actor: Actor, id: number, labels: ThemeLabels): Promise<Theme> {
  requirePermission(actor, "themes.manage");
  return db.transaction().execute(async (trx) => {
    const before = await loadOwnTheme(trx, actor, id, true);
    await lockParty(trx, before.party_code);
    await checkDuplicates(trx, before.party_code, labels, id);
    const theme = await trx.updateTable("themes").set(labels).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    // Themes are shown on published submissions (ADR 027).
    await advancePublication(trx);
    await recordAudit(trx, {
      actor: await auditActor(trx, actor),
      action: "theme.updated",
      subject: { type: "theme", id },
      details: { party: before.party_code, before: labelsOf(before), after: labelsOf(theme) },
    });
    return theme;
  });
}

/** Deletes a theme that tags no submission; one that does is refused with ThemeInUseError. */
export async function deleteTheme(db: Kysely<Database>, actor: Actor, id: number): Promise<Theme> {
  requirePermission(actor, "themes.manage");
  return db.transaction().execute(async (trx) => {
    const theme = await loadOwnTheme(trx, actor, id, true);
    const uses = await countUses(trx, id);
    if (uses > 0) throw new ThemeInUseError(uses);
    await trx.deleteFrom("themes").where("id", "=", id).execute();
    // Themes are shown on published submissions (ADR 027).
    await advancePublication(trx);
    await recordAudit(trx, {
      actor: await auditActor(trx, actor),
      action: "theme.deleted",
      subject: { type: "theme", id },
      details: { party: theme.party_code, labels: labelsOf(theme) },
    });
    return theme;
  });
}
