// Compiled to build/runtime/start.js (`npm start` runs it after building if needed): migrate, seed
// an empty database, then serve.
export {};

// Demo accounts only when the operator has not declared a production deployment.
const demo = process.env.NODE_ENV !== "production";
process.env.NODE_ENV ??= "production";

const { prepareDatabase } = await import("../db/prepare");
await prepareDatabase({ demo });
const { serve } = await import("../server/index");
await serve();
