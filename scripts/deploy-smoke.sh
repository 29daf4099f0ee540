#!/usr/bin/env bash
# The deployment path of ADR 022, end to end: build here, copy only what production runs into an
# empty directory, install the runtime dependencies alone there (`npm ci --omit=dev`), then run
# it with plain node — migrate, seed, serve — and check a few pages over HTTP, a DOCX summary
# (the compiled worker) included. Run by .ci/run after the tests; `bash scripts/deploy-smoke.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The tests built it already when the sources have not changed since.
node scripts/build.mjs --if-needed

deploy=$(mktemp -d /tmp/puente-deploy.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$deploy"
}
trap cleanup EXIT

# What a deployment holds: the build, the static files, the manifest of dependencies and the
# patches applied to them on install (patch-package), and the plain-node launcher of the scripts.
mkdir -p "$deploy/scripts" "$deploy/public"
cp -R build "$deploy/build"
cp -R public/build public/favicon.svg "$deploy/public/"
cp -R patches package.json package-lock.json "$deploy/"
cp scripts/run.mjs scripts/build.mjs "$deploy/scripts/"
cd "$deploy"

npm ci --omit=dev --no-audit --no-fund
for dev_only in tsx esbuild @remix-run/dev vitest vite; do
  if [ -e "node_modules/$dev_only" ]; then echo "deploy-smoke: $dev_only was installed with --omit=dev" >&2; exit 1; fi
done
grep -q "Puente patch" node_modules/@remix-run/router/dist/router.cjs.js || { echo "deploy-smoke: the @remix-run/router patch was not applied" >&2; exit 1; }

export NODE_ENV=production DATABASE_URL="file:$deploy/data/puente.sqlite" FILES_DIR="$deploy/data/files" LOG_LEVEL=warn
export APP_SECRET=deploy-smoke-secret-0123456789abcdef PUBLIC_URL=http://127.0.0.1
npm run db:migrate
npm run db:seed

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
PORT=$port node --max-old-space-size=1024 build/runtime/server.js >"$deploy/server.log" 2>&1 &
server_pid=$!

PORT=$port node --input-type=module -e '
const base = `http://127.0.0.1:${process.env.PORT}`;
const deadline = Date.now() + 30_000;
for (;;) {
  try { await fetch(`${base}/healthz`); break; } catch (error) {
    if (Date.now() > deadline) throw new Error("the server did not answer within 30 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}
const checks = [
  ["/healthz", "\"database\":\"ok\""],
  ["/en", "Puente"],
  ["/fr/consultations", "consultation"],
  ["/en/consultations/women-in-mining-canada", "women-in-mining-canada"],
  ["/en/consultations/women-in-mining-canada/summary/docx", null],
];
for (const [path, expected] of checks) {
  let response = await fetch(base + path);
  // A public summary is a stored file the background jobs build (ADR 033): 503 until the first build.
  for (const until = Date.now() + 60_000; response.status === 503 && path.includes("/summary/") && Date.now() < until; ) {
    await response.arrayBuffer();
    await new Promise((r) => setTimeout(r, 500));
    response = await fetch(base + path);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${path}: ${response.status}\n${body.toString().slice(0, 500)}`);
  if (expected && !body.toString().includes(expected)) throw new Error(`${path}: "${expected}" not in the page`);
  // A DOCX is a zip: made by the compiled worker, without tsx.
  if (path.endsWith("/docx") && body.subarray(0, 2).toString() !== "PK") throw new Error(`${path}: not a DOCX`);
  console.log(`deploy-smoke: ${path} 200 (${body.length} bytes)`);
}
' || { cat "$deploy/server.log" >&2; exit 1; }
# The process that answered is plain node on the compiled server.
args=$(tr '\0' ' ' <"/proc/$server_pid/cmdline")
case "$args" in node\ *build/runtime/server.js*) echo "deploy-smoke: the server runs as: $args" ;; *) echo "deploy-smoke: the server runs as '$args', not node on build/runtime/server.js" >&2; exit 1 ;; esac

echo "deploy-smoke: ok (node $(node --version), runtime dependencies only, in $deploy)"
cd "$root"
