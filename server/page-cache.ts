import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PublicationClock } from "../app/models/publication.server";
import { db } from "../app/utils/db.server";
import { env } from "../app/utils/env.server";
import { isPublicPagePath } from "../app/utils/public-pages";
import { acceptedEncodings, compressibleType } from "./compression";
import { gzipTemplate, gzipWithNonce } from "./page-gzip";
import { PageLru, type Entry } from "./page-lru";

/*
 * Caching of anonymous public pages (ADR 027). For a GET or HEAD of a page that opts in
 * (app/utils/public-pages.ts) from a visitor without a session:
 * - ETag (publication key + URL + build) and Last-Modified (when public data last changed), and a 304
 *   to If-None-Match / If-Modified-Since before anything is rendered;
 * - Cache-Control a CDN may use (public, s-maxage);
 * - an in-process LRU of rendered pages (bounded in entries and bytes) keyed by publication key + URL
 *   (the URL holds the language), unless PAGE_CACHE=0.
 * Everything else is `private, no-store` unless its route said otherwise; with a session, always.
 *
 * The CSP nonce: a stored page keeps the places where its nonce was, and each answer from the cache
 * writes that response's own fresh nonce there (the one in its Content-Security-Policy header), so
 * a cached page never reuses a nonce and its header always matches its body.
 *
 * Compression: a stored page also keeps a gzip copy compressed once (server/page-gzip.ts, ADR 038),
 * joined with each answer's nonce, so a hit costs no compression for a client that accepts gzip.
 */

const SESSION_COOKIE = "puente_session";
const LOCALE_COOKIE = "lng";
const STALE_WHILE_REVALIDATE = 300;

export interface PageContext {
  cspNonce: string;
  /** Set here for the root loader: this answer must hold nothing of the visitor (no CSRF token). */
  publicPage?: boolean;
  doNotCache?: () => void;
}

export type Render = () => Promise<Response>;
export type Send = (response: Response) => Promise<void>;

/**
 * Wraps rendering a Remix response with the caching rules above. `buildVersion` changes with each
 * build (its pages link other assets), and so do the ETags.
 */
export function createPageCache(buildVersion: string, options: { enabled?: boolean; now?: () => Date } = {}) {
  const settings = env();
  const enabled = options.enabled ?? settings.PAGE_CACHE === "1";
  const clock = new PublicationClock(db, settings.PUBLICATION_POLL_MS, options.now);
  const lru = new PageLru(settings.PAGE_CACHE_MAX_ENTRIES, settings.PAGE_CACHE_MAX_BYTES);
  // Pages of an earlier build may differ even where no data changed: never older than this start.
  const startedAt = Math.floor(Date.now() / 1000) * 1000;
  const publicCacheControl = `public, max-age=0, s-maxage=${settings.PAGE_CACHE_S_MAXAGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

  return async function servePage(req: IncomingMessage, res: ServerResponse, url: string, context: PageContext, render: Render, send: Send) {
    const cookies = req.headers.cookie ?? "";
    const session = hasCookie(cookies, SESSION_COOKIE);
    const { pathname } = new URL(url);
    const candidate = (req.method === "GET" || req.method === "HEAD") && !session && isPublicPagePath(pathname);
    if (!candidate) {
      const response = await render();
      if (session || !response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
      return send(response);
    }

    context.publicPage = true;
    let uncacheable = false;
    context.doNotCache = () => {
      uncacheable = true;
    };
    const state = await clock.current();
    const etag = `W/"${createHash("sha256").update(`${buildVersion}\n${state.key}\n${url}`).digest("base64url").slice(0, 27)}"`;
    const lastModified = new Date(Math.max(state.lastModified.getTime(), startedAt));
    const validators = { ETag: etag, "Last-Modified": lastModified.toUTCString(), "Cache-Control": publicCacheControl };

    if (notModified(req, etag, lastModified)) {
      res.statusCode = 304;
      for (const [name, value] of Object.entries(validators)) res.setHeader(name, value);
      return void res.end();
    }

    const key = `${state.key} ${url}`;
    const hit = enabled ? lru.get(key) : undefined;
    if (hit) return sendEntry(req, res, hit, context.cspNonce, cookies);

    const response = await render();
    if (response.status !== 200 || uncacheable) {
      response.headers.set("Cache-Control", uncacheable ? "no-cache" : "private, no-store");
      return send(response);
    }
    for (const [name, value] of Object.entries(validators)) response.headers.set(name, value);
    if (!enabled || req.method === "HEAD" || !response.body) return send(response);
    const entry = await toEntry(response, context.cspNonce, cookies, res.hasHeader("Set-Cookie"));
    if (typeof entry === "string") {
      // Not storable (it carries a cookie, or the visitor's CSRF token): this answer only.
      response.headers.set("Cache-Control", "private, no-store");
      response.headers.delete("ETag");
      response.headers.delete("Last-Modified");
      return send(new Response(entry === "" ? null : entry, response));
    }
    // A page rendered while the key moved on is still this request's answer, but is not stored.
    if ((await clock.current()).key === state.key) lru.set(key, entry);
    return sendEntry(req, res, entry, context.cspNonce, cookies);
  };

  async function toEntry(response: Response, nonce: string, cookies: string, cookieSetByServer: boolean): Promise<Entry | string> {
    const body = Buffer.from(await response.arrayBuffer());
    const setCookies = response.headers.getSetCookie();
    const localeCookie = setCookies.find((c) => c.startsWith(`${LOCALE_COOKIE}=`)) ?? null;
    const text = body.toString("utf8");
    const csrf = cookieValue(cookies, "puente_csrf");
    if (cookieSetByServer || setCookies.some((c) => c !== localeCookie) || (csrf && text.includes(csrf))) return text;
    const attribute = `nonce="${nonce}"`;
    const parts = text.split(attribute);
    // The nonce anywhere else (it should not be): not stored, since it could not be replaced safely.
    if (parts.some((p) => p.includes(nonce))) return text;
    const headers = [...response.headers].filter(([name]) => name !== "set-cookie" && name !== "content-length");
    const buffers = parts.map((p) => Buffer.from(p, "utf8"));
    const gzip = compressibleType(response.headers.get("Content-Type") ?? undefined) ? gzipTemplate(buffers, Buffer.byteLength(nonce)) : null;
    return { status: response.status, headers, parts: buffers, localeCookie, gzip, bytes: body.length + (gzip?.bytes ?? 0) + 512 };
  }

  function sendEntry(req: IncomingMessage, res: ServerResponse, entry: Entry, nonce: string, cookies: string) {
    // The compressed copy when the client takes gzip (even if it takes brotli too: see page-gzip.ts);
    // otherwise the page as it is, which the compression middleware may still compress (brotli only).
    const gzip =
      req.method === "GET" && entry.gzip?.nonceLength === Buffer.byteLength(nonce) && acceptedEncodings(req.headers["accept-encoding"]).includes("gzip")
        ? gzipWithNonce(entry.gzip, entry.parts, nonce)
        : null;
    let body: Buffer;
    if (gzip) body = gzip;
    else {
      const attribute = Buffer.from(`nonce="${nonce}"`, "utf8");
      const chunks: Buffer[] = [];
      entry.parts.forEach((part, i) => {
        if (i > 0) chunks.push(attribute);
        chunks.push(part);
      });
      body = Buffer.concat(chunks);
    }
    res.statusCode = entry.status;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (gzip) {
      res.setHeader("Content-Encoding", "gzip");
      const vary = String(res.getHeader("Vary") ?? "");
      if (!/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    }
    res.setHeader("Content-Length", body.length);
    if (entry.localeCookie) {
      const wanted = entry.localeCookie.split(";")[0]!;
      if (!cookies.split(/;\s*/).includes(wanted)) res.setHeader("Set-Cookie", [...toArray(res.getHeader("Set-Cookie")), entry.localeCookie]);
    }
    res.end(req.method === "HEAD" ? undefined : body);
  }
}

/** If-None-Match (any of its tags, weak comparison) or else If-Modified-Since (to the second). */
function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    const bare = etag.replace(/^W\//, "");
    return inm
      .split(",")
      .map((t) => t.trim().replace(/^W\//, ""))
      .some((t) => t === bare || t === "*");
  }
  const ims = req.headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function hasCookie(header: string, name: string): boolean {
  return cookieValue(header, name) !== null;
}

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) return part.slice(eq + 1) || null;
  }
  return null;
}

function toArray(value: ReturnType<ServerResponse["getHeader"]>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
