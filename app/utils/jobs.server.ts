import { randomBytes, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { CompiledQuery, type Kysely, type Selectable, type Transaction } from "kysely";
import PgBoss from "pg-boss";
import { engineOf } from "../../db/portable";
import type { Database, JobsTable } from "../../db/schema";

// One job interface, two drivers (ADR 029): on PostgreSQL, pg-boss in its own schema of the same
// database, so every app server and worker process shares one queue; on SQLite, an in-process
// runner over the `jobs` table, so jobs survive a restart. Handlers are registered by name
// (app/jobs/registry.server.ts); whoever enqueues only needs the database.

export type JobState = "created" | "retry" | "active" | "completed" | "failed" | "cancelled";

export interface JobOptions {
  /** Attempts after the first (default 3). */
  retryLimit?: number;
  /** Wait before a retry, in seconds (default 30); doubled at each attempt with retryBackoff. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A run that takes longer fails (and is retried while attempts remain). Default 15 minutes. */
  timeoutSeconds?: number;
  /** At most one waiting job per key and name: a second enqueue is a no-op (returns null). */
  singletonKey?: string;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
}

export interface JobContext {
  id: string;
  name: string;
  /** 1 for the first run. */
  attempt: number;
  /** Aborted when the run times out or the queue stops. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (payload: P, job: JobContext) => Promise<void>;

/** What the admin jobs page shows: never the payload (it may name a person). */
export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  /** Attempts allowed in all (1 + retries). */
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  runAfter: string | null;
}

export interface JobQueue {
  readonly driver: "sqlite" | "pg-boss";
  /** Adds a job. Null: a job with the same singleton key already waits. */
  enqueue<P>(name: string, payload: P, options?: JobOptions): Promise<string | null>;
  /** Registers the handler of a job name; it runs once the queue is started to work. */
  work<P>(name: string, handler: JobHandler<P>, options?: { concurrency?: number }): void;
  /** Starts working the registered names (retrying what a crashed process left active). */
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to `graceMs`) for the running ones. */
  stop(graceMs?: number): Promise<void>;
  /** Runs every job of a registered name that is due now, until none is (tests, one-shot runs). */
  runDue(): Promise<number>;
  listJobs(options?: { limit?: number; state?: JobState }): Promise<JobInfo[]>;
}

export const JOB_DEFAULTS = { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, timeoutSeconds: 15 * 60 } as const;

/** Error text for admins: email addresses and one-time tokens never reach the jobs page. */
export function redactJobError(message: string | null): string | null {
  if (message === null) return null;
  return message
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, "•••@•••")
    .replace(/token=[^\s&"'<>]+/g, "token=••••••••")
    .slice(0, 2000);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The wait before the next attempt, after `attempts` runs. */
export function retryDelayMs(job: { retry_delay_seconds: number; retry_backoff: number }, attempts: number): number {
  const base = job.retry_delay_seconds * 1000;
  return job.retry_backoff ? base * 2 ** Math.min(16, Math.max(0, attempts - 1)) : base;
}

class JobTimeout extends Error {
  constructor(seconds: number) {
    super(`timed out after ${seconds} s`);
  }
}

/** Runs a handler with a time limit; the handler's signal is aborted when it is exceeded. */
async function withTimeout(seconds: number, run: (signal: AbortSignal) => Promise<void>, outer?: AbortSignal): Promise<void> {
  const controller = new AbortController();
  const onOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new JobTimeout(seconds);
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  try {
    await Promise.race([run(controller.signal), limit]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuter);
  }
}

/** This process, as recorded on the jobs it runs. */
const PROCESS_ID = `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(4).toString("hex")}`;

// ---------------------------------------------------------------------------------------------
// SQLite: the in-process runner over the `jobs` table.

interface SqliteOptions {
  clock?: () => Date;
  /** How often to look for due jobs when nothing woke the runner (ms). */
  pollMs?: number;
  /** Jobs run at once by this runner. */
  concurrency?: number;
}

type JobRow = Selectable<JobsTable>;

export class SqliteJobQueue implements JobQueue {
  readonly driver = "sqlite" as const;
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private concurrency: number;
  private readonly owner = `${PROCESS_ID}:${randomBytes(3).toString("hex")}`;
  private running = new Set<Promise<void>>();
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Kysely<Database>,
    options: SqliteOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 2;
  }

  async enqueue<P>(name: string, payload: P, options: JobOptions = {}, trx?: Transaction<Database>): Promise<string | null> {
    const now = this.clock();
    const row = await (trx ?? this.db)
      .insertInto("jobs")
      .values({
        name,
        payload: JSON.stringify(payload ?? null),
        state: "created",
        retry_limit: options.retryLimit ?? JOB_DEFAULTS.retryLimit,
        retry_delay_seconds: options.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
        retry_backoff: (options.retryBackoff ?? JOB_DEFAULTS.retryBackoff) ? 1 : 0,
        timeout_seconds: options.timeoutSeconds ?? JOB_DEFAULTS.timeoutSeconds,
        singleton_key: options.singletonKey ?? null,
        run_after: new Date(now.getTime() + (options.startAfterSeconds ?? 0) * 1000).toISOString(),
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row && this.started && !trx) this.wake();
    return row ? String(row.id) : null;
  }

  work<P>(name: string, handler: JobHandler<P>, options: { concurrency?: number } = {}): void {
    this.handlers.set(name, handler as JobHandler<unknown>);
    // One pool for every name here: the largest concurrency asked for.
    if (options.concurrency) this.concurrency = Math.max(this.concurrency, options.concurrency);
    if (this.started) this.wake();
  }

  async start(): Promise<void> {
    if (this.started) return;
    // Only one process works a SQLite database's jobs (ADR 029): whatever is still active was left
    // by a process that stopped, so it counts as a failed attempt and is retried while allowed.
    const left = await this.db.selectFrom("jobs").selectAll().where("state", "=", "active").where("locked_by", "is not", this.owner).execute();
    for (const job of left) await this.settle(job as JobRow, new Error("interrupted: the process running it stopped"));
    this.started = true;
    this.schedule();
  }

  async stop(graceMs = 30_000): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    this.stopping.abort(new Error("the job queue stopped"));
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.started) return;
    this.timer = setTimeout(() => void this.pump(), this.pollMs);
    this.timer.unref();
  }

  private wake() {
    setImmediate(() => void this.pump());
  }

  /** Takes due jobs while places are free; each finishing job looks for the next. */
  private async pump() {
    if (!this.started || this.pumping) return;
    this.pumping = true;
    try {
      while (this.started && this.running.size < this.concurrency) {
        const job = await this.claim();
        if (!job) break;
        const run = this.execute(job).finally(() => {
          this.running.delete(run);
          if (this.started) this.wake();
        });
        this.running.add(run);
      }
    } catch (error) {
      console.error(`job runner: ${errorText(error)}`);
    } finally {
      this.pumping = false;
      this.schedule();
    }
  }

  /** Atomically marks the next due job of a registered name active for this runner. */
  private async claim(): Promise<JobRow | undefined> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return undefined;
    const now = this.clock().toISOString();
    for (let tries = 0; tries < 5; tries++) {
      const next = await this.db
        .selectFrom("jobs")
        .select("id")
        .where("state", "in", ["created", "retry"])
        .where("run_after", "<=", now)
        .where("name", "in", names)
        .orderBy("run_after")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      if (!next) return undefined;
      const claimed = await this.db
        .updateTable("jobs")
        .set((eb) => ({ state: "active", attempts: eb("attempts", "+", 1), started_at: now, finished_at: null, locked_by: this.owner }))
        .where("id", "=", next.id)
        .where("state", "in", ["created", "retry"])
        .returningAll()
        .executeTakeFirst();
      if (claimed) return claimed as JobRow;
    }
    return undefined;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.name);
    let failure: unknown = null;
    try {
      if (!handler) throw new Error(`no handler for ${job.name}`);
      const payload = JSON.parse(job.payload) as unknown;
      await withTimeout(
        job.timeout_seconds,
        (signal) => handler(payload, { id: String(job.id), name: job.name, attempt: job.attempts, signal }),
        this.stopping.signal,
      );
    } catch (error) {
      failure = error ?? new Error("failed");
    }
    await this.settle(job, failure);
  }

  /** Records how a run ended: completed, or failed with a retry after the backoff while attempts remain. */
  private async settle(job: JobRow, failure: unknown) {
    const now = this.clock();
    if (failure === null) {
      await this.db
        .updateTable("jobs")
        .set({ state: "completed", finished_at: now.toISOString(), locked_by: null })
        .where("id", "=", job.id)
        .where("state", "=", "active")
        .execute();
      return;
    }
    const retry = job.attempts <= job.retry_limit;
    await this.db
      .updateTable("jobs")
      .set({
        state: retry ? "retry" : "failed",
        last_error: errorText(failure).slice(0, 4000),
        run_after: retry ? new Date(now.getTime() + retryDelayMs(job, job.attempts)).toISOString() : job.run_after,
        finished_at: retry ? null : now.toISOString(),
        locked_by: null,
      })
      .where("id", "=", job.id)
      .where("state", "=", "active")
      .execute();
    if (!retry) console.error(`job ${job.name} #${job.id} failed after ${job.attempts} attempt(s): ${redactJobError(errorText(failure))}`);
  }

  async runDue(): Promise<number> {
    let count = 0;
    for (let job = await this.claim(); job; job = await this.claim()) {
      await this.execute(job);
      count++;
    }
    return count;
  }

  async listJobs(options: { limit?: number; state?: JobState } = {}): Promise<JobInfo[]> {
    const rows = await this.db
      .selectFrom("jobs")
      .select(["id", "name", "state", "attempts", "retry_limit", "last_error", "created_at", "started_at", "finished_at", "run_after"])
      .$if(!!options.state, (q) => q.where("state", "=", options.state as JobRow["state"]))
      .orderBy("id", "desc")
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      name: r.name,
      state: r.state,
      attempts: r.attempts,
      maxAttempts: r.retry_limit + 1,
      lastError: redactJobError(r.last_error),
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      runAfter: r.state === "created" || r.state === "retry" ? r.run_after : null,
    }));
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: pg-boss 10 on the same database, through the app's own connection pool.

interface PgBossOptions {
  /** pg-boss's schema (default `pgboss`, or `<DATABASE_SCHEMA>_pgboss` beside a test's schema). */
  schema?: string;
  pollingIntervalSeconds?: number;
  /** Run pg-boss's maintenance (expiring jobs of dead workers, archiving) in this process. */
  supervise?: boolean;
}

/**
 * One pg-boss statement on a connection of the app's pool. pg-boss sends some of its work as one
 * text holding `BEGIN; …; COMMIT;` (its install, a queue's creation): when a statement in between
 * fails (a deadlock with another server installing at the same moment, say) the connection stays in
 * the aborted transaction, and every query the app later ran on it failed until the process ended.
 * It is rolled back before it goes back to the pool.
 */
async function executeBossSql(db: Kysely<Database>, text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
  return db.connection().execute(async (connection) => {
    try {
      return { rows: [...(await connection.executeQuery(CompiledQuery.raw(text, values))).rows] };
    } catch (error) {
      if (/\bbegin\b/i.test(text)) await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => undefined);
      throw error;
    }
  });
}

/** A failure that another try may not meet: two servers creating pg-boss's schema or a queue at once. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // deadlock, serialization failure, unique violation, duplicate schema / table / object
  return typeof code === "string" && ["40P01", "40001", "23505", "42P06", "42P07", "42710"].includes(code);
}

/** `attempt()` again after a transient failure, up to four times in all (0.2 s, 0.4 s, 0.8 s apart). */
async function retryTransient<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 4 || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** tries));
    }
  }
}

export function pgBossSchema(): string {
  return process.env.JOBS_SCHEMA || (process.env.DATABASE_SCHEMA ? `${process.env.DATABASE_SCHEMA}_pgboss` : "pgboss");
}

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export class PgBossJobQueue implements JobQueue {
  readonly driver = "pg-boss" as const;
  private readonly boss: PgBoss;
  private readonly schema: string;
  private readonly handlers = new Map<string, { handler: JobHandler<unknown>; concurrency: number }>();
  private readonly queues = new Map<string, Promise<void>>();
  private ready: Promise<void> | null = null;
  private readonly workerIds = new Map<string, string[]>();

  private readonly options: PgBossOptions;
  /** The worker's own pg-boss, with maintenance and polling: made by start() only. */
  private workerBoss: PgBoss | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    options: PgBossOptions = {},
  ) {
    this.options = options;
    this.schema = options.schema ?? pgBossSchema();
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new Error(`invalid pg-boss schema: ${this.schema}`);
    // Sending and listing only: no maintenance timers in a process that does not work jobs.
    this.boss = this.makeBoss(false);
  }

  private makeBoss(supervise: boolean): PgBoss {
    const db = this.db;
    const boss = new PgBoss({
      // pg-boss runs its statements through the app's pool (and so its settings).
      db: { executeSql: (text: string, values?: unknown[]) => executeBossSql(db, text, values ?? []) },
      schema: this.schema,
      supervise,
      schedule: false,
      pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
    });
    boss.on("error", (error: Error) => console.error(`pg-boss: ${error.message}`));
    return boss;
  }

  /** Creates (or upgrades) pg-boss's schema once per process: idempotent, under pg-boss's own lock. */
  private prepare(): Promise<void> {
    if (!this.ready) {
      const ready = retryTransient(() => this.boss.start()).then(() => undefined);
      this.ready = ready;
      // A failure is not remembered: the next call tries again.
      ready.catch(() => {
        if (this.ready === ready) this.ready = null;
      });
    }
    return this.ready;
  }

  /** v10 needs a queue before its first job; every queue uses the "short" policy (one waiting job per singleton key). */
  private queue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.prepare().then(() => retryTransient(() => this.boss.createQueue(name, { name, policy: "short" })));
      created.catch(() => this.queues.delete(name));
      this.queues.set(name, created);
    }
    return created;
  }

  async enqueue<P>(name: string, payload: P, options: JobOptions = {}): Promise<string | null> {
    await this.queue(name);
    const id = await this.boss.send(name, (payload ?? null) as object, {
      retryLimit: options.retryLimit ?? JOB_DEFAULTS.retryLimit,
      retryDelay: options.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
      retryBackoff: options.retryBackoff ?? JOB_DEFAULTS.retryBackoff,
      expireInSeconds: Math.max(1, Math.ceil(options.timeoutSeconds ?? JOB_DEFAULTS.timeoutSeconds)),
      // The "short" policy keeps one waiting job per key; a job without one gets its own.
      singletonKey: options.singletonKey ?? randomUUID(),
      startAfter: options.startAfterSeconds ? Math.ceil(options.startAfterSeconds) : undefined,
    });
    // A worker in this process looks at once rather than at its next poll.
    if (id) for (const workerId of this.workerIds.get(name) ?? []) this.workerBoss?.notifyWorker(workerId);
    return id;
  }

  work<P>(name: string, handler: JobHandler<P>, options: { concurrency?: number } = {}): void {
    this.handlers.set(name, { handler: handler as JobHandler<unknown>, concurrency: options.concurrency ?? 1 });
  }

  private async run(name: string, job: PgBoss.JobWithMetadata<unknown>) {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`no handler for ${name}`);
    await withTimeout(Number(job.expireInSeconds), (signal) => entry.handler(job.data, { id: job.id, name, attempt: job.retryCount + 1, signal }));
  }

  async start(): Promise<void> {
    await this.prepare();
    if (this.workerBoss) return;
    const boss = this.makeBoss(this.options.supervise ?? true);
    await retryTransient(() => boss.start());
    this.workerBoss = boss;
    try {
      for (const [name, { concurrency }] of this.handlers) {
        await this.queue(name);
        const ids: string[] = [];
        for (let i = 0; i < concurrency; i++) {
          // pg-boss fails a job whose handler throws, and retries it per its retryLimit and backoff;
          // a job whose worker died is failed by its expiry (maintenance) and retried the same way.
          ids.push(
            await boss.work(name, { includeMetadata: true, batchSize: 1 }, async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
              if (job) await this.run(name, job);
            }),
          );
        }
        this.workerIds.set(name, ids);
      }
    } catch (error) {
      // Not half-started: a later start() begins again.
      this.workerBoss = null;
      this.workerIds.clear();
      await boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
      throw error;
    }
  }

  async stop(graceMs = 30_000): Promise<void> {
    if (!this.ready) return;
    const options = { graceful: true, timeout: Math.max(1000, graceMs), close: false, wait: true };
    await this.workerBoss?.stop(options);
    this.workerBoss = null;
    await this.boss.stop(options);
    this.ready = null;
    this.queues.clear();
    this.workerIds.clear();
  }

  async runDue(): Promise<number> {
    let count = 0;
    for (const name of this.handlers.keys()) {
      await this.queue(name);
      for (;;) {
        const [job] = await this.boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
        if (!job) break;
        try {
          await this.run(name, job);
          await this.boss.complete(name, job.id);
        } catch (error) {
          await this.boss.fail(name, job.id, { message: errorText(error) });
        }
        count++;
      }
    }
    return count;
  }

  async listJobs(options: { limit?: number; state?: JobState } = {}): Promise<JobInfo[]> {
    await this.prepare();
    const limit = Math.min(Math.max(1, options.limit ?? 100), 500);
    // The union's `state` is already text (pg-boss's enum cast in `columns`): compare it as text.
    const where = options.state ? `where state = $2` : "";
    const columns = `id, name, state::text as state, retry_count, retry_limit, started_on, created_on, completed_on, start_after, output`;
    const { rows } = await this.db.executeQuery<{
      id: string;
      name: string;
      state: JobState;
      retry_count: number;
      retry_limit: number;
      started_on: Date | null;
      created_on: Date;
      completed_on: Date | null;
      start_after: Date;
      output: { message?: string; value?: { message?: string } } | null;
    }>(
      CompiledQuery.raw(
        `select * from (select ${columns} from ${this.schema}.job union all select ${columns} from ${this.schema}.archive) jobs
         ${where} order by created_on desc, id limit $1`,
        options.state ? [limit, options.state] : [limit],
      ),
    );
    return rows
      .filter((r) => !r.name.startsWith("__pgboss"))
      .map((r) => {
        const started = r.started_on !== null;
        const failedRun = r.state === "failed" || r.state === "retry";
        return {
          id: r.id,
          name: r.name,
          state: r.state,
          // pg-boss counts retries when a job is fetched again; a job that ran counts its first run.
          attempts: started ? r.retry_count + 1 : 0,
          maxAttempts: r.retry_limit + 1,
          lastError: failedRun || r.output?.message ? redactJobError(r.output?.message ?? r.output?.value?.message ?? null) : null,
          createdAt: iso(r.created_on)!,
          startedAt: iso(r.started_on),
          finishedAt: iso(r.completed_on),
          runAfter: r.state === "created" || r.state === "retry" ? iso(r.start_after) : null,
        };
      });
  }
}

// ---------------------------------------------------------------------------------------------
// One queue per database client in this process, shared by the Remix build and the server bundle.

declare global {
  var __puenteJobQueues: WeakMap<object, JobQueue> | undefined;
}

/** The job queue of a database: pg-boss on PostgreSQL, the embedded runner on SQLite. */
export function jobQueue(db: Kysely<Database>): JobQueue {
  const queues = (globalThis.__puenteJobQueues ??= new WeakMap());
  let queue = queues.get(db);
  if (!queue) {
    queue = engineOf(db) === "postgres" ? new PgBossJobQueue(db) : new SqliteJobQueue(db);
    queues.set(db, queue);
  }
  return queue;
}

/** Uses this queue for that database (tests inject a clock this way). */
export function setJobQueue(db: Kysely<Database>, queue: JobQueue) {
  (globalThis.__puenteJobQueues ??= new WeakMap()).set(db, queue);
}

/** Adds a job to the database's queue. */
export function enqueueJob<P>(db: Kysely<Database>, name: string, payload: P, options?: JobOptions): Promise<string | null> {
  return jobQueue(db).enqueue(name, payload, options);
}
