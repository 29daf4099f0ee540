// Compiled to build/runtime/start.js (`npm start` runs it after building if needed): check the
// configuration, migrate, seed an empty database, then serve.
export {};

process.env.NODE_ENV ||= "production";
const { checkEnv, demoEnabled } = await import("../app/utils/env.server");
checkEnv();

const { prepareDatabase } = await import("./prepare-database");
await prepareDatabase({ demo: demoEnabled() });
const { serve } = await import("../server/index");
await serve();
