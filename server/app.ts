import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import serveStatic from "serve-static";
import { bodyLimit } from "../app/utils/body-limits";
import { env, secureCookies as cookiesAreSecure } from "../app/utils/env.server";
import { clientAddress } from "./client-address";
import { compressResponses, precompressedAssets } from "./compression";
import { logger } from "./logger";
import { createPageCache } from "./page-cache";
import { installFormDataRefusals, limitedBody } from "./request-body";
import { securityHeaders } from "./security";

// Form posts up to this size with a declared length (within their route's limit) are read whole
// before Remix sees them; anything else stays a stream counted against the route's limit.
const BUFFERED_BODY_LIMIT = 256 * 1024;
// After a refusal, the connection is closed at the latest this long after the answer.
const CLOSE_UNREAD_AFTER_MS = 5000;
const LINGER_BYTES = 4 * 1024 * 1024;

/**
 * The HTTP server around the Remix build, on node:http (ADR 005): request log line, security
 * headers and CSRF cookie, static files (hashed assets cached for a year), then Remix behind the
 * page cache (ADR 027).
 */
export function createApp(build: ServerBuild, options: { mode?: string } = {}): RequestListener {
  const mode = options.mode ?? process.env.NODE_ENV ?? "production";
  const production = mode === "production";
  const secureCookies = cookiesAreSecure();
  const proxyHops = env().TRUST_PROXY;
  const trustProxy = proxyHops > 0;
  installFormDataRefusals();
  const handleRequest = createRequestHandler(build, mode);
  // ETag, Last-Modified, 304, Cache-Control and the in-process cache of anonymous public pages.
  const servePage = createPageCache(build.assets.version);
  const assets = serveStatic("public/build", {
    immutable: true,
    maxAge: "1y",
    index: false,
    fallthrough: true,
  });
  // The same files, from the .br/.gz the build wrote beside them when the client accepts one.
  const hashedAssets = precompressedAssets("public/build", { maxAge: "1y" }, assets);
  const favicon = serveStatic("public", {
    maxAge: "1d",
    index: false,
    fallthrough: true,
  });

  const remix = async (req: IncomingMessage, res: ServerResponse, context: { csrfToken: string; cspNonce: string }) => {
    const controller = new AbortController();
    res.once("close", () => res.writableFinished || controller.abort());
    const url = requestUrl(req, trustProxy);
    const headers = requestHeaders(req);
    // Not a copy: the CSRF token is a getter that sets its cookie when a page first reads it.
    const loadContext = Object.assign(context, {
      clientAddress: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxyHops),
    });
    if (crossOrigin(req.method, headers)) {
      return send(req, res, await refusal(url, headers, loadContext, 403, "CrossOrigin"));
    }
    // The API reads no bodies; one declared over the limit gets its JSON 413 here (pages get
    // theirs from the route reading the form, so single-fetch clients get it as data).
    if ((req.url ?? "").startsWith("/api/") && Number(req.headers["content-length"]) > bodyLimit(req.url ?? "/")) {
      return send(req, res, await refusal(url, headers, loadContext, 413, "BodyTooLarge"));
    }
    const request = new Request(url, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(await requestBody(req)),
    });
    await servePage(
      req,
      res,
      url,
      loadContext,
      () => handleRequest(request, loadContext),
      (response) => send(req, res, response),
    );
  };

  // A refusal made before Remix runs a route: a translated error page for the path's language
  // (the catch-all route throws the status it is given), or JSON under /api.
  const refusal = async (url: string, headers: Headers, context: Record<string, unknown>, status: number, statusText: string): Promise<Response> => {
    const { origin, pathname } = new URL(url);
    if (pathname.startsWith("/api/")) {
      return Response.json({ error: statusText }, { status, statusText, headers: { Connection: "close" } });
    }
    const lang = /^\/(en|fr|es)(?=[/.]|$)/.exec(pathname)?.[1] ?? "en";
    const page = new Headers();
    for (const name of ["cookie", "accept-language", "host"]) {
      const value = headers.get(name);
      if (value) page.set(name, value);
    }
    const response = await handleRequest(new Request(`${origin}/${lang}/__refused`, { headers: page }), { ...context, refusal: { status, statusText } });
    return response;
  };

  const send = async (req: IncomingMessage, res: ServerResponse, response: Response) => {
    res.statusCode = response.status;
    if (response.statusText) res.statusMessage = response.statusText;
    for (const [key, value] of response.headers) {
      if (key !== "set-cookie") res.setHeader(key, value);
    }
    if (!req.complete) lingeringClose(req, res);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("Set-Cookie", [...toArray(res.getHeader("Set-Cookie")), ...cookies]);
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
    compressResponses(req, res);
    const fail = (error: unknown) => {
      logger.error({ err: error }, "unhandled error");
      // Last resort: never a stack trace outside development.
      if (res.headersSent) return void res.end();
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(production ? "Internal Server Error" : String((error as Error)?.stack ?? error));
    };
    const toRemix = () => remix(req, res, context).catch(fail);
    const url = req.url ?? "/";
    if (req.method === "GET" || req.method === "HEAD") {
      if (url.startsWith("/build/")) {
        req.url = url.slice("/build".length);
        return hashedAssets(req, res, () => {
          req.url = url;
          void toRemix();
        });
      }
      if (url === "/favicon.svg") return favicon(req, res, () => void toRemix());
    }
    void toRemix();
  };
}

function requestUrl(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? first(req.headers["x-forwarded-proto"]) : undefined;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted;
  const protocol = forwarded ?? (encrypted ? "https" : "http");
  const host = (trustProxy ? first(req.headers["x-forwarded-host"]) : undefined) ?? req.headers.host ?? "localhost";
  return `${protocol}://${host}${req.url ?? "/"}`;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * The body for Remix, never more than the route's limit (app/utils/body-limits.ts): a small form
 * with a declared length within it is read whole; anything else is a stream that errors past the
 * limit (at once when the declared length is over it), which the route's form reading turns into
 * a translated 413 (server/request-body.ts, app/web/submission-form.server.ts).
 */
async function requestBody(req: IncomingMessage): Promise<{ body?: BodyInit; duplex?: "half" }> {
  if (req.method === "GET" || req.method === "HEAD") return {};
  const limit = bodyLimit((req.url ?? "/").split("?")[0]!, req.headers["content-type"]);
  const length = Number(req.headers["content-length"]);
  const multipart = (req.headers["content-type"] ?? "").startsWith("multipart/");
  if (!multipart && Number.isInteger(length) && length <= Math.min(BUFFERED_BODY_LIMIT, limit)) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return { body: Buffer.concat(chunks) };
  }
  return { body: limitedBody(req, limit), duplex: "half" };
}

/**
 * Remix refuses an action whose Origin is not this host with a plain error (a 500); the same
 * check here (same headers, same comparison) answers it with a translated 403 instead.
 */
function crossOrigin(method: string | undefined, headers: Headers): boolean {
  if (!["POST", "PUT", "PATCH", "DELETE"].includes(method ?? "")) return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return origin === "null" || !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Answers a request whose body was refused or left unread with "Connection: close", then closes
 * it the way a client can live with ("lingering close"): node would destroy the socket as soon as
 * the answer is written, which resets the connection while the body is still arriving, and a client
 * busy sending then loses the answer. Instead only the server's side is ended (FIN), some of what is
 * left of the body is read and dropped, and the socket is destroyed after CLOSE_UNREAD_AFTER_MS.
 */
function lingeringClose(req: IncomingMessage, res: ServerResponse) {
  const socket = req.socket;
  res.setHeader("Connection", "close");
  socket.destroySoon = () => void socket.end();
  res.once("finish", () => {
    // Up to LINGER_BYTES are read and dropped; past that the client's writes block, which leaves
    // even a busy client free to read the answer.
    let dropped = 0;
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) req.pause();
    });
    req.resume();
    const timer = setTimeout(() => socket.destroy(), CLOSE_UNREAD_AFTER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toArray(value: ReturnType<ServerResponse["getHeader"]>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
