/*
 * The public pages and API responses that opt in to shared caching (ADR 027): for a visitor
 * without a session, they are the same for everyone at a given publication version, so they carry
 * ETag / Last-Modified, answer 304, may be kept by a CDN and by the in-process page cache
 * (server/page-cache.ts). Nothing here may carry a per-visitor value: on these pages the root
 * loader leaves out the CSRF token (none of them has a form that posts), and the server sets no
 * CSRF cookie. Used by the server and by the root route (which revalidates its data, with the
 * token, when leaving them for a page with a form). Events (ADR 045): the list, an event's page
 * and its `.ics`, the feeds and the JSON — not the registration form nor a registrant's private
 * page (two segments after /events).
 */
const PUBLIC_PAGE =
  /^\/(?:en|fr|es)(?:\/(?:workplan|privacy|stats|events|events\/[^/]+|consultations|consultations\.atom|consultations\/[^/]+|consultations\/[^/]+\/submissions\/[^/]+))?\/?$/;
const PUBLIC_API = /^\/api\/v1\/(?:stats|events|events\.ics|events\/[^/]+|topics|topics\/[^/]+|topics\/[^/]+\/submissions)$/;

/** Whether a path (a page, its single-fetch data "….data", or the public API) opts in. */
export function isPublicPagePath(pathname: string): boolean {
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
  return PUBLIC_PAGE.test(path) || PUBLIC_API.test(path);
}
