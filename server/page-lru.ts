// The in-process store of rendered anonymous pages (server/page-cache.ts, ADR 027).
import type { GzipTemplate } from "./page-gzip";

export interface Entry {
  status: number;
  headers: Array<[string, string]>;
  /** The body cut at each nonce attribute's value: joined with the response's nonce. */
  parts: Buffer[];
  /** The language cookie the page sets for a visitor whose cookie says another language. */
  localeCookie: string | null;
  /** The same body compressed once, to be joined with each answer's nonce (null: not compressible so). */
  gzip?: GzipTemplate | null;
  bytes: number;
}

/** A map in least-recently-used order, bounded in entries and in bytes. */
export class PageLru {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get size() {
    return this.#entries.size;
  }

  get bytes() {
    return this.#bytes;
  }

  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry) {
    if (entry.bytes > this.maxBytes) return;
    this.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [oldest, old] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= old.bytes;
    }
  }

  delete(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
