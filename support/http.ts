import { CSRF_COOKIE_PAIR, CSRF_TOKEN } from "./factories";

/** GET without following redirects. */
export function get(base: string, path: string, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(base + path, { redirect: "manual", headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

/**
 * A form POST as a browser without JavaScript sends it, with the CSRF token unless told otherwise.
 * An array value is sent as that field repeated (checkboxes).
 */
export function postForm(base: string, path: string, fields: Record<string, string | string[]>, options: { cookie?: string; csrf?: string | null } = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const csrf = options.csrf === undefined ? CSRF_TOKEN : options.csrf;
  if (csrf !== null) body.set("csrf", csrf);
  return fetch(base + path, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: options.cookie ?? CSRF_COOKIE_PAIR },
    body,
  });
}

/** The cookie pairs a response sets, as a Cookie header for the next request. */
export function cookiesFrom(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split(/;\s*/)
      .filter(Boolean)
      .map((p) => [p.split("=")[0]!, p] as const),
  );
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (/max-age=0/i.test(line) || pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
