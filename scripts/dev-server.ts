// `npm run dev`: remix dev rebuilds on change and restarts this process.
import { buildRuntime } from "./build.mjs";

process.env.NODE_ENV = "development";
const { checkEnv } = await import("../app/utils/env.server");
checkEnv();
// The app starts its workers from their compiled files (ADR 022): compile them once here.
await buildRuntime({ entries: false });
const { prepareDatabase } = await import("./prepare-database");
await prepareDatabase({ demo: true });
const { serve } = await import("../server/index");
await serve();
