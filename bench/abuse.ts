// npm run bench:abuse — the perimeter under abuse (issue 14), against the real built server:
// (a) 4 parallel 300 MB bodies at a time — declared Content-Length, chunked, chunked multipart of
//     190 KB text fields — to /en/login and to the submission form: each must be refused with a
//     413; meanwhile the server's RSS (from /proc) and the latency of /healthz are sampled;
// (b) a burst of 60 parallel wrong passwords on one account: how many were checked against the
//     password hash. Counted on the server side from the audit trail: every password that was
//     checked and wrong leaves one "auth.sign_in_failed" entry for the account, and a sign-in
//     refused by the throttle leaves "auth.sign_in_throttled" instead (without checking the hash) —
//     so this holds however the throttle is implemented.
// Bodies are made on the fly from one 64 KB chunk; loopback only; every request has a deadline.
// Prints a summary and one JSON line.
import { request } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { buildIfNeeded } from "../scripts/build.mjs";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../support/db";
import { startServer } from "../support/server";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN, createUser } from "../support/factories";

const BODY_BYTES = 300 * 1024 * 1024;
const PARALLEL = 4;
const BURST = 60;
const LOGIN_MAX_FAILURES = 5;
const REQUEST_DEADLINE_MS = 60_000;
const TARGETS = { login: "/en/login", submission: "/en/consultations/women-in-mining-chile/submit" };

const filler = Buffer.alloc(64 * 1024, 0x61);
const field = (n: number) =>
  Buffer.concat([Buffer.from(`--B\r\nContent-Disposition: form-data; name="f${n}"\r\n\r\n`), Buffer.alloc(190 * 1024, 0x61), Buffer.from("\r\n")]);
const fieldSize = field(0).length;

type Framing = "declared" | "chunked" | "multipart";
const errors: string[] = [];

/** Sends up to 300 MB (made as it goes) until the server answers; resolves with the status (0: no answer). */
function abusive(url: string, framing: Framing): Promise<{ status: number; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    let n = 0;
    const headers: Record<string, string> = { Cookie: CSRF_COOKIE_PAIR };
    if (framing === "multipart") headers["Content-Type"] = "multipart/form-data; boundary=B";
    else headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (framing === "declared") headers["Content-Length"] = String(BODY_BYTES);
    const req = request(url, { method: "POST", headers, agent: false });
    const finish = (status: number) => {
      if (answered) return;
      answered = true;
      clearTimeout(deadline);
      resolve({ status, sent });
      req.destroy();
    };
    const deadline = setTimeout(() => finish(0), REQUEST_DEADLINE_MS);
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on("error", (error) => {
      if (!answered) errors.push(`${framing} ${new URL(url).pathname}: ${error.message} after ${sent} bytes`);
      setTimeout(() => finish(0), 1000); // the answer may still be on its way; after it, a reset is fine
    });
    const head = framing === "multipart" ? `--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${CSRF_TOKEN}\r\n` : `csrf=${CSRF_TOKEN}&body=`;
    req.write(head);
    sent += head.length;
    const pump = () => {
      while (!answered && sent < BODY_BYTES) {
        const chunk = framing === "multipart" ? (sent + fieldSize < BODY_BYTES ? field(++n) : filler) : filler;
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

await buildIfNeeded();
const t = await createTestDatabase();
await seed(t.db);
const user = await createUser(t.db, { role: "admin", password: "correct horse battery" });
const filesDir = mkdtempSync(join(tmpdir(), "puente-abuse-"));
const server = await startServer({
  ...t.env,
  FILES_DIR: filesDir,
  SUBMISSION_RATE_LIMIT: "0",
  SUBMISSION_MIN_FILL_SECONDS: "0",
  LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
  LOG_LEVEL: "warn",
});
const pid = server.process.pid!;

// Warm up (JIT, first database connections) so the baseline is the server at rest.
for (let i = 0; i < 20; i++) await (await fetch(`${server.url}/healthz`)).text();
for (const path of Object.values(TARGETS)) await (await fetch(server.url + path)).text();
const baseline = rssMb(pid);

// (a) the bodies, with RSS and /healthz sampled all the while.
let running = true;
let peak = baseline;
const sampler = (async () => {
  while (running) {
    peak = Math.max(peak, rssMb(pid));
    await new Promise((r) => setTimeout(r, 20));
  }
})();
// /healthz is timed from a worker thread, so that this thread's pumping of bodies does not
// delay the measurement: what is measured is the server's answer.
const prober = new Worker(
  `const { parentPort, workerData } = require("node:worker_threads");
  const times = [];
  let running = true;
  parentPort.on("message", () => (running = false));
  (async () => {
    await (await fetch(workerData + "/healthz")).text(); // unmeasured: the worker's first fetch loads undici
    parentPort.postMessage("ready");
    while (running) {
      const started = performance.now();
      await (await fetch(workerData + "/healthz")).text();
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
    parentPort.postMessage(times);
  })();`,
  { eval: true, workerData: server.url },
);
await new Promise((resolve) => prober.once("message", resolve));
const healthzTimes = new Promise<number[]>((resolve) => prober.once("message", resolve));
const started = Date.now();
const results: Array<{ target: string; framing: Framing; status: number; sent: number }> = [];
for (const [target, path] of Object.entries(TARGETS)) {
  for (const framing of ["declared", "chunked", "multipart"] as Framing[]) {
    const batch = await Promise.all(Array.from({ length: PARALLEL }, () => abusive(server.url + path, framing)));
    results.push(...batch.map((r) => ({ target, framing, ...r })));
  }
}
running = false;
prober.postMessage("stop");
const healthz = await healthzTimes;
await Promise.all([sampler, prober.terminate()]);
const bodiesSeconds = (Date.now() - started) / 1000;

// (b) the burst of wrong passwords.
const burst = await Promise.all(
  Array.from({ length: BURST }, () =>
    fetch(`${server.url}/en/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR },
      body: new URLSearchParams({ csrf: CSRF_TOKEN, email: user.email, password: "wrong password" }),
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    }).then(
      async (r) => (await r.text(), r.status),
      () => 0,
    ),
  ),
);
const audit = async (action: string) =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", action)
        .where("actor_label", "=", user.email)
        .executeTakeFirstOrThrow()
    ).n,
  );
const checked = await audit("auth.sign_in_failed");
const throttled = await audit("auth.sign_in_throttled");

await server.stop();
await t.destroy();
rmSync(filesDir, { recursive: true, force: true });

if (process.env.BENCH_DEBUG) console.log(healthz.map((x) => x.toFixed(0)).join(" "));
const refused = results.filter((r) => r.status === 413).length;
const statuses = (list: number[]) => Object.fromEntries([...new Set(list)].sort().map((s) => [s, list.filter((x) => x === s).length]));
const growth = peak - baseline;
const p99 = percentile(healthz, 99);
console.log(`(a) ${results.length} bodies of 300 MB, ${PARALLEL} at a time, in ${bodiesSeconds.toFixed(1)} s`);
for (const r of results) console.log(`    ${r.target.padEnd(10)} ${r.framing.padEnd(9)} → ${r.status} after ${(r.sent / 1024 / 1024).toFixed(1)} MB sent`);
for (const e of errors) console.log(`    connection error: ${e}`);
console.log(`    refused with 413: ${refused}/${results.length} (target all)`);
console.log(`    server RSS ${baseline.toFixed(0)} MB at rest, peak ${peak.toFixed(0)} MB: growth ${growth.toFixed(1)} MB (target < 64)`);
console.log(`    /healthz meanwhile: ${healthz.length} requests, p99 ${p99.toFixed(1)} ms (target < 100)`);
console.log(`(b) ${BURST} parallel wrong passwords on one account: answers ${JSON.stringify(statuses(burst))}`);
console.log(`    checked against the hash ${checked} (target ≤ ${LOGIN_MAX_FAILURES}), refused by the throttle ${throttled}`);
console.log(
  JSON.stringify({
    bodies: results.length,
    refused_413: refused,
    other_answers: statuses(results.filter((r) => r.status !== 413).map((r) => r.status)),
    max_sent_mb: Number((Math.max(...results.map((r) => r.sent)) / 1024 / 1024).toFixed(1)),
    rss_growth_mb: Number(growth.toFixed(1)),
    healthz_p99_ms: Number(p99.toFixed(1)),
    healthz_samples: healthz.length,
    burst: BURST,
    checked,
    throttled,
    login_limit: LOGIN_MAX_FAILURES,
  }),
);
