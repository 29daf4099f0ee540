import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/utils/locale.server";

// Any other path under a language is a translated 404. server/app.ts also renders here the
// refusals it makes before any route runs (413, 403), so they get the same translated page.
export function loader({ context }: LoaderFunctionArgs): never {
  if (context.refusal) throw new Response(null, context.refusal);
  notFound();
}

export default function NotFound() {
  return null;
}
