import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CSRF_COOKIE } from "../app/utils/csrf.server";

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(/;\s*/)) {
    const [key, ...rest] = part.split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/**
 * Security headers on every response, a CSP nonce per response for Remix's inline scripts,
 * and a CSRF token for the visitor (its cookie set the first time a page reads it for a form, which
 * echoes it in a hidden field; see app/utils/csrf.server.ts).
 */
export function securityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: { production: boolean; secureCookies: boolean },
): { csrfToken: string; cspNonce: string } {
  const nonce = randomBytes(16).toString("base64");
  const connect = options.production ? "'self'" : "'self' ws: wss:";
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connect}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  // Secret links carry their token in the query string: never send it to another site.
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  // The cookie is set only when a page uses the token (a form): a public page that does not stays
  // free of cookies, so that it can be cached and shared (server/page-cache.ts, ADR 027).
  const existing = readCookie(req, CSRF_COOKIE);
  let csrf = existing && /^[\w-]{43}$/.test(existing) ? existing : undefined;
  const context = { cspNonce: nonce } as { csrfToken: string; cspNonce: string };
  Object.defineProperty(context, "csrfToken", {
    enumerable: false,
    get() {
      if (!csrf) {
        csrf = randomBytes(32).toString("base64url");
        if (!res.headersSent)
          res.appendHeader("Set-Cookie", `${CSRF_COOKIE}=${csrf}; Path=/; HttpOnly; SameSite=Lax${options.secureCookies ? "; Secure" : ""}`);
      }
      return csrf;
    },
  });
  return context;
}
