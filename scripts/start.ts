// `npm start`: build if the sources changed, migrate, seed an empty database, then serve.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

process.env.NODE_ENV ??= "production";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newestMtime(join(path, entry))), stat.mtimeMs);
}

function needsBuild(): boolean {
  if (!existsSync("build/index.js") || !existsSync("public/build")) return true;
  const built = statSync("build/index.js").mtimeMs;
  return ["app", "db", "remix.config.js", "package-lock.json"].some((p) => existsSync(p) && newestMtime(p) > built);
}

if (needsBuild()) {
  console.log("Building…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { createDb } = await import("../db/client");
const { migrateToLatest } = await import("../db/migrate");
const { seed } = await import("../db/seed/index");
const db = createDb();
try {
  const { results } = await migrateToLatest(db);
  if (results?.length) console.log(`Migrated: ${results.map((r) => r.migrationName).join(", ")}`);
  const plans = await db.selectFrom("workplans").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(plans.n) === 0) console.log(`Seeded the demo data: ${JSON.stringify(await seed(db))}`);
} finally {
  await db.destroy();
}

const { serve } = await import("../server/index");
await serve();
