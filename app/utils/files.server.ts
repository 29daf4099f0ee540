import { Readable } from "node:stream";
import type { UploadHandler } from "@remix-run/node";
import { newStorageKey, storage } from "./storage.server";

// Uploaded files are kept in the file store (utils/storage.server.ts), never under public/: they
// are only ever served by a route that checks access.

export type FileKind = "pdf" | "docx" | "odt" | "txt";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function looksLikeText(head: Buffer): boolean {
  // Valid UTF-8 (a multi-byte character cut at the end of the sample is allowed) without binary control bytes.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(head.toString("latin1"))) return false;
  try {
    // stream: true tolerates a character cut at the end of the sample, and only there.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** What a file is, from its first bytes — never from its name or the browser's word. */
export function sniff(head: Buffer): FileKind | null {
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head.subarray(0, 4).equals(ZIP)) {
    const text = head.toString("latin1");
    if (text.includes("mimetypeapplication/vnd.oasis.opendocument.text")) return "odt";
    if (text.includes("[Content_Types].xml") || text.includes("word/")) return "docx";
    return null;
  }
  return looksLikeText(head) ? "txt" : null;
}

export class UploadRejected extends Error {
  constructor(
    readonly reason: "too_large" | "type" | "empty" | "too_many",
    /** The whole request is over its limit: stop reading it. */
    readonly fatal = false,
  ) {
    super(`upload rejected: ${reason}`);
  }
}

export interface StoredFile {
  key: string;
  name: string;
  size: number;
  sha256: string;
  kind: FileKind;
}

/**
 * Streams an upload into the file store under a random key, counting bytes as they come: past
 * `maxBytes` it stops reading and throws, so a huge file is never buffered. The kind is checked on
 * the first bytes.
 */
export async function storeUpload(
  data: AsyncIterable<Uint8Array>,
  name: string,
  options: {
    maxBytes: number;
    accept: FileKind[];
    signal?: AbortSignal;
    /**
     * Read the rest of a refused file (without keeping it) before throwing, so the other fields of
     * the form can still be read; `budget.bytes` bounds how much may be read in all.
     */
    drain?: { budget: { bytes: number } };
  },
): Promise<StoredFile> {
  const key = newStorageKey();
  let size = 0;
  let head = Buffer.alloc(0);
  // The chunks to keep, checked as they pass; a refusal is thrown at the end of the file (or at
  // once without `drain`), which makes the store discard what it was given.
  async function* accepted(): AsyncGenerator<Uint8Array> {
    let refused: UploadRejected | null = null;
    for await (const chunk of data) {
      if (options.signal?.aborted) throw new UploadRejected("empty");
      if (options.drain) {
        options.drain.budget.bytes -= chunk.length;
        if (options.drain.budget.bytes < 0) throw new UploadRejected("too_large", true);
      }
      if (refused) continue;
      size += chunk.length;
      if (size > options.maxBytes) {
        refused = new UploadRejected("too_large");
        if (!options.drain) throw refused;
        continue;
      }
      if (head.length < 4096) {
        head = Buffer.concat([head, Buffer.from(chunk)]).subarray(0, 4096);
        // Refuse as early as the first bytes allow, rather than after storing a whole wrong file.
        const pdfOrZip = head.subarray(0, 5).toString("latin1") === "%PDF-" || head.subarray(0, 4).equals(ZIP);
        if (head.length >= 8 && !pdfOrZip && !(options.accept.includes("txt") && looksLikeText(head))) {
          refused = new UploadRejected("type");
          if (!options.drain) throw refused;
          continue;
        }
      }
      yield chunk;
    }
    if (refused) throw refused;
    if (size === 0) throw new UploadRejected("empty");
    const kind = sniff(head);
    if (!kind || !options.accept.includes(kind)) throw new UploadRejected("type");
  }
  const stored = await storage().put(key, accepted(), { signal: options.signal });
  return { key, name: cleanFileName(name), size: stored.size, sha256: stored.sha256, kind: sniff(head)! };
}

export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "file";
  return base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "_").slice(0, 150) || "file";
}

/** An upload handler that stores the named file field and passes on its description as JSON text. */
export function fileFieldHandler(field: string, options: { maxBytes: number; accept: FileKind[]; signal?: AbortSignal }): UploadHandler {
  return async ({ name, filename, data }) => {
    if (name !== field || !filename) return undefined;
    const stored = await storeUpload(data, filename, options);
    return JSON.stringify(stored);
  };
}

export async function removeStored(key: string) {
  if (!/^[\w-]{24}$/.test(key)) return;
  await storage().delete(key);
}

/**
 * A stored file as a response body, with headers that make the browser download it safely. The
 * body streams from the store (local folder or S3), never held whole in memory.
 */
export async function fileResponse(
  key: string,
  file: { name: string; kind?: FileKind; contentType?: string; size: number },
  options: { inline?: boolean } = {},
) {
  if (!/^[\w-]{24}$/.test(key)) throw new Response("Not found", { status: 404 });
  const object = await storage().get(key);
  if (!object) throw new Response("Not found", { status: 404 });
  const types: Record<FileKind, string> = {
    pdf: "application/pdf",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text",
    txt: "text/plain; charset=utf-8",
  };
  const stream = Readable.toWeb(object.body) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "Content-Type": file.contentType ?? types[file.kind ?? "txt"],
      // What the store holds (the same as the record's size unless the file was damaged since).
      "Content-Length": String(object.size),
      "Content-Disposition": `${options.inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=300",
    },
  });
}

/**
 * A stored file that anyone may download and that changes only when rebuilt (the public summary
 * files, ADR 033): `ETag` is its SHA-256, `Last-Modified` when it was built; a matching
 * `If-None-Match` (else `If-Modified-Since`) is answered 304 and a HEAD without opening the file.
 * The body streams from the store; null when the store has lost it.
 */
export async function publicFileResponse(
  request: Request,
  key: string,
  file: { name: string; contentType: string; size: number; sha256: string; modifiedAt: Date; cacheControl: string },
): Promise<Response | null> {
  const etag = `"${file.sha256}"`;
  const lastModified = new Date(Math.floor(file.modifiedAt.getTime() / 1000) * 1000);
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": file.cacheControl,
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  const ifModifiedSince = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(",").some((tag) => ["*", etag, `W/${etag}`].includes(tag.trim()))
    : !Number.isNaN(ifModifiedSince) && lastModified.getTime() <= ifModifiedSince;
  if (notModified) {
    const { "Content-Type": _type, "Content-Disposition": _name, ...kept } = headers;
    return new Response(null, { status: 304, headers: kept });
  }
  // Remix drops a HEAD response's body without cancelling it: no stream is opened for one.
  if (request.method === "HEAD") return new Response(null, { headers: { ...headers, "Content-Length": String(file.size) } });
  const object = await storage().get(key);
  if (!object) return null;
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { headers: { ...headers, "Content-Length": String(object.size) } });
}

/**
 * Reads and drops a request body we refuse (up to `maxBytes`), so the client gets our answer
 * instead of a reset connection while it is still sending.
 */
export async function discardBody(request: Request, maxBytes: number): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  let seen = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.length;
      if (seen > maxBytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing to answer.
  }
}
