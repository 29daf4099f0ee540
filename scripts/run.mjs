// @ts-check
// `node scripts/run.mjs <entry> [arguments]` — what `npm start`, `npm run serve`, `npm run db:*`
// and `npm run user:create` run, on plain node (ADR 022): build first when the build is missing or
// older than the sources (a fresh clone after `npm ci`, or a change), then run the compiled entry
// point named in build/manifest.json (start, server, worker, db, user-create) in this process, so that
// node's flags, such as the heap limit of ADR 010, apply to it.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded, readManifest } from "./build.mjs";

const [name, ...rest] = process.argv.slice(2);
/** @type {string | undefined} */
let file;
try {
  await buildIfNeeded();
  const entries = /** @type {Record<string, string>} */ (readManifest()?.entries ?? {});
  file = name ? entries[name] : undefined;
  if (!file) throw new Error(`usage: node scripts/run.mjs ${Object.keys(entries).join("|")} [arguments]`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// A newcomer's `npm start` in a checkout gets the demo; a deployment declares NODE_ENV or PUENTE_DEMO.
if (name === "start" && existsSync("app/root.tsx") && !process.env.NODE_ENV && !process.env.PUENTE_DEMO) {
  process.env.PUENTE_DEMO = "1";
  console.log(
    "PUENTE_DEMO=1: a demo, with demo accounts and submissions (set NODE_ENV=production and APP_SECRET for a real deployment; README, Configuration).",
  );
}
// The entry reads its own arguments, as if it had been started directly; its errors are its own.
process.argv = [process.argv[0] ?? process.execPath, resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
