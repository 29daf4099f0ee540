// `npm start`: build if the sources changed, migrate, seed an empty database, then serve.
import { buildIfNeeded } from "./build-if-needed";

process.env.NODE_ENV ??= "production";

try {
  buildIfNeeded();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const { prepareDatabase } = await import("../db/prepare");
await prepareDatabase();
const { serve } = await import("../server/index");
await serve();
