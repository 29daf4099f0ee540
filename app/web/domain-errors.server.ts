import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";

/**
 * The response for a typed refusal of a model: its 4xx, which the error page (app/root.tsx) shows
 * translated. Anything else is not a refusal and stays what it is (a 500 if nothing handles it).
 */
export function domainErrorResponse(error: DomainError): Response {
  if (error instanceof NotFoundError) return new Response("Not found", { status: 404, statusText: "Not Found" });
  if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  // InvalidError, and any refusal added later without its own status: still a 4xx, never a 500.
  return new Response("Bad request", { status: 400, statusText: "Bad Request" });
}

/**
 * Runs a loader or action so that a model's typed refusal becomes its 4xx response (thrown, as
 * Remix expects, so the error page renders). A route exports an arrow function that calls it,
 * `export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);`, not the
 * result of a call: the browser build drops an unused arrow function, not a call it cannot prove pure.
 */
export async function withDomainErrors<A, R>(handler: (args: A) => Promise<R>, args: A): Promise<R> {
  try {
    return await handler(args);
  } catch (error) {
    if (error instanceof DomainError) throw domainErrorResponse(error);
    throw error;
  }
}
