// `npm run serve`: the compiled server (build/runtime/server.js) on the built app, without
// migrating first (`npm run db:migrate`). `npm start` migrates, seeds and serves (scripts/start.ts).
import { checkEnv } from "../app/utils/env.server";

process.env.NODE_ENV ||= "production";
// Before the server's modules load: some read their variable when loaded (the logger's level).
checkEnv();
const { serve } = await import("./index");
await serve();
