// npm run bench:public — public pages when a consultation goes viral (issue 16), against the real
// built server on the bench:export seed (100,000 submissions; BENCH_ROWS changes it). In one run:
//   stats_p95_ms             /en/stats at 20 connections (target < 50)
//   topic_p99_ms_under_abuse the topic page's p99 while 10 connections hammer /en/stats and
//                            /api/v1/stats and 4 download the public PDF/DOCX summaries (target < 250)
//   cached_page_per_s        the anonymous topic page (page cache on) beside static_per_s, a hashed
//                            asset through the same server: cached_ratio (target ≥ 0.5)
//   uncached_page_per_s      the topic page on a second server with PAGE_CACHE=0, beside
//                            minimal_page_per_s, one heading through the same layout and i18n
//                            (/en/bench/minimal, PUENTE_BENCH=1): uncached_ratio (target ≥ 0.6)
//   first_visit_kb           compressed bytes of the topic page's HTML and of every script and
//                            stylesheet it references (target < 150); repeat_visit_kb: the HTML
// Every request says `Accept-Encoding: br, gzip`, as browsers do. The load generator (autocannon)
// runs in this process, the server in its own; the pairs compared are measured in alternating
// turns, ROUNDS times (4 by default), each pair's order swapped every other round so that neither
// page is always the one measured first after the other server's turn. Prints each run, then one
// JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { buildPublicSummaries } from "../app/models/public-summaries.server";
import { seed } from "../db/seed/index";
import { buildIfNeeded } from "../scripts/build.mjs";
import { createTestDatabase } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { seedSubmissions } from "./seed-submissions";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 4));
const ENCODING = { "accept-encoding": "br, gzip" };
const TARGETS = { stats_p95_ms: 50, topic_p99_ms_under_abuse: 250, cached_ratio: 0.5, uncached_ratio: 0.6, first_visit_kb: 150 };

const started = performance.now();
const elapsed = () => `[${((performance.now() - started) / 1000).toFixed(0)} s]`;
const log = (line: string) => console.log(`${elapsed()} ${line}`);
const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

interface Load {
  perSecond: number;
  latencies: number[];
  non2xx: number;
  errors: number;
}

/** autocannon on `paths` (in turn), keeping every response time so that any percentile can be read. */
async function load(base: string, paths: string[], connections: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration: seconds, headers: ENCODING, requests: paths.map((path) => ({ method: "GET" as const, path })) },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return { perSecond: result.requests.average, latencies, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

/** Downloads `paths` in turn, one at a time, until `signal` aborts; counts what came back. */
async function downloader(base: string, paths: string[], signal: AbortSignal) {
  const statuses: Record<string, number> = {};
  for (let i = 0; !signal.aborted; i++) {
    try {
      const response = await fetch(base + paths[i % paths.length], { headers: ENCODING, signal });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    } catch {
      if (!signal.aborted) statuses.error = (statuses.error ?? 0) + 1;
    }
  }
  return statuses;
}

/** Bytes on the wire (still compressed) of one GET, and its headers. */
function rawGet(
  url: string,
  headers: Record<string, string> = ENCODING,
): Promise<{ status: number; bytes: number; body: Buffer; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, body, headers: res.headers });
      });
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

async function decoded(url: string): Promise<string> {
  const response = await fetch(url, { headers: ENCODING });
  return response.text();
}

/** Every script and stylesheet a page's HTML makes the browser fetch. */
function assetsOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*>/g)) {
    const tag = m[0];
    if (/rel="(modulepreload|stylesheet|preload)"/.test(tag)) {
      const href = /href="([^"]+)"/.exec(tag)?.[1];
      if (href) found.add(href);
    }
  }
  // Remix's entry imports its chunks from the inline module script.
  for (const m of html.matchAll(/import\s*(?:[^"']*from\s*)?["'](\/build\/[^"']+)["']/g)) found.add(m[1]!);
  return [...found].map((href) => href.replace(/&amp;/g, "&"));
}

async function main() {
  await buildIfNeeded();
  // The public summary files (ADR 033) are built here, before the servers start, into a folder
  // they share; a server never builds one for a request.
  const filesDir = mkdtempSync(join(tmpdir(), "puente-bench-files-"));
  process.env.FILES_DIR = filesDir;
  const t = await createTestDatabase();
  const file = t.env.DATABASE_URL!.replace(/^file:/, "");
  let cached: RunningServer | undefined;
  let uncached: RunningServer | undefined;
  try {
    await seed(t.db);
    const seeded = await seedSubmissions(file, ROWS, 3, { forExport: true, analyze: false });
    log(
      `seeded ${ROWS.toLocaleString("en")} submissions in ${seeded.seedSeconds.toFixed(1)} s (${(seeded.counts.approved ?? 0).toLocaleString("en")} approved)`,
    );
    const raw = new Database(file, { readonly: true });
    const topic = raw
      .prepare(
        `select t.id, t.slug, count(*) as n from topics t join submissions s on s.topic_id = t.id
         where t.state = 'published' and s.status = 'approved' group by t.id order by n desc limit 1`,
      )
      .get() as { id: number; slug: string; n: number };
    raw.close();
    const topicPath = `/en/consultations/${topic.slug}`;
    log(`topic page ${topicPath} (${topic.n.toLocaleString("en")} published submissions)`);

    const building = Date.now();
    await buildPublicSummaries(t.db, topic.id);
    log(`public summary files of that topic built (as the summary.public job does) in ${((Date.now() - building) / 1000).toFixed(1)} s`);

    // PUBLICATION_POLL_MS as in production (the tests' helper reads the version at every request).
    const common = { ...t.env, LOG_LEVEL: "warn", PUENTE_BENCH: "1", PUBLICATION_POLL_MS: "1000", FILES_DIR: filesDir };
    cached = await startServer(common);
    uncached = await startServer({ ...common, PAGE_CACHE: "0" });

    // Bytes of a first and of a return visit.
    const page = await rawGet(cached.url + topicPath);
    if (page.status !== 200) throw new Error(`topic page: ${page.status}`);
    const html = await decoded(cached.url + topicPath);
    const assets = assetsOf(html);
    let assetBytes = 0;
    const perAsset: Array<[string, number, string]> = [];
    for (const href of assets) {
      const asset = await rawGet(new URL(href, cached.url).toString());
      if (asset.status !== 200) throw new Error(`${href}: ${asset.status}`);
      assetBytes += asset.bytes;
      perAsset.push([href, asset.bytes, String(asset.headers["content-encoding"] ?? "identity")]);
    }
    const firstVisitKb = (page.bytes + assetBytes) / 1024;
    const repeatVisitKb = page.bytes / 1024;
    log(
      `first visit: HTML ${(page.bytes / 1024).toFixed(1)} KB (${page.headers["content-encoding"] ?? "identity"}) + ${assets.length} assets ${(assetBytes / 1024).toFixed(1)} KB`,
    );
    for (const [href, bytes, encoding] of perAsset.sort((a, b) => b[1] - a[1]))
      console.log(`    ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${encoding.padEnd(8)} ${href}`);
    const staticPath = perAsset.find(([href]) => href.endsWith(".js"))?.[0] ?? assets[0]!;

    // Warm-up: JIT, the statistics snapshot, the page cache.
    for (const path of ["/en/stats", "/api/v1/stats", topicPath, "/en/bench/minimal", staticPath]) {
      await load(cached.url, [path], 2, 2);
      await load(uncached.url, [path], 2, 2);
    }

    // (1) Statistics at 20 connections.
    const stats = await load(cached.url, ["/en/stats"], 20, SECONDS);
    const statsP95 = percentile(stats.latencies, 95);
    log(`/en/stats ×20: ${stats.perSecond.toFixed(0)} req/s, p50 ${percentile(stats.latencies, 50)} ms, p95 ${statsP95} ms, non-2xx ${stats.non2xx}`);

    // (2) The topic page while others hammer the statistics and download summaries.
    const abort = new AbortController();
    const downloads = ["pdf", "docx"].map((f) => `/en/consultations/${topic.slug}/summary/${f}`);
    const downloaders = [0, 1, 2, 3].map((i) => downloader(cached!.url, [downloads[i % 2]!, downloads[(i + 1) % 2]!], abort.signal));
    const hammer = load(cached.url, ["/en/stats", "/api/v1/stats"], 10, SECONDS + 2);
    await new Promise((r) => setTimeout(r, 1000));
    const topicUnderAbuse = await load(cached.url, [topicPath], 2, SECONDS);
    const hammered = await hammer;
    abort.abort();
    const downloaded = await Promise.all(downloaders);
    const topicP99 = percentile(topicUnderAbuse.latencies, 99);
    log(
      `topic page under abuse: p50 ${percentile(topicUnderAbuse.latencies, 50)} ms, p99 ${topicP99} ms, ${topicUnderAbuse.perSecond.toFixed(0)} req/s; ` +
        `meanwhile stats/API ${hammered.perSecond.toFixed(0)} req/s (p99 ${percentile(hammered.latencies, 99)} ms, non-2xx ${hammered.non2xx}, errors and timeouts ${hammered.errors}), ` +
        `summary downloads by status ${JSON.stringify(downloaded.reduce((all, s) => ({ ...all, ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, (all[k] ?? 0) + v])) }), {} as Record<string, number>))}`,
    );

    // (3) Cached page vs a static file; (4) uncached page vs the minimal page — in turns.
    const runs = { cachedPage: [] as number[], staticFile: [] as number[], uncachedPage: [] as number[], minimalPage: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      const swap = <T>(pair: [T, T]): [T, T] => (round % 2 === 0 ? [pair[1], pair[0]] : pair);
      const pairs: Array<[keyof typeof runs, RunningServer, string]> = [
        ...swap<[keyof typeof runs, RunningServer, string]>([
          ["cachedPage", cached, topicPath],
          ["staticFile", cached, staticPath],
        ]),
        ...swap<[keyof typeof runs, RunningServer, string]>([
          ["uncachedPage", uncached, topicPath],
          ["minimalPage", uncached, "/en/bench/minimal"],
        ]),
      ];
      for (const [name, server, path] of pairs) {
        const result = await load(server.url, [path], 10, SECONDS);
        if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        runs[name].push(result.perSecond);
        log(`round ${round}: ${name.padEnd(13)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p99 ${percentile(result.latencies, 99)} ms`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cachedPerS = mean(runs.cachedPage);
    const staticPerS = mean(runs.staticFile);
    const uncachedPerS = mean(runs.uncachedPage);
    const minimalPerS = mean(runs.minimalPage);

    const figures = {
      rows: ROWS,
      stats_p95_ms: statsP95,
      topic_p99_ms_under_abuse: topicP99,
      cached_page_per_s: Math.round(cachedPerS),
      static_per_s: Math.round(staticPerS),
      cached_ratio: Math.round((cachedPerS / staticPerS) * 1000) / 1000,
      uncached_page_per_s: Math.round(uncachedPerS),
      minimal_page_per_s: Math.round(minimalPerS),
      uncached_ratio: Math.round((uncachedPerS / minimalPerS) * 1000) / 1000,
      first_visit_kb: round1(firstVisitKb),
      repeat_visit_kb: round1(repeatVisitKb),
      load: loadavg().map((l) => round1(l)),
    };
    const met = {
      stats_p95_ms: figures.stats_p95_ms < TARGETS.stats_p95_ms,
      topic_p99_ms_under_abuse: figures.topic_p99_ms_under_abuse < TARGETS.topic_p99_ms_under_abuse,
      cached_ratio: figures.cached_ratio >= TARGETS.cached_ratio,
      uncached_ratio: figures.uncached_ratio >= TARGETS.uncached_ratio,
      first_visit_kb: figures.first_visit_kb < TARGETS.first_visit_kb,
    };
    console.log("");
    for (const [key, ok] of Object.entries(met))
      console.log(
        `  ${ok ? "met    " : "MISSED "} ${key} = ${figures[key as keyof typeof figures]} (target ${key.endsWith("ratio") ? "≥" : "<"} ${TARGETS[key as keyof typeof TARGETS]})`,
      );
    console.log(JSON.stringify({ ...figures, targets_met: met }));
  } finally {
    await cached?.stop();
    await uncached?.stop();
    await t.destroy();
    rmSync(filesDir, { recursive: true, force: true });
  }
}

await main();
