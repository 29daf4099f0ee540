// npm run bench:intake — a surge of submission form POSTs at the real built server (rate limit
// and minimum fill time off), and the same load at two bare node:http + better-sqlite3 servers
// (bench/intake-baseline.ts, each in a process of its own like the app's server, never on the
// load generator's event loop): one that commits each INSERT on its own, and one that
// group-commits as the app does (ADR 008). Same durability everywhere (WAL, synchronous=FULL).
// The three are measured in turns — app, bare, bare group-commit — ROUNDS times (at least 2), so
// that a machine whose load changes during the run shifts all of them alike; every run is
// printed, then the means, the count check, and one JSON line.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import autocannon from "autocannon";
import { buildIfNeeded } from "../scripts/build.mjs";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../support/db";
import { startServer } from "../support/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 2));
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

// Every run gets the same unmeasured warm-up first (JIT, caches), then the measured surge.
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

type Figures = Awaited<ReturnType<typeof surge>>;

interface Target {
  label: string;
  url: string;
  rows(): Promise<number>;
  stop(): Promise<void>;
}

/** A bare baseline (bench/intake-baseline.ts) in its own process. */
async function bare(mode: "plain" | "group", label: string): Promise<Target> {
  const child: ChildProcess = fork(new URL("./intake-baseline.ts", import.meta.url).pathname, [mode], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const [{ port }] = (await once(child, "message")) as [{ port: number }];
  return {
    label,
    url: `http://127.0.0.1:${port}/submit`,
    async rows() {
      child.send("count");
      const [{ rows }] = (await once(child, "message")) as [{ rows: number }];
      return rows;
    },
    async stop() {
      child.send("stop");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

async function app(): Promise<Target> {
  const t = await createTestDatabase();
  await seed(t.db);
  const server = await startServer({ ...t.env, SUBMISSION_RATE_LIMIT: "0", SUBMISSION_MIN_FILL_SECONDS: "0", LOG_LEVEL: "warn" });
  return {
    label: "Puente (Remix action, group commit)",
    url: `${server.url}/es/consultations/women-in-mining-chile/submit`,
    async rows() {
      return Number(
        (
          await t.db
            .selectFrom("submissions")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    },
    async stop() {
      await server.stop();
      await t.destroy();
    },
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const line = (label: string, f: Figures, what: string) =>
  `${label.padEnd(38)}${f.perSecond.toFixed(0).padStart(6)} POST/s  p99 ${String(f.p99).padStart(4)} ms  (${f.receipts} ${what}, ${f.other} other answers, ${f.errors} errors)`;

await buildIfNeeded();
const targets = { app: await app(), bare: await bare("plain", "bare node:http + INSERT"), group: await bare("group", "bare node:http + INSERT, group commit") };
const runs: Record<keyof typeof targets, Figures[]> = { app: [], bare: [], group: [] };
console.log(`submission intake, ${CONNECTIONS} connections, ${DURATION} s each after a ${WARM_UP_SECONDS} s warm-up, ${ROUNDS} rounds`);
console.log("Puente group-commits its submissions (ADR 008); the plain bare baseline commits each INSERT on its own, the other group-commits as Puente does.");
console.log("Every server runs in its own process; all use WAL with synchronous=FULL.");
for (let round = 1; round <= ROUNDS; round++) {
  for (const key of ["app", "bare", "group"] as const) {
    const figures = await surge(targets[key].url);
    runs[key].push(figures);
    console.log(`round ${round}  ${line(targets[key].label, figures, key === "app" ? "receipts" : "redirects")}`);
  }
}
const rows = { app: await targets.app.rows(), bare: await targets.bare.rows(), group: await targets.group.rows() };
for (const target of Object.values(targets)) await target.stop();

const perSecond = (key: keyof typeof runs) => mean(runs[key].map((r) => r.perSecond));
const worstP99 = (key: keyof typeof runs) => Math.max(...runs[key].map((r) => r.p99));
const receipts = runs.app.reduce((n, r) => n + r.receipts, 0);
const ratio = perSecond("app") / perSecond("bare");
const ratioGroup = perSecond("app") / perSecond("group");
// A receipt (302) for a row that is not there would be a lost submission. Rows without a counted
// receipt are the requests in flight when the load generator stopped (at most one per connection
// each time it stops: after every warm-up and every measured surge).
const lost = Math.max(0, receipts - rows.app);
const inFlight = Math.max(0, rows.app - receipts);
console.log(`means over ${ROUNDS} rounds (p99: the worst run):`);
console.log(
  `  Puente                         ${perSecond("app").toFixed(0).padStart(6)} POST/s  p99 ${worstP99("app")} ms  (${receipts} receipts, ${rows.app} rows)`,
);
console.log(`  bare, commit per INSERT        ${perSecond("bare").toFixed(0).padStart(6)} POST/s  p99 ${worstP99("bare")} ms  (${rows.bare} rows)`);
console.log(`  bare, group commit             ${perSecond("group").toFixed(0).padStart(6)} POST/s  p99 ${worstP99("group")} ms  (${rows.group} rows)`);
console.log(
  `ratio ${ratio.toFixed(3)} against the plain baseline (target ≥ 0.25), ${ratioGroup.toFixed(3)} against the group-committing one; ` +
    `p99 ${worstP99("app")} ms (target ≤ 100); lost ${lost} (target 0); in flight at the stops ${inFlight}`,
);
console.log(
  JSON.stringify({
    app_per_s: Math.round(perSecond("app")),
    bare_per_s: Math.round(perSecond("bare")),
    bare_group_per_s: Math.round(perSecond("group")),
    ratio: Number(ratio.toFixed(3)),
    ratio_group: Number(ratioGroup.toFixed(3)),
    p99_ms: worstP99("app"),
    bare_p99_ms: worstP99("bare"),
    bare_group_p99_ms: worstP99("group"),
    rounds: ROUNDS,
    app_runs_per_s: runs.app.map((r) => Math.round(r.perSecond)),
    bare_runs_per_s: runs.bare.map((r) => Math.round(r.perSecond)),
    bare_group_runs_per_s: runs.group.map((r) => Math.round(r.perSecond)),
    receipts,
    rows: rows.app,
    lost,
    in_flight_at_stop: inFlight,
    app_group_commits: true,
    bare_group_commits: false,
  }),
);
