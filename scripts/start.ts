// `npm start`: build if the sources changed, migrate, seed an empty database, then serve.
import { buildIfNeeded } from "./build-if-needed";

// Demo accounts only when the operator has not declared a production deployment.
const demo = process.env.NODE_ENV !== "production";
process.env.NODE_ENV ??= "production";

try {
  buildIfNeeded();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const { prepareDatabase } = await import("../db/prepare");
await prepareDatabase({ demo });
const { serve } = await import("../server/index");
await serve();
