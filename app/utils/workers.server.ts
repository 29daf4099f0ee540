import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The worker threads the app starts; `npm run build` compiles each (scripts/build.mjs, ADR 022). */
export type WorkerName = "summary-docx";

/**
 * The compiled file of a worker, at the path the build wrote down in build/manifest.json (in the
 * app's directory, where build/index.js is read from too). The same compiled file serves the
 * server and the tests, which build first (tests/global-setup.ts).
 */
export function workerFile(name: WorkerName): URL {
  const manifestPath = resolve("build/manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run build\` to compile the workers.`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { workers?: Partial<Record<WorkerName, string>> };
  const file = manifest.workers?.[name];
  if (!file) throw new Error(`${manifestPath} names no "${name}" worker: run \`npm run build\`.`);
  return pathToFileURL(resolve(file));
}
