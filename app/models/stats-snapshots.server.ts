import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { isLocale } from "~/i18n";
import { env } from "~/utils/env.server";
import { enqueueJob } from "~/utils/jobs.server";
import { publicWork } from "~/utils/work-limiter.server";
import { readPublicationState, type PublicationState } from "./publication.server";
import { getStats, STATS_SHAPE, type Stats } from "./stats.server";

/*
 * Statistics snapshots (ADR 027): the figures of /:lang/stats and /api/v1/stats are computed once
 * per publication key and stored in the database, so every app server serves the same snapshot and
 * no visitor recomputes them. When the key has moved on, the last snapshot is served while one
 * background refresh (debounced) recomputes it. Each snapshot is the output of getStats at some
 * moment — exactly what the live page showed then — so it discloses nothing the live computation
 * would not (the gender rules of ADR 016 are applied inside getStats).
 */

export interface StatsScope {
  locale: Locale;
  areaNumber?: number;
}

export function snapshotKey(scope: StatsScope): string {
  return `${scope.areaNumber === undefined ? "all" : `area-${scope.areaNumber}`}:${scope.locale}`;
}

function scopeOfKey(key: string): StatsScope | null {
  const match = /^(all|area-(\d+)):(\w+)$/.exec(key);
  if (!match || !isLocale(match[3]!)) return null;
  return { locale: match[3], areaNumber: match[2] === undefined ? undefined : Number(match[2]) };
}

/** Computes one scope's statistics at the given publication key and stores them (null: no such area). */
async function computeSnapshot(db: Kysely<Database>, scope: StatsScope, state: PublicationState, now: Date): Promise<Stats | null> {
  const stats = await getStats(db, { locale: scope.locale, areaNumber: scope.areaNumber, now });
  if (!stats) return null;
  const row = { publication_key: state.key, data: JSON.stringify(stats), computed_at: now.toISOString() };
  await db
    .insertInto("stats_snapshots")
    .values({ key: snapshotKey(scope), ...row })
    .onConflict((oc) => oc.column("key").doUpdateSet(row))
    .execute();
  return stats;
}

/**
 * Recomputes every stored snapshot (or only those of `keys`) that is not at the current publication
 * key; returns how many. A plain function so that a job queue can run it; a scope nobody asked for
 * is never computed.
 */
export async function refreshStatsSnapshot(db: Kysely<Database>, now: Date = new Date(), keys?: Iterable<string>): Promise<number> {
  const state = await readPublicationState(db, now);
  const only = keys ? new Set(keys) : null;
  const rows = await db.selectFrom("stats_snapshots").select(["key", "publication_key"]).execute();
  let refreshed = 0;
  for (const row of rows) {
    if ((row.publication_key === state.key && !(await oldShape(db, row.key))) || (only && !only.has(row.key))) continue;
    const scope = scopeOfKey(row.key);
    if (!scope) continue;
    await computeSnapshot(db, scope, state, now);
    refreshed++;
  }
  return refreshed;
}

/**
 * The refresh as a background job (ADR 033): whichever process works jobs recomputes every stored
 * snapshot behind the publication key — one worker, however many app servers read them stale.
 */
export const STATS_REFRESH_JOB = "stats.refresh";

/** Queues the refresh; one waits at a time across servers (a burst of stale reads gives one run). */
export function queueStatsRefresh(db: Kysely<Database>): Promise<string | null> {
  return enqueueJob(db, STATS_REFRESH_JOB, {}, { singletonKey: STATS_REFRESH_JOB, retryLimit: 1, timeoutSeconds: 600 });
}

const computing = new Map<string, Promise<Stats | null>>();

export interface SnapshotRead {
  stats: Stats;
  /** False when the publication key moved on since it was computed (a refresh is then asked for). */
  fresh: boolean;
}

/**
 * The statistics of a scope from its snapshot. Without one, it is computed once: concurrent callers
 * share that one computation (`run` may bound it, e.g. in the pool of expensive work). A stale one
 * is served as it is and `onStale` is called (to schedule the background refresh).
 */
export async function readStatsSnapshot(
  db: Kysely<Database>,
  scope: StatsScope,
  options: { now?: Date; run?: <T>(work: () => Promise<T>) => Promise<T>; onStale?: () => void } = {},
): Promise<SnapshotRead | null> {
  const now = options.now ?? new Date();
  const key = snapshotKey(scope);
  const [state, row] = await Promise.all([
    readPublicationState(db, now),
    db.selectFrom("stats_snapshots").select(["publication_key", "data"]).where("key", "=", key).executeTakeFirst(),
  ]);
  const stored = row ? (JSON.parse(row.data) as Partial<Stats>) : null;
  // A snapshot stored before the figures changed shape lacks what the page reads: computed again.
  if (row && stored?.shape === STATS_SHAPE) {
    const fresh = row.publication_key === state.key;
    if (!fresh) options.onStale?.();
    return { stats: stored as Stats, fresh };
  }
  let pending = computing.get(key);
  if (!pending) {
    const run = options.run ?? ((work) => work());
    pending = run(() => computeSnapshot(db, scope, state, now)).finally(() => computing.delete(key));
    computing.set(key, pending);
  }
  const stats = await pending;
  return stats ? { stats, fresh: true } : null;
}

/** Whether the stored snapshot predates the current shape of Stats (read only for current-key rows). */
async function oldShape(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db.selectFrom("stats_snapshots").select("data").where("key", "=", key).executeTakeFirst();
  return !!row && (JSON.parse(row.data) as Partial<Stats>).shape !== STATS_SHAPE;
}

type SetTimer = (fire: () => void, ms: number) => () => void;
const realTimer: SetTimer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * Runs refreshStatsSnapshot in the background, at most once every `intervalMs`, for the scopes that
 * were asked for (read stale) meanwhile: requests that arrive while one is scheduled or running are
 * coalesced into it (or into one more run after it).
 */
export class StatsRefresher {
  #cancel: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #lastRun = Number.NEGATIVE_INFINITY;
  #keys = new Set<string>();
  runs = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: {
      intervalMs: number;
      now?: () => Date;
      setTimer?: SetTimer;
      onError?: (error: unknown) => void;
      /** What a run does (default: recompute the scopes here, in this process). */
      refresh?: (now: Date, keys: Set<string>) => Promise<unknown>;
    },
  ) {}

  get scheduled(): boolean {
    return this.#cancel !== null;
  }

  /** Asks for a refresh of a scope's snapshot: scheduled for when the interval since the last run has passed. */
  request(key: string): void {
    this.#keys.add(key);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#cancel) return;
    const now = (this.options.now?.() ?? new Date()).getTime();
    const wait = Math.max(0, this.#lastRun + this.options.intervalMs - now);
    this.#cancel = (this.options.setTimer ?? realTimer)(() => void this.#run(), wait);
  }

  /** The run in progress, if any (tests wait for it). */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #run(): Promise<void> {
    this.#cancel = null;
    const now = this.options.now?.() ?? new Date();
    this.#lastRun = now.getTime();
    this.runs++;
    const keys = this.#keys;
    this.#keys = new Set();
    const refresh = this.options.refresh ?? ((at, only) => refreshStatsSnapshot(this.db, at, only));
    this.#running = refresh(now, keys)
      .then(() => undefined)
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          if (this.#keys.size > 0) this.#schedule();
        }
      });
    return this.#running;
  }
}

let refresher: StatsRefresher | undefined;

/**
 * This process's refresher (STATS_REFRESH_SECONDS apart), asked for by the first stale read of each
 * scope: each run queues the `stats.refresh` job, which a process working jobs runs.
 */
export function statsRefresher(db: Kysely<Database>): StatsRefresher {
  refresher ??= new StatsRefresher(db, {
    intervalMs: env().STATS_REFRESH_SECONDS * 1000,
    refresh: () => queueStatsRefresh(db),
    onError: (error) => console.error("statistics snapshot refresh failed:", error),
  });
  return refresher;
}

/**
 * What /:lang/stats and /api/v1/stats serve: the snapshot, computed on first use in the bounded pool
 * of expensive work (WorkBusyError when it is full); a stale one is served, a refresh scheduled and
 * the answer kept out of the page cache (`context.doNotCache`).
 */
export async function servedStats(db: Kysely<Database>, scope: StatsScope, context: { doNotCache?: () => void }): Promise<Stats | null> {
  const refresher = statsRefresher(db);
  const read = await readStatsSnapshot(db, scope, {
    run: (work) => publicWork().run(work),
    onStale: () => refresher.request(snapshotKey(scope)),
  });
  if (read && !read.fresh) context.doNotCache?.();
  return read?.stats ?? null;
}
