import type { Kysely } from "kysely";
import { createDb } from "../../db/client";
import type { Database } from "../../db/schema";

declare global {
  var __puenteDb: Kysely<Database> | undefined;
}

/** The one database client of this process (kept across rebuilds in development). */
export const db: Kysely<Database> = (globalThis.__puenteDb ??= createDb());
