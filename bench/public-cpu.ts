// npm run bench:public-cpu — the server's CPU time per request of the uncached topic page and of the
// minimal page (bench:public's `uncached_ratio` pair), on the same seed and server settings as
// bench:public (PAGE_CACHE=0, PUENTE_BENCH=1). On a shared machine req/s follows the load of other
// processes; the CPU time the server process spends (user + system, all its threads: GC, zlib) per
// request follows the page. Read from /proc/<pid>/stat (Linux), over BENCH_REQUESTS requests per
// turn at 4 connections, alternating the two pages BENCH_ROUNDS times.
// BENCH_DB=<file>: keep the seeded SQLite file there and reuse it on the next run.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { seed } from "../db/seed/index";
import { buildIfNeeded } from "../scripts/build.mjs";
import { createTestDatabase } from "../support/db";
import { startServer } from "../support/server";
import { seedSubmissions } from "./seed-submissions";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function run(url: string, path: string, amount: number) {
  const result = await autocannon({ url: url + path, connections: 4, amount, headers: { "accept-encoding": "br, gzip" } });
  if (result.non2xx || result.errors) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function main() {
  await buildIfNeeded();
  const kept = process.env.BENCH_DB;
  const reuse = !!kept && existsSync(kept);
  const dir = mkdtempSync(join(tmpdir(), "puente-bench-cpu-"));
  const t = reuse ? { env: { DATABASE_URL: `file:${join(dir, "db.sqlite")}` }, destroy: async () => {} } : await createTestDatabase();
  const file = t.env.DATABASE_URL.replace(/^file:/, "");
  const server = { stop: async () => {} };
  try {
    if (reuse) copyFileSync(kept, file);
    else if ("db" in t) {
      await seed(t.db);
      await seedSubmissions(file, ROWS, 3, { forExport: true, analyze: false });
      if (kept) copyFileSync(file, kept);
    }
    const raw = new Database(file, { readonly: true });
    const topic = raw
      .prepare(
        `select t.slug, count(*) as n from topics t join submissions s on s.topic_id = t.id
         where t.state = 'published' and s.status = 'approved' group by t.id order by n desc limit 1`,
      )
      .get() as { slug: string; n: number };
    raw.close();
    const filesDir = mkdtempSync(join(tmpdir(), "puente-bench-files-"));
    const running = await startServer({
      ...t.env,
      LOG_LEVEL: "warn",
      PUENTE_BENCH: "1",
      PUBLICATION_POLL_MS: "1000",
      FILES_DIR: filesDir,
      PAGE_CACHE: "0",
    });
    server.stop = async () => {
      await running.stop();
      rmSync(filesDir, { recursive: true, force: true });
    };
    const pid = running.process.pid!;
    const all = { topic: `/en/consultations/${topic.slug}`, minimal: "/en/bench/minimal" };
    // BENCH_PAGES=topic: only that page (e.g. with SERVER_NODE_ARGS=--cpu-prof to profile it).
    const only = process.env.BENCH_PAGES?.split(",");
    const paths = Object.fromEntries(Object.entries(all).filter(([name]) => !only || only.includes(name))) as Partial<typeof all>;
    for (const path of Object.values(paths)) await run(running.url, path!, 400);
    const totals = { topic: { ms: 0, n: 0 }, minimal: { ms: 0, n: 0 } };
    const rounds: Array<{ topic: number; minimal: number }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const perRequest = { topic: NaN, minimal: NaN };
      for (const [name, path] of Object.entries(paths) as Array<[keyof typeof all, string]>) {
        const before = cpuMs(pid);
        const perSecond = await run(running.url, path, REQUESTS);
        const ms = cpuMs(pid) - before;
        totals[name].ms += ms;
        totals[name].n += REQUESTS;
        perRequest[name] = ms / REQUESTS;
        console.log(`round ${round}: ${name.padEnd(7)} ${(ms / REQUESTS).toFixed(2)} ms CPU/request (${perSecond.toFixed(0)} req/s)`);
      }
      rounds.push(perRequest);
    }
    // Each round's ratio too: the two pages of a round ran under about the same load.
    const ratios = rounds.map((r) => r.minimal / r.topic).sort((a, b) => a - b);
    const topicMs = totals.topic.ms / totals.topic.n;
    const minimalMs = totals.minimal.ms / totals.minimal.n;
    console.log(
      JSON.stringify({
        topic_cpu_ms: Math.round(topicMs * 100) / 100,
        minimal_cpu_ms: Math.round(minimalMs * 100) / 100,
        cpu_ratio: Math.round((minimalMs / topicMs) * 1000) / 1000,
        median_round_ratio: Math.round((ratios[Math.floor(ratios.length / 2)] ?? NaN) * 1000) / 1000,
        load: loadavg().map((l) => Math.round(l * 10) / 10),
      }),
    );
  } finally {
    await server.stop();
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
