import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import type { UploadHandler } from "@remix-run/node";

/** Uploaded files live here, outside public/: they are only ever served by a route that checks access. */
export function filesDir(): string {
  const dir = resolve(process.env.FILES_DIR ?? "data/files");
  mkdirSync(dir, { recursive: true });
  return dir;
}

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
 * Streams an upload to disk under a random key, counting bytes as they come: past `maxBytes` it
 * stops reading and throws, so a huge file is never buffered. The kind is checked on the first bytes.
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
  const dir = filesDir();
  const key = randomBytes(18).toString("base64url");
  const partial = join(dir, `${key}.part`);
  const out = createWriteStream(partial, { flags: "wx" });
  const hash = createHash("sha256");
  let size = 0;
  let head = Buffer.alloc(0);
  // A client that goes away mid-upload may leave the body stream hanging: clean up on abort.
  // The file is opened asynchronously: remove it only once the stream has closed, or a removal
  // racing the open would leave a ".part" file behind.
  const discard = async () => {
    if (!out.closed) await new Promise<void>((done) => out.once("close", () => done()).destroy());
    await rm(partial, { force: true });
  };
  const onAbort = () => void discard();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
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
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    if (refused) throw refused;
    if (size === 0) throw new UploadRejected("empty");
    const kind = sniff(head);
    if (!kind || !options.accept.includes(kind)) throw new UploadRejected("type");
    await new Promise<void>((res, rej) => out.end((error?: Error | null) => (error ? rej(error) : res())));
    await rename(partial, join(dir, key));
    return { key, name: cleanFileName(name), size, sha256: hash.digest("hex"), kind };
  } catch (error) {
    await discard();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
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
  await rm(join(filesDir(), key), { force: true });
}

/** A stored file as a response body, with headers that make the browser download it safely. */
export async function fileResponse(
  key: string,
  file: { name: string; kind?: FileKind; contentType?: string; size: number },
  options: { inline?: boolean } = {},
) {
  if (!/^[\w-]{24}$/.test(key)) throw new Response("Not found", { status: 404 });
  const path = join(filesDir(), key);
  await stat(path).catch(() => {
    throw new Response("Not found", { status: 404 });
  });
  const types: Record<FileKind, string> = {
    pdf: "application/pdf",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text",
    txt: "text/plain; charset=utf-8",
  };
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "Content-Type": file.contentType ?? types[file.kind ?? "txt"],
      "Content-Length": String(file.size),
      "Content-Disposition": `${options.inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=300",
    },
  });
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
