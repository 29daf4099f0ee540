import { createCookie } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, User } from "../../db/schema";
import { db } from "./db.server";
import { env, publicUrl, secureCookies } from "./env.server";
import { toActor, type Actor } from "./permissions";
import { hashToken, newToken } from "./tokens.server";

const MINUTE = 60_000;
// Writing last_seen_at on every request would make each page a write: once a minute is enough.
const TOUCH_EVERY_MS = MINUTE;

function sessionCookie() {
  return createCookie("puente_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    // No maxAge: the browser forgets it when closed; the server enforces idle and absolute expiry.
  });
}

export type SessionUser = Pick<User, "id" | "email" | "display_name" | "role" | "party_code" | "locale"> & {
  actor: Actor;
};

/** Opens a new session (a fresh token at every sign-in) and returns the Set-Cookie header. */
export async function createSession(database: Kysely<Database>, userId: number): Promise<{ token: string; cookie: string }> {
  const token = newToken();
  const now = Date.now();
  await database
    .insertInto("sessions")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: new Date(now + env().SESSION_MAX_HOURS * 60 * MINUTE).toISOString(),
    })
    .execute();
  return { token, cookie: await sessionCookie().serialize(token) };
}

async function tokenFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length <= 100 ? value : null;
}

/** The signed-in user, or null: no cookie, unknown, idle or expired session, or disabled account. */
export async function getSessionUser(request: Request, database: Kysely<Database> = db): Promise<SessionUser | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  const idHash = hashToken(token);
  const row = await database
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.last_seen_at", "s.expires_at", "u.id", "u.email", "u.display_name", "u.role", "u.party_code", "u.locale", "u.disabled_at"])
    .where("s.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleLimit = Date.parse(row.last_seen_at) + env().SESSION_IDLE_MINUTES * MINUTE;
  if (row.disabled_at || now >= Date.parse(row.expires_at) || now >= idleLimit) {
    await database.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await database
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id_hash", "=", idHash)
      .execute();
  }
  const { disabled_at: _disabled, last_seen_at: _seen, expires_at: _expires, ...user } = row;
  return { ...user, actor: toActor(user) };
}

/** Ends the request's session (if any) and returns the header that clears the cookie. */
export async function destroySession(request: Request, database: Kysely<Database> = db): Promise<string> {
  const token = await tokenFrom(request);
  if (token) await database.deleteFrom("sessions").where("id_hash", "=", hashToken(token)).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

/**
 * Only paths of this site, read the way a browser reads them: the WHATWG URL parser drops tabs
 * and newlines and turns "\\" into "/", so "/\t/evil.example" is "//evil.example", another site.
 * The path is resolved against the site's own origin and kept only when it stays there; what is
 * returned is the parser's normalised (percent-encoded) form, safe as a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  const origin = new URL(publicUrl()).origin;
  let url: URL;
  try {
    url = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" normalises to "//evil.example": a path that would leave the site when read again.
  if (!path.startsWith("/") || path.startsWith("//") || new URL(path, origin).origin !== origin) return fallback;
  return path;
}
