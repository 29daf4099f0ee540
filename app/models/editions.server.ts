import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { formatAvailable, formatWriters, summaryFileName, summaryFormats, type SummaryFormat } from "~/exports/formats.server";
import { filesDir } from "~/utils/files.server";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { buildSummary, scopeKey } from "./summaries.server";
import type { SummaryEdition, SummaryScope } from "./summary-types";

const LOCALES: Locale[] = ["en", "fr", "es"];

export class EditionRefused extends Error {
  constructor(readonly reason: "not_signatory" | "not_compiled" | "already_signed" | "not_available" | "empty_scope") {
    super(`edition refused: ${reason}`);
  }
}

/** The parties whose sign-off an edition needs: those whose topics it covers. */
function partiesOfScope(scope: SummaryScope, topicParties: string[]): string[] {
  if (scope.kind === "party") return [scope.party];
  return [...new Set(topicParties)].sort();
}

/**
 * Compiles a numbered edition of a summary: freezes which submissions it includes and the
 * synthesis texts, then writes every format in the three languages in the background (progress
 * on the edition), hashing each file. A later compilation of the same scope and edition
 * supersedes this one; nothing is ever overwritten.
 */
export async function startCompilation(db: Kysely<Database>, actor: Actor, input: { scope: SummaryScope; edition: SummaryEdition }, now: Date = new Date()) {
  requirePermission(actor, "summaries.compile");
  const probe = await buildSummary(db, { ...input, locale: "en", now });
  if (probe.meta.topics.length === 0) throw new EditionRefused("empty_scope");
  const ids: number[] = [];
  for await (const s of probe.submissions("reference")) ids.push(s.id);
  const areaIds = await db.selectFrom("topics").select("area_id").where("id", "in", probe.meta.topics.map((t) => t.id)).execute();
  const syntheses = await db
    .selectFrom("syntheses")
    .select(["party_code", "area_id", "locale", "text"])
    .where("area_id", "in", [...new Set(areaIds.map((a) => a.area_id ?? 0))])
    .orderBy("party_code")
    .orderBy("area_id")
    .orderBy("locale")
    .execute();
  const key = scopeKey(input.scope);
  const edition = await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("summary_editions").select((eb) => eb.fn.max("number").as("n")).where("scope_key", "=", key).where("edition", "=", input.edition).executeTakeFirst();
    return trx
      .insertInto("summary_editions")
      .values({
        scope_key: key,
        number: Number(last?.n ?? 0) + 1,
        scope: JSON.stringify(input.scope),
        edition: input.edition,
        status: "compiling",
        progress: 0,
        submission_ids: JSON.stringify(ids),
        syntheses: JSON.stringify(syntheses),
        created_by_user_id: actor.id,
        created_at: now.toISOString(),
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
  });
  const done = runCompilation(db, edition.id).catch(async (error: unknown) => {
    await db.updateTable("summary_editions").set({ status: "failed", error: String((error as Error)?.message ?? error) }).where("id", "=", edition.id).execute();
  });
  return { ...edition, done };
}

/** Writes the files of a compiling edition, one format and language at a time. */
async function runCompilation(db: Kysely<Database>, editionId: number) {
  const row = await db.selectFrom("summary_editions").selectAll().where("id", "=", editionId).executeTakeFirstOrThrow();
  const scope = JSON.parse(row.scope) as SummaryScope;
  const submissionIds = JSON.parse(row.submission_ids ?? "[]") as number[];
  const syntheses = JSON.parse(row.syntheses ?? "[]") as Array<{ party_code: string; area_id: number; locale: Locale; text: string }>;
  // A DOCX too large to build in memory is left out; the editions page says why.
  const formats = summaryFormats.filter((format) => formatAvailable(format, submissionIds.length));
  const jobs = LOCALES.flatMap((locale) => formats.map((format) => ({ locale, format })));
  const written: Array<{ format: SummaryFormat; locale: Locale; key: string; name: string; size: number; sha256: string }> = [];
  try {
    for (const [index, job] of jobs.entries()) {
      const summary = await buildSummary(db, {
        scope,
        edition: row.edition,
        locale: job.locale,
        now: new Date(row.created_at),
        submissionIds,
        syntheses,
        official: { number: row.number, frozenAt: row.created_at },
      });
      const key = randomBytes(18).toString("base64url");
      const hash = createHash("sha256");
      let size = 0;
      const counter = new PassThrough();
      counter.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      const writing = pipeline(counter, createWriteStream(join(filesDir(), key), { flags: "wx" }));
      await formatWriters[job.format].write(summary, counter);
      if (!counter.writableEnded) counter.end();
      await writing;
      written.push({ ...job, key, name: summaryFileName(summary, job.format, row.number), size, sha256: hash.digest("hex") });
      await db.updateTable("summary_editions").set({ progress: Math.round(((index + 1) / jobs.length) * 100) }).where("id", "=", editionId).execute();
    }
  } catch (error) {
    await Promise.all(written.map((w) => rm(join(filesDir(), w.key), { force: true })));
    throw error;
  }
  const dataHash = createHash("sha256").update(written.map((w) => `${w.format}/${w.locale}/${w.sha256}`).join("\n")).digest("hex");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("summary_edition_files")
      .values(written.map((w) => ({ edition_id: editionId, format: w.format, locale: w.locale, file_key: w.key, file_name: w.name, size: w.size, sha256: w.sha256 })))
      .execute();
    await trx.updateTable("summary_editions").set({ status: "compiled", progress: 100, data_hash: dataHash, completed_at: new Date().toISOString() }).where("id", "=", editionId).execute();
    // The newest compilation of a scope and edition supersedes the earlier ones (kept, marked).
    await trx
      .updateTable("summary_editions")
      .set({ status: "superseded", superseded_by: editionId })
      .where("scope_key", "=", row.scope_key)
      .where("edition", "=", row.edition)
      .where("id", "<", editionId)
      .where("status", "in", ["compiled", "exchanged"])
      .execute();
  });
}

export async function listEditions(db: Kysely<Database>, actor: Actor) {
  requirePermission(actor, "summaries.read");
  const editions = await db
    .selectFrom("summary_editions as e")
    .leftJoin("users as u", "u.id", "e.created_by_user_id")
    .select(["e.id", "e.scope_key", "e.number", "e.scope", "e.edition", "e.status", "e.progress", "e.data_hash", "e.error", "e.created_at", "e.completed_at", "e.superseded_by", "u.display_name as created_by"])
    .orderBy("e.id", "desc")
    .limit(100)
    .execute();
  const ids = editions.length ? editions.map((e) => e.id) : [0];
  const [files, signoffs, topicParties] = await Promise.all([
    db.selectFrom("summary_edition_files").select(["edition_id", "format", "locale", "size", "sha256", "file_name"]).where("edition_id", "in", ids).execute(),
    db
      .selectFrom("summary_signoffs as so")
      .innerJoin("users as u", "u.id", "so.user_id")
      .select(["so.edition_id", "so.party_code", "so.signed_at", "u.display_name"])
      .where("so.edition_id", "in", ids)
      .execute(),
    db.selectFrom("topics").select(["id", "party_code", "area_id"]).execute(),
  ]);
  const areas = await db.selectFrom("workplan_areas").select(["id", "number"]).execute();
  return editions.map((e) => {
    const scope = JSON.parse(e.scope) as SummaryScope;
    const parties = partiesOfScope(
      scope,
      topicParties
        .filter((tp) =>
          scope.kind === "topic"
            ? tp.id === scope.topicId
            : scope.kind === "bilateral-topics"
              ? scope.topicIds.includes(tp.id)
              : scope.kind === "bilateral-area"
                ? areas.find((a) => a.id === tp.area_id)?.number === scope.areaNumber
                : scope.kind === "party"
                  ? tp.party_code === scope.party
                  : true,
        )
        .map((tp) => tp.party_code),
    );
    const signed = signoffs.filter((s) => s.edition_id === e.id);
    return {
      ...e,
      scope,
      parties,
      signoffs: signed,
      files: files.filter((f) => f.edition_id === e.id),
      // The committee downloads an edition once every party has signed it off.
      downloadable: e.status === "exchanged" || ((e.status === "compiled" || e.status === "superseded") && can(actor, "summaries.compile")),
    };
  });
}

/**
 * The party's designated official signs a compiled edition off; once every party it covers has,
 * it is marked as exchanged.
 */
export async function signOff(db: Kysely<Database>, actor: Actor, editionId: number, now: Date = new Date()) {
  const party = await db.selectFrom("parties").select("code").where("signatory_user_id", "=", actor.id).executeTakeFirst();
  if (!party) throw new EditionRefused("not_signatory");
  return db.transaction().execute(async (trx) => {
    const edition = (await listEditions(trx as unknown as Kysely<Database>, actor)).find((e) => e.id === editionId);
    if (!edition || edition.status !== "compiled") throw new EditionRefused("not_compiled");
    if (!edition.parties.includes(party.code)) throw new EditionRefused("not_signatory");
    if (edition.signoffs.some((s) => s.party_code === party.code)) throw new EditionRefused("already_signed");
    await trx.insertInto("summary_signoffs").values({ edition_id: editionId, party_code: party.code, user_id: actor.id, signed_at: now.toISOString() }).execute();
    const all = edition.parties.every((p) => p === party.code || edition.signoffs.some((s) => s.party_code === p));
    if (all) await trx.updateTable("summary_editions").set({ status: "exchanged" }).where("id", "=", editionId).where("status", "=", "compiled").execute();
    return { exchanged: all, party: party.code };
  });
}

/** A file of an edition, for whoever may download it now. */
export async function getEditionFile(db: Kysely<Database>, actor: Actor, editionId: number, format: string, locale: string) {
  const edition = (await listEditions(db, actor)).find((e) => e.id === editionId);
  if (!edition || !edition.downloadable) throw new EditionRefused("not_available");
  const file = await db
    .selectFrom("summary_edition_files")
    .selectAll()
    .where("edition_id", "=", editionId)
    .where("format", "=", format as SummaryFormat)
    .where("locale", "=", locale as Locale)
    .executeTakeFirst();
  if (!file) throw new EditionRefused("not_available");
  return file;
}

/** Recomputes every file's SHA-256: an edition verifies when all match what was recorded. */
export async function verifyEdition(db: Kysely<Database>, actor: Actor, editionId: number) {
  requirePermission(actor, "summaries.read");
  const files = await db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", editionId).execute();
  const results = await Promise.all(
    files.map(async (f) => {
      const hash = createHash("sha256");
      try {
        await pipeline(createReadStream(join(filesDir(), f.file_key)), hash);
        return { format: f.format, locale: f.locale, ok: hash.digest("hex") === f.sha256 };
      } catch {
        return { format: f.format, locale: f.locale, ok: false };
      }
    }),
  );
  return { ok: files.length > 0 && results.every((r) => r.ok), files: results };
}

/** Sets (or clears) each party's designated signatory: admins only. */
export async function setSignatory(db: Kysely<Database>, actor: Actor, party: "CA" | "CL", userId: number | null) {
  requirePermission(actor, "users.manage");
  if (userId !== null) {
    const user = await db.selectFrom("users").select(["id", "role", "party_code", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
    if (!user || user.disabled_at || user.role === "committee" || (user.role === "moderator" && user.party_code !== party)) throw new EditionRefused("not_signatory");
  }
  await db.updateTable("parties").set({ signatory_user_id: userId }).where("code", "=", party).execute();
}

/**
 * The edition's manifest: what it is, each file's SHA-256, and each party's sign-off as it
 * stands (who and when, or not yet). Sign-offs come after the files are frozen, so they live
 * here rather than in the files, whose bytes (and hashes) never change.
 */
export async function editionManifest(db: Kysely<Database>, actor: Actor, editionId: number) {
  requirePermission(actor, "summaries.read");
  const edition = (await listEditions(db, actor)).find((e) => e.id === editionId);
  if (!edition || edition.files.length === 0 || !["compiled", "exchanged", "superseded"].includes(edition.status)) throw new EditionRefused("not_available");
  const order = (f: { format: string; locale: string }) => `${summaryFormats.indexOf(f.format as SummaryFormat)}/${LOCALES.indexOf(f.locale as Locale)}`;
  return {
    manifestVersion: 1 as const,
    edition: {
      id: edition.id,
      number: edition.number,
      edition: edition.edition,
      scope: edition.scope,
      status: edition.status,
      frozenAt: edition.created_at,
      compiledAt: edition.completed_at,
      supersededBy: edition.superseded_by,
      /** SHA-256 of the lines "format/locale/sha256" of every file, in compilation order. */
      dataHash: edition.data_hash,
    },
    signOffs: edition.parties.map((party) => {
      const signed = edition.signoffs.find((s) => s.party_code === party);
      return { party, signed: !!signed, signedBy: signed?.display_name ?? null, signedAt: signed?.signed_at ?? null };
    }),
    files: [...edition.files]
      .sort((a, b) => (order(a) < order(b) ? -1 : 1))
      .map((f) => ({ format: f.format, locale: f.locale, fileName: f.file_name, size: f.size, sha256: f.sha256 })),
  };
}

export type EditionManifest = Awaited<ReturnType<typeof editionManifest>>;
