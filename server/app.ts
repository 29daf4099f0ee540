import type {
  IncomingMessage,
  RequestListener,
  ServerResponse,
} from "node:http";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import serveStatic from "serve-static";
import { logger } from "./logger";
import { securityHeaders } from "./security";

// Form posts up to this size are read whole before Remix sees them; larger bodies and uploads
// stay streams, so the upload limits still cut them off while they arrive.
const BUFFERED_BODY_LIMIT = 256 * 1024;

/**
 * The HTTP server around the Remix build, on node:http (ADR 005): request log line, security
 * headers and CSRF cookie, static files (hashed assets cached for a year), then Remix.
 */
export function createApp(
  build: ServerBuild,
  options: { mode?: string } = {}
): RequestListener {
  const mode = options.mode ?? process.env.NODE_ENV ?? "production";
  const production = mode === "production";
  const secureCookies = process.env.COOKIE_SECURE
    ? process.env.COOKIE_SECURE === "1"
    : production;
  const trustProxy = process.env.TRUST_PROXY === "1";
  const handleRequest = createRequestHandler(build, mode);
  const assets = serveStatic("public/build", {
    immutable: true,
    maxAge: "1y",
    index: false,
    fallthrough: true,
  });
  const favicon = serveStatic("public", {
    maxAge: "1d",
    index: false,
    fallthrough: true,
  });

  const remix = async (
    req: IncomingMessage,
    res: ServerResponse,
    context: { csrfToken: string; cspNonce: string }
  ) => {
    const controller = new AbortController();
    res.once("close", () => res.writableFinished || controller.abort());
    const request = new Request(requestUrl(req, trustProxy), {
      method: req.method,
      headers: requestHeaders(req),
      signal: controller.signal,
      ...(await requestBody(req)),
    });
    const response = await handleRequest(request, {
      ...context,
      clientAddress: clientAddress(req, trustProxy),
    });
    res.statusCode = response.status;
    if (response.statusText) res.statusMessage = response.statusText;
    for (const [key, value] of response.headers) {
      if (key !== "set-cookie") res.setHeader(key, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length)
      res.setHeader("Set-Cookie", [
        ...toArray(res.getHeader("Set-Cookie")),
        ...cookies,
      ]);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  };

  return (req, res) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      // Path only: query strings may carry secret links and search terms.
      logger.info({
        method: req.method,
        path: (req.url ?? "/").split("?")[0],
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    const context = securityHeaders(req, res, { production, secureCookies });
    const fail = (error: unknown) => {
      logger.error({ err: error }, "unhandled error");
      // Last resort: never a stack trace outside development.
      if (res.headersSent) return void res.end();
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(
        production
          ? "Internal Server Error"
          : String((error as Error)?.stack ?? error)
      );
    };
    const toRemix = () => remix(req, res, context).catch(fail);
    const url = req.url ?? "/";
    if (req.method === "GET" || req.method === "HEAD") {
      if (url.startsWith("/build/")) {
        req.url = url.slice("/build".length);
        return assets(req, res, () => {
          req.url = url;
          void toRemix();
        });
      }
      if (url === "/favicon.svg")
        return favicon(req, res, () => void toRemix());
    }
    void toRemix();
  };
}

function requestUrl(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? first(req.headers["x-forwarded-proto"])
    : undefined;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted;
  const protocol = forwarded ?? (encrypted ? "https" : "http");
  const host =
    (trustProxy ? first(req.headers["x-forwarded-host"]) : undefined) ??
    req.headers.host ??
    "localhost";
  return `${protocol}://${host}${req.url ?? "/"}`;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

async function requestBody(
  req: IncomingMessage
): Promise<{ body?: BodyInit; duplex?: "half" }> {
  if (req.method === "GET" || req.method === "HEAD") return {};
  const length = Number(req.headers["content-length"]);
  const multipart = (req.headers["content-type"] ?? "").startsWith(
    "multipart/"
  );
  if (!multipart && Number.isInteger(length) && length <= BUFFERED_BODY_LIMIT) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return { body: Buffer.concat(chunks) };
  }
  return { body: createReadableStreamFromReadable(req), duplex: "half" };
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? first(req.headers["x-forwarded-for"])?.split(",")[0]?.trim()
    : undefined;
  return forwarded || req.socket.remoteAddress || "unknown";
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toArray(value: ReturnType<ServerResponse["getHeader"]>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
