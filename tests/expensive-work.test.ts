import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { writeSummaryDocx } from "~/exports/summary-docx.server";
import { writeSummaryJson } from "~/exports/summary-json.server";
import { moderate } from "~/models/moderation.server";
import { summaryStream } from "~/exports/summary-stream.server";
import type { Summary, SummarySubmission } from "~/models/summary-types";
import type { Actor } from "~/utils/permissions";
import { docxWorkers, WorkBusyError, WorkLimiter } from "~/utils/work-limiter.server";
import { createSubmissionFor, createTopic, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { buildPublicSummaryFiles } from "./helpers/jobs";
import { startServer, type RunningServer } from "./helpers/server";
import { summaryFixture } from "./summary-fixture";

// Issue 14, item 2: expensive work anyone can start runs in a bounded pool with a bounded queue;
// beyond it a translated 503 with Retry-After; a client that goes away stops its work.

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Timers the test fires by hand: no waiting on the wall clock. */
function fakeTimers() {
  const pending = new Set<() => void>();
  return {
    setTimer: (fire: () => void, _ms: number) => {
      pending.add(fire);
      return () => pending.delete(fire);
    },
    fireAll: () => [...pending].forEach((fire) => (pending.delete(fire), fire())),
    get count() {
      return pending.size;
    },
  };
}

describe("the work limiter", () => {
  it("runs N at once, queues up to the bound, refuses beyond it with a typed error, in order", async () => {
    const limiter = new WorkLimiter({ concurrency: 2, queue: 1, waitMs: 10_000, retryAfterSeconds: 9, setTimer: fakeTimers().setTimer });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const job = (n: number) =>
      limiter.run(async () => {
        started.push(n);
        await gates[n]!.promise;
        return n;
      });
    const first = job(0);
    const second = job(1);
    const third = job(2); // waits
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(limiter.running).toBe(2);
    expect(limiter.waiting).toBe(1);
    const refused = await limiter.run(async () => "never").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkBusyError);
    expect((refused as WorkBusyError).retryAfterSeconds).toBe(9);
    gates[0]!.resolve();
    expect(await first).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.running).toBe(2);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all([second, third])).toEqual([1, 2]);
    expect(limiter.running).toBe(0);
    expect(limiter.waiting).toBe(0);
  });

  it("gives up a wait that lasts too long, and one whose client went away", async () => {
    const timers = fakeTimers();
    const limiter = new WorkLimiter({ concurrency: 1, queue: 5, waitMs: 1000, retryAfterSeconds: 3, setTimer: timers.setTimer });
    const slot = await limiter.acquire();
    const timedOut = limiter.acquire();
    const client = new AbortController();
    const abandoned = limiter.acquire(client.signal);
    expect(limiter.waiting).toBe(2);
    client.abort();
    expect(await abandoned.catch((e: Error) => e.name)).toBe("AbortError");
    expect(limiter.waiting).toBe(1);
    timers.fireAll();
    expect(await timedOut.catch((e: unknown) => e)).toBeInstanceOf(WorkBusyError);
    expect(limiter.waiting).toBe(0);
    // The place was never handed to the ones that left.
    slot.release();
    slot.release(); // twice is harmless
    expect(limiter.running).toBe(0);
    expect(timers.count).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    expect(await limiter.acquire(aborted.signal).catch((e: Error) => e.name)).toBe("AbortError");
    expect(limiter.running).toBe(0);
  });
});

describe("a download whose client goes away", () => {
  it("stops a streaming export (its submissions are no longer read) and gives its place back", async () => {
    const yielded = deferred();
    const closed = deferred();
    const sample = (await firstOf(summaryFixture({ count: 1 }).submissions()))!;
    let count = 0;
    // Never ends by itself: only stopping it does.
    async function* endless(): AsyncIterable<SummarySubmission> {
      try {
        for (;;) {
          count++;
          if (count === 50) yielded.resolve();
          yield { ...sample, id: count };
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        closed.resolve();
      }
    }
    const summary: Summary = { ...summaryFixture({ count: 1 }), submissions: endless };
    const client = new AbortController();
    const done = deferred();
    const body = summaryStream(summary, writeSummaryJson, { signal: client.signal, onClose: () => done.resolve() });
    const reader = body.getReader();
    await reader.read();
    await yielded.promise;
    client.abort();
    await closed.promise;
    await done.promise;
    const stoppedAt = count;
    await new Promise((r) => setImmediate(r));
    expect(count).toBe(stoppedAt);
  }, 10_000);

  it("terminates the DOCX worker and frees its place", async () => {
    const out = new PassThrough();
    const writing = writeSummaryDocx(summaryFixture({ count: 400 }), out);
    // The worker has its place (it is being started or is working).
    while (docxWorkers().running === 0) await new Promise((r) => setImmediate(r));
    out.destroy();
    const error = (await writing.catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
    expect(docxWorkers().running).toBe(0);
  }, 20_000);
});

async function firstOf<T>(items: AsyncIterable<T>): Promise<T | undefined> {
  for await (const item of items) return item;
  return undefined;
}

describe("over HTTP, with one place and no queue", () => {
  let t: TestDatabase;
  let server: RunningServer;
  let slug = "";

  beforeAll(async () => {
    t = await createTestDatabase();
    await seed(t.db);
    const mod = await createUser(t.db, { role: "moderator", party: "CA" });
    const actor: Actor = { id: mod.id, role: "moderator", partyCode: "CA" };
    const topic = await createTopic(t.db, { party: "CA" });
    slug = topic.slug;
    for (let i = 0; i < 40; i++) {
      const s = await createSubmissionFor(t.db, { topicSlug: slug, values: { body: `Text ${i}: ${"Women in trade need data. ".repeat(40)}` } });
      await moderate(t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    }
    server = await startServer({ ...t.env, EXPENSIVE_WORK_CONCURRENCY: "1", EXPENSIVE_WORK_QUEUE: "0", EXPENSIVE_WORK_RETRY_AFTER_SECONDS: "7" });
    // The public downloads are stored files built by the jobs (ADR 033): they take no place.
    await buildPublicSummaryFiles(t.db);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  it("answers what does not fit with a translated 503 and Retry-After, and serves the rest", async () => {
    const paths = [
      `/fr/consultations/${slug}/summary/docx`,
      `/es/consultations/${slug}/summary/pdf`,
      "/api/v1/stats",
      `/en/consultations/${slug}/summary/json`,
      "/fr/stats",
      `/es/consultations/${slug}/summary/xlsx`,
      "/es/stats",
      "/api/v1/stats?area=3",
      `/fr/consultations/${slug}/summary/csv`,
      "/en/stats",
    ];
    const burst = () =>
      Promise.all(
        paths.map(async (path) => {
          const res = await get(server.url, path);
          return { path, status: res.status, retryAfter: res.headers.get("retry-after"), type: res.headers.get("content-type") ?? "", body: await res.text() };
        }),
      );
    const titles = { en: "Too busy right now", fr: "Trop de demandes en ce moment", es: "Demasiadas solicitudes en este momento" };
    // Which requests find the place taken depends on timing: burst again until each kind of
    // answer (API, statistics page) has been seen busy. A download is a stored file (ADR 033): it
    // takes no place and is never refused.
    const seen = new Set<string>();
    for (let round = 0; round < 8 && seen.size < 2; round++) {
      const responses = await burst();
      for (const r of responses) expect(r.path.includes("/summary/") ? [200] : [200, 503], r.path).toContain(r.status);
      expect(responses.some((r) => r.status === 200)).toBe(true);
      for (const r of responses.filter((x) => x.status === 503)) {
        expect(r.retryAfter, r.path).toBe("7");
        if (r.path.startsWith("/api/")) {
          expect(r.type).toMatch(/application\/json/);
          expect(JSON.parse(r.body)).toEqual({ error: "busy", retryAfter: 7 });
          seen.add("api");
        } else {
          expect(r.type, r.path).toMatch(/text\/html/);
          expect(r.body, r.path).toContain(titles[r.path.slice(1, 3) as keyof typeof titles]);
          seen.add("page");
        }
      }
    }
    expect([...seen].sort()).toEqual(["api", "page"]);
    // A HEAD request (whose body Remix drops) starts nothing that would keep a place.
    for (const format of ["json", "docx"]) {
      const head = await fetch(`${server.url}/en/consultations/${slug}/summary/${format}`, { method: "HEAD" });
      expect(head.status).toBe(200);
    }
    // Every place was given back: one at a time (each read to its end), each is served.
    for (const path of paths) {
      const res = await get(server.url, path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(200);
    }
  }, 60_000);
});
