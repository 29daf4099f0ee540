// Serves the built app: `npm start` (scripts/start.ts) or `npm run serve` (server/main.ts), compiled.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { createApp } from "./app";
import { flushLogger, logger } from "./logger";

export async function serve(port = Number(process.env.PORT ?? 3000)) {
  const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  const server = createServer(createApp(build));
  server.listen(port, () => {
    const address = server.address();
    const actual = typeof address === "object" && address ? address.port : port;
    // Links in emails use PUBLIC_URL, or this port on localhost when it is not set.
    process.env.PORT = String(actual);
    if (process.env.NODE_ENV === "production" && !process.env.PUBLIC_URL) {
      console.warn("PUBLIC_URL is not set: links in emails point to http://localhost. Set it to the portal's public address.");
    }
    console.log(`Puente listening on http://localhost:${actual}`);
    // Under `npm run dev`, remix dev restarts this process on each rebuild and waits for this.
    if (process.env.NODE_ENV === "development") void broadcastDevReady(build);
  });
  const stop = () => {
    server.close(() => {
      flushLogger();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  server.on("error", (error) => {
    logger.error(error);
    console.error(error.message);
    process.exit(1);
  });
  return server;
}
