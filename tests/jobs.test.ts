import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { PgBossJobQueue, SqliteJobQueue, redactJobError, type JobQueue } from "~/utils/jobs.server";
import { createTestDatabase, sql, type TestDatabase } from "./helpers/db";

// ADR 029: one job interface, two drivers. The embedded runner (SQLite) and pg-boss (PostgreSQL)
// retry with backoff and give up after the limit, time out a hung job, and keep a job across a
// restart. The SQLite runner's clock is injected: no test waits for a backoff.
const postgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

describe.skipIf(postgres)("the embedded runner (SQLite)", () => {
  let now = new Date("2026-12-06T10:00:00.000Z");
  const clock = () => now;
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  const queues: JobQueue[] = [];
  const runner = () => {
    const queue = new SqliteJobQueue(t.db, { clock, pollMs: 60_000 });
    queues.push(queue);
    return queue;
  };
  const row = (id: string | null) => t.db.selectFrom("jobs").selectAll().where("id", "=", Number(id)).executeTakeFirstOrThrow();
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop(100);
  });

  it("retries with exponential backoff and gives up after the limit, the error kept", async () => {
    const queue = runner();
    let runs = 0;
    queue.work("test.flaky", async () => {
      runs++;
      throw new Error(`SMTP said no to ana@example.org (run ${runs})`);
    });
    const id = await queue.enqueue("test.flaky", { to: "ana@example.org" }, { retryLimit: 2, retryDelaySeconds: 10, retryBackoff: true });
    expect(await queue.runDue()).toBe(1);
    let job = await row(id);
    expect(job).toMatchObject({ state: "retry", attempts: 1, last_error: "SMTP said no to ana@example.org (run 1)" });
    expect(job.run_after).toBe("2026-12-06T10:00:10.000Z");
    advance(9);
    expect(await queue.runDue()).toBe(0);
    advance(1);
    expect(await queue.runDue()).toBe(1);
    job = await row(id);
    // Doubled: 20 s after the second attempt.
    expect(job).toMatchObject({ state: "retry", attempts: 2 });
    expect(job.run_after).toBe("2026-12-06T10:00:30.000Z");
    advance(20);
    expect(await queue.runDue()).toBe(1);
    job = await row(id);
    expect(job).toMatchObject({ state: "failed", attempts: 3, last_error: "SMTP said no to ana@example.org (run 3)" });
    expect(job.finished_at).toBe(now.toISOString());
    advance(3600);
    expect(await queue.runDue()).toBe(0);
    expect(runs).toBe(3);
    // What admins see: no payload, no address.
    const listed = (await queue.listJobs()).find((j) => j.id === id)!;
    expect(listed).toMatchObject({ name: "test.flaky", state: "failed", attempts: 3, maxAttempts: 3 });
    expect(listed.lastError).toBe("SMTP said no to •••@••• (run 3)");
    expect(JSON.stringify(listed)).not.toContain("example.org");
  });

  it("times out a hung job, aborting its signal, and retries it", async () => {
    const queue = runner();
    let aborted = false;
    queue.work("test.hang", (_payload, job) => {
      job.signal.addEventListener("abort", () => (aborted = true));
      return new Promise<void>(() => undefined);
    });
    const id = await queue.enqueue("test.hang", {}, { timeoutSeconds: 0.05, retryLimit: 1, retryDelaySeconds: 5 });
    expect(await queue.runDue()).toBe(1);
    expect(aborted).toBe(true);
    expect(await row(id)).toMatchObject({ state: "retry", attempts: 1, last_error: "timed out after 0.05 s" });
  });

  it("a job enqueued before a restart runs after it; one left active by a crashed process is retried at start-up", async () => {
    const before = runner();
    const waiting = await before.enqueue("test.restart", { n: 1 });
    // A process that took a job and died: still active, held by a runner that no longer exists.
    const crashed = await before.enqueue("test.restart", { n: 2 }, { retryLimit: 1 });
    await t.db
      .updateTable("jobs")
      .set({ state: "active", attempts: 1, locked_by: "gone:1:abc", started_at: now.toISOString() })
      .where("id", "=", Number(crashed))
      .execute();
    await before.stop(100);

    // The process "restarts": a new runner on a new connection to the same database file.
    const db = createDb(t.env.DATABASE_URL);
    try {
      const after = new SqliteJobQueue(db, { clock, pollMs: 60_000 });
      queues.push(after);
      const seen: number[] = [];
      after.work<{ n: number }>("test.restart", async ({ n }) => void seen.push(n));
      await after.start();
      expect(await row(crashed)).toMatchObject({ state: "retry", last_error: "interrupted: the process running it stopped" });
      advance(3600);
      await after.runDue();
      expect(seen.sort()).toEqual([1, 2]);
      expect((await row(waiting)).state).toBe("completed");
      expect(await row(crashed)).toMatchObject({ state: "completed", attempts: 2 });
    } finally {
      await db.destroy();
    }
  });

  it("keeps one waiting job per singleton key", async () => {
    const queue = runner();
    const first = await queue.enqueue("test.single", {}, { singletonKey: "k" });
    expect(first).not.toBeNull();
    expect(await queue.enqueue("test.single", {}, { singletonKey: "k" })).toBeNull();
    queue.work("test.single", async () => undefined);
    await queue.runDue();
    expect(await queue.enqueue("test.single", {}, { singletonKey: "k" })).not.toBeNull();
  });

  it("started, works jobs as they are enqueued", async () => {
    const queue = new SqliteJobQueue(t.db, { pollMs: 20 });
    queues.push(queue);
    const done = new Promise<string>((resolve) => queue.work<{ v: string }>("test.live", async ({ v }) => resolve(v)));
    await queue.start();
    await queue.enqueue("test.live", { v: "ok" });
    expect(await done).toBe("ok");
  });
});

describe.skipIf(!postgres)("pg-boss (PostgreSQL)", () => {
  const queues: PgBossJobQueue[] = [];
  const boss = (db = t.db) => {
    const queue = new PgBossJobQueue(db);
    queues.push(queue);
    return queue;
  };
  const schema = () => `${process.env.DATABASE_SCHEMA}_pgboss`;
  /** pg-boss keeps its own time (the database's): a test moves a retry's time forward instead. */
  const makeDue = (id: string) => sql.raw(`update ${schema()}.job set start_after = now() where id = '${id}'`).execute(t.db);
  const job = async (id: string) => {
    const { rows } = await sql
      .raw<{
        state: string;
        retry_count: number;
        start_after: Date;
        output: { message?: string } | null;
      }>(`select state::text as state, retry_count, start_after, output from ${schema()}.job where id = '${id}'`)
      .execute(t.db);
    return rows[0]!;
  };
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop(1000);
  });
  afterAll(async () => {
    await sql.raw(`drop schema if exists ${schema()} cascade`).execute(t.db);
  });

  it("retries with exponential backoff and gives up after the limit, the error kept", async () => {
    const queue = boss();
    let runs = 0;
    queue.work("test.flaky", async () => {
      runs++;
      throw new Error(`SMTP said no to ana@example.org (run ${runs})`);
    });
    const id = (await queue.enqueue("test.flaky", { to: "ana@example.org" }, { retryLimit: 2, retryDelaySeconds: 10, retryBackoff: true }))!;
    expect(await queue.runDue()).toBe(1);
    let state = await job(id);
    expect(state.state).toBe("retry");
    // Backoff: at least the delay, later than a plain retry would be.
    const wait = (state.start_after.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(8);
    expect(await queue.runDue()).toBe(0);
    await makeDue(id);
    expect(await queue.runDue()).toBe(1);
    state = await job(id);
    expect(state.state).toBe("retry");
    expect((state.start_after.getTime() - Date.now()) / 1000).toBeGreaterThan(18);
    await makeDue(id);
    expect(await queue.runDue()).toBe(1);
    state = await job(id);
    expect(state.state).toBe("failed");
    expect(runs).toBe(3);
    const listed = (await queue.listJobs()).find((j) => j.id === id)!;
    expect(listed).toMatchObject({ name: "test.flaky", state: "failed", attempts: 3, maxAttempts: 3 });
    expect(listed.lastError).toBe("SMTP said no to •••@••• (run 3)");
  });

  it("times out a hung job and retries it", async () => {
    const queue = boss();
    queue.work("test.hang", () => new Promise<void>(() => undefined));
    const id = (await queue.enqueue("test.hang", {}, { timeoutSeconds: 1, retryLimit: 1, retryDelaySeconds: 5 }))!;
    expect(await queue.runDue()).toBe(1);
    const state = await job(id);
    expect(state.state).toBe("retry");
    expect(state.output?.message).toBe("timed out after 1 s");
  });

  it("a job enqueued before a restart runs after it, and a started worker takes jobs as they come", async () => {
    const before = boss();
    const id = (await before.enqueue("test.restart", { n: 1 }))!;
    await before.stop(1000);
    const db = createDb(t.env.DATABASE_URL);
    try {
      const after = new PgBossJobQueue(db, { pollingIntervalSeconds: 0.5 });
      queues.push(after);
      const seen: number[] = [];
      let resolveLive: (n: number) => void = () => undefined;
      const live = new Promise<number>((resolve) => (resolveLive = resolve));
      after.work<{ n: number }>("test.restart", async ({ n }) => {
        seen.push(n);
        if (n === 2) resolveLive(n);
      });
      await after.start();
      await after.enqueue("test.restart", { n: 2 });
      expect(await live).toBe(2);
      for (let i = 0; i < 40 && !seen.includes(1); i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual([1, 2]);
      for (let i = 0; i < 40 && (await job(id))?.state !== "completed"; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await job(id)).state).toBe("completed");
      await after.stop(1000);
    } finally {
      await db.destroy();
    }
  }, 30_000);

  /** The queue's pg-boss, whose start() fails as `failures` say before it really starts. */
  const failingStart = (queue: PgBossJobQueue, failures: Error[]) => {
    const inner = (queue as unknown as { boss: { start: () => Promise<unknown> } }).boss;
    const start = inner.start.bind(inner);
    let calls = 0;
    inner.start = () => (calls++ < failures.length ? Promise.reject(failures[calls - 1]!) : start());
    return () => calls;
  };

  it("a start that failed is not remembered: the next call tries again", async () => {
    const queue = boss();
    const calls = failingStart(queue, [new Error("Connection terminated unexpectedly")]);
    await expect(queue.listJobs()).rejects.toThrow("Connection terminated unexpectedly");
    expect(await queue.enqueue("test.after-failed-start", {})).not.toBeNull();
    expect(calls()).toBe(2);
  });

  it("a start that met another server's (a deadlock) is tried again at once", async () => {
    const queue = boss();
    const calls = failingStart(queue, [Object.assign(new Error("deadlock detected"), { code: "40P01" })]);
    expect(await queue.enqueue("test.after-deadlock", {})).not.toBeNull();
    expect(calls()).toBe(2);
  });

  it("a failed pg-boss statement leaves no connection of the app's pool inside an aborted transaction", async () => {
    const broken = `${process.env.DATABASE_SCHEMA}_pgboss_broken`;
    // pg-boss's install runs in one transaction; a table already in its way fails it half-way.
    await sql.raw(`create schema ${broken}; create table ${broken}.job (id int)`).execute(t.db);
    const previous = process.env.PG_POOL_MAX;
    process.env.PG_POOL_MAX = "1";
    const db = createDb(t.env.DATABASE_URL);
    if (previous === undefined) delete process.env.PG_POOL_MAX;
    else process.env.PG_POOL_MAX = previous;
    const queue = new PgBossJobQueue(db, { schema: broken });
    try {
      await expect(queue.enqueue("test.broken", {})).rejects.toThrow();
      // The pool's one connection is the one pg-boss used: it must answer the app's next query.
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]?.one).toBe(1);
    } finally {
      await db.destroy();
      await sql.raw(`drop schema if exists ${broken} cascade`).execute(t.db);
    }
  });

  it("two servers starting on a fresh queue schema at once both start working", async () => {
    const fresh = `${process.env.DATABASE_SCHEMA}_pgboss_twin`;
    const dbs = [createDb(t.env.DATABASE_URL), createDb(t.env.DATABASE_URL)];
    const twins = dbs.map((db) => new PgBossJobQueue(db, { schema: fresh, pollingIntervalSeconds: 0.5 }));
    try {
      for (const q of twins) q.work("test.twin", async () => undefined);
      const started = await Promise.allSettled(twins.map((q) => q.start()));
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started"]);
    } finally {
      for (const q of twins) await q.stop(1000);
      for (const db of dbs) await db.destroy();
      await sql.raw(`drop schema if exists ${fresh} cascade`).execute(t.db);
    }
  }, 30_000);

  it("keeps one waiting job per singleton key", async () => {
    const queue = boss();
    expect(await queue.enqueue("test.single", {}, { singletonKey: "k" })).not.toBeNull();
    expect(await queue.enqueue("test.single", {}, { singletonKey: "k" })).toBeNull();
  });
});

describe("what admins see of an error", () => {
  it("masks addresses and one-time tokens", () => {
    expect(redactJobError("550 <ana.rojas@example.cl>: no such user; see https://x/?token=abcDEF123")).toBe(
      "550 <•••@•••>: no such user; see https://x/?token=••••••••",
    );
    expect(redactJobError(null)).toBeNull();
  });
});
