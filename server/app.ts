import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { logger } from "./logger";

/**
 * The HTTP server around the Remix build: static files with long caching for hashed assets,
 * a one-line log per request, then Remix.
 */
export function createApp(build: ServerBuild, options: { mode?: string } = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1");

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      // Path only: query strings may carry secret links and search terms.
      logger.info({
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use("/favicon.svg", express.static("public/favicon.svg", { maxAge: "1d" }));
  app.all("*", createRequestHandler({ build, mode: options.mode ?? process.env.NODE_ENV }));
  return app;
}
