import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.ts", "app/**/*.test.{ts,tsx}", "db/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (one worker fewer than the CPUs) gives one worker on a two-CPU machine, where
    // most test time is spent waiting on servers, databases and child processes: two finish the
    // SQLite suite in ~250 s instead of ~390 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
