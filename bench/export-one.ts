// One measurement of bench/export.ts, in a process of its own so that its peak memory is its own:
// builds the committee summary of work plan area 3 in English (every approved submission) from
// the SQLite file BENCH_EXPORT_DB and writes it in BENCH_EXPORT_FORMAT to a sink that counts the
// bytes and drops them. "read" and "read-grouped" only iterate the submissions, in the order the
// tabular formats and the PDF/DOCX read them: what every format pays before it writes anything.
// BENCH_EXPORT_IDS (a JSON file of submission ids) limits the edition to those submissions;
// BENCH_EXPORT_PROFILE (a file name) writes a V8 CPU profile of the measured part only.
//
// Prints one line, "BENCH_RESULT {…}": rows, seconds (from buildSummary to the end of the output),
// bytes, peak RSS (VmHWM from /proc/self/status, and the highest of the 50 ms samples with the
// heap figures at that moment, and the highest in each tenth of the run), how long the event loop
// went without a turn at most, and the time better-sqlite3 spent in each kind of query.
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import { createDb } from "../db/client";
import { buildSummary } from "../app/models/summaries.server";
import { formatWriters, summaryFormats, type SummaryFormat } from "../app/exports/formats.server";

type Mode = SummaryFormat | "read" | "read-grouped";
const mode = process.env.BENCH_EXPORT_FORMAT as Mode;
const file = process.env.BENCH_EXPORT_DB;
if (!file || !([...summaryFormats, "read", "read-grouped"] as string[]).includes(mode)) {
  throw new Error("usage: BENCH_EXPORT_FORMAT=csv|json|xlsx|pdf|docx|read|read-grouped BENCH_EXPORT_DB=/path/to.sqlite [BENCH_EXPORT_IDS=ids.json]");
}
const submissionIds = process.env.BENCH_EXPORT_IDS ? (JSON.parse(readFileSync(process.env.BENCH_EXPORT_IDS, "utf8")) as number[]) : undefined;

// ---------------------------------------------------------------------------------------------
// better-sqlite3 runs each statement synchronously: the time of every call is that query's own.
// Kysely's SQLite driver calls all() (selects) and run(); group them by what buildSummary asks.
// ---------------------------------------------------------------------------------------------
const sqlTime = new Map<string, { ms: number; calls: number }>();
const kinds = new Map<string, string>();
function kindOf(sql: string): string {
  let kind = kinds.get(sql);
  if (!kind) kinds.set(sql, (kind = classify(sql)));
  return kind;
}
function classify(sql: string): string {
  if (sql.includes("primary_theme")) return "ids, grouped order (primary theme subquery)";
  if (/^select "s"\."id" from "submissions" as "s" .* order by "s"\."party_code"(?: asc)?, "s"\."reference"/.test(sql)) return "ids, reference order";
  if (sql.includes('from "submissions" as "s" where "s"."id" in (')) return "batch: submission rows";
  if (sql.includes('from "submission_answers"')) return "batch: answers";
  if (sql.includes('from "submission_themes" as "st"') && sql.includes('"st"."submission_id" in (')) return "batch: themes";
  if (sql.includes('from "submission_translations"')) return "batch: translations";
  return "figures, topics, labels";
}
{
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ["all", "get", "run"]) {
    const original = proto[method]!;
    proto[method] = function timedSqliteCall(this: { source: string }, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const kind = kindOf(this.source);
        const entry = sqlTime.get(kind) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t0;
        entry.calls++;
        sqlTime.set(kind, entry);
      }
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Memory: RSS every 50 ms (with the heap figures at the highest sample), and the kernel's
// high-water mark at the end, which also catches a peak between two samples or while the event
// loop was blocked.
// ---------------------------------------------------------------------------------------------
const MB = 1024 * 1024;
let peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const series: Array<[number, number]> = [];
let lastSample = 0;
let longestStall = 0;
const sample = () => {
  const m = process.memoryUsage();
  const now = performance.now();
  if (lastSample) longestStall = Math.max(longestStall, now - lastSample - 50);
  lastSample = now;
  series.push([now, m.rss]);
  if (m.rss > peak.rss) peak = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
};
const vmHwmMb = () => {
  const line = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : null;
};

/**
 * Counts what it is given and drops it, and every 64 kB it lets the event loop turn before it
 * asks for more, as a fast socket does (a sink that always calls back at once would let a whole
 * export run as one task: no timer, so no memory sample, would fire until it ends).
 */
let bytes = 0;
let sinceTurn = 0;
const TURN_BYTES = 64 * 1024;
const sink = new Writable({
  highWaterMark: TURN_BYTES,
  write(chunk: Buffer, _encoding, callback) {
    bytes += chunk.length;
    sinceTurn += chunk.length;
    if (sinceTurn < TURN_BYTES) return callback();
    sinceTurn = 0;
    setImmediate(callback);
  },
});

const db = createDb(`file:${file}`);
const baseRss = process.memoryUsage().rss;
const loadStart = loadavg()[0]!;
const timer = setInterval(sample, 50);
sample();
const profiler = process.env.BENCH_EXPORT_PROFILE ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.setSamplingInterval", { interval: 500 });
  await profiler.post("Profiler.start");
}
const t0 = performance.now();
const summary = await buildSummary(db, {
  scope: { kind: "bilateral-area", areaNumber: 3 },
  edition: "committee",
  locale: "en",
  ...(submissionIds ? { submissionIds } : {}),
});
const builtSeconds = (performance.now() - t0) / 1000;
let yielded: number | null = null;
if (mode === "read" || mode === "read-grouped") {
  // Touch what a writer would: each text.
  yielded = 0;
  let chars = 0;
  for await (const s of summary.submissions(mode === "read" ? "reference" : "grouped")) {
    yielded++;
    chars += s.text.length + (s.translation?.text.length ?? 0);
  }
  bytes = chars;
} else {
  await formatWriters[mode].write(summary, sink);
}
const seconds = (performance.now() - t0) / 1000;
if (profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  writeFileSync(process.env.BENCH_EXPORT_PROFILE!, JSON.stringify(profile));
  profiler.disconnect();
}
clearInterval(timer);
sample();
await db.destroy();

const rows = summary.submissionCount;
/** The highest RSS in each tenth of the run: does memory grow with the rows written? */
const tenths = Array.from({ length: 10 }, (_, i) => {
  const from = t0 + (i * seconds * 1000) / 10;
  const to = t0 + ((i + 1) * seconds * 1000) / 10;
  const inside = series.filter(([at]) => at >= from && at <= to).map(([, rss]) => rss);
  return inside.length ? Math.round(Math.max(...inside) / MB) : null;
});
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const result = {
  format: mode,
  rows,
  yielded,
  seconds: round(seconds, 3),
  rows_per_s: Math.round(rows / seconds),
  build_summary_seconds: round(builtSeconds, 3),
  bytes,
  peak_rss_mb: round(Math.max(vmHwmMb() ?? 0, peak.rss / MB), 1),
  vm_hwm_mb: vmHwmMb(),
  sampled_peak_rss_mb: round(peak.rss / MB, 1),
  at_peak: {
    heap_used_mb: round(peak.heapUsed / MB, 1),
    heap_total_mb: round(peak.heapTotal / MB, 1),
    external_mb: round(peak.external / MB, 1),
    array_buffers_mb: round(peak.arrayBuffers / MB, 1),
  },
  base_rss_mb: round(baseRss / MB, 1),
  rss_by_tenth_mb: tenths,
  longest_stall_ms: Math.round(longestStall),
  sql: Object.fromEntries([...sqlTime].map(([kind, v]) => [kind, { ms: round(v.ms, 1), calls: v.calls }])),
  load: [round(loadStart, 2), round(loadavg()[0]!, 2)],
};
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
