import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** True when there is no production build (`npm run dev` leaves a development one), or a source changed since. */
export function needsBuild(): boolean {
  if (!existsSync("build/index.js") || !existsSync("public/build")) return true;
  if (!readFileSync("build/index.js", "utf8").includes('mode = "production"')) return true;
  const built = statSync("build/index.js").mtimeMs;
  return ["app", "db", "remix.config.js", "package-lock.json"].some((p) => existsSync(p) && newestMtime(p) > built);
}

/** Runs `remix build` (production) when needed; throws when the build fails. */
export function buildIfNeeded(): void {
  if (!needsBuild()) return;
  console.log("Building…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
}
