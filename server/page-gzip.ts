import { constants, crc32, deflateRawSync } from "node:zlib";

/*
 * The gzip copy of a cached page, compressed once and joined with each answer's own nonce (ADR 038).
 *
 * A cached page differs between answers only by its CSP nonce (server/page-cache.ts). Compressing
 * it again for every answer cost more than everything else a cache hit does (a 72 KB statistics
 * page: ~3 ms of brotli per request). So the text between the nonces is compressed once, as raw
 * DEFLATE segments each ended by a sync flush (byte-aligned, not final), and each answer is the
 * gzip header, those segments with its nonce between them as stored (uncompressed) blocks, an
 * empty final block, and the CRC-32 and length of what it holds: one valid gzip stream.
 *
 * Each segment is compressed with the page before it as its dictionary (so it may refer back to the
 * head of the page, as one stream would), where every nonce's place holds NUL bytes: a page holds
 * no NUL (else no copy is made), so no back-reference can reach a nonce, which differs per answer.
 *
 * Brotli cannot be joined this way (its decoder carries state across blocks that a separate encoder
 * would not know), so a cached page goes out in gzip when the client accepts it, even if it also
 * accepts brotli: for a 31 KB topic page 6.7 KB instead of 6.6 KB, with no compression per answer.
 */

const WINDOW = 32 * 1024;
const LEVEL = 6;
// ID1 ID2, CM = deflate, no flags, no time, XFL 0, OS unknown.
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
// BFINAL = 1 with fixed codes and only the end-of-block code.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const NONCE_PREFIX = Buffer.from('nonce="', "utf8");
const NONCE_SUFFIX = Buffer.from('"', "utf8");

export interface GzipTemplate {
  /** Compressed segments, one more than the nonces between them. */
  segments: Buffer[];
  /** The uncompressed length of the segments together (the nonces' length is added per answer). */
  plainLength: number;
  /** The nonce length these segments were compressed around (a different one cannot be joined). */
  nonceLength: number;
  bytes: number;
}

/**
 * The compressed segments of a page cut at its nonce attributes (`parts`, as the page cache keeps
 * it), for nonces of `nonceLength` characters; null when the page holds a NUL byte.
 */
export function gzipTemplate(parts: Buffer[], nonceLength: number): GzipTemplate | null {
  if (parts.some((p) => p.includes(0))) return null;
  const placeholder = Buffer.alloc(nonceLength, 0);
  // The segments as the page has them around each nonce value: `…nonce="` | value | `"…nonce="` | …
  const plain = parts.map((part, i) => Buffer.concat([i > 0 ? NONCE_SUFFIX : Buffer.alloc(0), part, i < parts.length - 1 ? NONCE_PREFIX : Buffer.alloc(0)]));
  const segments: Buffer[] = [];
  let before = Buffer.alloc(0);
  for (const [i, segment] of plain.entries()) {
    const dictionary = before.subarray(Math.max(0, before.length - WINDOW));
    segments.push(deflateRawSync(segment, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH, ...(dictionary.length ? { dictionary } : {}) }));
    if (i < plain.length - 1) before = Buffer.concat([before.subarray(Math.max(0, before.length - WINDOW)), segment, placeholder]);
  }
  const plainLength = plain.reduce((n, s) => n + s.length, 0);
  return { segments, plainLength, nonceLength, bytes: segments.reduce((n, s) => n + s.length, 0) };
}

/** The gzip body of one answer: the template's segments with `nonce` between them. */
export function gzipWithNonce(template: GzipTemplate, parts: Buffer[], nonce: string): Buffer {
  const value = Buffer.from(nonce, "utf8");
  if (value.length !== template.nonceLength || value.length > 0xffff) throw new Error("nonce length differs from the template's");
  // A stored block: BFINAL 0, BTYPE 00 (already byte-aligned after a sync flush), LEN, NLEN, bytes.
  const stored = Buffer.alloc(5 + value.length);
  stored.writeUInt16LE(value.length, 1);
  stored.writeUInt16LE(~value.length & 0xffff, 3);
  value.copy(stored, 5);
  const chunks: Buffer[] = [HEADER];
  let crc = 0;
  const count = template.segments.length;
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      chunks.push(stored);
      crc = crc32(NONCE_SUFFIX, crc32(value, crc));
    }
    chunks.push(template.segments[i]!);
    crc = crc32(parts[i]!, crc);
    if (i < count - 1) crc = crc32(NONCE_PREFIX, crc);
  }
  chunks.push(FINAL_BLOCK);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((template.plainLength + (count - 1) * value.length) >>> 0, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}
