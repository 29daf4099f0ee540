// `npm run serve`: the compiled server (build/runtime/server.js) on the built app, without
// migrating first (`npm run db:migrate`). `npm start` migrates, seeds and serves (scripts/start.ts).
import { serve } from "./index";

await serve();
