// npm run bench:logging — what request logging costs: the same pages served by the real built
// server with logging off (the baseline) and on (one JSON line per request to a pipe), same run.
import autocannon from "autocannon";
import { buildIfNeeded } from "../scripts/build.mjs";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../support/db";
import { startServer } from "../support/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const PATHS = ["/en", "/fr/workplan", "/healthz"];

await buildIfNeeded();
const t = await createTestDatabase();
await seed(t.db);

async function measure(logLevel: string) {
  const server = await startServer({ ...t.env, LOG_LEVEL: logLevel });
  let logBytes = 0;
  server.process.stdout!.on("data", (d: Buffer) => (logBytes += d.length));
  const result: Record<string, { rps: number; p99: number }> = {};
  for (const path of PATHS) {
    await autocannon({ url: server.url + path, connections: CONNECTIONS, duration: 2 }); // warm-up
    const r = await autocannon({ url: server.url + path, connections: CONNECTIONS, duration: DURATION });
    if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    result[path] = { rps: r.requests.average, p99: r.latency.p99 };
  }
  await server.stop();
  return { result, logBytes };
}

const off = await measure("silent");
const on = await measure("info");
await t.destroy();

const figures: Record<string, number> = {};
console.log(`request logging, ${CONNECTIONS} connections, ${DURATION}s per page`);
console.log("page              off (req/s, p99 ms)   on (req/s, p99 ms)   ratio on/off");
for (const path of PATHS) {
  const a = off.result[path]!;
  const b = on.result[path]!;
  const ratio = b.rps / a.rps;
  console.log(
    `${path.padEnd(17)} ${a.rps.toFixed(0).padStart(7)} ${String(a.p99).padStart(6)}        ${b.rps.toFixed(0).padStart(7)} ${String(b.p99).padStart(6)}       ${ratio.toFixed(3)}`,
  );
  const key = path.replace(/\W+/g, "_").replace(/^_|_$/g, "") || "root";
  figures[`${key}_off_rps`] = Math.round(a.rps);
  figures[`${key}_on_rps`] = Math.round(b.rps);
  figures[`${key}_ratio`] = Number(ratio.toFixed(3));
}
console.log(`log written: ${(on.logBytes / 1024).toFixed(0)} KiB`);
console.log(JSON.stringify(figures));
