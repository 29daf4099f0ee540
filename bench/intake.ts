// npm run bench:intake — a surge of submission form POSTs at the real built server (rate limit
// and minimum fill time off), and the same load at a bare node:http + better-sqlite3 server doing
// one plain INSERT per POST, measured in the same run. Prints both, the ratio, the count check,
// and one JSON line.
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { buildIfNeeded } from "../scripts/build.mjs";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../tests/helpers/db";
import { startServer } from "../tests/helpers/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const CSRF = "t".repeat(43);

function formBody(i: number): string {
  return new URLSearchParams({
    csrf: CSRF,
    kind: "proposal",
    onBehalf: "organisation",
    stakeholderType: "union",
    organisationName: "Sindicato de prueba",
    country: "CL",
    region: "CL-BI",
    contactName: "Persona de prueba",
    contactEmail: `bench${i}@example.cl`,
    title: `Propuesta ${i}`,
    body: `Texto de la propuesta número ${i}. `.repeat(20),
    language: "es",
    publication: "anonymous",
    privacy: "on",
  }).toString();
}

const WARM_UP_SECONDS = 2;
let sent = 0;

// Both servers get the same unmeasured warm-up first (JIT, caches), then the measured surge.
async function surge(url: string) {
  const warmUp = await load(url, WARM_UP_SECONDS);
  const measured = await load(url, DURATION);
  return { ...measured, receipts: measured.receipts + warmUp.receipts };
}

async function load(url: string, duration: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `puente_csrf=${CSRF}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: formBody(++sent) }) }],
  });
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    receipts: result["3xx"],
    other: result.non2xx - result["3xx"],
    errors: result.errors + result.timeouts,
  };
}

// The baseline: the least a server can do per POST — read the body, one INSERT, a redirect.
async function bare() {
  const dir = mkdtempSync(join(tmpdir(), "puente-bare-"));
  const sqlite = new Database(join(dir, "bare.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.exec("create table submissions (id integer primary key, email text, title text, body text, created_at text)");
  const insert = sqlite.prepare("insert into submissions (email, title, body, created_at) values (?, ?, ?, ?)");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const { lastInsertRowid } = insert.run(form.get("contactEmail"), form.get("title"), form.get("body"), new Date().toISOString());
      res.writeHead(302, { location: `/r/${lastInsertRowid}` }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const figures = await surge(`http://127.0.0.1:${port}/submit`);
  const rows = (sqlite.prepare("select count(*) as n from submissions").get() as { n: number }).n;
  await new Promise<void>((r) => server.close(() => r()));
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...figures, rows };
}

async function app() {
  const t = await createTestDatabase();
  await seed(t.db);
  const server = await startServer({ ...t.env, SUBMISSION_RATE_LIMIT: "0", SUBMISSION_MIN_FILL_SECONDS: "0", LOG_LEVEL: "warn" });
  const figures = await surge(`${server.url}/es/consultations/women-in-mining-chile/submit`);
  await server.stop();
  const rows = Number((await t.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  await t.destroy();
  return { ...figures, rows };
}

await buildIfNeeded();
const base = await bare();
const puente = await app();
const ratio = puente.perSecond / base.perSecond;
// A receipt (302) for a row that is not there would be a lost submission. Rows without a counted
// receipt are the requests in flight when the load generator stopped (at most one per connection).
const lost = Math.max(0, puente.receipts - puente.rows);
const inFlight = Math.max(0, puente.rows - puente.receipts);
console.log(`submission intake, ${CONNECTIONS} connections, ${DURATION} s each after a ${WARM_UP_SECONDS} s warm-up`);
console.log(`bare node:http + INSERT  ${base.perSecond.toFixed(0).padStart(6)} POST/s  p99 ${base.p99} ms  (${base.receipts} redirects, ${base.rows} rows)`);
console.log(`Puente (Remix action)    ${puente.perSecond.toFixed(0).padStart(6)} POST/s  p99 ${puente.p99} ms  (${puente.receipts} receipts, ${puente.rows} rows, ${puente.other} other answers, ${puente.errors} errors)`);
console.log(`ratio ${ratio.toFixed(3)} (target ≥ 0.25); p99 ${puente.p99} ms (target ≤ 100); lost ${lost} (target 0); in flight at the stop ${inFlight}`);
console.log(
  JSON.stringify({
    app_per_s: Math.round(puente.perSecond),
    bare_per_s: Math.round(base.perSecond),
    ratio: Number(ratio.toFixed(3)),
    p99_ms: puente.p99,
    bare_p99_ms: base.p99,
    receipts: puente.receipts,
    rows: puente.rows,
    lost,
    in_flight_at_stop: inFlight,
  }),
);
