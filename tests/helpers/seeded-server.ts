import { seed } from "../../db/seed/index";
import { createTestDatabase, type TestDatabase } from "./db";
import { startServer, type RunningServer } from "./server";

/** A freshly migrated database with the seed (parties, workplan, topics), and the compiled server on it. */
export async function startSeededServer(): Promise<{ t: TestDatabase; server: RunningServer }> {
  const t = await createTestDatabase();
  try {
    await seed(t.db);
    return { t, server: await startServer(t.env) };
  } catch (error) {
    await t.destroy();
    throw error;
  }
}

/** Stops what startSeededServer started (nothing when it failed). */
export async function stopSeededServer(t: TestDatabase | undefined, server: RunningServer | undefined) {
  await server?.stop();
  await t?.destroy();
}
