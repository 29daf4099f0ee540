import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localStorage } from "~/utils/storage.server";
import { createTestDatabase } from "./helpers/db";

// Test files run side by side, each with its own database; the files their servers store must be
// theirs too. In the checkout's data/files they mixed with the developer's own, and the first test
// server to start claimed the folder for its database, so its orphan sweep could delete the files of
// every other test running meanwhile.
describe("a test's database", () => {
  const saved = process.env.FILES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.FILES_DIR;
    else process.env.FILES_DIR = saved;
  });

  it("comes with a file folder of its own, which servers it starts inherit, removed with it", async () => {
    delete process.env.FILES_DIR;
    const t = await createTestDatabase({ migrate: false });
    const folder = process.env.FILES_DIR;
    expect(folder).toBeTruthy();
    expect(resolve(folder!)).not.toBe(resolve("data/files"));
    await localStorage(folder!).put("a-key", [Buffer.from("kept apart")]);
    await t.destroy();
    expect(existsSync(folder!)).toBe(false);
    expect(process.env.FILES_DIR).toBeUndefined();
  });

  it("keeps the folder a test file chose itself", async () => {
    process.env.FILES_DIR = "/tmp/puente-chosen-by-the-test";
    const t = await createTestDatabase({ migrate: false });
    expect(process.env.FILES_DIR).toBe("/tmp/puente-chosen-by-the-test");
    await t.destroy();
    expect(process.env.FILES_DIR).toBe("/tmp/puente-chosen-by-the-test");
  });
});
