// npm run bench:moderation — the officials' review queue on 100,000 submissions: the real built
// server answering the queue's first page, a filtered page (and the page after it), a full-text
// search (a rare and a common word) and an approve, each timed request by request, next to plain
// SQL for the same rows through better-sqlite3 in the same run. For a page that misses the target,
// it shows the queries behind it with their time and SQLite's plan. Prints a table and, last, one
// JSON line. BENCH_ROWS, BENCH_RUNS and BENCH_BUDGET_SECONDS (per operation) make it smaller.
import { loadavg } from "node:os";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { buildIfNeeded } from "../scripts/build.mjs";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../support/db";
import { get, postForm } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { createUser, sessionCookieFor } from "../support/factories";
import { queueFiltersSchema } from "../app/schemas/moderation";
import { listQueue } from "../app/models/moderation.server";
import type { Database as Schema } from "../db/schema";
import { seedSubmissions } from "./seed-submissions";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 20;
// A page that misses the target by far would take minutes at 200 runs: each operation stops
// early (never under MIN_RUNS) once it has used its time budget; the table says how many ran.
const BUDGET_MS = Number(process.env.BENCH_BUDGET_SECONDS ?? 15) * 1000;
const RAW_BUDGET_MS = BUDGET_MS / 3;
const WARM_UP_BUDGET_MS = 3000;
const MIN_RUNS = 30;
const TARGET_MS = 50;
const PAGE = 25;

// ---------------------------------------------------------------------------------------------
// Timing helpers.
// ---------------------------------------------------------------------------------------------
interface Figures {
  p50: number;
  p95: number;
  runs: number;
}
function percentiles(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), runs: samples.length };
}
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Sequential runs of `op` (given a distinct index each time), after the warm-up; Infinity: no budget. */
async function timeAsync(budgetMs: number, op: (i: number) => Promise<void> | void): Promise<Figures> {
  let i = 0;
  const warmStart = performance.now();
  while (i < WARM_UP && (i < 3 || performance.now() - warmStart < WARM_UP_BUDGET_MS)) await op(i++);
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < RUNS && (samples.length < MIN_RUNS || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await op(i++);
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

// ---------------------------------------------------------------------------------------------
// 1. Build, database, reference data, topics, a Canadian moderator.
// ---------------------------------------------------------------------------------------------
await buildIfNeeded();
const t = await createTestDatabase();
const file = t.env.DATABASE_URL?.startsWith("file:") ? t.env.DATABASE_URL.slice("file:".length) : null;
if (!file) throw new Error("bench:moderation needs the SQLite test database (TEST_DATABASE_URL must not be PostgreSQL)");
let server: RunningServer | undefined;
let raw: Database.Database | undefined;
let failed = false;

try {
  await seed(t.db);
  // -------------------------------------------------------------------------------------------
  // 2. Three topics per party, then 100,000 submissions through one raw connection, one
  //    transaction, one prepared INSERT (the FTS triggers index them as they go in):
  //    bench/seed-submissions.ts.
  // -------------------------------------------------------------------------------------------
  const { startedAt: seedStart, seedSeconds, analyzeSeconds } = await seedSubmissions(file, ROWS, 3);
  const moderator = await createUser(t.db, { role: "moderator", party: "CA" });
  const cookie = await sessionCookieFor(t.db, moderator.id);

  raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("synchronous = FULL"); // as the app: the approve baseline pays the same commit
  console.log(
    `seeded ${ROWS.toLocaleString("en")} submissions (with their FTS5 entries) in ${seedSeconds.toFixed(2)} s; ANALYZE + checkpoint ${analyzeSeconds.toFixed(2)} s`,
  );

  // The operations' parameters: a filtered view that matches a realistic subset, and two words.
  const FILTER = { status: "pending", stakeholderType: "union", language: "fr", country: "CA" };
  const RARE_WORD = "cobalt";
  const COMMON_WORD = "women";
  const count = (sql: string, ...args: unknown[]) => Number((raw!.prepare(sql).get(...args) as { n: number }).n);
  const caRows = count("select count(*) as n from submissions where party_code = 'CA'");
  const caPending = count("select count(*) as n from submissions where party_code = 'CA' and status = 'pending'");
  const filteredRows = count(
    "select count(*) as n from submissions where party_code = 'CA' and status = ? and stakeholder_type = ? and language = ? and country = ?",
    FILTER.status,
    FILTER.stakeholderType,
    FILTER.language,
    FILTER.country,
  );
  const ftsCount = (word: string) => count(`select count(*) as n from submissions_fts where submissions_fts match ?`, `"${word}"*`);
  const rareRows = ftsCount(RARE_WORD);
  const commonRows = ftsCount(COMMON_WORD);
  console.log(
    `Canadian rows ${caRows}, of them pending ${caPending}; filtered view (${Object.entries(FILTER)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")}) ${filteredRows} rows; ` +
      `"${RARE_WORD}" in ${rareRows} rows (${((100 * rareRows) / ROWS).toFixed(2)}%), "${COMMON_WORD}" in ${commonRows} rows (${((100 * commonRows) / ROWS).toFixed(1)}%)`,
  );

  // -------------------------------------------------------------------------------------------
  // 4. The raw baseline's statements: the same rows as the app's page (25 + 1 to know if there is more).
  // -------------------------------------------------------------------------------------------
  const COLUMNS =
    "id, reference, version, topic_id, kind, title, body, stakeholder_type, organisation_name, country, region_code, language, status, publication, campaign_id, created_at";
  const rawFirst = raw.prepare(`select ${COLUMNS} from submissions where party_code = 'CA' and status = 'pending' order by created_at, id limit ${PAGE + 1}`);
  const FILTER_SQL = "party_code = 'CA' and status = ? and stakeholder_type = ? and language = ? and country = ?";
  const filterArgs = [FILTER.status, FILTER.stakeholderType, FILTER.language, FILTER.country];
  const rawFiltered = raw.prepare(`select ${COLUMNS} from submissions where ${FILTER_SQL} order by created_at, id limit ${PAGE + 1}`);
  const rawFilteredNext = raw.prepare(
    `select ${COLUMNS} from submissions where ${FILTER_SQL} and (created_at > ? or (created_at = ? and id > ?)) order by created_at, id limit ${PAGE + 1}`,
  );
  const rawSearch = raw.prepare(
    `select ${COLUMNS} from submissions where id in (select rowid from submissions_fts where submissions_fts match ?) and party_code = 'CA' and status = 'pending' order by created_at, id limit ${PAGE + 1}`,
  );
  type Row = { id: number; reference: string; created_at: string };
  const refs = (rows: unknown[]) => (rows as Row[]).slice(0, PAGE).map((r) => r.reference);

  // -------------------------------------------------------------------------------------------
  // 3. The real server.
  // -------------------------------------------------------------------------------------------
  server = await startServer({ ...t.env, LOG_LEVEL: "warn" });
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const base = server.url;
  const query = (params: Record<string, string>) => `/en/admin/submissions?${new URLSearchParams(params)}`;
  const page = async (path: string) => {
    const res = await get(base, path, cookie);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}\n${html.slice(0, 500)}`);
    return html;
  };
  // Before timing anything: the app's page lists the same submissions as the plain SQL.
  const sameRows = (label: string, html: string, expected: string[]) => {
    const missing = expected.filter((r) => !html.includes(`/en/admin/submissions/${r}"`));
    if (expected.length === 0 || missing.length)
      throw new Error(`${label}: the app's page and the plain SQL disagree (${expected.length} expected, missing ${missing.join(", ")})`);
  };
  const firstPath = "/en/admin/submissions";
  const filteredPath = query(FILTER);
  const firstHtml = await page(firstPath);
  sameRows("first page", firstHtml, refs(rawFirst.all()));
  const filteredHtml = await page(filteredPath);
  const filteredRaw = rawFiltered.all(...filterArgs) as Row[];
  sameRows("filtered page", filteredHtml, refs(filteredRaw));
  const cursor = /[?&;]cursor=([A-Za-z0-9_-]+)/.exec(filteredHtml)?.[1];
  if (!cursor) throw new Error("filtered page: no link to the next page");
  const nextPath = query({ ...FILTER, cursor });
  const last = filteredRaw[PAGE - 1]!;
  const nextArgs = [...filterArgs, last.created_at, last.created_at, last.id];
  sameRows("filtered next page", await page(nextPath), refs(rawFilteredNext.all(...nextArgs)));
  const rarePath = query({ q: RARE_WORD });
  const commonPath = query({ q: COMMON_WORD });
  sameRows(`search "${RARE_WORD}"`, await page(rarePath), refs(rawSearch.all(`"${RARE_WORD}"*`)));
  sameRows(`search "${COMMON_WORD}"`, await page(commonPath), refs(rawSearch.all(`"${COMMON_WORD}"*`)));

  interface Result {
    label: string;
    key: string;
    path?: string;
    app: Figures;
    raw: Figures | null;
    extra?: boolean;
  }
  const results: Result[] = [];
  // The plain SQL runs in this process for seconds while the server's keep-alive connection sits
  // idle; the server may close it meanwhile (keep-alive timeout). One untimed request first, retried
  // once, so a timed request never lands on a connection the server is closing.
  const reconnect = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await (await get(base, "/healthz")).arrayBuffer();
        return;
      } catch (error) {
        if (attempt > 0) throw error;
      }
    }
  };
  const progress = (label: string, app: Figures, raw: Figures | null) =>
    console.log(
      `  [${((performance.now() - seedStart) / 1000).toFixed(0)} s] ${label}: app p50 ${app.p50.toFixed(2)} p95 ${app.p95.toFixed(2)} ms` +
        (raw ? `; raw p50 ${raw.p50.toFixed(2)} p95 ${raw.p95.toFixed(2)} ms` : ""),
    );
  const measure = async (key: string, label: string, path: string, rawOp: (() => unknown) | null, extra = false) => {
    await reconnect();
    const app = await timeAsync(BUDGET_MS, async () => void (await page(path)));
    const base = rawOp ? await timeAsync(RAW_BUDGET_MS, () => void rawOp()) : null;
    results.push({ key, label, path, app, raw: base, extra });
    progress(label, app, base);
  };
  // The floor: a back-office page with no query of its own (session check, layout, rendering).
  await measure("backoffice_home", "back-office home (floor)", "/en/admin", null, true);
  await measure("queue_first_page", "queue, first page", firstPath, () => rawFirst.all());
  await measure("filtered_page", "filtered page", filteredPath, () => rawFiltered.all(...filterArgs));
  await measure("filtered_page_next", "filtered, next page (cursor)", nextPath, () => rawFilteredNext.all(...nextArgs), true);
  await measure("search", `search "${RARE_WORD}" (~1%)`, rarePath, () => rawSearch.all(`"${RARE_WORD}"*`));
  await measure("search_common", `search "${COMMON_WORD}" (common)`, commonPath, () => rawSearch.all(`"${COMMON_WORD}"*`), true);

  // -------------------------------------------------------------------------------------------
  // Approve: a different pending Canadian submission each time (the newest ones, away from the
  // queue's first page), through the app's form and through plain SQL.
  // -------------------------------------------------------------------------------------------
  const approvals = (
    raw
      .prepare("select reference from submissions where party_code = 'CA' and status = 'pending' order by created_at desc, id desc limit ?")
      .all(2 * (RUNS + WARM_UP)) as Array<{ reference: string }>
  ).map((r) => r.reference);
  if (approvals.length < 2 * (RUNS + WARM_UP)) throw new Error("not enough pending Canadian submissions to approve");
  const appApprovals = approvals.slice(0, RUNS + WARM_UP);
  const rawApprovals = approvals.slice(RUNS + WARM_UP);
  let approveFailures = 0;
  const approved: string[] = [];
  let appPosts = 0;
  let firstFailure = "";
  await reconnect();
  const appApprove = await timeAsync(Infinity, async (i) => {
    const reference = appApprovals[i]!;
    approved.push(reference);
    appPosts++;
    const res = await postForm(base, `/en/admin/submissions/${reference}`, { intent: "approve", version: "1" }, { cookie });
    const text = await res.text();
    if (res.status !== 302 || !res.headers.get("location")?.includes(`/en/admin/submissions/${reference}?saved=approve`)) {
      approveFailures++;
      firstFailure ||= `${reference}: ${res.status} ${res.headers.get("location") ?? ""} ${text.slice(0, 300)}`;
    }
  });

  const load = raw.prepare("select id, version, status, party_code, contact_email, language, contact_locale from submissions where reference = ?");
  const update = raw.prepare("update submissions set status = 'approved', version = version + 1, decided_at = ?, updated_at = ? where id = ? and version = ?");
  const event = raw.prepare(
    "insert into moderation_events (submission_id, actor_user_id, action, before, after, created_at) values (?, ?, 'approve', ?, ?, ?)",
  );
  const outbox = raw.prepare(
    "insert into outbox (created_at, kind, to_address, locale, subject, text_body, html_body, status) values (?, 'submission_approved', ?, ?, ?, ?, ?, 'stored')",
  );
  const rawApproveTx = raw.transaction((reference: string) => {
    const s = load.get(reference) as { id: number; version: number; status: string; contact_email: string; language: string; contact_locale: string | null };
    const stamp = new Date().toISOString();
    if (update.run(stamp, stamp, s.id, s.version).changes !== 1) throw new Error(`raw approve ${reference}: version changed`);
    event.run(s.id, moderator.id, JSON.stringify({ status: s.status }), JSON.stringify({ status: "approved" }), stamp);
    const subject = `Your contribution ${reference} is published`;
    outbox.run(stamp, s.contact_email, s.contact_locale ?? s.language, subject, `${subject}\n\n— Puente\n`, `<p>${subject}</p>`);
  });
  const rawApprove = await timeAsync(Infinity, (i) => {
    approved.push(rawApprovals[i]!);
    rawApproveTx(rawApprovals[i]!);
  });
  results.push({ key: "approve", label: "approve (POST, 302)", app: appApprove, raw: rawApprove });
  progress("approve (POST, 302)", appApprove, rawApprove);

  const approvedNow = count(
    `select count(*) as n from submissions where status = 'approved' and version = 2 and reference in (${approved.map(() => "?").join(",")})`,
    ...approved,
  );
  if (approveFailures) {
    failed = true;
    console.error(`approve: ${approveFailures} of ${appPosts} requests failed; first: ${firstFailure}`);
  }
  if (approvedNow !== approved.length) {
    failed = true;
    console.error(`approve: ${approvedNow} of ${approved.length} submissions are approved at version 2 afterwards`);
  }

  // -------------------------------------------------------------------------------------------
  // 6. Where a page's time goes when it misses the target: the queries listQueue runs for that
  //    view (captured through Kysely's log on a read-only connection, same file), each one's
  //    median time in this process, and SQLite's plan for the slow ones.
  // -------------------------------------------------------------------------------------------
  const missedPages = results.filter((r) => r.path?.startsWith("/en/admin/submissions") && r.app.p95 >= TARGET_MS);
  if (missedPages.length) {
    const captured: Array<{ sql: string; parameters: readonly unknown[]; ms: number }> = [];
    const reader = new Database(file, { readonly: true });
    const probe = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: reader }),
      log: (event) => void captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis }),
    });
    const actor = { id: moderator.id, role: moderator.role, partyCode: moderator.party_code };
    console.log("");
    console.log("where the time goes (listQueue's queries for each missed page, median of 5 in this process; plan of those over 5 ms):");
    for (const r of missedPages) {
      const filters = queueFiltersSchema.parse(Object.fromEntries(new URL(r.path!, base).searchParams));
      const runs: number[][] = [];
      await listQueue(probe, actor, filters, "en");
      for (let i = 0; i < 5; i++) {
        captured.length = 0;
        await listQueue(probe, actor, filters, "en");
        runs.push(captured.map((c) => c.ms));
      }
      console.log(`  ${r.label} — ${r.path}`);
      captured.forEach((query, n) => {
        const ms = percentiles(runs.map((times) => times[n]!)).p50;
        const shortSql = query.sql.replace(/^select (("s"\."\w+", ){4,})/, 'select "s"."id", …, ').replace(/"/g, "");
        console.log(`    ${ms.toFixed(2).padStart(8)} ms  ${shortSql}  ${JSON.stringify(query.parameters)}`);
        if (ms < 5) return;
        for (const step of reader.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>) {
          console.log(`                 plan: ${step.detail}`);
        }
      });
    }
    await probe.destroy();
  }

  // -------------------------------------------------------------------------------------------
  // 5. The table, then the JSON line last.
  // -------------------------------------------------------------------------------------------
  const loadNow = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log("");
  console.log(`moderation queue, ${ROWS.toLocaleString("en")} submissions; up to ${RUNS} sequential runs per operation after up to ${WARM_UP} warm-up runs`);
  console.log("app = wall time of one HTTP request to the built server on 127.0.0.1 (server time + a local round trip, body read);");
  console.log("raw = the same rows (page: 26 rows) by a prepared better-sqlite3 statement in this process; no counts, no rendering.");
  console.log(`load average now ${loadNow} (${loadAtStart} when measuring began) on this machine's CPUs: other work inflates the tails.`);
  console.log("");
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (ms: number) => ms.toFixed(2).padStart(9);
  console.log(
    `${pad("operation", 32)}${"runs".padStart(9)}${"app p50".padStart(9)}${"app p95".padStart(9)}${"raw p50".padStart(9)}${"raw p95".padStart(9)}   target p95`,
  );
  for (const r of results) {
    const verdict = r.app.p95 < TARGET_MS ? "ok" : "MISSED";
    const runs = !r.raw || r.app.runs === r.raw.runs ? String(r.app.runs) : `${r.app.runs}/${r.raw.runs}`;
    const rawFigures = r.raw ? `${num(r.raw.p50)}${num(r.raw.p95)}` : `${"-".padStart(9)}${"-".padStart(9)}`;
    const target = r.key === "backoffice_home" ? "(reference)" : `< ${TARGET_MS} ms ${verdict}`;
    console.log(`${pad(r.label, 32)}${runs.padStart(9)}${num(r.app.p50)}${num(r.app.p95)}${rawFigures}   ${target}`);
  }
  console.log(`approve failures: ${approveFailures} of ${appPosts} POSTs`);
  const figure = (r: Result) => ({
    p50_ms: round(r.app.p50),
    p95_ms: round(r.app.p95),
    ...(r.raw ? { raw_p50_ms: round(r.raw.p50), raw_p95_ms: round(r.raw.p95) } : {}),
  });
  const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
  const json: Record<string, unknown> = { rows: ROWS, seed_seconds: round(seedSeconds) };
  for (const key of ["queue_first_page", "filtered_page", "search", "approve"]) json[key] = figure(byKey[key]!);
  json.p95_ms = Object.fromEntries(["queue_first_page", "filtered_page", "search", "approve"].map((key) => [key, round(byKey[key]!.app.p95)]));
  json.backoffice_home = figure(byKey.backoffice_home!);
  json.filtered_page_next = figure(byKey.filtered_page_next!);
  json.search_common = figure(byKey.search_common!);
  json.approve_failures = approveFailures;
  console.log(JSON.stringify(json));
} catch (error) {
  failed = true;
  console.error(error);
  if (server) console.error(server.output().slice(-2000));
} finally {
  await server?.stop();
  raw?.close();
  await t.destroy();
}
if (failed) process.exitCode = 1;
