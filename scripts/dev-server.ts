// `npm run dev`: remix dev rebuilds on change and restarts this process.
export {};
process.env.NODE_ENV = "development";
const { prepareDatabase } = await import("../db/prepare");
await prepareDatabase({ demo: true });
const { serve } = await import("../server/index");
await serve();
