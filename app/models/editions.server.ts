import { createHash, randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Kysely, Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { formatAvailable, formatWriters, summaryFileName, summaryFormats, type SummaryFormat } from "~/exports/formats.server";
import { storage } from "~/utils/storage.server";
import { enqueueJob } from "~/utils/jobs.server";
import { can, requirePermission, type Actor } from "~/utils/permissions";
import { auditActorOf, recordAudit } from "./audit.server";
import { EDITION_HEARTBEAT_MS, LEASE_OWNER } from "./edition-lease.server";
import { mayStillSign, signatoryParties } from "./signatories.server";
import { buildSummary, scopeKey } from "./summaries.server";
import type { SummaryEdition, SummaryScope } from "./summary-types";

const LOCALES: Locale[] = ["en", "fr", "es"];

export class EditionRefused extends Error {
  /** "forbidden": the actor is not an official of a party the scope covers (a 403). */
  constructor(readonly reason: "not_signatory" | "not_compiled" | "already_signed" | "not_available" | "empty_scope" | "forbidden") {
    super(`edition refused: ${reason}`);
  }
}

/** Compiling (and so superseding) is for admins and for officials of a party the scope covers. */
function mayCompileFor(actor: Actor, parties: string[]): boolean {
  if (!can(actor, "summaries.compile")) return false;
  return actor.role === "admin" || parties.some((party) => can(actor, "summaries.compile", { partyCode: party }));
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
export async function startCompilation(
  db: Kysely<Database>,
  actor: Actor,
  input: { scope: SummaryScope; edition: SummaryEdition },
  now: Date = new Date(),
  options: { clock?: () => Date } = {},
) {
  requirePermission(actor, "summaries.compile");
  const probe = await buildSummary(db, { ...input, locale: "en", now });
  if (probe.meta.topics.length === 0) throw new EditionRefused("empty_scope");
  const parties = [...new Set(probe.meta.topics.map((topic) => topic.party))].sort();
  if (!mayCompileFor(actor, parties)) throw new EditionRefused("forbidden");
  const clock = options.clock ?? (() => new Date());
  const ids: number[] = [];
  for await (const s of probe.submissions("reference")) ids.push(s.id);
  const areaIds = await db
    .selectFrom("topics")
    .select("area_id")
    .where(
      "id",
      "in",
      probe.meta.topics.map((t) => t.id),
    )
    .execute();
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
    const last = await trx
      .selectFrom("summary_editions")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("scope_key", "=", key)
      .where("edition", "=", input.edition)
      .executeTakeFirst();
    const row = await trx
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
        // Queued: the process that takes the job takes the lease (compileEdition).
        lease_owner: null,
        heartbeat_at: clock().toISOString(),
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "edition.compiled",
      subject: { type: "edition", id: row.id },
      details: { scope: input.scope, edition: input.edition, number: row.number, parties, submissions: ids.length, after: { status: "compiling" } },
    });
    return row;
  });
  // Compiled by whichever process works the job queue (a web process or `npm run worker`), once.
  try {
    await enqueueJob(db, EDITION_COMPILE_JOB, { editionId: edition.id } satisfies EditionCompilePayload, {
      retryLimit: 0,
      timeoutSeconds: EDITION_COMPILE_TIMEOUT_SECONDS,
      singletonKey: `edition:${edition.id}`,
    });
  } catch (error) {
    await db
      .updateTable("summary_editions")
      .set({ status: "failed", error: `could not be queued: ${String((error as Error)?.message ?? error)}` })
      .where("id", "=", edition.id)
      .where("status", "=", "compiling")
      .execute();
    throw error;
  }
  return edition;
}

/** The job that writes an edition's files (app/jobs/registry.server.ts runs it). */
export const EDITION_COMPILE_JOB = "edition.compile";
export interface EditionCompilePayload {
  editionId: number;
}
/** A compilation running longer than this is stopped and failed (re-compile). */
export const EDITION_COMPILE_TIMEOUT_SECONDS = 4 * 3600;

/**
 * The compile job: takes the edition's lease — only while nobody holds it, so an edition is never
 * compiled twice, whichever process or retry runs the job — renews it while it writes the files,
 * and marks the edition failed (its files removed) when anything goes wrong (ADR 020, 029).
 * Returns false when the edition was not this job's to compile.
 */
export async function compileEdition(db: Kysely<Database>, editionId: number, options: { clock?: () => Date; signal?: AbortSignal } = {}): Promise<boolean> {
  const clock = options.clock ?? (() => new Date());
  const taken = await db
    .updateTable("summary_editions")
    .set({ lease_owner: LEASE_OWNER, heartbeat_at: clock().toISOString() })
    .where("id", "=", editionId)
    .where("status", "=", "compiling")
    .where("lease_owner", "is", null)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return false;
  // The lease: renewed while this process works on the edition, so that another server starting
  // meanwhile leaves it alone, and a server that died lets it expire.
  const beat = () =>
    db
      .updateTable("summary_editions")
      .set({ heartbeat_at: clock().toISOString() })
      .where("id", "=", editionId)
      .where("status", "=", "compiling")
      .where("lease_owner", "=", LEASE_OWNER)
      .execute()
      .catch(() => undefined);
  const heartbeat = setInterval(() => void beat(), EDITION_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await runCompilation(db, editionId, clock, options.signal);
    return true;
  } catch (error) {
    await db
      .updateTable("summary_editions")
      .set({ status: "failed", error: String((error as Error)?.message ?? error) })
      .where("id", "=", editionId)
      .execute();
    await removeEditionFiles(db, editionId);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Deletes the files (and their rows) of an edition that failed: nothing else refers to them. */
export async function removeEditionFiles(db: Kysely<Database>, editionId: number) {
  const files = await db.selectFrom("summary_edition_files").select("file_key").where("edition_id", "=", editionId).execute();
  await db.deleteFrom("summary_edition_files").where("edition_id", "=", editionId).execute();
  await Promise.all(files.map((f) => storage().delete(f.file_key)));
}

/** Writes the files of a compiling edition, one format and language at a time. */
async function runCompilation(db: Kysely<Database>, editionId: number, clock: () => Date, signal?: AbortSignal) {
  const row = await db.selectFrom("summary_editions").selectAll().where("id", "=", editionId).executeTakeFirstOrThrow();
  const scope = JSON.parse(row.scope) as SummaryScope;
  const submissionIds = JSON.parse(row.submission_ids ?? "[]") as number[];
  const syntheses = JSON.parse(row.syntheses ?? "[]") as Array<{ party_code: string; area_id: number; locale: Locale; text: string }>;
  // A DOCX too large to build in memory is left out; the editions page says why.
  const formats = summaryFormats.filter((format) => formatAvailable(format, submissionIds.length));
  const jobs = LOCALES.flatMap((locale) => formats.map((format) => ({ locale, format })));
  const written: Array<{ format: SummaryFormat; locale: Locale; key: string; name: string; size: number; sha256: string }> = [];
  let current: string | null = null;
  try {
    for (const [index, job] of jobs.entries()) {
      signal?.throwIfAborted();
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
      current = key;
      const counter = new PassThrough();
      // The store counts and hashes what it is given.
      const writing = storage().put(key, counter);
      try {
        await formatWriters[job.format].write(summary, counter);
      } catch (error) {
        counter.destroy(error as Error);
        await writing.catch(() => undefined);
        throw error;
      }
      if (!counter.writableEnded) counter.end();
      const { size, sha256 } = await writing;
      const file = { ...job, key, name: summaryFileName(summary, job.format, row.number), size, sha256 };
      written.push(file);
      // Each file is recorded as soon as it is written: a file of an edition always has its row,
      // so the start-up sweep never takes it for an orphan (the edition is not downloadable yet).
      await db
        .insertInto("summary_edition_files")
        .values({
          edition_id: editionId,
          format: file.format,
          locale: file.locale,
          file_key: file.key,
          file_name: file.name,
          size: file.size,
          sha256: file.sha256,
        })
        .execute();
      await db
        .updateTable("summary_editions")
        .set({ progress: Math.round(((index + 1) / jobs.length) * 100), heartbeat_at: clock().toISOString() })
        .where("id", "=", editionId)
        .execute();
    }
  } catch (error) {
    // The file being written (and any written but not yet recorded) has no row yet: removed by key.
    await Promise.all([current, ...written.map((w) => w.key)].filter((k): k is string => !!k).map((k) => storage().delete(k)));
    await removeEditionFiles(db, editionId);
    throw error;
  }
  const dataHash = createHash("sha256")
    .update(written.map((w) => `${w.format}/${w.locale}/${w.sha256}`).join("\n"))
    .digest("hex");
  await db.transaction().execute(async (trx) => {
    const finished = await trx
      .updateTable("summary_editions")
      .set({ status: "compiled", progress: 100, data_hash: dataHash, completed_at: clock().toISOString(), lease_owner: null })
      .where("id", "=", editionId)
      .where("status", "=", "compiling")
      .where("lease_owner", "=", LEASE_OWNER)
      .executeTakeFirst();
    // Another server took this compilation as dead (its lease lapsed): it stays failed.
    if (Number(finished.numUpdatedRows) !== 1) throw new Error("lease lost while compiling");
    // The newest compilation of a scope and edition supersedes the earlier ones (kept, marked),
    // in the name of the official who compiled it.
    const earlier = await trx
      .selectFrom("summary_editions")
      .select(["id", "number", "status"])
      .where("scope_key", "=", row.scope_key)
      .where("edition", "=", row.edition)
      .where("id", "<", editionId)
      .where("status", "in", ["compiled", "exchanged"])
      .execute();
    if (earlier.length === 0) return;
    await trx
      .updateTable("summary_editions")
      .set({ status: "superseded", superseded_by: editionId })
      .where(
        "id",
        "in",
        earlier.map((e) => e.id),
      )
      .execute();
    const by = row.created_by_user_id === null ? null : await auditActorOf(trx, row.created_by_user_id);
    for (const e of earlier) {
      await recordAudit(trx, {
        actor: by,
        action: "edition.superseded",
        subject: { type: "edition", id: e.id },
        details: { number: e.number, before: { status: e.status }, after: { status: "superseded", supersededBy: editionId } },
      });
    }
  });
}

export const EDITIONS_PAGE_SIZE = 50;

const editionColumns = [
  "e.id",
  "e.scope_key",
  "e.number",
  "e.scope",
  "e.edition",
  "e.status",
  "e.progress",
  "e.data_hash",
  "e.error",
  "e.created_at",
  "e.completed_at",
  "e.superseded_by",
  "u.display_name as created_by",
] as const;

function editionsQuery(db: Kysely<Database> | Transaction<Database>) {
  return db.selectFrom("summary_editions as e").leftJoin("users as u", "u.id", "e.created_by_user_id").select(editionColumns);
}
type EditionRow = Awaited<ReturnType<ReturnType<typeof editionsQuery>["execute"]>>[number];

/** Editions, newest first, a page at a time: `before` is the last id of the previous page. */
export async function listEditionsPage(db: Kysely<Database>, actor: Actor, options: { before?: number; limit?: number } = {}) {
  requirePermission(actor, "summaries.read");
  const limit = options.limit ?? EDITIONS_PAGE_SIZE;
  const rows = await editionsQuery(db)
    .$if(!!options.before, (q) => q.where("e.id", "<", options.before!))
    .orderBy("e.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return { editions: await describeEditions(db, actor, page), nextBefore: rows.length > limit ? page.at(-1)!.id : null };
}

export async function listEditions(db: Kysely<Database>, actor: Actor, options: { before?: number; limit?: number } = {}) {
  return (await listEditionsPage(db, actor, options)).editions;
}

/** One edition by id, however many newer ones exist. */
export async function getEdition(db: Kysely<Database> | Transaction<Database>, actor: Actor, editionId: number) {
  requirePermission(actor, "summaries.read");
  if (!Number.isInteger(editionId) || editionId <= 0) return undefined;
  const rows = await editionsQuery(db).where("e.id", "=", editionId).execute();
  return (await describeEditions(db, actor, rows))[0];
}

async function describeEditions(db: Kysely<Database> | Transaction<Database>, actor: Actor, editions: EditionRow[]) {
  if (editions.length === 0) return [];
  const ids = editions.map((e) => e.id);
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
      // A compiling edition's files are recorded as they are written: shown once it is compiled.
      files: e.status === "compiling" ? [] : files.filter((f) => f.edition_id === e.id),
      // The committee downloads an edition once every party has signed it off, and keeps it when a
      // later compilation supersedes it: what was exchanged stays reachable.
      downloadable:
        e.status === "exchanged" ||
        (e.status === "superseded" && parties.length > 0 && parties.every((p) => signed.some((s) => s.party_code === p))) ||
        ((e.status === "compiled" || e.status === "superseded") && can(actor, "summaries.compile")),
    };
  });
}

/**
 * The party's designated official signs a compiled edition off; once every party it covers has,
 * it is marked as exchanged. A designation counts only while its holder is still an active
 * official of that party.
 */
export async function signOff(db: Kysely<Database>, actor: Actor, editionId: number, now: Date = new Date()) {
  const mine = await signatoryParties(db, actor);
  if (mine.length === 0) throw new EditionRefused("not_signatory");
  return db.transaction().execute(async (trx) => {
    const edition = await getEdition(trx, actor, editionId);
    if (!edition || edition.status !== "compiled") throw new EditionRefused("not_compiled");
    const covered = mine.filter((p) => edition.parties.includes(p));
    if (covered.length === 0) throw new EditionRefused("not_signatory");
    const party = covered.find((p) => !edition.signoffs.some((s) => s.party_code === p));
    if (!party) throw new EditionRefused("already_signed");
    await trx.insertInto("summary_signoffs").values({ edition_id: editionId, party_code: party, user_id: actor.id, signed_at: now.toISOString() }).execute();
    const all = edition.parties.every((p) => p === party || edition.signoffs.some((s) => s.party_code === p));
    if (all) await trx.updateTable("summary_editions").set({ status: "exchanged" }).where("id", "=", editionId).where("status", "=", "compiled").execute();
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "edition.signed_off",
      subject: { type: "edition", id: editionId },
      details: {
        party,
        number: edition.number,
        before: { status: edition.status, signedBy: edition.signoffs.map((s) => s.party_code) },
        after: { status: all ? "exchanged" : edition.status, signedBy: [...edition.signoffs.map((s) => s.party_code), party] },
      },
    });
    return { exchanged: all, party };
  });
}

/** A file of an edition, for whoever may download it now. */
export async function getEditionFile(db: Kysely<Database>, actor: Actor, editionId: number, format: string, locale: string) {
  const edition = await getEdition(db, actor, editionId);
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
        const object = await storage().get(f.file_key);
        if (!object) return { format: f.format, locale: f.locale, ok: false };
        await pipeline(object.body, hash);
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
    if (!mayStillSign(user, party)) throw new EditionRefused("not_signatory");
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("parties").select("signatory_user_id").where("code", "=", party).executeTakeFirst();
    if ((before?.signatory_user_id ?? null) === userId) return;
    await trx.updateTable("parties").set({ signatory_user_id: userId }).where("code", "=", party).execute();
    await recordAudit(trx, {
      actor: await auditActorOf(trx, actor.id),
      action: "edition.signatory_changed",
      subject: { type: "party", id: party },
      details: { party, before: { userId: before?.signatory_user_id ?? null }, after: { userId } },
    });
  });
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
