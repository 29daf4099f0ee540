import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import compression from "compression";
import serveStatic from "serve-static";

/**
 * Bytes on the wire (ADR 028): responses compressed as they are written (brotli when the client
 * accepts it, else gzip), and the hashed assets of public/build served from the `.br`/`.gz` files
 * the build wrote beside them.
 */

// Text formats only: HTML, Remix's single-fetch data (text/x-script), CSV, plain text, CSS, JS,
// JSON, XML/Atom, SVG. PDF, DOCX, XLSX, ZIP and images are compressed already and are left alone;
// so is text/event-stream, whose events must not wait in a compressor.
const COMPRESSIBLE = /^\s*(?:text\/(?!event-stream)[\w.+-]+|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)\s*(?:;|$)/i;

/** Whether a response of this Content-Type is worth compressing. */
export function compressibleType(contentType: string | number | readonly string[] | undefined): boolean {
  return typeof contentType === "string" && COMPRESSIBLE.test(contentType);
}

const THRESHOLD = 1024;

const middleware = compression({
  filter: (_req, res) => res.statusCode !== 204 && res.statusCode !== 304 && compressibleType(res.getHeader("Content-Type")),
  // Small answers (redirects, 304s, short errors) are not worth a compressor.
  threshold: THRESHOLD,
  // Cheap enough per request: brotli 4 compresses about as well as gzip 6 at a similar speed.
  level: 6,
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
});

/**
 * Makes `res` compress what is written to it when the request accepts it and the response is
 * compressible (decided when the headers are written; Content-Length is then dropped and
 * `Vary: Accept-Encoding` added). Streams stay streams: Remix flushes after every chunk it
 * writes, and those flushes are gathered into one per turn of the event loop, so a download still
 * reaches the client as it is produced while small writes made together are compressed together.
 */
export function compressResponses(req: IncomingMessage, res: ServerResponse): void {
  middleware(req as never, res as never, () => {});
  const patched = res as ServerResponse & { flush?: () => void };
  const flush = patched.flush;
  if (!flush) return;
  let scheduled = false;
  patched.flush = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (!res.destroyed) flush.call(res);
    });
  };
  gatherWritesPerTurn(res);
}

/**
 * What is written in one turn of the event loop goes on as one write at the end of that turn (or
 * with `end`). Remix writes a page as many small chunks (React's, then its own), and each one the
 * compressor is given is a separate round trip to zlib's thread pool: for a 31 KB topic page that
 * cost more than compressing it (ADR 038). Streams stay streams: a chunk never waits past its turn.
 * And a short body (a JSON answer, a small error page — Remix writes even those as a stream without
 * Content-Length, so the compressor cannot tell they are small) that ends in the turn it began is
 * sent whole with its length known, and not compressed when under the threshold.
 */
function gatherWritesPerTurn(res: ServerResponse) {
  const write = res.write;
  const end = res.end;
  let held: Buffer[] = [];
  let scheduled = false;
  const release = () => {
    scheduled = false;
    if (!held.length) return;
    const chunks = held;
    held = [];
    if (!res.destroyed) (write as (chunk: Buffer) => boolean).call(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  };
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (typeof rest[rest.length - 1] === "function") {
      release();
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    }
    held.push(toBuffer(chunk, rest[0]));
    if (!scheduled) {
      scheduled = true;
      setImmediate(release);
    }
    return true;
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const callback = args.find((a) => typeof a === "function");
    const last = typeof args[0] === "function" || args[0] == null ? [] : [toBuffer(args[0], args[1])];
    if (held.length) {
      const chunks = [...held, ...last];
      held = [];
      res.write = write;
      res.end = end;
      return (end as (...a: unknown[]) => ServerResponse).call(this, Buffer.concat(chunks), ...(callback ? [callback] : []));
    }
    res.write = write;
    res.end = end;
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
}

/** The encodings a request accepts among br and gzip, best first (q=0 refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): ("br" | "gzip")[] {
  const quality = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    quality.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const wildcard = quality.get("*") ?? 0;
  const candidates = (["br", "gzip"] as const).map((name, rank) => ({ name, rank, q: quality.get(name) ?? wildcard }));
  return candidates
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.rank - b.rank)
    .map((c) => c.name);
}

const extensions = { br: ".br", gzip: ".gz" } as const;

/**
 * Serves `root` (public/build, whose files are named by their content's hash) from the `.br` or
 * `.gz` file beside each one when the client accepts that encoding, with the original file's
 * Content-Type, `Content-Encoding`, `Vary: Accept-Encoding` and the same immutable caching; the
 * ETag is the encoded file's, so conditional requests (304) keep working per encoding. Otherwise
 * `plain` serves the file as it is (compressed on the fly when it is worth it), or calls `next`.
 */
export function precompressedAssets(root: string, options: { maxAge: string }, plain: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) {
  const servers = Object.fromEntries(
    (["br", "gzip"] as const).map((encoding) => [
      encoding,
      serveStatic(root, {
        immutable: true,
        maxAge: options.maxAge,
        index: false,
        fallthrough: true,
        redirect: false,
        setHeaders(res, path) {
          const original = path.slice(0, -extensions[encoding].length);
          const type = serveStatic.mime.lookup(original);
          const charset = serveStatic.mime.charsets.lookup(type, "");
          res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
          res.setHeader("Content-Encoding", encoding);
          res.setHeader("Vary", "Accept-Encoding");
        },
      }),
    ]),
  ) as Record<"br" | "gzip", ReturnType<typeof serveStatic>>;

  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = req.url ?? "/";
    const [pathname] = url.split("?");
    const encodings = compressibleType(serveStatic.mime.lookup(pathname!)) ? acceptedEncodings(req.headers["accept-encoding"]) : [];
    const attempt = (i: number): void => {
      const encoding = encodings[i];
      if (!encoding) {
        req.url = url;
        return plain(req, res, next);
      }
      req.url = pathname + extensions[encoding];
      servers[encoding](req as never, res as never, () => attempt(i + 1));
    };
    attempt(0);
  };
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (Buffer.isBuffer(chunk)) return chunk;
  const view = chunk as Uint8Array;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
