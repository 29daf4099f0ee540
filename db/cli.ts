// npm run db:migrate | db:rollback | db:seed | db:reset — against DATABASE_URL (default data/puente.sqlite).
import { createDb, parseDatabaseUrl } from "./client";
import { migrateToLatest, rollbackAll, rollbackOne } from "./migrate";
import { seed } from "./seed/index";

const command = process.argv[2];
const db = createDb();
const target = parseDatabaseUrl(process.env.DATABASE_URL);
const where = target.engine === "sqlite" ? target.file : "PostgreSQL";

function report(results: { migrationName: string; direction: string; status: string }[] | undefined) {
  if (!results?.length) console.log("nothing to do");
  for (const r of results ?? []) console.log(`${r.direction === "Up" ? "↑" : "↓"} ${r.migrationName}: ${r.status}`);
}

try {
  switch (command) {
    case "migrate":
      report((await migrateToLatest(db)).results);
      break;
    case "rollback":
      report((await rollbackOne(db)).results);
      break;
    case "seed":
      console.log(JSON.stringify(await seed(db)));
      break;
    case "reset":
      await rollbackAll(db);
      report((await migrateToLatest(db)).results);
      console.log(JSON.stringify(await seed(db)));
      break;
    default:
      console.error("usage: npm run db:migrate|db:rollback|db:seed|db:reset (node build/runtime/db.js migrate|rollback|seed|reset)");
      process.exitCode = 2;
  }
  if (!process.exitCode) console.log(`${command}: done (${where})`);
} catch (error) {
  console.error(`${command} failed on ${where}:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
