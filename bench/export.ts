// npm run bench:export — the summary downloads on 100,000 submissions: each format (CSV, JSON,
// XLSX, PDF, DOCX) of the committee edition of the bilateral summary of work plan area 3, which
// lists every approved submission, written to a sink that drops the bytes. Each format runs in a
// process of its own (bench/export-one.ts), so the peak memory reported is that format's: rows per
// second, seconds from buildSummary to the end of the file, peak RSS. Beside them, in the same run:
// a raw better-sqlite3 scan of the same rows, and the summary's submissions read without a writer
// (what every format pays before it writes). For each format, the time SQLite spent in each kind
// of query. A format that misses its speed target is run once more under the V8 profiler, and the
// table of where its time goes is printed. Prints a table and, last, one JSON line.
//
// DOCX is built in memory by the docx library (app/exports/summary-docx.server.ts) and cannot hold
// the whole edition in 1 GB: it runs on BENCH_DOCX_ROWS (10,000, the app's SUMMARY_DOCX_MAX_SUBMISSIONS) submissions spread evenly over the
// edition (buildSummary's submissionIds), with a 1,400 MB heap; if that peaks over 1 GB, once more
// on fewer. The PDF writes about 200–400 submissions a second here, so to keep the bench near ten
// minutes it runs on BENCH_PDF_ROWS (20,000; "all" for the whole edition) spread the same way; its
// memory by tenth of the run shows whether more rows would need more. The output says so.
//
// The database is not ANALYZEd: the app never does, so its query plans are those of a database
// without statistics. BENCH_ROWS (100,000), BENCH_DOCX_ROWS, BENCH_PDF_ROWS, BENCH_FORMATS
// (csv,json,xlsx,pdf,docx) and BENCH_PROFILE=0 (no profiling of a missed target) change the run.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { seed } from "../db/seed/index";
import { buildIfNeeded } from "../scripts/build.mjs";
import { createTestDatabase } from "../support/db";
import { seedSubmissions } from "./seed-submissions";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const DOCX_ROWS = Number(process.env.BENCH_DOCX_ROWS ?? 10_000);
const PDF_ROWS = process.env.BENCH_PDF_ROWS === "all" ? Infinity : Number(process.env.BENCH_PDF_ROWS ?? 20_000);
const FORMATS = (process.env.BENCH_FORMATS ?? "csv,json,xlsx,pdf,docx").split(",").map((f) => f.trim()) as Format[];
const PROFILE = process.env.BENCH_PROFILE !== "0";
const DOCX_HEAP_MB = 1400;
const MEMORY_TARGET_MB = 300;
const DOCX_MEMORY_LIMIT_MB = 1024;
/** Rows per second each format must reach (none: only reported). */
const RATE_TARGETS: Partial<Record<Format, number>> = { csv: 100_000, xlsx: 20_000 };
const MEMORY_TARGETS: Partial<Record<Format, number>> = { csv: MEMORY_TARGET_MB, json: MEMORY_TARGET_MB, xlsx: MEMORY_TARGET_MB, pdf: MEMORY_TARGET_MB };
/** Seconds before a child is stopped (an error). */
const TIMEOUTS: Record<Mode, number> = { read: 120, "read-grouped": 120, csv: 180, json: 180, xlsx: 240, pdf: 420, docx: 300 };

type Format = "csv" | "json" | "xlsx" | "pdf" | "docx";
type Mode = Format | "read" | "read-grouped";
interface ChildResult {
  format: Mode;
  rows: number;
  yielded: number | null;
  seconds: number;
  rows_per_s: number;
  build_summary_seconds: number;
  bytes: number;
  peak_rss_mb: number;
  vm_hwm_mb: number | null;
  sampled_peak_rss_mb: number;
  at_peak: { heap_used_mb: number; heap_total_mb: number; external_mb: number; array_buffers_mb: number };
  base_rss_mb: number;
  rss_by_tenth_mb: Array<number | null>;
  longest_stall_ms: number;
  sql: Record<string, { ms: number; calls: number }>;
  load: [number, number];
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const entry = join(here, "export-one.ts");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const benchStart = performance.now();
const elapsed = () => `[${((performance.now() - benchStart) / 1000).toFixed(0)} s]`;

/**
 * bench/export-one.ts bundled with its app modules (esbuild, packages left in node_modules), so
 * that the children measure the export and not the loader, as the compiled server runs (ADR 022):
 * through tsx, its loader thread and its compiled sources would add some 40 MB to every RSS. Null
 * (and the children use tsx) when esbuild cannot be loaded.
 */
let bundled: string | null = null;
async function bundle(dir: string): Promise<void> {
  try {
    const esbuild = await import("esbuild");
    const outfile = join(dir, "export-one.mjs");
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile,
      absWorkingDir: root,
      logLevel: "error",
    });
    // Where the bundle's bare imports find their packages.
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    bundled = outfile;
  } catch (error) {
    console.log(
      `could not bundle bench/export-one.ts (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): the children run through tsx, whose loader adds some 40 MB to each RSS`,
    );
  }
}

/**
 * The server's heap limit, from package.json's start script (ADR 010): the children run with it,
 * since under 1 GB it also makes V8 collect garbage sooner, which is most of an export's peak RSS.
 */
const serverHeapMb = Number(
  (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!.match(
    /--max-old-space-size=(\d+)/,
  )?.[1] ?? 0,
);

/** Runs bench/export-one.ts for one mode; rejects on a failure or a timeout. A profiled run uses the sources (through tsx), so that the profile names the app's files. */
function runChild(mode: Mode, file: string, options: { idsFile?: string; heapMb?: number; profile?: string } = {}): Promise<ChildResult> {
  const heapMb = options.heapMb ?? serverHeapMb;
  const args = [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), ...(bundled && !options.profile ? [bundled] : ["--import", "tsx", entry])];
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", BENCH_EXPORT_FORMAT: mode, BENCH_EXPORT_DB: file };
  if (options.idsFile) env.BENCH_EXPORT_IDS = options.idsFile;
  else delete env.BENCH_EXPORT_IDS;
  if (options.profile) env.BENCH_EXPORT_PROFILE = options.profile;
  else delete env.BENCH_EXPORT_PROFILE;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUTS[mode] * 1000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code === 0 && line) return resolvePromise(JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult);
      const why = timedOut ? `timed out after ${TIMEOUTS[mode]} s` : `exited with ${code ?? signal}`;
      reject(new Error(`${mode}: ${why}\n${(stderr || stdout).slice(-3000)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// V8 CPU profile → self time by package or app file (a native function's time goes to the file
// that called it: better-sqlite3's all() to kysely's driver), and the heaviest functions.
// ---------------------------------------------------------------------------------------------
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
function bucketOf(url: string): string {
  if (!url) return "";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (path.startsWith("node:")) return path.split("/").slice(0, 2).join("/");
  return path.startsWith(root) ? relative(root, path) : path;
}
function summariseProfile(path: string) {
  const profile = JSON.parse(readFileSync(path, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const SQLITE = "SQLite (better-sqlite3 calls)";
  const label = (node: ProfileNode): { bucket: string; fn: string } => {
    const { functionName, url, lineNumber } = node.callFrame;
    // bench/export-one.ts times each statement call in a wrapper; what V8 charges to it is SQLite's.
    if (functionName === "timedSqliteCall") return { bucket: SQLITE, fn: "SQLite: statement calls (charged to the timing wrapper)" };
    if (url) return { bucket: bucketOf(url), fn: `${functionName || "(anonymous)"} ${bucketOf(url)}:${lineNumber + 1}` };
    if (functionName.startsWith("(")) return { bucket: functionName, fn: functionName };
    // A native function: attribute it to its nearest caller with a source.
    let up = parent.get(node.id);
    while (up !== undefined && !byId.get(up)!.callFrame.url) up = parent.get(up);
    const caller = up !== undefined ? byId.get(up)! : null;
    if (caller?.callFrame.functionName === "timedSqliteCall") return { bucket: SQLITE, fn: `SQLite: better-sqlite3 ${functionName}()` };
    const callerBucket = caller ? bucketOf(caller.callFrame.url) : "?";
    return {
      bucket: `${callerBucket} (native)`,
      fn: `${functionName} [native, called from ${caller ? `${caller.callFrame.functionName || "(anonymous)"} ${callerBucket}` : "?"}]`,
    };
  };
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const { bucket, fn } = label(byId.get(id)!);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    total += ms;
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, buckets: top(buckets, 14), functions: top(functions, 14) };
}

// ---------------------------------------------------------------------------------------------
// 1. Database: reference data, 100,000 submissions as an export sees them.
// ---------------------------------------------------------------------------------------------
const t = await createTestDatabase();
const file = t.env.DATABASE_URL?.startsWith("file:") ? t.env.DATABASE_URL.slice("file:".length) : null;
if (!file) throw new Error("bench:export needs the SQLite test database (TEST_DATABASE_URL must not be PostgreSQL)");
const work = join(dirname(file), "bench");
mkdirSync(work, { recursive: true });
let failed = false;
const errors: string[] = [];
const fail = (error: unknown) => {
  failed = true;
  const message = error instanceof Error ? error.message : String(error);
  errors.push(message.split("\n")[0]!);
  console.error(`${elapsed()} ${message}`);
};
const results = new Map<Mode, ChildResult & { subset: boolean }>();
const docxAttempts: ChildResult[] = [];
const profiles = new Map<Mode, ReturnType<typeof summariseProfile>>();
let approved = 0;
let scanRowsPerS = 0;
let scanRuns: number[] = [];
let loadAtStart = "";

try {
  await seed(t.db);
  const seeded = await seedSubmissions(file, ROWS, 3, { forExport: true, analyze: false });
  const c = seeded.counts;
  console.log(
    `${elapsed()} seeded ${fmt(ROWS)} submissions in ${seeded.seedSeconds.toFixed(1)} s (checkpoint ${seeded.analyzeSeconds.toFixed(1)} s; no ANALYZE, as in the app): ` +
      `${fmt(c.approved ?? 0)} approved, ${fmt(c.pending ?? 0)} pending, ${fmt(c.rejected ?? 0)} rejected, ${fmt(c.withdrawn ?? 0)} withdrawn; ` +
      `${fmt(c.themed ?? 0)} tagged (${fmt(c.submission_themes ?? 0)} themes), ${fmt(c.campaign_letters ?? 0)} letters of ${c.campaigns ?? 0} campaigns, ` +
      `${fmt(c.gender_profiles ?? 0)} gender profiles, ${fmt(c.answered ?? 0)} with answers (${fmt(c.answers ?? 0)}), ` +
      `${fmt(c.translated_to_en ?? 0)} translated into English, ${fmt(c.redacted ?? 0)} redacted; ${c.topics_moved_to_area_3 ?? 0} topics in area 3`,
  );

  // -------------------------------------------------------------------------------------------
  // 2. The baseline: the same rows by a plain scan, each row's texts touched (median of 3 runs
  //    after one warm-up).
  // -------------------------------------------------------------------------------------------
  const raw = new Database(file, { readonly: true });
  let approvedIds: number[] = [];
  try {
    approved = Number((raw.prepare("select count(*) as n from submissions where status = 'approved'").get() as { n: number }).n);
    const inArea = Number(
      (
        raw
          .prepare(
            "select count(*) as n from submissions s join topics t on t.id = s.topic_id join workplan_areas a on a.id = t.area_id where s.status = 'approved' and a.number = 3",
          )
          .get() as { n: number }
      ).n,
    );
    if (inArea !== approved) throw new Error(`the bilateral summary of area 3 covers ${inArea} of the ${approved} approved submissions`);
    const scan = raw.prepare("select * from submissions where status = 'approved'");
    const once = () => {
      const t0 = performance.now();
      let rows = 0;
      let chars = 0;
      for (const row of scan.iterate() as Iterable<{ body: string; title: string | null; published_body: string | null }>) {
        rows++;
        chars += row.body.length + (row.title?.length ?? 0) + (row.published_body?.length ?? 0);
      }
      if (rows !== approved || chars === 0) throw new Error(`scan: ${rows} rows`);
      return (performance.now() - t0) / 1000;
    };
    once();
    scanRuns = [once(), once(), once()];
    scanRowsPerS = approved / [...scanRuns].sort((a, b) => a - b)[1]!;
    console.log(
      `${elapsed()} raw scan of the ${fmt(approved)} approved rows: ${scanRuns.map((s) => s.toFixed(3)).join(", ")} s → ${fmt(scanRowsPerS)} rows/s (median); load ${load()}`,
    );
    approvedIds = (raw.prepare("select id from submissions where status = 'approved' order by id").all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    raw.close();
  }
  /** `n` approved submissions spread evenly over the edition, in a file for the child. */
  const subset = (n: number, name: string) => {
    const path = join(work, `${name}-ids.json`);
    writeFileSync(path, JSON.stringify(Array.from({ length: n }, (_, i) => approvedIds[Math.floor((i * approvedIds.length) / n)]!)));
    return path;
  };

  // -------------------------------------------------------------------------------------------
  // 3. Each format in a process of its own, one after the other.
  // -------------------------------------------------------------------------------------------
  await bundle(work);
  // The DOCX child starts the worker the build compiled (ADR 022).
  await buildIfNeeded();
  loadAtStart = load();
  const measure = async (mode: Mode, rows: number, options: { idsFile?: string; heapMb?: number } = {}) => {
    const r = await runChild(mode, file, options);
    if (r.rows !== rows) throw new Error(`${mode}: the summary lists ${r.rows} submissions, ${rows} expected`);
    if (r.yielded !== null && r.yielded !== r.rows) throw new Error(`${mode}: submissions() yielded ${r.yielded} of ${r.rows}`);
    if (r.bytes === 0) throw new Error(`${mode}: nothing written`);
    console.log(
      `${elapsed()} ${mode}: ${fmt(r.rows)} rows in ${r.seconds.toFixed(2)} s (${fmt(r.rows_per_s)} rows/s), ${(r.bytes / 1024 / 1024).toFixed(1)} MB, ` +
        `peak RSS ${r.peak_rss_mb.toFixed(0)} MB (at start ${r.base_rss_mb.toFixed(0)}); load ${r.load.join(" → ")}`,
    );
    return r;
  };
  for (const mode of ["read", "read-grouped", ...FORMATS] as Mode[]) {
    try {
      if (mode === "docx") {
        // The largest edition that fits in 1 GB: DOCX_ROWS, or once more on fewer if that did not fit.
        let n = Math.min(DOCX_ROWS, approved);
        for (let attempt = 0; attempt < 2; attempt++) {
          const r = await measure("docx", n, { heapMb: DOCX_HEAP_MB, idsFile: n < approved ? subset(n, "docx") : undefined });
          docxAttempts.push(r);
          results.set("docx", { ...r, subset: n < approved });
          if (r.peak_rss_mb < DOCX_MEMORY_LIMIT_MB) break;
          n = Math.max(1000, Math.floor((((DOCX_MEMORY_LIMIT_MB - r.base_rss_mb) / (r.peak_rss_mb - r.base_rss_mb)) * n * 0.92) / 500) * 500);
        }
      } else if (mode === "pdf" && approved > PDF_ROWS) {
        results.set(mode, { ...(await measure(mode, PDF_ROWS, { idsFile: subset(PDF_ROWS, "pdf") })), subset: true });
      } else {
        results.set(mode, { ...(await measure(mode, approved)), subset: false });
      }
    } catch (error) {
      fail(error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // 4. A format that missed its speed target: once more under the profiler (the measured part).
  // -------------------------------------------------------------------------------------------
  if (PROFILE) {
    for (const mode of FORMATS) {
      const r = results.get(mode);
      const target = RATE_TARGETS[mode];
      if (!r || !target || r.rows_per_s >= target) continue;
      const profile = join(work, `${mode}.cpuprofile`);
      try {
        await runChild(mode, file, { profile });
        profiles.set(mode, summariseProfile(profile));
        console.log(`${elapsed()} ${mode}: profiled`);
      } catch (error) {
        fail(error);
      }
    }
  }
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await t.destroy().catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// 5. Where the time and the memory go, the table, and the JSON line last.
// ---------------------------------------------------------------------------------------------
const read = results.get("read");
const kinds = [
  "figures, topics, labels",
  "ids, reference order",
  "ids, grouped order (primary theme subquery)",
  "batch: submission rows",
  "batch: answers",
  "batch: themes",
  "batch: translations",
];
const short: Record<string, string> = {
  "figures, topics, labels": "figures",
  "ids, reference order": "ids ref",
  "ids, grouped order (primary theme subquery)": "ids grp",
  "batch: submission rows": "rows",
  "batch: answers": "answers",
  "batch: themes": "themes",
  "batch: translations": "transl",
};
const nameOf = (mode: Mode) => (mode === "read" ? "read (ref.)" : mode === "read-grouped" ? "read (grouped)" : mode);
console.log("");
console.log("where the time goes, in seconds: SQL = inside better-sqlite3 (synchronous), by query; JS = the rest (building each submission, the writer, GC):");
console.log(
  `${"".padEnd(16)}${"rows".padStart(8)}${"total".padStart(8)}${kinds.map((k) => short[k]!.padStart(9)).join("")}${"SQL".padStart(8)}${"JS".padStart(8)}`,
);
for (const [mode, r] of results) {
  const ms = (k: string) => r.sql[k]?.ms ?? 0;
  const sqlMs = kinds.reduce((sum, k) => sum + ms(k), 0);
  const writer = read && !r.subset && !mode.startsWith("read") && mode !== "pdf" ? `   writer ≈ ${(r.seconds - read.seconds).toFixed(2)} s (total − read)` : "";
  console.log(
    `${nameOf(mode).padEnd(16)}${fmt(r.rows).padStart(8)}${r.seconds.toFixed(2).padStart(8)}${kinds.map((k) => (ms(k) / 1000).toFixed(2).padStart(9)).join("")}` +
      `${(sqlMs / 1000).toFixed(2).padStart(8)}${(r.seconds - sqlMs / 1000).toFixed(2).padStart(8)}${writer}`,
  );
}
console.log("");
console.log(
  "memory, MB (peak = VmHWM; heap and buffers at the highest 50 ms sample; RSS by tenth of the run: the highest sample in each, - where the event loop never turned):",
);
for (const [mode, r] of results) {
  if (mode.startsWith("read")) continue;
  const tenths = r.rss_by_tenth_mb.map((v) => (v === null ? "-" : String(v))).join(" ");
  console.log(
    `  ${mode.padEnd(5)} peak ${r.peak_rss_mb.toFixed(0).padStart(5)}  start ${r.base_rss_mb.toFixed(0)}  heap used ${r.at_peak.heap_used_mb.toFixed(0)} of ${r.at_peak.heap_total_mb.toFixed(0)}, ` +
      `buffers ${r.at_peak.array_buffers_mb.toFixed(0)}; by tenth: ${tenths}; longest event-loop stall ${fmt(r.longest_stall_ms)} ms`,
  );
}
for (const [mode, p] of profiles) {
  console.log("");
  console.log(`${mode}: CPU profile of a second run (the measured part only), ${(p.total / 1000).toFixed(2)} s of samples`);
  console.log("  by package or file (a native call counts for the file that made it):");
  for (const [bucket, ms] of p.buckets)
    console.log(`    ${((100 * ms) / p.total).toFixed(1).padStart(5)}%  ${(ms / 1000).toFixed(2).padStart(6)} s  ${bucket}`);
  console.log("  heaviest functions (self time):");
  for (const [fn, ms] of p.functions) console.log(`    ${((100 * ms) / p.total).toFixed(1).padStart(5)}%  ${(ms / 1000).toFixed(2).padStart(6)} s  ${fn}`);
}

const loadNow = load();
console.log("");
console.log(
  `summary downloads: committee edition, bilateral work plan area 3, English; ${fmt(approved)} approved of ${fmt(ROWS)} submissions; ` +
    `each format in its own process (${bundled ? "the bench and the app bundled, on plain Node, as the compiled server runs" : "through tsx"}), ` +
    `with ${serverHeapMb ? `--max-old-space-size=${serverHeapMb} as npm start` : "Node's default heap limit"} (DOCX: ${DOCX_HEAP_MB}); ` +
    `peak RSS = the process's high-water mark (VmHWM), Node and the app's modules included (about ${fmt(read?.base_rss_mb ?? 0)} MB before any work).`,
);
console.log(
  `load average ${loadAtStart || "?"} when the formats began, ${loadNow} at the end, on ${availableParallelism()} CPUs: other work slows every figure, the raw scan included.`,
);
console.log("");
console.log(`${"format".padEnd(16)}${"rows".padStart(9)}${"seconds".padStart(10)}${"rows/s".padStart(10)}${"peak RSS MB".padStart(13)}   target`);
const medianScan = scanRuns.length ? [...scanRuns].sort((a, b) => a - b)[1]! : 0;
console.log(
  `${"raw SQL scan".padEnd(16)}${fmt(approved).padStart(9)}${medianScan.toFixed(2).padStart(10)}${fmt(scanRowsPerS).padStart(10)}${"-".padStart(13)}   (baseline, same rows)`,
);
const verdicts: Partial<Record<Format, boolean>> = {};
for (const mode of ["read", "read-grouped", ...FORMATS] as Mode[]) {
  const r = results.get(mode);
  if (!r) {
    console.log(`${nameOf(mode).padEnd(16)}${"failed".padStart(9)}`);
    continue;
  }
  let target = "(no writer: what every format pays first)";
  if (!mode.startsWith("read")) {
    const f = mode as Format;
    const parts: string[] = [];
    let ok = true;
    if (RATE_TARGETS[f]) {
      parts.push(`≥ ${fmt(RATE_TARGETS[f]!)} rows/s`);
      ok &&= r.rows_per_s >= RATE_TARGETS[f]!;
    }
    if (MEMORY_TARGETS[f]) {
      parts.push(`< ${MEMORY_TARGETS[f]} MB`);
      ok &&= r.peak_rss_mb < MEMORY_TARGETS[f]!;
    }
    if (f === "docx") {
      target = `reported (built in memory): ${r.subset ? `${fmt(r.rows)} of ${fmt(approved)}, spread over the edition` : "the whole edition"}; ${r.peak_rss_mb < DOCX_MEMORY_LIMIT_MB ? "within" : "OVER"} 1 GB`;
    } else {
      verdicts[f] = ok;
      target = `${parts.join(", ")}  ${ok ? "ok" : "MISSED"}${r.subset ? `  (${fmt(r.rows)} of ${fmt(approved)}, spread over the edition)` : ""}`;
    }
  }
  console.log(
    `${nameOf(mode).padEnd(16)}${fmt(r.rows).padStart(9)}${r.seconds.toFixed(2).padStart(10)}${fmt(r.rows_per_s).padStart(10)}${r.peak_rss_mb.toFixed(0).padStart(13)}   ${target}`,
  );
}
for (const [f, target] of Object.entries(RATE_TARGETS) as Array<[Format, number]>) {
  const r = results.get(f);
  if (!r || !scanRowsPerS) continue;
  console.log(
    `${f}: ${fmt(r.rows_per_s)} rows/s is ${((100 * r.rows_per_s) / scanRowsPerS).toFixed(0)}% of the raw scan's ${fmt(scanRowsPerS)} in this run; ` +
      `the target, ${fmt(target)}, is ${(target / scanRowsPerS).toFixed(2)}× that scan.`,
  );
}
const docx = results.get("docx");
let docxEstimate: number | null = null;
if (docx) {
  // Memory grows in step with the submissions (the writer's own note): per submission, from the
  // process's RSS before the summary to its peak.
  const perRowMb = (docx.peak_rss_mb - docx.base_rss_mb) / docx.rows;
  docxEstimate = Math.floor((DOCX_MEMORY_LIMIT_MB - docx.base_rss_mb) / perRowMb / 500) * 500;
  const tries = docxAttempts.length > 1 ? ` (${docxAttempts.map((a) => `${fmt(a.rows)}: ${a.peak_rss_mb.toFixed(0)} MB`).join("; ")})` : "";
  const wholeMb = docx.base_rss_mb + perRowMb * approved;
  console.log(
    `docx: ran on ${docx.subset ? `${fmt(docx.rows)} of the ${fmt(approved)} submissions, spread over the edition${tries}` : "the whole edition"}: ` +
      `peak ${docx.peak_rss_mb.toFixed(0)} MB, ${(perRowMb * 1000).toFixed(0)} MB per 1,000 submissions above the ${docx.base_rss_mb.toFixed(0)} MB start ` +
      `→ about ${fmt(docxEstimate)} such submissions fit within 1 GB (linear estimate)` +
      (docx.subset
        ? `; the whole edition would need about ${fmt(wholeMb)} MB${wholeMb > DOCX_MEMORY_LIMIT_MB ? ", so it cannot be built in 1 GB" : ""}.`
        : "."),
  );
}
const pdf = results.get("pdf");
if (pdf?.subset) {
  console.log(
    `pdf: ran on ${fmt(pdf.rows)} of the ${fmt(approved)} submissions; at ${fmt(pdf.rows_per_s)} rows/s the whole edition would take about ${fmt(approved / pdf.rows_per_s)} s.`,
  );
}
if (errors.length) console.error(`errors:\n  ${errors.join("\n  ")}`);

const figures = (mode: Format) => {
  const r = results.get(mode);
  if (!r) return null;
  const f: Record<string, unknown> = { rows_per_s: r.rows_per_s, seconds: r.seconds, peak_rss_mb: r.peak_rss_mb };
  if (r.subset || mode === "docx") Object.assign(f, { rows: r.rows, subset: r.subset });
  if (mode === "docx") f.rows_within_1gb_est = docxEstimate;
  return f;
};
const json: Record<string, unknown> = { rows: approved, seeded: ROWS, scan_rows_per_s: Math.round(scanRowsPerS) };
for (const f of FORMATS) json[f] = figures(f);
json.read_rows_per_s = read?.rows_per_s ?? null;
json.read_grouped_rows_per_s = results.get("read-grouped")?.rows_per_s ?? null;
json.targets_met = verdicts;
json.load_avg = loadNow.split(" ").map(Number);
console.log(JSON.stringify(json));
if (failed) process.exitCode = 1;
