import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the real compiled server (build/runtime/server.js on build/index.js) on a free port, as `npm start` would
 * after migrating (or another compiled entry, such as build/runtime/start.js, which migrates and
 * seeds first). The build is made by tests/global-setup.ts.
 */
export async function startServer(env: Record<string, string>, options: { args?: string[]; timeoutMs?: number } = {}): Promise<RunningServer> {
  const args = options.args ?? ["build/runtime/server.js"];
  const child = spawn(process.execPath, [...(process.env.SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...args], {
    // PUBLICATION_POLL_MS=0: the server reads the publication version at each request, so a change a
    // test makes in its own process is seen at once (ADR 027).
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", APP_SECRET: "http-tests-app-secret", PUBLICATION_POLL_MS: "0", ...env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), options.timeoutMs ?? 20_000);
    child.stdout!.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
