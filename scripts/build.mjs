// @ts-check
// `npm run build`: everything production runs, compiled into build/ so that it starts with plain
// `node` (ADR 022): the Remix build (build/index.js, public/build/), then the project's own entry
// points and workers bundled by esbuild into build/runtime/, then build/manifest.json, which
// records where each of them is and a fingerprint of the sources they were built from.
//
// Plain JavaScript, so that `npm start` (scripts/run.mjs) can check the build without tsx.
// esbuild and @remix-run/dev are development dependencies: they are loaded only to build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const MANIFEST = "build/manifest.json";
const RUNTIME_DIR = "build/runtime";
const ASSETS_DIR = "public/build";
/** The assets worth compressing (the server serves their .br/.gz when the client accepts one). */
const COMPRESSIBLE_ASSETS = [".js", ".css", ".map", ".json", ".svg", ".txt"];

/**
 * What production runs besides the Remix build: entry points run with `node`, and worker threads
 * started by the app (loaded from the path recorded here, never searched for).
 */
const ENTRIES = {
  start: "scripts/start.ts",
  server: "server/main.ts",
  worker: "server/worker.ts",
  db: "db/cli.ts",
  "user-create": "scripts/user-create.ts",
};
const WORKERS = {
  "summary-docx": "app/exports/summary-docx.worker.ts",
};

/** What the build is made from: a change in any of these makes it stale. */
const SOURCES = ["app", "db", "server", "scripts", "remix.config.js", "tsconfig.json", "package.json", "package-lock.json"];

/**
 * @typedef {{
 *   sources: string;
 *   entries: Record<keyof typeof ENTRIES, string>;
 *   workers: Record<keyof typeof WORKERS, string>;
 * }} Manifest
 */

/** @param {string} path @returns {string[]} */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => files(join(path, entry)));
}

/** A hash of the sources' paths and contents (not their times: a checkout or a copy changes those). */
export function sourcesFingerprint() {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap(files)) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** @returns {Manifest | null} */
export function readManifest() {
  return existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, "utf8")) : null;
}

/**
 * True when there is no production build (`npm run dev` leaves a development one), or the sources
 * changed since it was made. Where the sources are absent (a deployment of the build alone) the
 * build is what runs.
 */
export function needsBuild() {
  const manifest = readManifest();
  if (!manifest || !existsSync("build/index.js") || !existsSync("public/build")) return true;
  if (!readFileSync("build/index.js", "utf8").includes('mode = "production"')) return true;
  if (!existsSync("app/root.tsx")) return false;
  return manifest.sources !== sourcesFingerprint();
}

/**
 * Bundles the entry points and workers with esbuild: the project's own TypeScript only; every
 * package stays an import that node_modules (`npm ci --omit=dev` in production) answers.
 * @param {{ entries?: boolean }} [options] `entries: false` for the workers alone (`npm run dev`)
 */
export async function buildRuntime(options = {}) {
  const esbuild = await import("esbuild");
  const fingerprint = sourcesFingerprint();
  const workers = Object.fromEntries(Object.entries(WORKERS).map(([name, path]) => [`${name}.worker`, path]));
  const named = { ...(options.entries === false ? {} : ENTRIES), ...workers };
  await esbuild.build({
    entryPoints: named,
    outdir: RUNTIME_DIR,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // Code shared by the entry points (the app's models, the database) is written once.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: true,
    logLevel: "warning",
  });
  /** @param {Record<string, string>} group @param {string} suffix */
  const paths = (group, suffix = "") => Object.fromEntries(Object.keys(group).map((name) => [name, `${RUNTIME_DIR}/${name}${suffix}.js`]));
  /** @type {Manifest} */
  const manifest = {
    sources: fingerprint,
    entries: /** @type {Manifest["entries"]} */ (paths(ENTRIES)),
    workers: /** @type {Manifest["workers"]} */ (paths(WORKERS, ".worker")),
  };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Writes `x.br` (brotli, best quality) and `x.gz` (gzip, level 9) beside each text asset of
 * public/build of at least 1 KB, when smaller than the file: compressed once here rather than on
 * every request (ADR 028). The files are named by their content's hash, so a name never changes
 * content and the compressed copies never go stale.
 */
export function compressAssets(dir = ASSETS_DIR) {
  let written = 0;
  for (const file of files(dir)) {
    if (!COMPRESSIBLE_ASSETS.includes(extname(file))) continue;
    const content = readFileSync(file);
    if (content.length < 1024) continue;
    const brotli = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    const gzip = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
    for (const [suffix, compressed] of /** @type {const} */ ([
      [".br", brotli],
      [".gz", gzip],
    ])) {
      if (compressed.length >= content.length) continue;
      writeFileSync(file + suffix, compressed);
      written++;
    }
  }
  return written;
}

/** `remix build` (production), then the compressed assets and the runtime. Throws when a step fails. */
export async function build() {
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
  compressAssets();
  await buildRuntime();
}

/** Builds when needed (`npm start`, the tests' global setup, the benchmarks). */
export async function buildIfNeeded() {
  if (!needsBuild()) return;
  if (!existsSync("node_modules/@remix-run/dev") || !existsSync("node_modules/esbuild")) {
    throw new Error(
      "The build in build/ is missing or older than the sources, and the build tools are not installed (npm ci --omit=dev): run `npm run build` where the development dependencies are.",
    );
  }
  console.log("Building…");
  await build();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    if (process.argv.includes("--if-needed")) await buildIfNeeded();
    else await build();
    console.log(`Built: ${relative(".", MANIFEST)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
