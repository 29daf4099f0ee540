// A streaming multipart/form-data reader (RFC 7578). Remix's parser splits Content-Disposition on
// every ";" and "=", so a file named "Report; final.pdf" or "a=b.pdf" failed the whole form;
// this one reads quoted parameters properly, and reports anything malformed as MalformedForm.

export class MalformedForm extends Error {
  constructor(message: string) {
    super(`malformed form: ${message}`);
    this.name = "MalformedForm";
  }
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: AsyncIterable<Uint8Array>;
}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PREAMBLE_BYTES = 16 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
  const [type, ...params] = splitParameters(contentType ?? "");
  if (type?.toLowerCase() !== "multipart/form-data") return null;
  const boundary = params.map(parameter).find((p) => p?.[0] === "boundary")?.[1];
  return boundary && boundary.length <= 70 ? boundary : null;
}

/** Header parameters split on ";" outside quoted strings. */
function splitParameters(header: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!;
    if (quoted && c === "\\" && i + 1 < header.length) {
      current += c + header[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ";" && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += c;
  }
  out.push(current.trim());
  return out;
}

function parameter(text: string): [string, string] | null {
  const eq = text.indexOf("=");
  if (eq <= 0) return null;
  const key = text.slice(0, eq).trim().toLowerCase();
  let value = text.slice(eq + 1).trim();
  if (value.startsWith('"')) {
    if (value.length < 2 || !value.endsWith('"')) throw new MalformedForm("unterminated quoted parameter");
    value = value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return [key, value];
}

function partHeaders(block: Uint8Array): Omit<FormPart, "data"> {
  let text: string;
  try {
    text = utf8.decode(block);
  } catch {
    throw new MalformedForm("part headers are not UTF-8");
  }
  let disposition: Record<string, string> | undefined;
  let contentType: string | undefined;
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedForm("part header without a colon");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-type") contentType = value;
    if (name === "content-disposition") {
      const [kind, ...params] = splitParameters(value);
      if (kind?.toLowerCase() !== "form-data") throw new MalformedForm("part is not form-data");
      disposition = {};
      for (const p of params) {
        const kv = p ? parameter(p) : null;
        if (kv) disposition[kv[0]] = kv[1];
      }
    }
  }
  if (!disposition?.name) throw new MalformedForm("part without a name");
  const extended = disposition["filename*"] && /^utf-8''(.*)$/i.exec(disposition["filename*"]);
  let filename = disposition.filename;
  if (extended) {
    try {
      filename = decodeURIComponent(extended[1]!);
    } catch {
      throw new MalformedForm("bad filename*");
    }
  }
  // Only the last path segment, as browsers send and RFC 7578 asks.
  if (filename !== undefined) filename = filename.split(/[/\\]/).pop() ?? "";
  return { name: disposition.name, filename, contentType };
}

/**
 * The parts of a multipart body, one at a time. Each part's data must be read (or is skipped)
 * before the next part is produced; nothing is buffered beyond a chunk and a delimiter.
 */
export async function* readMultipart(body: ReadableStream<Uint8Array>, boundary: string): AsyncGenerator<FormPart> {
  const source = body.getReader();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer = Buffer.alloc(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await source.read();
    if (next.done) {
      ended = true;
      return false;
    }
    buffer = buffer.length ? Buffer.concat([buffer, next.value]) : Buffer.from(next.value);
    return true;
  };
  try {
    // Preamble: the body starts with the first delimiter, which has no CRLF before it.
    buffer = Buffer.from("\r\n");
    for (;;) {
      const at = buffer.indexOf(delimiter);
      if (at >= 0) {
        buffer = buffer.subarray(at + delimiter.length);
        break;
      }
      if (buffer.length > MAX_PREAMBLE_BYTES) throw new MalformedForm("no opening boundary");
      if (!(await more())) throw new MalformedForm("no opening boundary");
    }
    for (;;) {
      while (buffer.length < 2) if (!(await more())) throw new MalformedForm("cut short after a boundary");
      if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
        // "--": the closing delimiter. Read the epilogue (a CRLF from browsers) to the end of the
        // body, so the connection can serve the next request; a long one is left unread.
        for (let epilogue = buffer.length; epilogue < MAX_PREAMBLE_BYTES && (await more()); epilogue = buffer.length);
        return;
      }
      // Transport padding after the delimiter, then CRLF.
      let eol = buffer.indexOf("\r\n");
      while (eol < 0) {
        if (buffer.length > 1024 || !(await more())) throw new MalformedForm("bad boundary line");
        eol = buffer.indexOf("\r\n");
      }
      if (buffer.subarray(0, eol).toString("latin1").trim() !== "") throw new MalformedForm("bad boundary line");
      buffer = buffer.subarray(eol + 2);
      let end = buffer.indexOf("\r\n\r\n");
      while (end < 0) {
        if (buffer.length > MAX_HEADER_BYTES || !(await more())) throw new MalformedForm("part headers cut short or too long");
        end = buffer.indexOf("\r\n\r\n");
      }
      const headers = partHeaders(buffer.subarray(0, end));
      buffer = buffer.subarray(end + 4);
      let done = false;
      // The next piece of this part's data, or null at its end.
      const nextChunk = async (): Promise<Uint8Array | null> => {
        while (!done) {
          const at = buffer.indexOf(delimiter);
          if (at >= 0) {
            const chunk = buffer.subarray(0, at);
            buffer = buffer.subarray(at + delimiter.length);
            done = true;
            return chunk;
          }
          // Keep what could be the start of a delimiter cut across chunks.
          const keep = Math.min(buffer.length, delimiter.length - 1);
          const chunk = buffer.subarray(0, buffer.length - keep);
          buffer = buffer.subarray(buffer.length - keep);
          if (chunk.length) return chunk;
          if (!(await more())) throw new MalformedForm("cut short inside a part");
        }
        return null;
      };
      const data: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const chunk = await nextChunk();
            return chunk ? { value: chunk, done: false } : { value: undefined, done: true };
          },
          // A consumer that stops early leaves the rest to be skipped below.
          return: async () => ({ value: undefined, done: true }),
        }),
      };
      yield { ...headers, data };
      while (await nextChunk()); // whatever the consumer left unread is skipped
    }
  } finally {
    source.releaseLock();
  }
}
