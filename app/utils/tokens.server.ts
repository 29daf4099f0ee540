import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A random URL-safe secret (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored as their SHA-256 only: the database never holds a usable link or cookie. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// A per-process key where APP_SECRET is not set (development, tests): links signed by one process
// then work only in it, like the form's stamp (submission-guard.server.ts).
let fallbackKey: string | undefined;

/**
 * A token that names a record (`<id>.<mac>`) and proves it was issued by a server holding
 * APP_SECRET: an HMAC of the purpose, the id and the record's own salt. Nothing usable is stored,
 * yet the same token can be put in every email about that record (ADR 039).
 */
export function signedRecordToken(purpose: string, id: number, salt: string): string {
  const secret = process.env.APP_SECRET || (fallbackKey ??= randomBytes(32).toString("hex"));
  const mac = createHmac("sha256", `puente/${purpose}\0${secret}`).update(`${id}\0${salt}`).digest("base64url");
  return `${id}.${mac}`;
}

/** The id a signed token names, before checking it (null: not a token of that shape). */
export function signedRecordId(token: string): number | null {
  const match = /^(\d{1,12})\.[\w-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}
