import { createHash, randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { Kysely, Selectable } from "kysely";
import type { Database, Locale, PublicSummaryFilesTable } from "../../db/schema";
import { formatAvailable, formatWriters, summaryFileName, summaryFormats, type SummaryFormat } from "../exports/formats.server";
import { supportedLocales as LOCALES } from "../i18n";
import { env } from "../utils/env.server";
import { enqueueJob } from "../utils/jobs.server";
import { storage } from "../utils/storage.server";
import { onPublicationAdvanced, readPublicationState } from "./publication.server";
import { buildSummary } from "./summaries.server";
import type { Summary } from "./summary-types";

/*
 * The public summary files of each consultation (ADR 033): every format in every language, built
 * by a background job from the public edition — the same builder the download used to run on each
 * request — stored in the file store and served as they are. A visitor never starts a build.
 *
 * When public data changes (the publication version advances, ADR 027), a sweep is queued, delayed
 * by PUBLIC_SUMMARY_DELAY_SECONDS so a burst of decisions gives one sweep. The sweep queues the
 * build of each public topic whose set was made at an older publication key. The build first
 * computes the set's *signature*: a hash of the summary in the three languages, its generation time
 * left out. A topic the change did not touch has the same signature: its set is kept (only its key
 * is moved on). Otherwise the fifteen files are written beside the current set and swapped in, in
 * one transaction, once all are stored; the previous files are deleted after.
 */

/** Builds (or confirms) one topic's set of public summary files. */
export const PUBLIC_SUMMARY_JOB = "summary.public";
export interface PublicSummaryPayload {
  topicId: number;
}
/** Queues the build of every public topic whose set is behind the publication key. */
export const PUBLIC_SUMMARY_SWEEP_JOB = "summary.public.sweep";

/** Bump when a format's layout changes without the data changing: every set is then rebuilt. */
const BUILDER_VERSION = "1";

export type PublicSummaryFile = Selectable<PublicSummaryFilesTable>;

const jobOptions = { retryLimit: 3, retryDelaySeconds: 60, timeoutSeconds: 3600 } as const;

/** Queues the sweep (one waiting at a time), after the debounce delay unless `now` is asked. */
export function queuePublicSummarySweep(db: Kysely<Database>, options: { now?: boolean } = {}): Promise<string | null> {
  return enqueueJob(
    db,
    PUBLIC_SUMMARY_SWEEP_JOB,
    {},
    { ...jobOptions, timeoutSeconds: 300, singletonKey: PUBLIC_SUMMARY_SWEEP_JOB, startAfterSeconds: options.now ? 0 : env().PUBLIC_SUMMARY_DELAY_SECONDS },
  );
}

/** Queues the build of one topic's set (one waiting per topic: a burst coalesces). */
export function queuePublicSummaryBuild(db: Kysely<Database>, topicId: number): Promise<string | null> {
  return enqueueJob(db, PUBLIC_SUMMARY_JOB, { topicId } satisfies PublicSummaryPayload, { ...jobOptions, singletonKey: `topic:${topicId}` });
}

declare global {
  var __puentePublicSummaryWatch: WeakSet<object> | undefined;
}

/**
 * Queues the sweep whenever this process advances the publication version (once per database
 * client, whichever bundle asks). The listener runs inside the change's transaction: the enqueue is
 * left to run after it (on SQLite it waits for the connection the transaction holds).
 */
export function watchPublication(db: Kysely<Database>): () => void {
  const watched = (globalThis.__puentePublicSummaryWatch ??= new WeakSet());
  if (watched.has(db)) return () => undefined;
  watched.add(db);
  const unsubscribe = onPublicationAdvanced(() => {
    setImmediate(() => {
      queuePublicSummarySweep(db).catch((error: unknown) =>
        console.error(`public summaries not queued: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  });
  return () => {
    watched.delete(db);
    unsubscribe();
  };
}

const askedAt = new Map<number, string>();

/**
 * Makes sure a topic's build is queued — asked by a download that found no set yet, or a set behind
 * the publication key (a change made where nothing queued the sweep, or a date passed). Once per
 * topic and publication key from one process (the singleton key makes repeats no-ops anyway); if
 * that build fails for good, the periodic sweep queues it again.
 */
export async function askForPublicSummaries(db: Kysely<Database>, topicId: number, publicationKey: string): Promise<void> {
  if (askedAt.get(topicId) === publicationKey) return;
  askedAt.set(topicId, publicationKey);
  try {
    await queuePublicSummaryBuild(db, topicId);
  } catch (error) {
    askedAt.delete(topicId);
    console.error(`public summaries of topic ${topicId} not queued: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whether a set has every format but (perhaps) DOCX, the same in each language: a file the store lost makes it incomplete. */
function complete(set: PublicSummaryFile[]): boolean {
  const formats = (locale: Locale) =>
    set
      .filter((f) => f.locale === locale)
      .map((f) => f.format)
      .sort()
      .join(",");
  const first = formats(LOCALES[0]);
  return summaryFormats.every((f) => f === "docx" || first.split(",").includes(f)) && LOCALES.every((locale) => formats(locale) === first);
}

/** A current file the store no longer has: forgotten, so that the next build writes the set again. */
export async function forgetLostPublicSummaryFile(db: Kysely<Database>, file: PublicSummaryFile): Promise<void> {
  await db.deleteFrom("public_summary_files").where("id", "=", file.id).execute();
  askedAt.delete(file.topic_id);
  await askForPublicSummaries(db, file.topic_id, `lost:${file.file_key}`);
}

async function currentSet(db: Kysely<Database>, topicId: number): Promise<PublicSummaryFile[]> {
  return db.selectFrom("public_summary_files").selectAll().where("topic_id", "=", topicId).where("current", "=", 1).execute();
}

/** The stored file a visitor downloads, with whether its set is behind the publication key; null before the first build. */
export async function findPublicSummaryFile(
  db: Kysely<Database>,
  topicId: number,
  format: SummaryFormat,
  locale: Locale,
): Promise<{ file: PublicSummaryFile | null; built: boolean; stale: boolean; publicationKey: string }> {
  const [set, state] = await Promise.all([currentSet(db, topicId), readPublicationState(db)]);
  const file = set.find((f) => f.format === format && f.locale === locale) ?? null;
  return { file, built: set.length > 0, stale: set.length > 0 && set.some((f) => f.publication_key !== state.key), publicationKey: state.key };
}

/** The formats a topic's current set holds (for the topic page's links), with their size in the page's language. */
export async function publicSummarySizes(db: Kysely<Database>, topicId: number, locale: Locale): Promise<Partial<Record<SummaryFormat, number>>> {
  const rows = await db
    .selectFrom("public_summary_files")
    .select(["format", "size"])
    .where("topic_id", "=", topicId)
    .where("current", "=", 1)
    .where("locale", "=", locale)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.format, r.size]));
}

/** The sweep: queues the build of each public topic whose set is missing or behind; removes the sets of topics no longer public. */
export async function sweepPublicSummaries(db: Kysely<Database>, now: Date = new Date()): Promise<number[]> {
  const state = await readPublicationState(db, now);
  const topics = await db.selectFrom("topics").select(["id", "state"]).execute();
  const publicIds = new Set(topics.filter((t) => t.state === "published" || t.state === "archived").map((t) => t.id));
  const sets = await db.selectFrom("public_summary_files").select(["topic_id", "publication_key"]).where("current", "=", 1).execute();
  const upToDate = new Set<number>();
  const behind = new Set<number>();
  for (const row of sets) (row.publication_key === state.key && !behind.has(row.topic_id) ? upToDate : behind).add(row.topic_id);
  const queued: number[] = [];
  for (const id of publicIds) {
    if (upToDate.has(id) && !behind.has(id)) continue;
    await queuePublicSummaryBuild(db, id);
    queued.push(id);
  }
  for (const id of new Set(sets.map((s) => s.topic_id))) if (!publicIds.has(id)) await removePublicSummaries(db, id);
  // A build whose process died leaves its recorded files (never current): removed once it is
  // certainly over (twice the job's time limit).
  const abandoned = new Date(now.getTime() - 2 * jobOptions.timeoutSeconds * 1000).toISOString();
  const left = await db
    .selectFrom("public_summary_files")
    .select(["build_id", "file_key"])
    .where("current", "=", 0)
    .where("built_at", "<", abandoned)
    .execute();
  for (const buildId of new Set(left.map((r) => r.build_id))) {
    await discardBuild(
      db,
      buildId,
      left.filter((r) => r.build_id === buildId).map((r) => r.file_key),
    );
  }
  return queued;
}

/** Deletes a topic's files (current and any left by an interrupted build). */
export async function removePublicSummaries(db: Kysely<Database>, topicId: number): Promise<void> {
  const rows = await db.selectFrom("public_summary_files").select("file_key").where("topic_id", "=", topicId).execute();
  await db.deleteFrom("public_summary_files").where("topic_id", "=", topicId).execute();
  await Promise.all(rows.map((r) => storage().delete(r.file_key)));
}

/** A hash of everything a summary shows but its generation time: equal hashes, equal files (but for that time). */
async function summarySignature(summary: Summary, hash: ReturnType<typeof createHash>): Promise<void> {
  const { submissions: _submissions, ...rest } = summary;
  hash.update(JSON.stringify({ ...rest, meta: { ...rest.meta, generatedAt: "" } }));
  for await (const submission of summary.submissions("grouped")) hash.update(JSON.stringify(submission));
}

export type PublicSummaryOutcome = "built" | "unchanged" | "current" | "not-public" | "superseded";

/**
 * The build job: makes `topicId`'s set of public summary files current for the publication key
 * now. Unchanged data keeps the set; changed data gives a new set, swapped in whole once stored.
 */
export async function buildPublicSummaries(
  db: Kysely<Database>,
  topicId: number,
  options: { now?: Date; signal?: AbortSignal; /** After each file is stored (tests look at a build part-way). */ afterFile?: () => Promise<void> } = {},
): Promise<PublicSummaryOutcome> {
  const now = options.now ?? new Date();
  const state = await readPublicationState(db, now);
  const topic = await db.selectFrom("topics").select("state").where("id", "=", topicId).executeTakeFirst();
  if (!topic || (topic.state !== "published" && topic.state !== "archived")) {
    await removePublicSummaries(db, topicId);
    return "not-public";
  }
  const set = await currentSet(db, topicId);
  const whole = complete(set);
  if (whole && set.every((f) => f.publication_key === state.key)) return "current";

  // One summary per language, read now; its signature says whether anything shown changed.
  const summaries = new Map<Locale, Summary>();
  const hash = createHash("sha256").update(`builder ${BUILDER_VERSION}\n`);
  for (const locale of LOCALES) {
    options.signal?.throwIfAborted();
    const summary = await buildSummary(db, { scope: { kind: "topic", topicId }, edition: "public", locale, now });
    summaries.set(locale, summary);
    await summarySignature(summary, hash);
  }
  const first = summaries.get(LOCALES[0])!;
  const formats = summaryFormats.filter((format) => formatAvailable(format, first.submissionCount));
  hash.update(`formats ${formats.join(",")}\n`);
  const signature = hash.digest("hex");
  if (whole && set.every((f) => f.signature === signature)) {
    await db
      .updateTable("public_summary_files")
      .set({ publication_key: state.key })
      .where("topic_id", "=", topicId)
      .where("current", "=", 1)
      .where("signature", "=", signature)
      .execute();
    return "unchanged";
  }

  const buildId = randomBytes(12).toString("base64url");
  const written: string[] = [];
  try {
    for (const locale of LOCALES) {
      const summary = summaries.get(locale)!;
      for (const format of formats) {
        options.signal?.throwIfAborted();
        const key = randomBytes(18).toString("base64url");
        written.push(key);
        const out = new PassThrough();
        const writing = storage().put(key, out);
        try {
          await formatWriters[format].write(summary, out);
        } catch (error) {
          out.destroy(error as Error);
          await writing.catch(() => undefined);
          throw error;
        }
        if (!out.writableEnded) out.end();
        const { size, sha256 } = await writing;
        // Recorded (not current yet) as soon as it is stored, so the orphan sweep leaves it alone.
        await db
          .insertInto("public_summary_files")
          .values({
            topic_id: topicId,
            build_id: buildId,
            current: 0,
            format,
            locale,
            file_key: key,
            file_name: summaryFileName(summary, format),
            size,
            sha256,
            built_at: now.toISOString(),
            publication_key: state.key,
            signature,
          })
          .execute();
        await options.afterFile?.();
      }
    }
    // The swap: the whole new set replaces the whole old one, unless a build that read the data
    // later has already swapped its set in (two runs of one topic on two workers).
    const replaced = await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom("public_summary_files")
        .select(["file_key", "built_at"])
        .where("topic_id", "=", topicId)
        .where("current", "=", 1)
        .execute();
      if (current.some((f) => f.built_at > now.toISOString())) return null;
      await trx.deleteFrom("public_summary_files").where("topic_id", "=", topicId).where("current", "=", 1).execute();
      await trx.updateTable("public_summary_files").set({ current: 1 }).where("build_id", "=", buildId).execute();
      return current.map((f) => f.file_key);
    });
    if (replaced === null) {
      await discardBuild(db, buildId, written);
      return "superseded";
    }
    await Promise.all(replaced.map((key) => storage().delete(key)));
    return "built";
  } catch (error) {
    await discardBuild(db, buildId, written);
    throw error;
  }
}

async function discardBuild(db: Kysely<Database>, buildId: string, keys: string[]) {
  await db.deleteFrom("public_summary_files").where("build_id", "=", buildId).where("current", "=", 0).execute();
  await Promise.all(
    keys.map((key) =>
      storage()
        .delete(key)
        .catch(() => undefined),
    ),
  );
}
