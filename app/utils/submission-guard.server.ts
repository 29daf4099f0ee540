import { createHmac, randomBytes } from "node:crypto";
import { safeEqual } from "./tokens.server";

// Abuse checks for the public form: a honeypot field, a minimum fill time and a per-address
// rate limit. The rate limit counts in this process's memory (per app server).

// Required in production (env.server.ts); a random one per process elsewhere.
const secret = process.env.APP_SECRET || randomBytes(32).toString("hex");

/** A signed "form shown at" stamp, so the minimum fill time cannot be faked by editing the field. */
export function formStamp(now = Date.now()): string {
  const sig = createHmac("sha256", secret).update(String(now)).digest("base64url").slice(0, 22);
  return `${now}.${sig}`;
}

export function minFillSeconds(): number {
  return Number(process.env.SUBMISSION_MIN_FILL_SECONDS ?? 3);
}

/** True when the stamp is ours and at least the minimum fill time old (and under a day). */
export function filledByAPerson(stamp: unknown, now = Date.now()): boolean {
  if (minFillSeconds() <= 0) return true;
  if (typeof stamp !== "string") return false;
  const [time, sig] = stamp.split(".");
  if (!time || !sig) return false;
  const expected = createHmac("sha256", secret).update(time).digest("base64url").slice(0, 22);
  if (!safeEqual(sig, expected)) return false;
  const age = now - Number(time);
  return age >= minFillSeconds() * 1000 && age < 86_400_000;
}

const hits = new Map<string, number[]>();

/** Allows `SUBMISSION_RATE_LIMIT` submissions per address per hour (0 turns the limit off). */
export function withinRateLimit(address: string, now = Date.now()): boolean {
  const limit = Number(process.env.SUBMISSION_RATE_LIMIT ?? 10);
  if (limit <= 0) return true;
  const recent = (hits.get(address) ?? []).filter((t) => now - t < 3_600_000);
  if (recent.length >= limit) {
    hits.set(address, recent);
    return false;
  }
  recent.push(now);
  hits.set(address, recent);
  if (hits.size > 50_000) hits.clear(); // bounded memory under a flood of addresses
  return true;
}
