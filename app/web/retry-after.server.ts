import type { HeadersFunction } from "@remix-run/node";

/** A route's `headers`: a refused attempt (429) says when the next one may be made. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
