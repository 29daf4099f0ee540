import "@remix-run/node";

declare module "@remix-run/node" {
  // Single fetch types: useLoaderData/useActionData understand data() and plain objects.
  interface Future {
    v3_singleFetch: true;
  }

  interface AppLoadContext {
    /** The visitor's CSRF token (also in the puente_csrf cookie), for hidden form fields. */
    csrfToken?: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce?: string;
    /** The client's address for limits (sign-in throttle, submission rate): IPv6 grouped by /64. */
    clientAddress?: string;
    /** A refusal server/app.ts made before any route ran (body too large, cross-origin post): rendered by the catch-all route. */
    refusal?: { status: number; statusText: string };
    /** Tells the page cache (server/page-cache.ts) that this answer must not be stored nor validated (stale figures). */
    doNotCache?: () => void;
    /** Set by the page cache: an anonymous public page, shared by everyone, so nothing of the visitor (no CSRF token). */
    publicPage?: boolean;
    /** Set by an action that sends its form back with errors: the page's loaders run after it (same request without JavaScript) and title the page "Error: …". */
    formHasErrors?: boolean;
  }
}
