import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README's configuration table is where an operator looks for a setting: every variable the
// schema checks (app/utils/env.server.ts) has its row there.
describe("the README's configuration table", () => {
  it("lists every environment variable the configuration schema reads", () => {
    const source = readFileSync("app/utils/env.server.ts", "utf8");
    const names = [...new Set([...source.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}): (?:z\b|flag\b)/gm)].map((m) => m[1]!))];
    // The schema's keys were found (a changed layout of the file would find none).
    expect(names).toEqual(expect.arrayContaining(["APP_SECRET", "DATABASE_URL", "FILES_URL", "JOBS_IN_WEB", "PUBLICATION_POLL_MS"]));
    const readme = readFileSync("README.md", "utf8");
    const table = /^## Configuration\n([\s\S]*?)^## /m.exec(readme)![1]!;
    expect(names.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});
