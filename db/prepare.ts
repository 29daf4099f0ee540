import { createDb } from "./client";
import { migrateToLatest } from "./migrate";
import { seed } from "./seed/index";

/** Before serving: migrate to the latest schema and seed the demo data into an empty database. */
export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const db = createDb();
  try {
    const { results } = await migrateToLatest(db);
    if (results?.length) log(`Migrated: ${results.map((r) => r.migrationName).join(", ")}`);
    const plans = await db.selectFrom("workplans").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    if (Number(plans.n) === 0) log(`Seeded the demo data: ${JSON.stringify(await seed(db))}`);
  } finally {
    await db.destroy();
  }
}
