import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { logger } from "./logger";
import { security } from "./security";

/**
 * The HTTP server around the Remix build: request log line, security headers and CSRF cookie,
 * static files (hashed assets cached for a year), then Remix.
 */
export function createApp(build: ServerBuild, options: { mode?: string } = {}) {
  const mode = options.mode ?? process.env.NODE_ENV ?? "production";
  const production = mode === "production";
  const secureCookies = process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === "1" : production;
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
  app.use(security({ production, secureCookies }));

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use("/favicon.svg", express.static("public/favicon.svg", { maxAge: "1d" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({
        csrfToken: res.locals.csrfToken as string,
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  // Last resort: never a stack trace outside development.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, "unhandled error");
    if (res.headersSent) return res.end();
    res.status(500).type("text/plain").send(production ? "Internal Server Error" : String((error as Error)?.stack ?? error));
  });
  return app;
}
