import { safeEqual } from "./tokens.server";

export const CSRF_COOKIE = "puente_csrf";
export const CSRF_FIELD = "csrf";

function cookieValue(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(/;\s*/)) {
    const [name, ...rest] = part.split("=");
    if (name === CSRF_COOKIE) return rest.join("=") || null;
  }
  return null;
}

/**
 * Double-submit check: the form's hidden token must equal the visitor's CSRF cookie, which a
 * page on another site can neither read nor set. A mismatch is a 403 and nothing changes.
 */
export function requireCsrf(request: Request, form: FormData): void {
  const cookie = cookieValue(request);
  const field = form.get(CSRF_FIELD);
  if (!cookie || typeof field !== "string" || !safeEqual(cookie, field)) {
    throw new Response("Invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
  }
}
