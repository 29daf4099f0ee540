import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { demoAccounts, seedDemoAccounts } from "../db/seed/demo-accounts";
import { seed } from "../db/seed/index";
import { seedDemoEvents } from "./demo-events";
import { demoSubmissionsLine, seedDemoSubmissions } from "./demo-submissions";

/**
 * Before serving (`npm start`, `npm run dev`): migrate to the latest schema and seed the demo data
 * into an empty database. With `demo` (PUENTE_DEMO=1), also the demo accounts, whose sign-in
 * details are printed, the demo submissions and the demo events. In scripts/, not db/: the demo submissions go
 * through the app's domain modules (ADR 025).
 */
export async function prepareDatabase(options: { demo: boolean }, log: (line: string) => void = console.log): Promise<void> {
  const db = createDb();
  try {
    const { results } = await migrateToLatest(db);
    if (results?.length) log(`Migrated: ${results.map((r) => r.migrationName).join(", ")}`);
    const plans = await db
      .selectFrom("workplans")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(plans.n) === 0) log(`Seeded the demo data: ${JSON.stringify(await seed(db))}`);
    // Compilations interrupted by a stopped server are repaired by serve() (server/index.ts), by
    // their lapsed lease: never here, where another server's running compilation would look dead.
    if (options.demo) {
      await seedDemoAccounts(db);
      const present = await db
        .selectFrom("users")
        .select("email")
        .where(
          "email",
          "in",
          demoAccounts.map((a) => a.email),
        )
        .execute();
      if (present.length) {
        log("Demo accounts (a demo only: PUENTE_DEMO=1 or npm run dev):");
        for (const a of demoAccounts.filter((d) => present.some((p) => p.email === d.email))) {
          log(`  ${a.role.padEnd(9)} ${(a.party ?? "").padEnd(2)}  ${a.email.padEnd(28)} password: ${a.password}`);
        }
      }
      // On a database without any submission: a lived-in demo, decided by the demo moderators.
      const demoSubmissions = demoSubmissionsLine(await seedDemoSubmissions(db));
      if (demoSubmissions) log(demoSubmissions);
      // On a database without any event: upcoming events in Santiago, Ottawa and online, and a held one with its register closed.
      const demoEvents = await seedDemoEvents(db);
      if (demoEvents) log(`Demo events: ${demoEvents}`);
    }
  } finally {
    await db.destroy();
  }
}
